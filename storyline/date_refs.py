"""The days a report refers back to, read from its whole text, and its chronologies.

Rule: every sentence is scanned for explicit day shapes ("April 20", "20 April 2010",
"Aug. 3"; a weekday, "yesterday"); a day without a year is the latest such day up to
``AHEAD`` days after publication, a weekday the last one on or before it (reports look
back). Chronology lines ("March 17 - The council votes ...") are dated by the day they
open with (``chronology_day``, ``listed_days``). English names only; no dependencies, so
the annotator and the timeline can both use it.

Reason: days that later reports keep coming back to are a story's turning points, and
the annotator's sentence budget misses most of these mentions (history:
docs/experiments.md, "Timelines").
"""

from __future__ import annotations

import datetime
import functools
import re

from storyline.calendar_safe import shift_days
from storyline.languages.calendar import ENGLISH, alternation

_MONTHS = ENGLISH.month_numbers
_MONTH = r"(" + alternation(_MONTHS, capitalized=True) + r")\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+((?:1[89]|20)\d\d))?"
_MONTH_DAY = re.compile(_MONTH + r"\s+([1-9]|[12]\d|3[01])" + _ORD + r"\b" + _YEAR)
_DAY_MONTH = re.compile(r"\b([1-9]|[12]\d|3[01])" + _ORD + r"\s+(?:of\s+)?" + _MONTH + _YEAR)
_WEEKDAY = re.compile(r"\b(" + alternation(ENGLISH.weekday_names, capitalized=True) + r")\b")
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
# "April 25 - The coast guard says ...", "* 3 May: Talks resume": a line of a chronology;
# with a year, the dash may be left out ("28 June 2031 Police interview the doctor."),
# but not before a page's own stamp ("8 November 2031 Last updated at 06:28"), and a day
# followed by a clock time ("2 March 2031 - 20:25 What a shame ...") stamps a reader's
# comment, not a day of the story.
_CHRONOLOGY_LINE = re.compile(
    r"^[\W_]{0,3}(?:" + _MONTH + r"\s+([1-9]|[12]\d|3[01])" + _ORD
    + r"|([1-9]|[12]\d|3[01])" + _ORD + r"\s+" + _MONTH + r")\b"
    + r"(?:" + _YEAR + r"\s*(?:-|–|—|:)\s+(?!\d{1,2}[:.]\d\d\b)\S"
    + r"|,?\s+((?:1[89]|20)\d\d)\s+(?!Last updated)[A-Z][a-z])"
)  # fmt: skip
MIN_CHRONOLOGY = 3  # lines that make a report's chronology; one or two are datelines or captions
CONTINUATION = 2  # lines after a chronology line that may go on telling its day
AHEAD = 30  # days after publication a day without a year may fall: "the summit on May 3"
_WEEKDAYS = ENGLISH.weekday_names


def referenced_days(text: str, published: str | None) -> frozenset[str]:
    """The ISO days ``text``, published on ISO day ``published``, refers to.

    Empty without a publication day: a bare "April 20" or "Friday" has no year or
    week to fall in.
    """
    if not published:
        return frozenset()
    try:
        day = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return frozenset()
    return _scan(text, day)


def is_chronology_line(sentence: str) -> bool:
    """Whether ``sentence`` opens with a day and a dash or colon, as the lines of the
    chronologies ("key dates", "timeline") that news reports carry do.

    Such a line is an editor's own one-line account of what happened that day.
    """
    return _CHRONOLOGY_LINE.match(sentence) is not None


def chronology_day(line: str, published: str | None) -> str | None:
    """The ISO day a chronology line opens with, read against publication day ``published``.

    None when ``line`` is not a chronology line or there is no publication day to read a
    yearless "March 17" against.
    """
    m = _CHRONOLOGY_LINE.match(line)
    if m is None or not published:
        return None
    try:
        pub = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    month, day = m.group(1) or m.group(4), int(m.group(2) or m.group(3))
    days = _day(month, day, m.group(5) or m.group(6), pub)
    return days[0].isoformat() if days else None


