"""The days a report refers back to, read from its whole text, and its chronologies.

Rule: every sentence is scanned for explicit day shapes ("April 20", "20 April 2010",
"Aug. 3"; a weekday, "yesterday"); a day without a year is the latest such day up to
``AHEAD`` days after publication, a weekday the last one on or before it (reports look
back). Chronology lines ("March 17 - The council votes ...") are dated by the day they
open with (``chronology_day``, ``listed_days``). Each report is read in its own language:
English here, the others by ``languages.day_shapes`` ("25 de enero", "le 1er mars",
"25. Januar", "ayer"); no dependencies, so the annotator and the timeline can both use it.

Reason: days that later reports keep coming back to are a story's turning points, and
the annotator's sentence budget misses most of these mentions (history:
docs/experiments.md, "Timelines").
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re

from storyline.calendar_safe import shift_days
from storyline.coarse_dates import coarse_line
from storyline.languages import day_shapes as shapes_of
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
OUT_OF_ORDER = 60  # days a chronology entry may run ahead of the next one before it is a year back
_WEEKDAYS = ENGLISH.weekday_names


def referenced_days(text: str, published: str | None, language: str = "en") -> frozenset[str]:
    """The ISO days ``text``, written in ``language`` and published on ISO day
    ``published``, refers to.

    Empty without a publication day: a bare "April 20" or "Friday" has no year or
    week to fall in; empty for a language with no calendar (``languages.calendar``).
    """
    if not published:
        return frozenset()
    try:
        day = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return frozenset()
    return _scan(text, day, language)


def is_chronology_line(sentence: str, language: str = "en") -> bool:
    """Whether ``sentence`` opens with a day and a dash or colon, as the lines of the
    chronologies ("key dates", "timeline") that news reports carry do.

    Such a line is an editor's own one-line account of what happened that day.
    """
    return _line_match(sentence, language) is not None


def chronology_day(line: str, published: str | None, language: str = "en") -> str | None:
    """The ISO day a chronology line opens with, read against publication day ``published``.

    None when ``line`` is not a chronology line or there is no publication day to read a
    yearless "March 17" against.
    """
    parts = _line_parts(line, language)
    pub = _pub_day(published)
    if parts is None or pub is None:
        return None
    days = _day(*parts, pub)
    return days[0].isoformat() if days else None


def _line_match(line: str, language: str) -> re.Match[str] | None:
    if language == "en":
        return _CHRONOLOGY_LINE.match(line)
    shapes = shapes_of.day_shapes(language)
    return shapes.chronology.match(line) if shapes is not None else None


def _line_parts(line: str, language: str = "en") -> tuple[int, int, str | None] | None:
    """The month number, day and year (if given) a chronology line opens with."""
    m = _line_match(line, language)
    if m is None:
        return None
    if language == "en":
        month = _MONTHS[(m.group(1) or m.group(4)).lower()]
        return month, int(m.group(2) or m.group(3)), m.group(5) or m.group(6)
    shapes = shapes_of.day_shapes(language)
    assert shapes is not None  # _line_match found a line
    return (
        shapes.months[m["month"].lower()],
        _day_number(m["day"]),
        m["year"] or m["year2"] or m["year3"],
    )


def _day_number(text: str) -> int:
    """ "25" -> 25, "1er" -> 1."""
    return int("".join(c for c in text if c.isdigit()))


def _pub_day(published: str | None) -> datetime.date | None:
    if not published:
        return None
    try:
        return datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None


def chronology_entries(text: str, language: str = "en") -> list[tuple[int, int]]:
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
        lines.append((start, start + len(line), is_chronology_line(line.strip(), language)))
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
def dated_entries(
    text: str, published: str | None, language: str = "en"
) -> tuple[tuple[str, int, int], ...]:
    """(day, start, end) of each entry of the report's chronology whose day can be read.

    Inside a chronology, a line that opens with a day and its month and goes on with a
    capital ("29 juin Annonce ...", "June 29 Talks resume") opens an entry of its own,
    though it has no dash and no year: it tells its own day, not the day of the entry
    before. The other entries keep the days read without such lines (the annotator reads
    those days too, ``annotate.multilingual.dates``). Cached like ``_scan``: the timeline
    asks twice per build (the days it lists, the lines it offers), and a story is rebuilt
    as reports arrive.
    """
    pub = _pub_day(published)
    if pub is None:
        return ()
    entries = []
    for start, end in _split_entries(text, chronology_entries(text, language), language):
        line = text[start:end].split("\n")[0].strip()
        strict = _line_parts(line, language)
        parts = strict or _loose_parts(line, language)
        if parts is not None:
            entries.append((parts, start, end, strict is not None))
    days = _in_order([parts for parts, _, _, _ in entries], pub)
    kept = iter(_in_order([parts for parts, _, _, strict in entries if strict], pub))
    days = [next(kept) if strict else day for day, (*_, strict) in zip(days, entries, strict=True)]
    return tuple(
        (day.isoformat(), start, end)
        for day, (_, start, end, _) in zip(days, entries, strict=True)
        if day is not None
    )


# A line that opens with a day and its month, then a capital: "29 juin Annonce ...".
_LOOSE_LINE = re.compile(
    r"^[\W_]{0,3}(?:" + _MONTH + r"\s+([1-9]|[12]\d|3[01])" + _ORD
    + r"|([1-9]|[12]\d|3[01])" + _ORD + r"\s+" + _MONTH + r")\s+[A-Z]"
)  # fmt: skip
_UPPER = re.compile(r"\s+[A-ZÀ-ÖØ-Þ«\"“]")


def _loose_parts(line: str, language: str) -> tuple[int, int, None] | None:
    """The month number and day a line opens with when a capital follows them (no year)."""
    if language == "en":
        m = _LOOSE_LINE.match(line)
        if m is None:
            return None
        return _MONTHS[(m.group(1) or m.group(4)).lower()], int(m.group(2) or m.group(3)), None
    shapes = shapes_of.day_shapes(language)
    lead = len(line) - len(line.lstrip("-–—*•· "))
    if shapes is None or lead > 3:
        return None
    m = shapes.day_month.match(line, lead)
    if m is None or m["year"] or not _UPPER.match(line, m.end()):
        return None
    return shapes.months[m["month"].lower()], _day_number(m["day"]), None


def _split_entries(
    text: str, entries: list[tuple[int, int]], language: str
) -> list[tuple[int, int]]:
    """``entries`` cut before each inner line opening with a day, or a month or year alone."""
    out = []
    for start, end in entries:
        cuts = [start]
        at = text.find("\n", start, end)
        while at != -1:
            line = text[at + 1 : end].split("\n")[0].strip()
            if _loose_parts(line, language) or coarse_line(line, language):
                cuts.append(at + 1)
            at = text.find("\n", at + 1, end)
        out += [(a, b - 1 if b != end else b) for a, b in itertools.pairwise([*cuts, end])]
    return out


def _in_order(
    parts: list[tuple[int, int, str | None]], pub: datetime.date
) -> list[datetime.date | None]:
    """The days of a chronology's entries, a yearless entry's year read from the list's order.

    A chronology runs in order, oldest first or newest first, and may span years without
    repeating them ("March 21: ... / June 24: ... / January 30: ..." from one spring to
    the next but one). The newest yearless entry is read against publication (``_day``);
    each older one takes the latest year that keeps it no more than ``OUT_OF_ORDER`` days
    after the entry that follows it in time, so a wrap from December back to January is
    a new year and a slightly misordered entry is not.
    """
    keys = [(m, d) for m, d, _ in parts]
    rising = sum(a < b for a, b in itertools.pairwise(keys))
    falling = sum(a > b for a, b in itertools.pairwise(keys))
    order = list(range(len(parts)))
    if falling > rising:
        order.reverse()  # newest first: walk it oldest first
    days: list[datetime.date | None] = [None] * len(parts)
    after: datetime.date | None = None
    for i in reversed(order):
        month, day, year = parts[i]
        if year or after is None:
            found = _day(month, day, year, pub)
            days[i] = found[0] if found else None
        else:
            days[i] = _on_or_before(month, day, after)
        after = days[i] or after
    return days


def _on_or_before(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    """The latest (month, day) no more than ``OUT_OF_ORDER`` days after ``limit``."""
    for year in range(limit.year + 1, max(0, limit.year - 8), -1):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue  # February 29 of a common year, or a year outside the calendar
        if (found - limit).days <= OUT_OF_ORDER:
            return found
    return None


def listed_days(text: str, published: str | None, language: str = "en") -> frozenset[str]:
    """The days a report's chronology lists: those its entries open with."""
    return frozenset(day for day, _, _ in dated_entries(text, published, language))


