"""The common time expressions read without Recognizers-Text, exactly as it reads them.

Each call to the recognizer costs about 15-20 ms, the largest part of annotating an
article's dates.  Most expressions in news are a few plain shapes: a year ("1998"), a
weekday ("Friday", "Friday night", "last Friday"), "today", "last week", a month with
or without a day and year ("Aug. 13", "March 5, 1946", "June", "last November"), a
count of units ("six months", "the past four years"), a clock time ("10 p.m.").  For
these this module builds the matches the recognizer returns (kind and TIMEX value), so
the mapping in ``recognizer.to_reading`` gives the same reading; anything else
("early June", "the weekend", ranges, "Friday at noon") returns None and goes to the
library.  ``tests/annotate/test_timex.py`` checks the equivalence against the library
on every shape; over 8,000 phrase and date pairs the one difference found is the
library's "last month" on December 31 (the same month), which this module reads as
the month before.

Hand-written because the point is to skip the library: a regular expression per
shape and the calendar arithmetic the library would do.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from storyline.annotate.timex.recognizer import Match
from storyline.calendar_safe import shift_days, year_ok
from storyline.languages.calendar import ENGLISH, alternation

_WEEKDAYS = ENGLISH.weekday_names
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_MONTHS = ENGLISH.month_numbers
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNITS = {
    "minute": ("PT", "M", 60), "hour": ("PT", "H", 3600), "day": ("P", "D", 86400),
    "week": ("P", "W", 604800), "month": ("P", "M", 2592000), "year": ("P", "Y", 31536000),
}  # fmt: skip
# Words the window may begin with that the recognizer leaves out of (or trims off) the
# match; core.py trims them from the span in either case.
_LEAD = re.compile(r"(?:(?:since|until|till|on|in|by|from|before|after|at|during)\s+)?")
# Words before a date or a count the recognizer leaves out of its match.
_THE = re.compile(r"the\s+")
_ABOUT = re.compile(r"(?:about|almost|nearly|only|roughly)\s+")
_MONTH = r"(" + alternation(_MONTHS) + r")\.?"

_YEAR = re.compile(r"(1\d{3}|20\d\d|21\d\d)")
_WEEKDAY = re.compile(r"(" + "|".join(_WEEKDAYS) + r")(?:\s+(morning|afternoon|evening|night))?")
_WEEKDAY_DATE = re.compile(r"(?:" + "|".join(_WEEKDAYS) + r"),\s+(.+)")
_DEICTIC = re.compile(r"today|tonight|tomorrow|yesterday")
_RELATIVE = re.compile(r"(?:(?:earlier|later)\s+(?=this))?(last|this|next)\s+(week|month|year)")
_MONTH_DAY = re.compile(_MONTH + r"\s+([1-9]|[12]\d|3[01])(?:,?\s+(1\d{3}|20\d\d))?")
_MONTH_YEAR = re.compile(_MONTH + r"(?:\s+(1\d{3}|20\d\d))?")
_COUNT = re.compile(
    r"(\d{1,3}|" + "|".join(_NUMBERS) + r")(?:\s+(minute|hour|day|week|month|year)s?"
    r"|-(minute|hour|day|week|month|year))"
)
_LAST_WEEKDAY = re.compile(r"last\s+(" + "|".join(_WEEKDAYS) + r")")
_LAST_MONTH = re.compile(r"last\s+" + _MONTH)
_STRETCH = re.compile(
    r"(?:past|last|next|coming)\s+(\d{1,3}|" + "|".join(_NUMBERS) + r")\s+"
    r"(minute|hour|day|week|month|year)s?"
)
_CLOCK = re.compile(r"(?:([1-9]|1[01])(?::([0-5]\d))?\s*([ap])\.m\.|(noon|midday))")


def fast_matches(text: str, anchor: datetime.date) -> list[Match] | None:
    """The recognizer's matches for ``text`` if it is one of the plain shapes, else None."""
    low = text.lower()
    lead = _LEAD.match(low)
    offset = lead.end() if lead else 0
    rest = low[offset:]
    if rest != rest.strip() or not rest:
        return None
    readers: tuple[_Reader, ...] = _READERS
    if (skip := _THE.match(rest) or _ABOUT.match(rest)) is not None:
        offset, rest = offset + skip.end(), rest[skip.end() :]
        readers = _AFTER_THE if skip.group().startswith("the") else (_count,)
    for read in readers:
        found = read(rest, anchor)
        if found is not None:
            kind, values = found
            return [Match(offset, len(low), rest, kind, values)]
    return None


_Found = tuple[str, list[dict[str, str]]] | None
# What a reader gives for its shape when the day falls outside the calendar (an
# article dated 0001-01-01 says "yesterday"): a match without values, which
# ``to_reading`` reads as no date, rather than None, which would send the text to
# the library to fail there.
_OFF_CALENDAR: _Found = ("date", [])
_Reader = Callable[[str, datetime.date], _Found]


def _year(text: str, anchor: datetime.date) -> _Found:
    if not _YEAR.fullmatch(text):
        return None
    return "daterange", [{"timex": text, "type": "daterange", "start": f"{text}-01-01"}]


def _weekday(text: str, anchor: datetime.date) -> _Found:
    if (m := _WEEKDAY.fullmatch(text)) is None:
        return None
    day = _WEEKDAYS.index(m.group(1))
    past = shift_days(anchor, -((anchor.weekday() - day) % 7 or 7))
    coming = shift_days(anchor, (day - anchor.weekday()) % 7)
    if past is None or coming is None:
        return _OFF_CALENDAR
    timex = f"XXXX-WXX-{day + 1}"
    if m.group(2):
        timex += f"T{_PARTS[m.group(2)]}"
        return "datetimerange", [
            {"timex": timex, "type": "datetimerange", "start": f"{d.isoformat()} 00:00:00"}
            for d in (past, coming)
        ]
    return "date", [
        {"timex": timex, "type": "date", "value": d.isoformat()} for d in (past, coming)
    ]


