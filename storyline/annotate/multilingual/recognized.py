"""Dates read by Microsoft Recognizers-Text (Spanish, French, Chinese), and where a date
written without its year falls.

The library's Python port loses dates to the words around them ("el miércoles con su
familia" reads nothing, "lundi." a day with no value, "9 de octubre una" a clock time), so
each date word it leaves unread, or read without a value, is read again with only the
two words before it and the date words after it ("huyó el miércoles"). Its readings are
then checked against what the words say:

- a span with no digit must hold a month, weekday or day word ("mer", the sea, is no
  Wednesday; "la noche" alone is no day);
- a month read apart from the year written right after it ("de février" | "2011") takes
  that year, and a month read with no value ("en mars") is that month; a year read from
  the number after a comma ("27 janvier, 16 000 manifestants") is dropped, and the day
  placed as one without a year;
- a part of a day ("mardi soir", "el martes por la noche") and a night across two days
  ("dans la nuit de lundi à mardi") date the day they start on;
- a day written with its weekday ("jeudi 23 juillet") is kept only in a year where that
  day is that weekday: a page's furniture from another year, such as an edition's date,
  names a weekday that does not fit;
- a weekday with the language's "last" ("mardi dernier") is the last such day before the
  report's: the library's French reads it as the week before's (a Thursday's "mardi
  dernier" nine days back, not two);
- a weekday and a bare number ("jeudi 3", "el martes 25"), which the library reads as a
  clock time, is the day of that number that falls on that weekday, in the report's month
  or the one before or after; none is read when no such day lies within ``NEAR_MONTH_DAY``
  days of the report;
- a count of days after the language's "ago" words ("il y a deux jours", "hace dos
  días"), which the library reads as a length, is that many days before the report.
"""

from __future__ import annotations

import datetime
import functools
import logging
import re
from collections.abc import Callable
from typing import Any

from storyline.calendar_safe import in_calendar, shift_days
from storyline.languages.calendar import CALENDARS
from storyline.languages.day_shapes import days_of_month
from storyline.languages.words import WORDS, stop_words

log = logging.getLogger(__name__)

