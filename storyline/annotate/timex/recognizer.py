"""Microsoft Recognizers-Text at the boundary: run it, and map its results to TimeML.

The recognizer gives, per match, a TIMEX-like string plus one or two resolved
candidates (the past and the future reading of "on Sunday" or "February 6").  This
module picks a candidate (the caller says which way the verb points), and turns the
result into a TimeML value at the granularity the text gives: "early February" stays
a month although the library resolves it to 1-16 February, and "a year ago" stays a
year although the library counts back to a day.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from storyline.annotate.nlp import english_recognizer
from storyline.annotate.timex.rules import TIME_UNITS, UNIT_LETTER, Reading, granularity_of
from storyline.calendar_safe import in_calendar, make_day, shift_days, year_ok
from storyline.errors import RecognizerError
from storyline.languages.calendar import ENGLISH, alternation

log = logging.getLogger(__name__)

# Stands in for a missing anchor inside the library call only; callers without an
# anchor read the text against two dates and keep what does not depend on them.
_NO_ANCHOR = datetime.datetime(2000, 6, 15)

_WEEKDAYS = ENGLISH.weekday_names
_WEEKDAY_WORD = r"\b(?:" + "|".join(_WEEKDAYS) + r")\b"
_DAY_PARTS = frozenset({"MO", "AF", "EV", "NI"})
_WEEKDAY_ONLY = re.compile(r"(?:(this|on)\s+)?(" + "|".join(_WEEKDAYS) + r")")
# Words that show the text itself names a day.
_DAY_WORDS = re.compile(
    r"\b(?:\d|" + "|".join(_WEEKDAYS) + r"|today|tonight|yesterday|tomorrow|days?\b|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+teenth|\w+tieth)"
)
_LAST_MONTH = re.compile(r"\blast\s+(?:" + alternation(ENGLISH.month_numbers) + r")\b")
_AGO = re.compile(r"\b(day|week|month|quarter|year|decade)s?\s+(?:ago|earlier|before|later|after)")
_VAGUE_NUMBER = re.compile(r"\b(?:several|few|many|some|couple|coming|recent)\b")
_AGE = re.compile(r"\d+[- ](?:year|month|week|day)s?[- ]old|\byears?[- ]old\b")
_RANGE = re.compile(r"\((\S+?),(\S+?),(P\S+)\)")
_PERIOD = re.compile(r"P(T?)(\d+(?:\.\d+)?)([A-Z])")


@dataclass(frozen=True, slots=True)
class Match:
    """One recognizer match: character offsets into the text given (end exclusive)."""

    start: int
    end: int
    text: str
    kind: str  # date, daterange, time, timerange, datetime, datetimerange, duration, set
    values: list[dict[str, str]]


@functools.cache
def _model() -> Any:
    """The English date-time model, built once per process (about half a second)."""
    return english_recognizer(
        "recognizers_date_time",
        "DateTimeRecognizer",
        "get_datetime_model",
        "Recognizers-Text",
        "pip install recognizers-text-date-time==1.0.2a2 'emoji<2'",
    )


def recognize(text: str, anchor: datetime.date | None) -> list[Match]:
    """Matches of the recognizer in ``text``, read against ``anchor``."""
    return list(_recognize(text, anchor))


# News repeats its time phrases ("on Monday", "last year", "2009") and a story's
# articles share dates, so the same (window, anchor) pair comes back often; the
# recognizer is the costliest step of the annotator. Matches are frozen; their
# value dicts are only read.
@functools.lru_cache(maxsize=65_536)
def _recognize(text: str, anchor: datetime.date | None) -> tuple[Match, ...]:
    ref = (
        datetime.datetime(anchor.year, anchor.month, anchor.day)
        if anchor is not None
        else _NO_ANCHOR
    )
    try:
        results = _model().parse(text, ref)
    except OverflowError:
        # The library's own arithmetic left the calendar (an anchor near 0001-01-01 or
        # 9999-12-31): no reading, as for our own (see storyline.calendar_safe).
        log.debug("Recognizers-Text left the calendar on %r against %s", text, ref)
        return ()
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise RecognizerError(f"Recognizers-Text failed on {text!r}: {exc}") from exc
    out = []
    for r in results:
        values = (r.resolution or {}).get("values") or []
        kind = r.type_name.rsplit(".", 1)[-1]
        out.append(Match(r.start, r.end + 1, r.text, kind, [v for v in values if "timex" in v]))
    return tuple(out)


def is_age(text: str) -> bool:
    """ "52-year-old", "two years old": an age, not a time expression."""
    return bool(_AGE.search(text.lower()))


def to_reading(
    match: Match, text: str, anchor: datetime.date | None, future: bool | None
) -> Reading | None:
    """The TimeML reading of one match; ``text`` is the span as written.

    ``future`` says which candidate to take when the library offers a past and a future
    one: True future, False past, None the one nearer the anchor.
    """
    if not match.values:
        return None
    low = " ".join(text.lower().split())
    chosen = _choose(match.values, anchor, future)
    timex = chosen["timex"]
    if timex in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return Reading("DATE", timex)
    if match.kind == "duration":
        return _duration(timex, low, chosen.get("value"))
    if match.kind == "set":
        return Reading("SET", timex)
    if m := _RANGE.fullmatch(timex):
        # "the past three years", "the next several months", "coming weeks": a stretch of
        # time reaching from the anchor, which TimeML marks as a duration.
        return _duration(m.group(3), low)
    date_part, _, time_part = timex.partition("T")
    if date_part == "" and time_part:
        if anchor is None:
            return Reading("TIME", f"XXXX-XX-XXT{_clock(time_part)}", "day", relative=True)
        return Reading("TIME", f"{anchor.isoformat()}T{_clock(time_part)}", "day", relative=True)
    date_value: str | None
    weekday = _WEEKDAY_ONLY.fullmatch(low)
    if weekday and anchor is not None:
        date_value = _weekday(_WEEKDAYS.index(weekday.group(2)), anchor, future)
    elif anchor is not None and re.fullmatch(r"XXXX-WXX-\d", date_part):
        # "Wednesday night": the library's past candidate skips the anchor's own day.
        date_value = _weekday(int(date_part[-1]) - 1, anchor, future)
    elif anchor is not None and re.fullmatch(r"\d{4}-W\d\d-WE", date_part) and not future:
        # "the weekend" in a past-tense sentence is the one before the anchor.
        day = shift_days(anchor, -((anchor.weekday() - 5) % 7))
        date_value = None if day is None else "{:04d}-W{:02d}-WE".format(*day.isocalendar()[:2])
    elif (
        anchor is not None
        and (m := _LAST_MONTH.search(low))
        and re.fullmatch(r"\d{4}-\d\d", date_part)
    ):
        # "last June" is the latest June before the anchor's month; the library takes
        # last year's June even in October.
        month = int(date_part[5:])
        year = anchor.year if month < anchor.month else anchor.year - 1
        date_value = f"{year:04d}-{month:02d}" if year_ok(year) else None
    elif anchor is not None and re.fullmatch(r"XXXX-\d\d(-\d\d)?", date_part):
        date_value = _nearest_year(date_part, anchor, future)
    else:
        date_value = _resolve_date(date_part, chosen)
    if date_value is None:
        log.debug("%r resolves outside the calendar against %s", text, anchor)
        return None
    if not time_part:
        date_value = _trim_to_text(date_value, low)
    if not in_calendar(date_value):  # "31/02/2031": a day no calendar has
        log.debug("no such day %r for %r", date_value, text)
        return None
    relative = "X" in date_part or not re.search(r"\b\d{4}\b|'\d\d\b", low)
    if time_part:
        # "Wednesday night": TimeML types a named day's part of day as a DATE.
        kind = "DATE" if time_part in _DAY_PARTS and re.search(_WEEKDAY_WORD, low) else "TIME"
        return Reading(kind, f"{date_value}T{_clock(time_part)}", "day", relative)
    gran = granularity_of(date_value)
    if gran is None:
        log.debug("unrecognized date value %r for %r", date_value, text)
        return None
    return Reading("DATE", date_value, gran, relative)


FAR_BACK_DAYS = 300
NEAR_AHEAD_DAYS = 45


def _nearest_year(date_part: str, anchor: datetime.date, future: bool | None) -> str | None:
    """Give "XXXX-02" or "XXXX-02-06" the year that puts it on the side the verb points.

    The anchor's own month (or day) counts as both past and future: "in August" written
    in August is this August.  February 29 falls in the leap years on either side.  None
    when the day exists in no year ("February 30") or one side lies outside the
    calendar: the choice between them can't be made.
    """
    month_day = date_part[5:]
    here = anchor.isoformat()[5 : 5 + len(month_day)]
    first_past = anchor.year if month_day <= here else anchor.year - 1
    first_future = anchor.year if month_day >= here else anchor.year + 1
    month = int(month_day[:2])
    past_year: int | None = first_past if year_ok(first_past) else None
    future_year: int | None = first_future if year_ok(first_future) else None
    if len(month_day) == 5:
        day = int(month_day[3:])
        past_year = _year_with_day(month, day, first_past, -1)
        future_year = _year_with_day(month, day, first_future, 1)
    if past_year is None or future_year is None:
        return None
    back = (anchor.month - month) % 12
    ahead = (month - anchor.month) % 12
    if len(month_day) == 5:
        gone = anchor - datetime.date.fromisoformat(f"{past_year:04d}-{month_day}")
        coming = datetime.date.fromisoformat(f"{future_year:04d}-{month_day}") - anchor
    if future is None and len(month_day) == 5:
        future = coming < gone
    elif future is None:
        future = ahead < back
    elif len(month_day) == 2:
        pass  # a month: the verb's side stands
    elif future:
        # The mirror case: a future-looking verb over a day a year ahead, when the
        # same day a few weeks back fits ("since Jan. 14", written on January 15).
        future = not (coming.days > FAR_BACK_DAYS and gone.days <= NEAR_AHEAD_DAYS)
    else:
        # A past-tense verb may govern a noun that carries a coming date ("called off
        # the hearing on April 4", written on April 3): a day almost a year back is
        # then far less likely than one a few weeks ahead.
        future = gone.days > FAR_BACK_DAYS and coming.days <= NEAR_AHEAD_DAYS
    return f"{future_year if future else past_year:04d}-{month_day}"


def _year_with_day(month: int, day: int, year: int, step: int) -> int | None:
    """``year``, or the nearest year from it in the direction of ``step`` that has the
    day (February 29: a leap year), within the calendar; None if there is none."""
    for y in range(year, year + 9 * step, step):
        if not year_ok(y):
            return None
        if make_day(y, month, day) is not None:
            return y
    return None


def _choose(
    values: list[dict[str, str]], anchor: datetime.date | None, future: bool | None
) -> dict[str, str]:
    if len(values) < 2:
        return values[0]
    past, fut = values[0], values[-1]
    if future is not None:
        return fut if future else past
    ref = anchor or _NO_ANCHOR.date()

    def distance(v: dict[str, str]) -> int:
        day = (v.get("value") or v.get("start") or "")[:10]
        try:
            return abs((datetime.date.fromisoformat(day) - ref).days)
        except ValueError:
            return 10**6

    return past if distance(past) <= distance(fut) else fut


def _duration(timex: str, low: str, seconds: str | None = None) -> Reading | None:
    m = _PERIOD.fullmatch(timex)
    if m is None and "decade" in low:
        # The library spells decades oddly ("P11" for one decade); its seconds are right.
        if _VAGUE_NUMBER.search(low) or seconds is None or not seconds.isdigit():
            return Reading("DURATION", "PXY" if seconds is None else "PXE")
        return Reading("DURATION", f"P{round(int(seconds) / 31_536_000)}Y")
    if m is None:
        return Reading("DURATION", timex)
    time_flag, number, letter = m.groups()
    if _VAGUE_NUMBER.search(low):
        number = "X"
    elif number.endswith(".0"):
        number = number[:-2]
    # The library spells weeks as days in ranges ("P7D"); keep the unit the text uses.
    for unit, unit_letter in UNIT_LETTER.items():
        if (
            re.search(rf"\b{unit}s?\b", low)
            and unit_letter != letter
            and unit not in TIME_UNITS
            and not time_flag
            and number != "X"
            and unit in ("week", "decade", "quarter")
        ):
            return Reading("DURATION", _converted(number, letter, unit))
    return Reading("DURATION", f"P{time_flag}{number}{letter}")


def _converted(number: str, letter: str, unit: str) -> str:
    """Express a library period in the unit the text names (14 days -> 2 weeks)."""
    per = {"week": ("D", 7), "decade": ("Y", 10), "quarter": ("M", 3)}[unit]
    if letter == per[0] and float(number) % per[1] == 0:
        return f"P{int(float(number)) // per[1]}{UNIT_LETTER[unit]}"
    return f"P{number}{letter}"


def _clock(time_part: str) -> str:
    """ "10" -> "10:00", "10:30" stays, parts of day ("MO", "EV") stay."""
    return f"{time_part}:00" if re.fullmatch(r"\d\d", time_part) else time_part


def _weekday(weekday: int, anchor: datetime.date, future: bool | None) -> str | None:
    """A weekday named alone or with "this": the nearest such day on the side the verb points.

    The library reads "this Sunday" as the coming one even in "met this Sunday".
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if future is None:
        future = ahead < back
    day = shift_days(anchor, ahead if future else -back)
    return None if day is None else day.isoformat()


