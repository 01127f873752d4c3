"""Time expressions of one article, normalized to TimeML against its publication date.

How it works:

1. Candidates are the spans spaCy labels DATE or TIME (adjacent ones merged, so
   "Tuesday" + "morning" is one), plus single words spaCy does not label but TimeML
   does ("now", "recently").  Ages, bare numbers and a month name used as a person
   or a verb are dropped there (``spans``).
2. Our rules (``rules``) read what Recognizers-Text gets wrong: decades,
   centuries, PRESENT_REF/PAST_REF words, vague durations, quarters.
3. Everything else goes to Recognizers-Text (``recognizer``), run on the
   candidate and a few words around it ("last", "ago"), never on whole documents
   (it manages about 90 sentences a second).
4. Where the text allows a past and a future reading ("on Sunday", "February 6"),
   the tense and modality of the governing verb choose: "met ... on Sunday" is the
   Sunday before the article, "will travel ... on Sunday" the one after.
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex, text_of
from storyline.annotate.timex.anaphora import DAY_VALUE, anchored_on_story_days
from storyline.annotate.timex.fast import fast_matches
from storyline.annotate.timex.recognizer import is_age, recognize, to_reading
from storyline.annotate.timex.rules import Reading
from storyline.annotate.timex.spans import (
    PROBE_DATES,
    candidates,
    range_parts,
    rejected,
    rule_reading,
    trimmed,
    widened,
)
from storyline.annotate.timex.verbs import Governor, governor
from storyline.calendar_safe import in_calendar
from storyline.languages.calendar import ENGLISH
from storyline.model import Sentence, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)


def find_timexes(
    doc: Doc, sentences: list[Sentence], anchor: datetime.date | None
) -> list[TimeExpr]:
    """Time expressions in ``doc``, normalized against ``anchor`` (the publication date).

    Offsets index ``doc.text``.  With ``anchor`` None, absolute expressions still
    resolve ("in 2018" -> "2018") and relative ones keep their shape with X digits
    ("last Wednesday" -> "XXXX-XX-XX").
    """
    index = SentenceIndex(sentences)
    found: list[tuple[int, int, Reading]] = []
    governors: dict[int, Governor] = {}
    for span in candidates(doc):
        read = _read_candidate(doc, span, anchor)
        if read:
            gov = governor(span)
            governors.update((start, gov) for start, _, _ in read)
        found.extend(read)
    out: list[TimeExpr] = []
    for start, end, reading in _without_overlaps(found):
        gov = governors.get(start, Governor())
        sentence = index.at(start)
        if sentence is None:
            log.debug("time expression %r outside every sentence", text_of(doc)[start:end])
            continue
        out.append(
            TimeExpr(
                sentence=sentence,
                start=start,
                end=end,
                text=text_of(doc)[start:end],
                type=reading.type,  # type: ignore[arg-type]
                value=reading.value,
                granularity=reading.granularity,
                relative=reading.relative,
                verb=gov.verb,
                tense=gov.tense,
                modality=gov.modality,
                negated=gov.negated,
                cancelled=gov.cancelled,
            )
        )
    # A value outside the calendar (a report dated 0001-01-01 that says "last year",
    # "the following year" after 9999) is no date: dropped, never clamped.
    return [t for t in anchored_on_story_days(out, anchor) if in_calendar(t.value)]


def _read_candidate(
    doc: Doc, candidate: Span, anchor: datetime.date | None
) -> list[tuple[int, int, Reading]]:
    span = trimmed(doc, candidate)
    if span is None or rejected(span):
        return []
    if parts := range_parts(doc, span):
        # "Aug. 26 to Oct. 20", "the quarter ended Sept. 30": TimeML marks each end.
        return [r for part in parts for r in _read_candidate(doc, part, anchor)]
    gov = governor(span)
    future = False if gov.lean_past else gov.future
    if (rule := rule_reading(span.text, anchor, future, span.sent.text)) is not None:
        return [(span.start_char, span.end_char, rule)]
    read = _clock_on_day(_library_reading(doc, span, anchor, future, gov.lean_past))
    if not read and (rest := _after_day_part(doc, span)) is not None:
        # "late yesterday", "early Tuesday", "later that year": the library gives a
        # range without a value; TimeML gives the day (or year) itself.
        start = doc[rest.start - 1].idx
        inner = rule_reading(rest.text, anchor, future, span.sent.text)
        if inner is not None:
            return [(start, span.end_char, inner)]
        found = _library_reading(doc, rest, anchor, future, gov.lean_past, widen=False)
        if len(found) == 1:
            return [(start, found[0][1], found[0][2])]
    return [
        _without_later(doc, s, e, _period_ending(doc, e, r, text_of(doc)[s:e]), anchor)
        for s, e, r in read
    ]


def _without_later(
    doc: Doc, start: int, end: int, reading: Reading, anchor: datetime.date | None
) -> tuple[int, int, Reading]:
    """ "three days later": TimeML marks the duration and leaves "later" (a signal) out."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2 or span[-1].lower_ != "later":
        return start, end, reading
    rest = span[:-1]
    for s, e, r in _library_reading(doc, rest, anchor, None, False, widen=False) if anchor else []:
        if r.type == "DURATION" and (s, e) == (rest.start_char, rest.end_char):
            return s, e, r
    return start, end, reading


_DAY_PART_WORDS = frozenset({"early", "late", "earlier", "later"})


_CLOCK_VALUE = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}(T\d\d(?::\d\d)*)")


