"""Time expressions of one article, normalized to TimeML against its publication date.

How it works:

1. Candidates are the spans spaCy labels DATE or TIME (adjacent ones merged, so
   "Tuesday" + "morning" is one), plus single words spaCy does not label but TimeML
   does ("now", "recently").  Ages, bare numbers and a month name used as a person
   or a verb are dropped here.
2. Our rules (``timex_rules``) read what Recognizers-Text gets wrong: decades,
   centuries, PRESENT_REF/PAST_REF words, vague durations, quarters.
3. Everything else goes to Recognizers-Text (``timex_recognizer``), run on the
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
from storyline.annotate.timex_fast import fast_matches
from storyline.annotate.timex_phrases import BARE_UNITS, SPELLED_YEAR, phrase_reading
from storyline.annotate.timex_recognizer import is_age, recognize, to_reading
from storyline.annotate.timex_rules import (
    FUTURE_PHRASES,
    HOLIDAY,
    REF_TRIGGERS,
    YEAR_PERIOD,
    Reading,
    match_rule,
)
from storyline.annotate.timex_verbs import Governor, governor
from storyline.calendar_safe import in_calendar, shift_days
from storyline.model import Sentence, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

_LABELS = frozenset({"DATE", "TIME"})
# Words in front of a span that belong to the expression, though spaCy may leave them out.
_LEFT_MODIFIERS = frozenset(
    {"last", "next", "this", "early", "late", "mid", "the", "past", "coming", "previous",
     "following", "since", "until", "before", "after", "earlier", "later", "recent", "every",
     "each", "that", "same"}
)  # fmt: skip
# Words joining the two ends of a range written as one span.
_RANGE_WORDS = frozenset({"to", "through", "thru", "until", "till", "ended", "ending", "ends"})
_DATE_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "quarter"}
)  # fmt: skip
_DEICTIC_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
_WEEKDAY_NAMES = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)
_DURATION_PREPS = frozenset({"for", "within", "in", "over", "through", "during"})
_RIGHT_MODIFIERS = frozenset({"ago", "earlier", "later", "before", "after"})
# Words in front of a span that TimeML leaves outside the TIMEX3.
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "since", "until", "till", "by", "from", "to", "during", "for", "of",
     "through", "throughout", "within", "between", "around", "over", "as", "and", "or",
     "after", "before"}
)  # fmt: skip
_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"}
)  # fmt: skip
# Two dates that differ in every field (year, month, day, week), to tell what a reading
# takes from the text from what it takes from the date.
_PROBE_DATES = (datetime.date(2000, 6, 15), datetime.date(1987, 1, 28))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
    for span in _candidates(doc):
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
    return [t for t in _anchored_on_story_days(out, anchor) if in_calendar(t.value)]


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
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
# A year back from the period the text is about ("a year earlier", "the year-ago period").
_YEAR_BACK = re.compile(
    r"(?:the\s+)?(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|year[- ](?:ago|earlier)"
    r"(?:\s+(?:period|quarter))?|(?:same\s+)?(?:period|quarter)\s+a\s+year\s+(?:ago|earlier)"
    r"|last\s+year's(?:\s+(?:period|quarter))?)"
)
# How many sentences back a named day can still be what "the next day" counts from.
ANAPHORA_SENTENCES = 2


def _anchored_on_story_days(
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
                day.isoformat() + t.value[10:] if _DAY_VALUE.match(t.value) else day.isoformat()
            )
            t.granularity = "day"
            t.relative = True
        if t.type == "DATE" and _DAY_VALUE.match(t.value):
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


def _candidates(doc: Doc) -> list[Span]:
    """DATE/TIME entities, adjacent ones merged, plus PRESENT/PAST/FUTURE_REF words."""
    ents = [e for e in doc.ents if e.label_ in _LABELS]
    merged: list[Span] = []
    for ent in ents:
        if merged and (
            ent.start == merged[-1].end
            # "5 p.m. EST, Nov. 6": a clock time and its day, apart by a comma.
            or (
                ent.start == merged[-1].end + 1
                and doc[ent.start - 1].text == ","
                and doc[merged[-1].end - 1].ent_type_ == "TIME"
                and ent.label_ == "DATE"
            )
        ):
            merged[-1] = doc[merged[-1].start : ent.end]
        else:
            merged.append(ent)
    covered = {i for span in merged for i in range(span.start, span.end)}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.lower_ in REF_TRIGGERS or tok.lower_ in _DEICTIC_DAYS:
            merged.append(doc[tok.i : tok.i + 1])
        elif tok.text in _WEEKDAY_NAMES and tok.pos_ in ("PROPN", "NOUN"):
            # spaCy misses a weekday now and then (after quotes, in datelines).
            merged.append(doc[tok.i : tok.i + 1])
        elif (
            tok.lower_ in ("past", "future")
            and tok.i > 0
            and doc[tok.i - 1].lower_ == "the"
            and (tok.i + 1 == len(doc) or doc[tok.i + 1].lower_ not in ("of", "tense"))
            and (tok.lower_ == "future" or not doc[tok.i + 1].is_alpha)
        ):
            merged.append(doc[tok.i - 1 : tok.i + 1])
        elif (
            tok.lower_ in ("every", "each")
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ in _SET_UNITS
        ):
            merged.append(doc[tok.i : tok.i + 2])
        elif (
            tok.lower_ == "year"
            and tok.i + 2 < len(doc)
            and doc[tok.i + 1].text == "-"
            and doc[tok.i + 2].lower_ in ("ago", "earlier")
            and not covered.intersection(range(tok.i, tok.i + 3))
        ):
            merged.append(doc[tok.i : tok.i + 3])  # "year-earlier profit"
        elif tok.lower_ in ("quarter", "period") and tok.pos_ == "NOUN":
            # "the latest quarter", "the year-ago period": spaCy seldom labels these.
            span = doc[tok.left_edge.i : tok.i + 1]
            if not covered.intersection(range(span.start, span.end)) and match_rule(
                span.text, _PROBE_DATES[0], None
            ):
                merged.append(span)
    for i, span in enumerate(merged):
        # "the year-ago third quarter", "the 1988 period": spaCy labels a part at most.
        last = doc[span.end - 1]
        if last.lower_ in ("quarter", "period") and last.left_edge.i < span.start:
            wide = doc[last.left_edge.i : span.end]
            if _rule_reading(wide.text, _PROBE_DATES[0], None) is not None:
                merged[i] = wide
        elif span.end < len(doc) and doc[span.end].lower_ in ("quarter", "period"):
            wide = doc[span.start : span.end + 1]  # "the year-ago" + "period"
            if _rule_reading(wide.text, _PROBE_DATES[0], None) is not None:
                merged[i] = wide
    text = text_of(doc)
    for m in (*HOLIDAY.finditer(text), *FUTURE_PHRASES.finditer(text)):
        found = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if found is not None and not covered.intersection(range(found.start, found.end)):
            merged.append(found)
    return sorted(merged, key=lambda s: s.start)


_SET_UNITS = frozenset({"day", "week", "month", "quarter", "year", "night", "morning"})


def _read_candidate(
    doc: Doc, candidate: Span, anchor: datetime.date | None
) -> list[tuple[int, int, Reading]]:
    span = _trimmed(doc, candidate)
    if span is None or _rejected(span):
        return []
    if parts := _range_parts(doc, span):
        # "Aug. 26 to Oct. 20", "the quarter ended Sept. 30": TimeML marks each end.
        return [r for part in parts for r in _read_candidate(doc, part, anchor)]
    gov = governor(span)
    future = False if gov.lean_past else gov.future
    if (rule := _rule_reading(span.text, anchor, future, span.sent.text)) is not None:
        return [(span.start_char, span.end_char, rule)]
    read = _clock_on_day(_library_reading(doc, span, anchor, future, gov.lean_past))
    if not read and (rest := _after_day_part(doc, span)) is not None:
        # "late yesterday", "early Tuesday", "later that year": the library gives a
        # range without a value; TimeML gives the day (or year) itself.
        start = doc[rest.start - 1].idx
        inner = _rule_reading(rest.text, anchor, future, span.sent.text)
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
        and _DAY_VALUE.fullmatch(second.value)
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


def _rule_reading(
    text: str, anchor: datetime.date | None, future: bool | None, context: str = ""
) -> Reading | None:
    """The reading of ``text`` by one of our own rules, or None."""
    found = match_rule(text, anchor, future, context)
    if found is None:
        found = phrase_reading(" ".join(text.lower().split()), anchor, future)
    return found


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
    first = _recognized(doc, span, _PROBE_DATES[0], future, widen)
    second = {(s, e): r for s, e, r in _recognized(doc, span, _PROBE_DATES[1], future, widen)}
    out = []
    for s, e, r in first:
        if (s, e) in second:
            reading = _date_free(r, second[(s, e)])
            weekdays = [w for w in _WEEKDAYS if w in text_of(doc)[s:e].lower()]
            if reading.value == "XXXX-XX-XX" and len(weekdays) == 1:
                value = f"XXXX-WXX-{_WEEKDAYS.index(weekdays[0]) + 1}"
                reading = Reading(reading.type, value, "day", relative=True)
            out.append((s, e, reading))
    return out


FAR_BACK_MONTHS, FAR_BACK_DAYS = 10, 300


def _far_back(value: str, anchor: datetime.date) -> bool:
    """A month ten or more months before the anchor, or a day over 300 days before it."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        back = anchor.year * 12 + anchor.month - int(m[1]) * 12 - int(m[2])
        return back >= FAR_BACK_MONTHS
    if _DAY_VALUE.match(value):
        try:
            return (anchor - datetime.date.fromisoformat(value[:10])).days > FAR_BACK_DAYS
        except ValueError:
            return False
    return False