def _resolve_date(date_part: str, chosen: dict[str, str]) -> str:
    """Fill the X's of a library timex from the candidate it resolved."""
    if "X" not in date_part:
        return date_part
    resolved = (chosen.get("value") or chosen.get("start") or "")[:10]
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", resolved):
        return date_part
    if re.fullmatch(r"XXXX-\d\d", date_part):
        return resolved[:7]
    if re.fullmatch(r"XXXX-(SP|SU|FA|WI)", date_part):
        return resolved[:4] + date_part[4:]
    if re.fullmatch(r"XXXX-WXX-\d|XXXX-\d\d-\d\d", date_part):
        return resolved
    return date_part


def _trim_to_text(value: str, low: str) -> str:
    """Drop a day (or month) that the text does not give: "a year ago" is a year."""
    if not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", value):
        return value
    if m := _AGO.search(low):
        unit = m.group(1)
        if unit in ("year", "decade"):
            return value[:4]
        if unit == "quarter":
            month = value[5:7]
            return f"{value[:4]}-Q{(int(month) - 1) // 3 + 1}" if month.isdigit() else value[:4]
        if unit == "month":
            return value[:7]
        if unit == "week":
            return _iso_week(value)
        return value
    if not _DAY_WORDS.search(low):
        return value[:7]
    return value


def _iso_week(value: str) -> str:
    try:
        year, week, _ = datetime.date.fromisoformat(value).isocalendar()
    except ValueError:
        return "XXXX-WXX"
    return f"{year}-W{week:02d}"
