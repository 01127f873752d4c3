"""Hand-written rules for time expressions that Recognizers-Text gets wrong or misses.

Recognizers-Text has no decades ("the 1990s") or centuries ("the 20th century"), types
"now"/"recently" as clock times, makes vague durations concrete ("several days" -> P3D)
and reads "the first quarter" as a range of two candidate years.  These rules cover exactly
those gaps; everything else goes to the library (see ``core.py``).

Each rule looks at the whole text of one candidate span (leading prepositions already
removed) and returns a :class:`Reading`, or None when it does not apply.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from storyline.calendar_safe import shift_days, year_ok
from storyline.model import Granularity

# TimeML unit letters for duration values.
UNIT_LETTER = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
}
TIME_UNITS = frozenset({"second", "minute", "hour"})

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11,
    "twelfth": 12, "12th": 12, "thirteenth": 13, "13th": 13, "fourteenth": 14, "14th": 14,
    "fifteenth": 15, "15th": 15, "sixteenth": 16, "16th": 16, "seventeenth": 17, "17th": 17,
    "eighteenth": 18, "18th": 18, "nineteenth": 19, "19th": 19, "twentieth": 20, "20th": 20,
    "twenty-first": 21, "21st": 21, "twenty-second": 22, "22nd": 22,
}  # fmt: skip

_REF_WORDS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "once": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "soon": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}
# Phrases for the time ahead that spaCy does not label ("in the near term").
FUTURE_PHRASES = re.compile(
    r"\b(?:the\s+near\s+future|the\s+(?:near|short)\s+term|a\s+later\s+date)\b", re.IGNORECASE
)
# Words that make a candidate though spaCy does not label them.  "soon", "previously" and
# "once" are left out: TimeML rarely annotates them and they are mostly not dates.
REF_TRIGGERS = frozenset({"now", "currently", "recently", "nowadays", "lately"})

_DECADE = re.compile(r"(?:the\s+)?(?:(?:early|mid|late)[- ])?(\d{3})0'?s")
_SHORT_DECADE = re.compile(
    r"(?:the\s+)?(?:(?:early|mid|late)[- ])?(?:'(\d)0s|(twen|thir|for|fif|six|seven|eigh|nine)ties)"
)
_DECADE_WORDS = ("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine")
_CENTURY = re.compile(r"(?:the\s+)?(?:(?:early|mid|late)[- ])?([\w-]+)[- ]century")
_THIS_CENTURY = re.compile(r"this\s+century")
# Holidays with a fixed rule: (month, day) or (month, weekday, nth) where nth -1 is the last.
_HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "new year's": (1, 1),
    "independence day": (7, 4),
    "fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "election day": (11, 1, 0),  # the Tuesday after the first Monday of November
}
HOLIDAY = re.compile(
    r"\b(?:(last|next|this)\s+)?(?:the\s+)?("
    + "|".join(re.escape(h) for h in sorted(_HOLIDAYS, key=len, reverse=True))
    + r")(?:\s+day)?\b",
    re.IGNORECASE,
)
_EVERY = re.compile(r"(?:every|each|per)\s+(day|week|month|quarter|year|night|morning)")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# "June last year", "early March this year", "May of next year"
_MONTH_OF_YEAR = re.compile(
    r"(?:(?:early|mid|late)[- ])?("
    + "|".join(_MONTH_NAMES)
    + r")\s+(?:of\s+)?(last|this|next)\s+year"
)
_VAGUE = re.compile(
    r"(?:the\s+)?(?:(?:past|last|next|coming|recent|previous|following)\s+)?"
    r"(?:several|few|a\s+few|many|some|a\s+couple\s+of|couple\s+of|recent|coming|past)\s+"
    r"(days|weeks|months|years|decades|quarters|hours|minutes)"
)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_AGO = re.compile(
    r"(?:(?:about|nearly|almost|some|roughly|more\s+than|less\s+than|just|only)\s+)?"
    r"(\d+|[a-z]+)\s+(day|week|month|quarter|year|decade)s?\s+(?:ago|earlier)"
)
_VAGUE_AGO = re.compile(
    r"(?:(?:several|a\s+few|few|many|some|a\s+couple\s+of|a\s+number\s+of)\s+)?"
    r"(?:days|weeks|months|years|decades)\s+(?:ago|earlier)"
)
YEAR_PERIOD = re.compile(r"(?:the\s+)?(\d{4})\s+(?:quarter|period)")
_NAMED_QUARTER = re.compile(
    r"(?:the\s+|its\s+)?(?:(?:same|comparable|fiscal|latest|most\s+recent|"
    r"recent|past|previous|last|current|this|next|coming|year[- ]ago|year[- ]earlier|"
    r"just[- ]ended|just[- ]completed)\s+)*?"
    r"(current|this|next|coming|year[- ]ago|year[- ]earlier|latest|most\s+recent|"
    r"previous|last|past)?\s*(?:fiscal\s+)?(?:quarter|period)"
)
_QUARTER = re.compile(
    r"(?:(?:the|its|their|a|an)\s+)?(?:(?P<y1>\d{4})(?:'s)?\s+)?(?:(?:this|last|next)\s+year's\s+)?"
    r"(?:(?:comparable|same|corresponding)\s+)?(?P<back>year[- ](?:ago|earlier)\s+)?"
    r"(?:(?:fiscal|calendar)[- ])?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>\d{4}))?"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One normalized time expression, before it gets its offsets and sentence."""

    type: str  # DATE, TIME, DURATION, SET
    value: str
    granularity: Granularity | None = None
    relative: bool = False