@functools.lru_cache(maxsize=8192)
def _scan(text: str, pub: datetime.date, language: str = "en") -> frozenset[str]:
    if language != "en":
        shapes = shapes_of.day_shapes(language)
        return _scan_shapes(text, pub, shapes) if shapes is not None else frozenset()
    found: set[datetime.date | None] = set()
    for m in _MONTH_DAY.finditer(text):
        found.update(_day(_MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3), pub))
    for m in _DAY_MONTH.finditer(text):
        found.update(_day(_MONTHS[m.group(2).lower()], int(m.group(1)), m.group(3), pub))
    for m in _WEEKDAY.finditer(text):
        back = (pub.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        found.add(shift_days(pub, -back))
    if _YESTERDAY.search(text):
        found.add(shift_days(pub, -1))
    # A day before 0001-01-01 (a placeholder publication date) is no day.
    return frozenset(d.isoformat() for d in found if d is not None)


def _scan_shapes(text: str, pub: datetime.date, shapes: shapes_of.DayShapes) -> frozenset[str]:
    """``_scan`` in a language of ``day_shapes``: its day-month shapes (not inside a
    name; with a weekday before, only if the day falls on it), its weekdays (not a habit)
    and its words for the days before the report's."""
    found: set[datetime.date | None] = set()
    for m in shapes.day_month.finditer(text):
        if not shapes_of.inside_name(text, m.start(), shapes):
            month = shapes.months[m["month"].lower()]
            weekday = shapes_of.weekday_before(text, m.start(), shapes)
            found.update(
                d
                for d in _day(month, _day_number(m["day"]), m["year"], pub)
                if weekday is None or d.weekday() == weekday  # "jeudi 23 juillet" of another year
            )
    for m in shapes.weekday.finditer(text):
        if shapes.habit_before.search(text, max(0, m.start() - 12), m.start()):
            continue  # "los viernes": every Friday
        if shapes_of.dated_weekday(text, m.end(), shapes):
            continue  # "jeudi 23 juillet": the day it is written with dates it
        if (
            shapes.language == "de"
            or m.group()[0].islower()
            or shapes_of.opens_sentence(text, m.start())
        ):
            back = (pub.weekday() - shapes.weekdays[m["weekday"].lower()]) % 7
            found.add(_bracketed(text, m.end(), shift_days(pub, -back)))
    for m in shapes.back_word.finditer(text) if shapes.back_word else ():
        found.add(_bracketed(text, m.end(), shift_days(pub, -shapes.back[m["word"].lower()])))
    for m in shapes.today.finditer(text):
        found.add(shapes_of.day_in_brackets(text, m.end(), pub))  # "hoy (25)": not today
    return frozenset(d.isoformat() for d in found if d is not None)


def _bracketed(text: str, end: int, named: datetime.date | None) -> datetime.date | None:
    """``named``, or the day of the month written in brackets after it ("ayer (24)")."""
    if named is None:
        return None
    return shapes_of.day_in_brackets(text, end, named) or named


def _day(month: int, day: int, year: str | None, pub: datetime.date) -> list[datetime.date]:
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
_THE_INSIDE = re.compile(r"(?:[Tt]he|[Aa]n?)\s+(?=\d|[A-Z])")  # "The 8 October gig": "the" read in
_NOUN_AFTER = re.compile(r"^\s+([a-z][a-z-]+)\b")
_NOT_A_NOUN = frozenset(
    [
        "of", "in", "on", "at", "to", "and",
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
)  # fmt: skip


def named_as_reference(sentence: str, start: int, end: int, language: str = "en") -> bool:
    """Whether the date at ``sentence[start:end]``, written in ``language``, is named as
    a reference, not as the day of the sentence's own event.

    "after Tuesday's earthquake", "since last year's vote", "the April 20 explosion",
    "since March 3", "desde el 25 de enero", "las protestas del 25 de enero": the
    sentence tells something else (an appeal total, a vote count) against the background
    of that day, so the day does not date it. A day inside a name ("Movimiento 6 de
    abril") dates nothing either.
    """
    if language != "en":
        shapes = shapes_of.day_shapes(language)
        if shapes is None:
            return False
        return (
            bool(shapes.since_start.match(sentence, start, end))
            or shapes_of.named_as_reference(sentence, start, shapes)
            or shapes_of.inside_name(sentence, start, shapes)
        )
    before, after, date = sentence[:start], sentence[end:], sentence[start:end]
    if _POSSESSIVE_AFTER.match(after) or date.endswith(("'s", "’s")):
        return True
    if _REFERENCE_START.match(date):
        return True  # the expression took its preposition in: "since April 30"
    if _REFERENCE_BEFORE.search(before):
        return True
    the = _THE_BEFORE.search(before) and not date.lower().startswith("the")
    if the or _THE_INSIDE.match(date):
        m = _NOUN_AFTER.match(after)
        if m and m.group(1) not in _NOT_A_NOUN and not m.group(1).endswith(("ed", "ly")):
            return True
    return False