def _deictic(text: str, anchor: datetime.date) -> _Found:
    if not _DEICTIC.fullmatch(text):
        return None
    if text == "tonight":
        timex = f"{anchor.isoformat()}TNI"
        return "datetimerange", [{"timex": timex, "type": "datetimerange"}]
    return _day_after(anchor, {"today": 0, "tomorrow": 1, "yesterday": -1}[text])


def _day_after(anchor: datetime.date, days: int) -> _Found:
    """The day ``days`` after ``anchor`` (before it when negative), read as the library
    reads a date."""
    moved = shift_days(anchor, days)
    if moved is None:
        return _OFF_CALENDAR
    day = moved.isoformat()
    return "date", [{"timex": day, "type": "date", "value": day}]


def _relative(text: str, anchor: datetime.date) -> _Found:
    if (m := _RELATIVE.fullmatch(text)) is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}[m.group(1)]
    if m.group(2) == "week":
        if (moved := shift_days(anchor, 7 * shift)) is None:
            return _OFF_CALENDAR
        year, week, _ = moved.isocalendar()
        timex = f"{year:04d}-W{week:02d}"
    elif m.group(2) == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        timex = f"{year:04d}-{month + 1:02d}"
    else:
        year = anchor.year + shift
        timex = f"{year:04d}"
    if not year_ok(year):
        return _OFF_CALENDAR
    return "daterange", [{"timex": timex, "type": "daterange"}]


def _weekday_date(text: str, anchor: datetime.date) -> _Found:
    """ "Thursday, April 6": the recognizer keeps the date and drops the weekday."""
    if (m := _WEEKDAY_DATE.fullmatch(text)) is None:
        return None
    return _month_day(m.group(1), anchor)


def _clock(text: str, anchor: datetime.date) -> _Found:
    if (m := _CLOCK.fullmatch(text)) is None:
        return None
    if m.group(4):
        hour, minute = 12, None
    else:
        hour = int(m.group(1)) + (12 if m.group(3) == "p" else 0)
        minute = m.group(2)
    timex = f"T{hour:02d}" + (f":{minute}" if minute else "")
    return "time", [{"timex": timex, "type": "time"}]


def _last_weekday(text: str, anchor: datetime.date) -> _Found:
    """ "last Friday": the library names that day of the week (Monday to Sunday) before."""
    if (m := _LAST_WEEKDAY.fullmatch(text)) is None:
        return None
    return _day_after(anchor, _WEEKDAYS.index(m.group(1)) - anchor.weekday() - 7)


def _last_month(text: str, anchor: datetime.date) -> _Found:
    """ "last November": the library takes last year's; to_reading picks the year itself."""
    if (m := _LAST_MONTH.fullmatch(text)) is None:
        return None
    if not year_ok(anchor.year - 1):
        return _OFF_CALENDAR
    timex = f"{anchor.year - 1:04d}-{_MONTHS[m.group(1)]:02d}"
    return "daterange", [{"timex": timex, "type": "daterange"}]


def _stretch(text: str, anchor: datetime.date) -> _Found:
    """ "the past four years": a range reaching from the anchor, read as its length."""
    if (m := _STRETCH.fullmatch(text)) is None:
        return None
    number = m.group(1)
    n = int(number) if number.isdigit() else _NUMBERS[number]
    prefix, letter, _ = _UNITS[m.group(2)]
    return "daterange", [{"timex": f"(X,X,{prefix}{n}{letter})", "type": "daterange"}]


def _month_day(text: str, anchor: datetime.date) -> _Found:
    if (m := _MONTH_DAY.fullmatch(text)) is None:
        return None
    month, day = _MONTHS[m.group(1)], int(m.group(2))
    try:
        datetime.date(2000, month, day)  # a day that exists in some year
    except ValueError:
        return None
    if m.group(3):
        timex = f"{m.group(3)}-{month:02d}-{day:02d}"
        return "date", [{"timex": timex, "type": "date", "value": timex}]
    timex = f"XXXX-{month:02d}-{day:02d}"
    return "date", [{"timex": timex, "type": "date"}, {"timex": timex, "type": "date"}]


def _month_year(text: str, anchor: datetime.date) -> _Found:
    if (m := _MONTH_YEAR.fullmatch(text)) is None:
        return None
    month = _MONTHS[m.group(1)]
    if m.group(1) in ("mar", "may", "jun", "jul", "sep") and not m.group(2):
        return None  # short forms alone are words as often as months
    if m.group(2):
        return "daterange", [{"timex": f"{m.group(2)}-{month:02d}", "type": "daterange"}]
    timex = f"XXXX-{month:02d}"
    return "daterange", [{"timex": timex, "type": "daterange"}] * 2


def _count(text: str, anchor: datetime.date) -> _Found:
    if (m := _COUNT.fullmatch(text)) is None:
        return None
    number = m.group(1)
    n = int(number) if number.isdigit() else _NUMBERS[number]
    prefix, letter, seconds = _UNITS[m.group(2) or m.group(3)]
    timex = f"{prefix}{n}{letter}"
    return "duration", [{"timex": timex, "type": "duration", "value": str(n * seconds)}]


_READERS: tuple[_Reader, ...] = (
    _year, _weekday, _deictic, _relative, _month_day, _month_year, _count, _weekday_date,
    _clock, _last_weekday, _last_month, _stretch,
)  # fmt: skip
_AFTER_THE: tuple[_Reader, ...] = (_year, _month_day, _month_year, _count, _stretch)