def granularity_of(value: str) -> Granularity | None:
    """The calendar granularity of a TimeML DATE/TIME value, None for other values."""
    if "T" in value and re.match(r"\d{4}-\d\d-\d\dT", value):
        return "day"
    for pattern, gran in _GRANULARITY:
        if pattern.fullmatch(value):
            return gran
    return None


_GRANULARITY: list[tuple[re.Pattern[str], Granularity]] = [
    (re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}"), "day"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}-\d"), "day"),
    (re.compile(r"[\dX]{4}-W[\dX]{2}(-WE)?"), "week"),
    (re.compile(r"[\dX]{4}-[\dX]{2}"), "month"),
    (re.compile(r"[\dX]{4}-Q[\dX]"), "quarter"),
    (re.compile(r"[\dX]{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"[\dX]{4}"), "year"),
    (re.compile(r"[\dX]{3}"), "decade"),  # "XXX": "a decade ago" with no anchor
    (re.compile(r"[\dX]{2}"), "century"),
]


def match_rule(
    text: str, anchor: datetime.date | None, future: bool | None, context: str = ""
) -> Reading | None:
    """The reading of ``text`` (a whole candidate) by one of our rules, or None.

    ``context`` is the sentence around it (a count back in years in a sentence about
    quarters is read as a quarter, as earnings reports mean it).
    """
    text = " ".join(text.lower().split())
    if text in _REF_WORDS:
        return Reading("DATE", _REF_WORDS[text])
    if _VAGUE_AGO.fullmatch(text):
        return Reading("DATE", "PAST_REF")
    if m := _AGO.fullmatch(text):
        return _ago(m, anchor, "quarter" in context.lower())
    if m := _DECADE.fullmatch(text):
        return Reading("DATE", m.group(1), "decade")
    if m := _SHORT_DECADE.fullmatch(text):
        digit = int(m.group(1)) if m.group(1) else _DECADE_WORDS.index(m.group(2)) + 2
        return _short_decade(digit, anchor)
    if m := _CENTURY.fullmatch(text):
        number = _ORDINALS.get(m.group(1))
        if number is not None:
            return Reading("DATE", f"{number - 1:02d}", "century")
    if _THIS_CENTURY.fullmatch(text):
        if anchor is None:
            return Reading("DATE", "XX", "century", relative=True)
        return Reading("DATE", f"{anchor.year // 100:02d}", "century", relative=True)
    if m := HOLIDAY.fullmatch(text):
        return _holiday(m.group(2), m.group(1), anchor, future)
    if m := _EVERY.fullmatch(text):
        unit = m.group(1)
        if unit in ("night", "morning"):
            return Reading("SET", f"XXXX-XX-XXT{'NI' if unit == 'night' else 'MO'}")
        return Reading("SET", f"P1{UNIT_LETTER[unit]}")
    if m := _MONTH_OF_YEAR.fullmatch(text):
        month = _MONTH_NAMES.index(m.group(1)) + 1
        if anchor is None:
            return Reading("DATE", f"XXXX-{month:02d}", "month", relative=True)
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[m.group(2)]
        if not year_ok(year):
            return None
        return Reading("DATE", f"{year:04d}-{month:02d}", "month", relative=True)
    if m := _VAGUE.fullmatch(text):
        unit = m.group(1).rstrip("s")
        prefix = "PT" if unit in TIME_UNITS else "P"
        count = "2" if "couple" in text else "X"  # "a couple of years" is two
        return Reading("DURATION", f"{prefix}{count}{UNIT_LETTER[unit]}")
    if (m := _NAMED_QUARTER.fullmatch(text)) and (
        "quarter" in text or "year" in (m.group(1) or "")
    ):
        return _named_quarter(m, anchor)
    if m := _QUARTER.fullmatch(text):
        return _quarter(m, text, anchor, future)
    if m := YEAR_PERIOD.fullmatch(text):
        # "the 1988 quarter": the quarter the report is about (anaphora.py may name it),
        # else the one last completed.
        if anchor is None:
            return Reading("DATE", f"{m.group(1)}-QX", "quarter")
        return Reading("DATE", f"{m.group(1)}-Q{(_quarter_index(anchor) - 1) % 4 + 1}", "quarter")
    return None


def _ago(m: re.Match[str], anchor: datetime.date | None, quarters: bool) -> Reading | None:
    """ "two years ago", "a month earlier": the anchor moved back, at the unit's granularity."""
    word, unit = m.group(1), m.group(2)
    n = int(word) if word.isdigit() else _NUMBERS.get(word)
    if n is None:
        return None
    if anchor is None:
        shapes = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                  "year": "XXXX", "decade": "XXX"}  # fmt: skip
        value = shapes[unit]
        return Reading("DATE", value, granularity_of(value), relative=True)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
    if months is None:
        day = shift_days(anchor, -n * (7 if unit == "week" else 1))
        if day is None:
            return None
        if unit == "day":
            return Reading("DATE", day.isoformat(), "day", relative=True)
        year, week, _ = day.isocalendar()
        return Reading("DATE", f"{year:04d}-W{week:02d}", "week", relative=True)
    total = anchor.year * 12 + anchor.month - 1 - n * months
    year, month = divmod(total, 12)
    if not year_ok(year):
        return None  # "two centuries ago" in a report dated in year 150
    if unit == "quarter" or (unit == "year" and quarters):
        # The quarter most recently completed at the anchor, that many quarters/years back.
        back = n if unit == "quarter" else 4 * n
        return _quarter_value(_quarter_index(anchor) - 1 - back)
    if unit == "month":
        return Reading("DATE", f"{year:04d}-{month + 1:02d}", "month", relative=True)
    if unit == "decade":
        return Reading("DATE", f"{year // 10:03d}", "decade", relative=True)
    return Reading("DATE", f"{year:04d}", "year", relative=True)


