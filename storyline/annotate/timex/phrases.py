"""Rules for time phrases Recognizers-Text leaves unresolved or misses.

* seasons ("last summer", "the early summer", "the winter of 1994"): the library
  returns them without a year;
* years spelled out in transcripts ("nineteen ninety-six", "the year two thousand");
* a day or a year named by "that" ("earlier that day", "later that year"), read here
  as an unresolved day or year which ``anaphora.py`` fills from the day or year the text
  last named;
* bare plural units after "for" and "within" ("for years", "within weeks"): TimeML
  durations of unknown length.

Each function takes the whole candidate text, lower-cased with single spaces.
"""

from __future__ import annotations

import datetime
import re

from storyline.annotate.timex.rules import UNIT_LETTER, Reading
from storyline.calendar_safe import year_ok

_SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
SEASON = re.compile(
    r"(?:the\s+)?(?:(this\s+past|this\s+coming|last|next|this|past|coming)\s+)?"
    r"(?:(?:early|late|mid)[- ]?)?(spring|summer|fall|autumn|winter)"
    r"(?:\s+(?:of\s+)?(\d{4}|[a-z][a-z -]+))?"
)

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNIT_WORD = "|".join(_UNITS)
_TWO_DIGITS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_UNIT_WORD}))?|{'|'.join(_TEENS)}|oh[- ](?:{_UNIT_WORD}))"
)
# "nineteen ninety-six", "eighteen oh five", "two thousand", "two thousand and one".
SPELLED_YEAR = re.compile(
    rf"(?:(?:the\s+)?year\s+)?(?:(?P<century>{'|'.join(_TEENS)}|twenty)[- ](?P<rest>{_TWO_DIGITS})"
    rf"|(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<small>{_TWO_DIGITS}|{_UNIT_WORD}))?)"
)
# "by year-end", "by year's end": the end of the anchor's year, at a year's granularity.
_YEAR_END = re.compile(r"(?:the\s+)?year(?:[- ]|'s\s+)end")
_YEAR_AGO = re.compile(r"(?:the\s+)?year[- ](?:ago|earlier)")
_FULL_YEAR = re.compile(r"(?:the\s+)?(?:full|whole|entire)\s+(?:fiscal\s+)?year")
# The anaphora step (anaphora.py) fills these from the day or year named before.
_THAT_DAY = re.compile(r"(?:that|the\s+same|that\s+same)\s+day")
_THAT_YEAR = re.compile(r"(?:that|the\s+same|that\s+same)\s+year")
BARE_UNITS = re.compile(
    r"(?:the\s+)?(?:(?:early|first|last|past)\s+)?"
    r"(days|weeks|months|years|decades|centuries|hours|minutes)(?:\s+ahead)?"
)
# "20 more years", "an additional year", "two further weeks".
_MORE = re.compile(
    r"(?:at\s+least\s+)?(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:more|additional|further|extra)\s+(day|week|month|year|decade|hour|minute)s?"
)
_SMALL = {"a": 1, "an": 1, **_UNITS, "ten": 10}


# "the second half of 1989", "the first two quarters of 1990".
_HALF = re.compile(
    r"(?:(?:at\s+)?least\s+)?(?:the\s+)?(?:(first|second|last|latter)\s+half|(first|last)\s+two\s+quarters)"
    r"\s+of\s+(\d{4})"
)


