"""Calendar arithmetic that stays inside the calendar, and the check every date value passes.

Shared by the annotator (time expressions), ``date_refs`` and date inference in ``link``.
Python's dates run from 0001-01-01 to 9999-12-31, and real feeds do carry articles
dated on those ends ("no date" placeholders). Read against such a date, "yesterday",
"next week", "Christmas" or "two centuries ago" resolve outside the calendar.

The decision: **a reading that resolves outside the calendar is dropped** (the
expression gets no date), never clamped to the calendar's edge: clamping would give
a wrong day, and a wrong date is worse than a missing one. Every piece of date
arithmetic in the annotator goes through these helpers, which return None instead of
raising, and ``in_calendar`` checks each finished TimeML value once more, so a year 0,
a negative year or a five-digit year never leaves the annotator.
"""

from __future__ import annotations

import datetime
import re

MIN_YEAR, MAX_YEAR = datetime.MINYEAR, datetime.MAXYEAR


def shift_days(day: datetime.date, days: int) -> datetime.date | None:
    """``day`` moved by ``days`` (negative: back), or None outside the calendar."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def make_day(year: int, month: int, day: int) -> datetime.date | None:
    """The date, or None when it does not exist (year 0, February 30)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def iso_day(value: str) -> datetime.date | None:
    """The day an ISO string ("2011-01-25") names, or None when it names none."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def year_ok(year: int) -> bool:
    """Whether ``year`` is a year of the calendar (1 to 9999)."""
    return MIN_YEAR <= year <= MAX_YEAR


# A TimeML value that starts with a year: 4 digits, then its month/week/quarter/season.
_DATED = re.compile(r"(-?\d+)((?:-\S*)?(?:T.*)?)")
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def in_calendar(value: str) -> bool:
    """Whether a TimeML DATE/TIME value stays inside the calendar.

    Values without digits up front ("PRESENT_REF", "XXXX-11") pass; a year must be
    four digits from 0001 to 9999 (decades "199" and centuries "19" are three and two
    digits, and can't be negative); a full day must exist.
    """
    m = _DATED.fullmatch(value)
    if m is None:
        return True
    digits, rest = m.groups()
    if digits.startswith("-"):
        return False
    if not rest and len(digits) in (2, 3):
        return True  # a century or a decade
    if len(digits) != 4 or not year_ok(int(digits)):
        return False
    if day := _DAY.match(value):
        return make_day(int(day[1]), int(day[2]), int(day[3])) is not None
    return True
