"""Time expressions read against the story's own days, not the publication date.

"The next day", "that morning", "later that year": TimeML anchors these on the
narrative's reference time, the day (or year, or quarter) the text last named.
"""

from __future__ import annotations

import datetime
import re

from storyline.annotate.timex.rules import YEAR_PERIOD
from storyline.calendar_safe import shift_days
from storyline.model import TimeExpr

_ANAPHORIC = re.compile(
    r"(?:(?:early|late|earlier|later)\s+)?(?:"
    r"(?:the|that)\s+(next|following|previous|preceding|same)\s+(?:day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(after|before)|(that)(?:\s+same)?\s+(?:day|morning|afternoon|evening|night))",
    re.IGNORECASE,
)
_THAT_YEAR = re.compile(
    r"(?:(?:early|late|earlier|later)\s+(?:in\s+)?)?(?:that|the\s+same|that\s+same)\s+year",
    re.IGNORECASE,
)
# "the following year", "the previous year": counted from the year the text last named.
_NEXT_YEAR = re.compile(r"the\s+(following|previous|preceding)\s+year", re.IGNORECASE)
_YEAR_VALUE = re.compile(r"\d{4}")
_THAT = re.compile(r"\b(?:that|same)\b", re.IGNORECASE)
_SHIFT = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1,
          "same": 0, "that": 0}  # fmt: skip
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
# A year back from the period the text is about ("a year earlier", "the year-ago period").
_YEAR_BACK = re.compile(
    r"(?:the\s+)?(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|year[- ](?:ago|earlier)"
    r"(?:\s+(?:period|quarter))?|(?:same\s+)?(?:period|quarter)\s+a\s+year\s+(?:ago|earlier)"
    r"|last\s+year's(?:\s+(?:period|quarter))?)"
)
# How many sentences back a named day can still be what "the next day" counts from.
ANAPHORA_SENTENCES = 2


def anchored_on_story_days(
    found: list[TimeExpr], anchor: datetime.date | None = None
) -> list[TimeExpr]:
    """ "The next day", "that morning": counted from the day the text last named.

    TimeML anchors these on the narrative's reference time, not on the publication
    date: "jammed on Monday ... we worked all of the next day" is Tuesday.  The day
    must be named at most ANAPHORA_SENTENCES sentences back; otherwise the reading
    against the publication date stands.
    """
    last: TimeExpr | None = None
    last_year: TimeExpr | None = None
    quarter: str | None = None
    off_calendar: set[int] = set()
    for t in found:
        if (
            t.value.startswith("XXXX")
            and last_year is not None
            and t.sentence - last_year.sentence <= ANAPHORA_SENTENCES
            and _THAT_YEAR.fullmatch(" ".join(t.text.split()))
        ):
            # "later that year": the year the text last named.
            t.value, t.relative = last_year.value[:4], True
        elif (
            last_year is not None
            and t.sentence - last_year.sentence <= ANAPHORA_SENTENCES
            and (m := _NEXT_YEAR.fullmatch(" ".join(t.text.split())))
        ):
            shift = 1 if m.group(1).lower() == "following" else -1
            t.value, t.relative = f"{int(last_year.value[:4]) + shift:04d}", True
        if quarter and _YEAR_BACK.fullmatch(" ".join(t.text.lower().split())):
            # "a year earlier" in a report on a quarter: that quarter, a year before.
            t.value = f"{int(quarter[:4]) - 1:04d}{quarter[4:]}"
            t.type, t.granularity, t.relative = "DATE", "quarter", True
        elif YEAR_PERIOD.fullmatch(" ".join(t.text.lower().split())):
            if quarter:  # "the 1988 period": the quarter in question, in that year
                t.value = t.value[:4] + quarter[4:]
        elif _QUARTER_VALUE.fullmatch(t.value) and t.type == "DATE" and _begun(t.value, anchor):
            quarter = t.value  # the quarter a report is about: one begun
        m = _ANAPHORIC.fullmatch(" ".join(t.text.split()))
        if m and last is not None and t.sentence - last.sentence <= ANAPHORA_SENTENCES:
            shift = _SHIFT[(m.group(1) or m.group(2) or m.group(3)).lower()]
            day = shift_days(datetime.date.fromisoformat(last.value[:10]), shift)
            if day is None:  # "the next day" after 9999-12-31: no date
                off_calendar.add(id(t))
                continue
            t.value = (
                day.isoformat() + t.value[10:] if DAY_VALUE.match(t.value) else day.isoformat()
            )
            t.granularity = "day"
            t.relative = True
        if t.type == "DATE" and DAY_VALUE.match(t.value):
            last = t  # a day the text names (a clock time alone names none)
        if t.type == "DATE" and _YEAR_VALUE.match(t.value):
            last_year = t
    # "that day" with no day named before it is a generic day ("trades made that day").
    return [
        t
        for t in found
        if id(t) not in off_calendar
        and (t.value not in ("XXXX-XX-XX", "XXXX") or not _THAT.search(t.text))
    ]


def _begun(quarter: str, anchor: datetime.date | None) -> bool:
    """A quarter ("1989-Q3") begun by the anchor (any, without an anchor): a report's
    quarter in question is one under way or over, not one it looks ahead to."""
    if anchor is None:
        return True
    return (int(quarter[:4]), int(quarter[-1])) <= (anchor.year, (anchor.month - 1) // 3 + 1)