def phrase_reading(text: str, anchor: datetime.date | None, future: bool | None) -> Reading | None:
    """The reading of a season, a spelled-out year, "that day/year" or a bare plural."""
    if m := SEASON.fullmatch(text):
        return _season(m, anchor, future)
    if m := SPELLED_YEAR.fullmatch(text):
        return _spelled_year(m)
    if m := _HALF.fullmatch(text):
        half = 1 if (m.group(1) or m.group(2)) == "first" else 2
        return Reading("DATE", f"{m.group(3)}-H{half}", "year")
    if _FULL_YEAR.fullmatch(text):
        # "for the full year": the anchor's year (its accounts), not a length of time.
        if anchor is None:
            return Reading("DATE", "XXXX", "year", relative=True)
        return Reading("DATE", f"{anchor.year:04d}", "year", relative=True)
    if _YEAR_AGO.fullmatch(text):
        # "year-earlier results": the year before the anchor's (a report's comparison).
        if anchor is None:
            return Reading("DATE", "XXXX", "year", relative=True)
        if not year_ok(anchor.year - 1):
            return None
        return Reading("DATE", f"{anchor.year - 1:04d}", "year", relative=True)
    if _YEAR_END.fullmatch(text):
        if anchor is None:
            return Reading("DATE", "XXXX", "year", relative=True)
        return Reading("DATE", f"{anchor.year:04d}", "year", relative=True)
    if _THAT_DAY.fullmatch(text):
        return Reading("DATE", "XXXX-XX-XX", "day", relative=True)
    if _THAT_YEAR.fullmatch(text):
        return Reading("DATE", "XXXX", "year", relative=True)
    if m := BARE_UNITS.fullmatch(text):
        unit = "century" if m.group(1) == "centuries" else m.group(1)[:-1]
        prefix = "PT" if unit in ("hour", "minute") else "P"
        return Reading("DURATION", f"{prefix}X{UNIT_LETTER[unit]}")
    if m := _MORE.fullmatch(text):
        count = int(m.group(1)) if m.group(1).isdigit() else _SMALL[m.group(1)]
        prefix = "PT" if m.group(2) in ("hour", "minute") else "P"
        return Reading("DURATION", f"{prefix}{count}{UNIT_LETTER[m.group(2)]}")
    return None


def _season_index(day: datetime.date) -> int:
    """Seasons counted from year 0 (spring 0, summer 1, fall 2, winter 3): the one holding ``day``.

    A winter takes the year of its December: January and February belong to the
    winter that began the year before.
    """
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def _season(m: re.Match[str], anchor: datetime.date | None, future: bool | None) -> Reading | None:
    which, code, year = m.group(1), _SEASON_CODES[m.group(2)], m.group(3)
    if year and not year.isdigit():
        spelled = SPELLED_YEAR.fullmatch(year)
        if spelled is None:
            return None
        year = _spelled_year(spelled).value
    if year:
        return Reading("DATE", f"{year}-{code}", "season")
    if anchor is None:
        return Reading("DATE", f"XXXX-{code}", "season", relative=True)
    here = _season_index(anchor)
    wanted = _SEASON_ORDER.index(code)
    before = here - (here - wanted) % 4  # the latest such season begun by the anchor
    after = before + 4
    which = " ".join((which or "").split())
    if which in ("last", "past", "this past"):
        index = before - 4 if before == here else before
    elif which in ("next", "coming", "this coming"):
        index = after
    elif before == here or future is False:
        index = before
    elif future is True:
        index = after
    else:
        # No tense to go by: the nearer one ("the spring" in February is the coming one).
        index = before if here - before < after - here else after
    if not year_ok(index // 4):
        return None  # "last winter" in a report dated in year 1
    return Reading("DATE", f"{index // 4:04d}-{_SEASON_ORDER[index % 4]}", "season", relative=True)


def _two_digits(words: str) -> int:
    parts = re.split(r"[- ]", words)
    if parts[0] == "oh":
        return _UNITS[parts[1]]
    if parts[0] in _TEENS:
        return _TEENS[parts[0]]
    return _TENS[parts[0]] + (_UNITS[parts[1]] if len(parts) > 1 else 0)


def _spelled_year(m: re.Match[str]) -> Reading:
    if m.group("thousand"):
        small = m.group("small")
        year = 2000 + ((_UNITS.get(small) or _two_digits(small)) if small else 0)
    else:
        century = _TEENS.get(m.group("century"), 20)
        year = century * 100 + _two_digits(m.group("rest"))
    return Reading("DATE", str(year), "year")