RECOGNIZED = {"es": "Spanish", "fr": "French", "zh": "Chinese"}  # Recognizers-Text cultures
AHEAD = 30  # days after publication a day without a year may fall, as in date_refs
MAX_WORDS = 6  # longer Recognizers-Text spans are misreadings: a date takes fewer words
# How far a date without its year may be placed: ahead of the report when its clause looks
# ahead, back from it otherwise; beyond these, the candidate nearest the report.
AHEAD_REACH, BACK_REACH = 183, 335
# Units of relative dates ("el año pasado", "la semaine dernière"), also date words.
UNITS = {
    "es": frozenset({"año", "años", "mes", "meses", "semana", "semanas", "día", "días"}),
    "fr": frozenset({"an", "ans", "année", "années", "mois", "semaine", "semaines", "jour",
                     "jours"}),
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_NO_YEAR = re.compile(r"XXXX-\d\d(?:-\d\d)?")
_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
# A night or a day's part across two days: "(XXXX-WXX-1,XXXX-WXX-2,P1D)".
_ONE_DAY_RANGE = re.compile(r"\((XXXX-WXX-[1-7]|\d{4}-\d\d-\d\d),[^,]+,P1D\)")
_YEAR_AFTER = re.compile(r"\s+(?:de\s+)?((?:1[6-9]|20)\d\d)\b")
_COMMA_NUMBER = re.compile(r",\s*\d{1,3}$")
_FULL_STOP = re.compile(r"(?<=\w)\.(?=\s|$)")
_WORDS_BEFORE = 2  # words read before a date word when it is read again alone
AGO_DAYS = 31  # "il y a N jours" dates a day up to this many days back; longer is a length
_DAYS = re.compile(r"P(\d+)D")
NEAR_MONTH_DAY = 14  # "jeudi 3": days from the report its day of the month may lie
_WEEKDAY_NUMBER = re.compile(r"([^\W\d_]+)\s+(?:le\s+|el\s+)?(1er|[12]\d|3[01]|0?[1-9])")


@functools.cache
def _model(culture: str) -> Any:
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    return DateTimeRecognizer(getattr(Culture, culture)).get_datetime_model()


def date_words(language: str) -> frozenset[str]:
    """The words that make a span a date without a digit: months, weekdays, day words."""
    calendar = CALENDARS.get(language)
    if calendar is None:
        return frozenset()
    return frozenset(
        {*calendar.month_numbers, *calendar.weekday_numbers, *WORDS[language].deictic}
        | UNITS.get(language, frozenset())
    )


def recognized(
    text: str,
    cues: list[tuple[int, int]],
    language: str,
    anchor: datetime.date | None,
    future: Callable[[int, int], bool],
) -> list[tuple[int, int, str | None]]:
    """(start, end, value) of the dates in ``text`` (a stretch of a sentence) whose
    date words are at ``cues``; ``future(start, end)`` says whether a date's clause looks
    ahead."""
    plain = _FULL_STOP.sub(" ", text)  # "lundi." is read with no value; "lundi " is not
    out = _read(plain, 0, len(plain), language, anchor, future)
    for cue_start, cue_end in cues:
        if any(s <= cue_start and cue_end <= e for s, e, _ in out):
            continue
        a, b = _around(plain, cue_start, cue_end, language)
        again = _read(plain, a, b, language, anchor, future)
        out += [r for r in again if r[0] < cue_end and cue_start < r[1]]
    # "février 2011" joined: the year read apart inside it is dropped
    return sorted(
        r
        for r in set(out)
        if not any(s <= r[0] and r[1] <= e and (s, e) != r[:2] for s, e, _ in out)
    )


def _around(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The date word at ``text[start:end]`` with ``_WORDS_BEFORE`` words before it and the
    date words, numbers and small words after it ("el 14 de enero de 2011")."""
    words = date_words(language)
    before = [m.start() for m in re.finditer(r"\S+", text[:start])]
    a = before[-_WORDS_BEFORE] if len(before) >= _WORDS_BEFORE else 0
    b = end
    for m in re.finditer(r"\S+", text[end:]):
        word = m.group().strip(",").lower()
        if not (word.isdigit() or word in words or len(word) <= 3):
            break
        b = end + m.end()
    return a, b


def _read(
    text: str,
    a: int,
    b: int,
    language: str,
    anchor: datetime.date | None,
    future: Callable[[int, int], bool],
) -> list[tuple[int, int, str | None]]:
    ref = datetime.datetime.combine(anchor or datetime.date(2000, 6, 15), datetime.time())
    try:
        results = _model(RECOGNIZED[language]).parse(text[a:b], ref)
    except (OverflowError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        log.debug("Recognizers-Text (%s) failed on %r", language, text[a:b], exc_info=True)
        return []
    out: list[tuple[int, int, str | None]] = []
    words = date_words(language)
    months = CALENDARS[language].month_numbers if language in CALENDARS else {}
    for r in results:
        kind = r.type_name.rsplit(".", 1)[-1]
        if kind == "duration" and anchor is not None:
            out += _ago(text, a + r.start, a + r.end + 1, r.resolution, language, anchor)
        if kind not in ("date", "daterange", "datetime", "datetimerange"):
            continue
        start, end = _trimmed(text, a + r.start, a + r.end + 1, language)
        span = text[start:end]
        tokens = {w.lower() for w in _WORD.findall(span)}
        if len(tokens) > MAX_WORDS or len(_WORD.findall(span)) > MAX_WORDS:
            continue  # the library's long spans ("cinco meses después de ... hoy") misread
        if language != "zh" and not any(c.isdigit() for c in span) and not tokens & words:
            continue  # "mer" (the sea) read as Wednesday, "la noche" as tonight
        if span.lower() in UNITS.get(language, ()):
            continue  # "el día de hoy" read as "día" and "hoy": a unit alone names no day
        values = [v for v in (r.resolution or {}).get("values") or [] if "timex" in v]
        if not values and span.lower() in months:
            values = [{"timex": f"XXXX-{months[span.lower()]:02d}"}]  # "en mars": no value
        if _COMMA_NUMBER.search(span) and not _YEAR.search(span):
            # "27 janvier, 16": the number after the comma is no year
            end = text.rindex(",", start, end)
            values = [{"timex": "XXXX" + v["timex"][4:10]} for v in values[:1]]
        timexes = {v["timex"] for v in values}
        year = _YEAR_AFTER.match(text, end)
        if year and timexes and all(re.fullmatch(r"XXXX-\d\d", t) for t in timexes):
            # "de février" | "2011": the month of the year written after it
            values = [{"timex": year.group(1) + next(iter(timexes))[4:]}]
            end = year.end()
        value = choose(values, anchor, future(start, end))
        last = _last_weekday(text, start, end, language, anchor)
        if last is not None:
            value, end = last
        numbered = _weekday_number(text[start:end], language, anchor)
        if numbered is not None:
            value = numbered or None
        if value is not None and not _fits_weekday(text[start:end], value, language):
            continue
        if value is not None and (anchor is not None or _YEAR.search(text[start:end])):
            out.append((start, end, value))
    return out


def _ago(
    text: str, start: int, end: int, resolution: Any, language: str, anchor: datetime.date
) -> list[tuple[int, int, str | None]]:
    """The day a length read at ``text[start:end]`` counts back to when the language's
    "ago" words come right before it ("il y a deux jours"), as (start, end, ISO day)."""
    values = (resolution or {}).get("values") or []
    days = _DAYS.fullmatch(values[0].get("timex", "")) if values else None
    if days is None or not 0 < int(days.group(1)) <= AGO_DAYS:
        return []
    before = text[:start].rstrip()
    for ago in WORDS[language].ago:
        opens = len(before) - len(ago)
        if before[opens:].lower() == ago and (opens == 0 or not before[opens - 1].isalnum()):
            while end > start and not text[end - 1].isalnum():
                end -= 1
            day = shift_days(anchor, -int(days.group(1)))
            return [(opens, end, day.isoformat())] if day else []
    return []


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")


def _last_weekday(
    text: str, start: int, end: int, language: str, anchor: datetime.date | None
) -> tuple[str, int] | None:
    """(ISO day, end) of a weekday the language's "last" follows ("mardi dernier"): the
    last such day before ``anchor``; None for any other span."""
    if anchor is None or language not in CALENDARS or any(c.isdigit() for c in text[start:end]):
        return None
    weekdays = CALENDARS[language].weekday_numbers
    for m in _WORD.finditer(text, start, end):
        after = _NEXT_WORD.match(text, m.end())
        if (
            m.group().lower() in weekdays
            and after
            and after.group(1).lower() in WORDS[language].last
        ):
            back = (anchor.weekday() - weekdays[m.group().lower()] - 1) % 7 + 1
            day = shift_days(anchor, -back)
            return (day.isoformat(), max(end, after.end())) if day else None
    return None


def _weekday_number(span: str, language: str, anchor: datetime.date | None) -> str | None:
    """The ISO day "jeudi 3" names (see the docstring), "" when no day fits, None when
    ``span`` is no weekday and bare number."""
    m = _WEEKDAY_NUMBER.fullmatch(span.strip())
    weekdays = CALENDARS[language].weekday_numbers if language in CALENDARS else {}
    if m is None or m.group(1).lower() not in weekdays or anchor is None:
        return None
    number = 1 if m.group(2) == "1er" else int(m.group(2))
    weekday = weekdays[m.group(1).lower()]
    fits = (
        d
        for d in days_of_month(anchor, number)
        if d.weekday() == weekday and abs((d - anchor).days) <= NEAR_MONTH_DAY
    )
    return next((d.isoformat() for d in fits), "")


def _trimmed(sentence: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The span without punctuation at its end and stop words at its start ("desde el")."""
    while end > start and not sentence[end - 1].isalnum():
        end -= 1
    stops = stop_words(language)
    while (m := _WORD.match(sentence, start)) and m.end() < end and m.group().lower() in stops:
        start = m.end()
        while start < end and sentence[start].isspace():
            start += 1
    return start, end


def _fits_weekday(span: str, value: str, language: str) -> bool:
    """Whether a day written with a weekday and a day of the month falls on that weekday."""
    if len(value) != 10 or not any(c.isdigit() for c in span) or language not in CALENDARS:
        return True
    weekdays = CALENDARS[language].weekday_numbers
    named = [weekdays[w.lower()] for w in _WORD.findall(span) if w.lower() in weekdays]
    return not named or datetime.date.fromisoformat(value).weekday() == named[0]


def choose(values: list[dict[str, str]], anchor: datetime.date | None, future: bool) -> str | None:
    """The candidate the tense asks for. A day or month without a year ("XXXX-03-03") is
    placed here, not by the library (its French candidates are a year off): looking
    ahead, the first on or after the anchor; else the latest up to ``AHEAD`` days after
    it (news reports look back). A weekday, a part of a day and a night across two days
    take the library's candidates (their first day) the same way."""
    candidates = []
    reach = 0  # days after the anchor a looking-back reading may still fall
    for v in values:
        timex = v["timex"].split("T")[0]
        start = (v.get("value") or v.get("start") or "")[:10]
        if _VALUE.fullmatch(timex):
            candidates.append(timex)
        elif _NO_YEAR.fullmatch(timex):
            if anchor is None:
                return None
            years = range(anchor.year - 1, anchor.year + 2)
            candidates.extend(f"{y:04d}{timex[4:]}" for y in years)
            reach = AHEAD
        elif _DAY_VALUE.fullmatch(start) and (
            timex.startswith("XXXX") or _ONE_DAY_RANGE.fullmatch(v["timex"])
        ):
            candidates.append(start)
    candidates = sorted({c for c in candidates if in_calendar(c)})
    if not candidates:
        return None
    if anchor is None or len(candidates) == 1:
        return candidates[0]
    day = anchor.isoformat()
    ahead = (shift_days(anchor, AHEAD_REACH) or anchor).isoformat()
    back = (shift_days(anchor, -BACK_REACH) or anchor).isoformat()
    if future:
        fits = [c for c in candidates if day[: len(c)] <= c <= ahead[: len(c)]]
        if fits:
            return fits[0]
    else:
        limit = (shift_days(anchor, reach) or anchor).isoformat()
        fits = [c for c in candidates if back[: len(c)] <= c <= limit[: len(c)]]
        if fits:
            return fits[-1]
    return min(candidates, key=lambda c: abs(_days_between(c, anchor)))


def _days_between(value: str, anchor: datetime.date) -> int:
    first = datetime.date.fromisoformat((value + "-01-01")[:10])
    return (first - anchor).days
