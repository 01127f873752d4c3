"""The spans of an article that may be time expressions, and their edges.

Candidates are what spaCy labels DATE or TIME (adjacent ones merged) plus the words it
misses that TimeML marks; ``trimmed`` and ``rejected`` take off what TimeML leaves out
(prepositions, ages, bare numbers, a month name that is a person or a verb).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from storyline.annotate.nlp import text_of
from storyline.annotate.timex.phrases import BARE_UNITS, SPELLED_YEAR, phrase_reading
from storyline.annotate.timex.recognizer import is_age
from storyline.annotate.timex.rules import (
    FUTURE_PHRASES,
    HOLIDAY,
    REF_TRIGGERS,
    Reading,
    match_rule,
)
from storyline.languages.calendar import ENGLISH

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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
    {*ENGLISH.month_numbers, *ENGLISH.weekday_names, "today", "yesterday", "tomorrow", "quarter"}
)
_DEICTIC_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
_WEEKDAY_NAMES = frozenset(w.capitalize() for w in ENGLISH.weekday_names)
_DURATION_PREPS = frozenset({"for", "within", "in", "over", "through", "during"})
_RIGHT_MODIFIERS = frozenset({"ago", "earlier", "later", "before", "after"})
# Words in front of a span that TimeML leaves outside the TIMEX3.
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "since", "until", "till", "by", "from", "to", "during", "for", "of",
     "through", "throughout", "within", "between", "around", "over", "as", "and", "or",
     "after", "before"}
)  # fmt: skip
_MONTHS = frozenset(ENGLISH.month_names)
# Two dates that differ in every field (year, month, day, week), to tell what a reading
# takes from the text from what it takes from the date.
PROBE_DATES = (datetime.date(2000, 6, 15), datetime.date(1987, 1, 28))


def candidates(doc: Doc) -> list[Span]:
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
                span.text, PROBE_DATES[0], None
            ):
                merged.append(span)
    for i, span in enumerate(merged):
        # "the year-ago third quarter", "the 1988 period": spaCy labels a part at most.
        last = doc[span.end - 1]
        if last.lower_ in ("quarter", "period") and last.left_edge.i < span.start:
            wide = doc[last.left_edge.i : span.end]
            if rule_reading(wide.text, PROBE_DATES[0], None) is not None:
                merged[i] = wide
        elif span.end < len(doc) and doc[span.end].lower_ in ("quarter", "period"):
            wide = doc[span.start : span.end + 1]  # "the year-ago" + "period"
            if rule_reading(wide.text, PROBE_DATES[0], None) is not None:
                merged[i] = wide
    text = text_of(doc)
    for m in (*HOLIDAY.finditer(text), *FUTURE_PHRASES.finditer(text)):
        found = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if found is not None and not covered.intersection(range(found.start, found.end)):
            merged.append(found)
    return sorted(merged, key=lambda s: s.start)


_SET_UNITS = frozenset({"day", "week", "month", "quarter", "year", "night", "morning"})


def rule_reading(
    text: str, anchor: datetime.date | None, future: bool | None, context: str = ""
) -> Reading | None:
    """The reading of ``text`` by one of our own rules, or None."""
    found = match_rule(text, anchor, future, context)
    if found is None:
        found = phrase_reading(" ".join(text.lower().split()), anchor, future)
    return found


def range_parts(doc: Doc, span: Span) -> tuple[Span, Span] | None:
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


def trimmed(doc: Doc, span: Span | None) -> Span | None:
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


def rejected(span: Span) -> bool:
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


def widened(doc: Doc, span: Span) -> Span:
    """``span`` with the modifiers around it the recognizer needs ("last", "ago")."""
    start, end = span.start, span.end
    sent_start, sent_end = span.sent.start, span.sent.end
    while start > max(sent_start, span.start - 3) and doc[start - 1].lower_ in _LEFT_MODIFIERS:
        start -= 1
    if end < sent_end and doc[end].lower_ in _RIGHT_MODIFIERS:
        end += 1
    return doc[start:end]