def chronology_entries(text: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each entry of the report's chronology.

    An entry is a chronology line and the lines after it, up to ``CONTINUATION``, that
    go on telling its day before the next one opens ("April 28 - The flow is put at
    5,000 barrels a day. / A controlled burn is held on the slick."). Empty unless at
    least ``MIN_CHRONOLOGY`` lines of ``text`` are chronology lines: a single "March 4 - "
    line is more often a caption or a dateline than a chronology.
    """
    lines: list[tuple[int, int, bool]] = []
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line), is_chronology_line(line.strip())))
        start += len(line) + 1
    if sum(opens for _, _, opens in lines) < MIN_CHRONOLOGY:
        return []
    entries = []
    for i, (begin, end, opens) in enumerate(lines):
        if not opens:
            continue
        for line_start, line_end, next_opens in lines[i + 1 : i + 1 + CONTINUATION]:
            if next_opens or not text[line_start:line_end].strip():
                break  # the next entry, or the end of the chronology
            end = line_end
        entries.append((begin, end))
    return entries


@functools.lru_cache(maxsize=8192)
def dated_entries(text: str, published: str | None) -> tuple[tuple[str, int, int], ...]:
    """(day, start, end) of each entry of the report's chronology whose day can be read.

    Cached like ``_scan``: the timeline asks twice per build (the days it lists, the
    lines it offers), and a story is rebuilt as reports arrive.
    """
    out = []
    for start, end in chronology_entries(text):
        day = chronology_day(text[start:end].split("\n")[0].strip(), published)
        if day:
            out.append((day, start, end))
    return tuple(out)


def listed_days(text: str, published: str | None) -> frozenset[str]:
    """The days a report's chronology lists: those its entries open with."""
    return frozenset(day for day, _, _ in dated_entries(text, published))


@functools.lru_cache(maxsize=8192)
def _scan(text: str, pub: datetime.date) -> frozenset[str]:
    found: set[datetime.date | None] = set()
    for m in _MONTH_DAY.finditer(text):
        found.update(_day(m.group(1), int(m.group(2)), m.group(3), pub))
    for m in _DAY_MONTH.finditer(text):
        found.update(_day(m.group(2), int(m.group(1)), m.group(3), pub))
    for m in _WEEKDAY.finditer(text):
        back = (pub.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        found.add(shift_days(pub, -back))
    if _YESTERDAY.search(text):
        found.add(shift_days(pub, -1))
    # A day before 0001-01-01 (a placeholder publication date) is no day.
    return frozenset(d.isoformat() for d in found if d is not None)


def _day(month_name: str, day: int, year: str | None, pub: datetime.date) -> list[datetime.date]:
    month = _MONTHS[month_name.lower()]
    years = [int(year)] if year else [pub.year - 1, pub.year, pub.year + 1]
    days = []
    for y in years:
        try:
            days.append(datetime.date(y, month, day))
        except ValueError:
            continue  # February 29 of a common year, or "April 31"
    if year:
        return days
    # Without a year: the latest such day up to AHEAD days after publication. Reports
    # look back far more than ahead: "February 15" in an October report is last
    # February, not the coming one, though the coming one is nearer.
    past = [d for d in days if (d - pub).days <= AHEAD]
    return [max(past)] if past else []


# "since April 20", "after Tuesday's quake": the date is the background of what the
# sentence tells, not its day.
_REFERENCE_BEFORE = re.compile(r"\b(?:since|after|before|until|following)\s+(?:the\s+)?$", re.I)
_REFERENCE_START = re.compile(r"(?:since|after|before|until|following)\s", re.I)
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
# "the April 20 explosion", "the Jan. 25 uprising": a date inside a noun phrase that
# names another thing; a following preposition, conjunction or verb ends the date instead.
_THE_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her)\s+$", re.I)
_NOUN_AFTER = re.compile(r"^\s+([a-z][a-z-]+)\b")
_NOT_A_NOUN = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "but",
        "when",
        "that",
        "which",
        "who",
        "as",
        "by",
        "for",
        "with",
        "from",
        "after",
        "before",
        "since",
        "until",
        "than",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "had",
        "has",
        "have",
        "did",
        "does",
        "do",
        "while",
        "where",
        "if",
        "then",
        "so",
        "said",
        "says",
        "also",
    ]
)


def named_as_reference(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``sentence[start:end]`` is named as a reference, not as the
    day of the sentence's own event.

    "after Tuesday's earthquake", "since last year's vote", "the April 20 explosion",
    "since March 3": the sentence tells something else (an appeal total, a vote count)
    against the background of that day, so the day does not date it.
    """
    before, after, date = sentence[:start], sentence[end:], sentence[start:end]
    if _POSSESSIVE_AFTER.match(after) or date.endswith(("'s", "’s")):
        return True
    if _REFERENCE_START.match(date):
        return True  # the expression took its preposition in: "since April 30"
    if _REFERENCE_BEFORE.search(before):
        return True
    if _THE_BEFORE.search(before) and not sentence[start:end].lower().startswith("the"):
        m = _NOUN_AFTER.match(after)
        if m and m.group(1) not in _NOT_A_NOUN and not m.group(1).endswith(("ed", "ly")):
            return True
    return False