def _range_parts(doc: Doc, span: Span) -> tuple[Span, Span] | None:
    """The two ends of a range of dates written as one span, or None."""
    for tok in span[1:-1]:
        if tok.lower_ not in _RANGE_WORDS:
            continue
        left, right = doc[span.start : tok.i], doc[tok.i + 1 : span.end]
        if _names_a_date(left) and _names_a_date(right):
            return left, right
    return None


def _names_a_date(span: Span) -> bool:
    return any(
        t.lower_.rstrip(".") in _DATE_WORDS
        or (t.like_num and len(t.text) == 4 and t.text.isdigit())
        for t in span
    )


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
    window = _widened(doc, span) if widen else span
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
        piece = _trimmed(doc, doc.char_span(start, end, alignment_mode="expand"))
        if piece is None or is_age(piece.text):
            continue
        reading = _rule_reading(piece.text, anchor, future, span.sent.text) or to_reading(
            m, piece.text, anchor, future
        )
        if reading is not None:
            out.append((piece.start_char, piece.end_char, reading))
    return out


def _trimmed(doc: Doc, span: Span | None) -> Span | None:
    """``span`` without prepositions in front and punctuation at either end."""
    if span is None:
        return None
    start, end = span.start, span.end
    while start < end and (
        doc[start].lower_ in _PREPOSITIONS
        or doc[start].is_punct
        # "as early as next year's first quarter": TimeML leaves "early as" out too
        or (doc[start].lower_ in ("early", "late", "soon") and start + 1 < end
            and doc[start + 1].lower_ == "as")
    ):  # fmt: skip
        if doc[start].lower_ == "at" and start + 1 < end and doc[start + 1].lower_ == "least":
            break  # TimeML keeps "at least 30 days" whole
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if start < end else None