def _clock_on_day(read: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """ "5 p.m. EST Nov. 9": the library reads a clock time and a day; TimeML one time."""
    if len(read) != 2:
        return read
    (s1, _, first), (_, e2, second) = read
    clock = _CLOCK_VALUE.fullmatch(first.value)
    if (
        first.type == "TIME"
        and clock
        and second.type == "DATE"
        and DAY_VALUE.fullmatch(second.value)
    ):
        value = second.value + clock.group(1)
        return [(s1, e2, Reading("TIME", value, "day", second.relative or first.relative))]
    return read


def _after_day_part(doc: Doc, span: Span) -> Span | None:
    """What follows "early"/"late"/"earlier"/"later" at the head of ``span`` or before it."""
    if len(span) > 1 and span[0].lower_ in _DAY_PART_WORDS:
        return doc[span.start + 1 : span.end]
    if span.start > span.sent.start and doc[span.start - 1].lower_ in _DAY_PART_WORDS:
        return span
    return None


_YEAR_PERIOD = re.compile(r"(?:the\s+)?(?:fiscal\s+)?year")


def _period_ending(doc: Doc, end: int, reading: Reading, text: str) -> Reading:
    """ "the year ended June 30": a year-long period of accounts, a TimeML duration."""
    if _YEAR_PERIOD.fullmatch(" ".join(text.lower().split())) and re.match(
        r"\s+end(?:ed|ing)\b", text_of(doc)[end : end + 10]
    ):
        return Reading("DURATION", "P1Y")
    return reading


def _library_reading(
    doc: Doc,
    span: Span,
    anchor: datetime.date | None,
    future: bool | None,
    lean_past: bool,
    widen: bool = True,
) -> list[tuple[int, int, Reading]]:
    """Readings of ``span`` by Recognizers-Text (with the modifiers around it if ``widen``)."""
    if anchor is not None:
        read = _recognized(doc, span, anchor, future, widen)
        if lean_past and any(_far_back(r.value, anchor) for _, _, r in read):
            read = _recognized(doc, span, anchor, None, widen)
        return read
    # No anchor: read against two far-apart dates and keep only what does not depend
    # on the date ("last November" -> "XXXX-11", "in 2018" -> "2018").
    first = _recognized(doc, span, PROBE_DATES[0], future, widen)
    second = {(s, e): r for s, e, r in _recognized(doc, span, PROBE_DATES[1], future, widen)}
    out = []
    for s, e, r in first:
        if (s, e) in second:
            reading = _date_free(r, second[(s, e)])
            weekdays = [w for w in ENGLISH.weekday_names if w in text_of(doc)[s:e].lower()]
            if reading.value == "XXXX-XX-XX" and len(weekdays) == 1:
                value = f"XXXX-WXX-{ENGLISH.weekday_names.index(weekdays[0]) + 1}"
                reading = Reading(reading.type, value, "day", relative=True)
            out.append((s, e, reading))
    return out


FAR_BACK_MONTHS, FAR_BACK_DAYS = 10, 300


def _far_back(value: str, anchor: datetime.date) -> bool:
    """A month ten or more months before the anchor, or a day over 300 days before it."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        back = anchor.year * 12 + anchor.month - int(m[1]) * 12 - int(m[2])
        return back >= FAR_BACK_MONTHS
    if DAY_VALUE.match(value):
        try:
            return (anchor - datetime.date.fromisoformat(value[:10])).days > FAR_BACK_DAYS
        except ValueError:
            return False
    return False


def _date_free(a: Reading, b: Reading) -> Reading:
    """The parts of two readings of one text (against two dates) that agree; X for the rest."""
    if a.value == b.value:
        return a
    fields_a, fields_b = re.split(r"([-T])", a.value), re.split(r"([-T])", b.value)
    if len(fields_a) != len(fields_b):
        return Reading(a.type, re.sub(r"\d", "X", a.value), a.granularity, relative=True)
    value = "".join(
        fa if fa == fb else re.sub(r"\d", "X", fa)
        for fa, fb in zip(fields_a, fields_b, strict=True)
    )
    return Reading(a.type, value, a.granularity, relative=True)


def _recognized(
    doc: Doc, span: Span, anchor: datetime.date, future: bool | None, widen: bool = True
) -> list[tuple[int, int, Reading]]:
    """Readings of Recognizers-Text matches that overlap ``span``."""
    window = widened(doc, span) if widen else span
    offset = window.start_char
    matches = [
        m
        for m in fast_matches(window.text, anchor) or recognize(window.text, anchor)
        if offset + m.start < span.end_char and offset + m.end > span.start_char
    ]
    out: list[tuple[int, int, Reading]] = []
    for m in matches:
        start, end = offset + m.start, offset + m.end
        if len(matches) == 1:
            start, end = min(start, span.start_char), max(end, span.end_char)
        piece = trimmed(doc, doc.char_span(start, end, alignment_mode="expand"))
        if piece is None or is_age(piece.text):
            continue
        reading = rule_reading(piece.text, anchor, future, span.sent.text) or to_reading(
            m, piece.text, anchor, future
        )
        if reading is not None:
            out.append((piece.start_char, piece.end_char, reading))
    return out


def _without_overlaps(found: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """Keep the longest of overlapping expressions, in text order."""
    kept: list[tuple[int, int, Reading]] = []
    for item in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if kept and item[0] < kept[-1][1]:
            if item[1] - item[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = item
            continue
        kept.append(item)
    return kept