def _quarter_index(day: datetime.date) -> int:
    """Quarters counted from year 0: the quarter that holds ``day``."""
    return day.year * 4 + (day.month - 1) // 3


def _quarter_value(index: int) -> Reading | None:
    if not year_ok(index // 4):
        return None
    return Reading("DATE", f"{index // 4:04d}-Q{index % 4 + 1}", "quarter", relative=True)


def _named_quarter(m: re.Match[str], anchor: datetime.date | None) -> Reading | None:
    """ "the latest quarter", "the current quarter", "the year-ago quarter"."""
    if anchor is None:
        return Reading("DATE", "XXXX-QX", "quarter", relative=True)
    which = m.group(1) or ""
    here = _quarter_index(anchor)
    if which in ("current", "this"):
        return _quarter_value(here)
    if which in ("next", "coming"):
        return _quarter_value(here + 1)
    if "year" in which:
        return _quarter_value(here - 5)
    # "the quarter", "the latest quarter": in a report, the last one completed.
    return _quarter_value(here - 1)


def _short_decade(digit: int, anchor: datetime.date | None) -> Reading | None:
    """ "the '90s": the latest such decade that has started by the anchor's year."""
    if anchor is None:
        return Reading("DATE", f"XX{digit}", "decade", relative=True)
    century = anchor.year // 100
    if digit * 10 > anchor.year % 100:
        century -= 1
    if century < 0:
        return None  # "the '90s" written in year 50: no such decade yet
    return Reading("DATE", f"{century:02d}{digit}", "decade", relative=True)


def _quarter(
    m: re.Match[str], text: str, anchor: datetime.date | None, future: bool | None
) -> Reading | None:
    quarter = _ORDINALS[m.group("ord")]
    explicit = m.group("y1") or m.group("y2")
    if explicit:
        return Reading("DATE", f"{explicit}-Q{quarter}", "quarter")
    if anchor is None:
        return Reading("DATE", f"XXXX-Q{quarter}", "quarter", relative=True)
    year = anchor.year
    if "last year's" in text:
        year -= 1
    elif "next year's" in text:
        year += 1
    elif "this year's" not in text and quarter > (anchor.month - 1) // 3 + 1 and not future:
        # A quarter that has not begun yet is last year's, unless the verb looks ahead.
        year -= 1
    if m.group("back"):
        year -= 1  # "the year-ago third quarter"
    if not year_ok(year):
        return None
    return Reading("DATE", f"{year:04d}-Q{quarter}", "quarter", relative=True)


def _holiday_in(name: str, year: int) -> datetime.date | None:
    """The holiday's day in ``year``; None for a year outside the calendar."""
    if not year_ok(year):
        return None
    rule = _HOLIDAYS[name]
    if len(rule) == 2:
        return datetime.date(year, rule[0], rule[1])
    month, weekday, nth = rule  # type: ignore[misc]
    if name == "election day":
        first_monday = 1 + (0 - datetime.date(year, 11, 1).weekday()) % 7
        return datetime.date(year, 11, first_monday + 1)
    if nth < 0:
        last = datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = 1 + (weekday - datetime.date(year, month, 1).weekday()) % 7
    return datetime.date(year, month, first + 7 * (nth - 1))


def _holiday(
    name: str, which: str | None, anchor: datetime.date | None, future: bool | None
) -> Reading | None:
    """ "Thanksgiving", "last Christmas", "Election Day": the day, in the year the text means."""
    name = " ".join(name.lower().split())
    if anchor is None:
        some = _holiday_in(name, 2001)
        assert some is not None
        return Reading("DATE", f"XXXX-{some:%m-%d}", "day", relative=True)
    this = _holiday_in(name, anchor.year)
    assert this is not None  # the anchor's own year is in the calendar
    before = this if this <= anchor else _holiday_in(name, anchor.year - 1)
    after = this if this >= anchor else _holiday_in(name, anchor.year + 1)
    which = (which or "").lower()
    day: datetime.date | None
    if which == "this":
        day = this
    elif which == "last" or future is False:
        day = before
    elif which == "next" or future is True:
        day = after
    elif before is None or after is None:
        day = None  # the nearer one can't be told when one lies outside the calendar
    else:
        day = before if (anchor - before) <= (after - anchor) else after
    if day is None:
        return None
    return Reading("DATE", day.isoformat(), "day", relative=True)