def _rejected(span: Span) -> bool:
    """Ages, bare numbers, a month name that is a person or a verb."""
    text = span.text
    if is_age(text):
        return True
    if SPELLED_YEAR.fullmatch(" ".join(text.lower().split())):
        # "in nineteen ninety-six" is a year; "cost nineteen ninety-five" a price.
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return "year" not in text.lower() and before not in _PREPOSITIONS
    if all(t.like_num or t.is_punct for t in span):
        digits = text.replace(",", "")
        return not (digits.isdigit() and len(digits) == 4 and 1000 <= int(digits) <= 2199)
    if len(span) == 1 and span[0].lower_ == "annual":
        return True  # an adjective ("the annual report"): TimeML leaves it out
    if BARE_UNITS.fullmatch(" ".join(text.lower().split())):
        # "for years", "within weeks", "over the years" are durations; "after weeks
        # of", "by decades", "a matter of months" are left out by TimeML.
        doc = span.doc
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        return (
            span.start == 0
            or doc[span.start - 1].lower_ not in _DURATION_PREPS
            or after in ("before", "after")  # "in the days before the vote": a time, not a length
        )
    if len(span) == 1 and span[0].lower_ in _MONTHS:
        tok = span[0]
        return tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("nsubj", "nsubjpass", "compound")
    return False


def _widened(doc: Doc, span: Span) -> Span:
    """``span`` with the modifiers around it the recognizer needs ("last", "ago")."""
    start, end = span.start, span.end
    sent_start, sent_end = span.sent.start, span.sent.end
    while start > max(sent_start, span.start - 3) and doc[start - 1].lower_ in _LEFT_MODIFIERS:
        start -= 1
    if end < sent_end and doc[end].lower_ in _RIGHT_MODIFIERS:
        end += 1
    return doc[start:end]


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
