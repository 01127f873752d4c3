"""Quantities: numbers with their unit and modifier ("more than five hours" -> 5 hour).

How it is built, and why:

* Spans come from spaCy's tokens, not from a number recognizer run over the text.
  The Microsoft Recognizers number-with-unit models know currencies, dimensions,
  ages and temperatures, but not counts ("12 people", "3,000 troops") nor
  durations ("five and a half hours", which belong to its date-time model), so
  most quantities a news story carries would be missed.  spaCy already tells us
  what a number is part of: a DATE or TIME ("2018", "20:00"), an ORDINAL
  ("first"), or a name ("Apollo 11"), and the parse gives the noun a number
  counts.
* Number phrases and their values are read in ``number_phrases`` (number words by
  ``recognizers-text-number``, digits on a fast path, vague plurals by their base).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from storyline.annotate.figures import PEOPLE_PREDICATES, bounds, measure
from storyline.annotate.nlp import SentenceIndex, lemma_of, text_of
from storyline.annotate.number_phrases import (
    SCALE_SUFFIX,
    SUFFIX_VALUE,
    is_number,
    is_vague,
    phrase_end,
    range_end,
    value_of,
)
from storyline.model import Quantity, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

# fmt: off
# Labels of entities whose numbers are part of a name ("Apollo 11", "Boeing 737").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP",
     "LANGUAGE"}
)
_DURATION_UNITS = frozenset(
    {"second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade",
     "century"}
)
# Words before a number that qualify it; longest first so "no more than" beats "more than".
_MODIFIERS = sorted(
    (
        tuple(m.split())
        for m in (
            "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
            "as much as", "as few as", "as little as", "no more than", "no fewer than",
            "no less than", "nearly", "almost", "about", "around", "roughly", "approximately",
            "some", "over", "under",
            "just over", "just under", "well over", "well under", "close to", "upwards of",
            "in excess of", "an estimated", "estimated", "more or less", "only", "just", "barely",
            "exactly", "precisely", "circa", "approx.", "over", "below", "above",
        )
    ),
    key=len,
    reverse=True,
)
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                     "₩": "KRW", "₽": "RUB", "a$": "AUD", "c$": "CAD", "hk$": "HKD"}
_CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY",
                   "rupee": "INR", "ruble": "RUB", "rouble": "RUB", "won": "KRW", "sterling": "GBP",
                   "franc": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY",
                   "jpy": "JPY"}
_PERCENT = frozenset({"%", "percent", "pct", "per cent", "percentage point"})
# Adjectives standing for people counted: "19 dead", "40 injured".
_PEOPLE_ADJ = frozenset({"dead", "killed", "injured", "wounded", "missing", "hurt", "hospitalized",
                         "hospitalised", "detained", "arrested", "displaced", "homeless"})
_UNIT_LEMMA = {"people": "person", "persons": "person", "km": "kilometer", "kilometre": "kilometer",
               "kg": "kilogram", "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute",
               "sec": "second", "secs": "second", "yr": "year", "yrs": "year", "mi": "mile",
               "metre": "meter", "centimetre": "centimeter", "millimetre": "millimeter",
               "tonne": "ton"}
_TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "gmt", "utc", "o'clock", "ago"})
# fmt: on


def _modifier(doc: Doc, start: int, floor: int) -> tuple[int, str | None]:
    """A modifier ending right before token ``start``: (its first token, its words)."""
    for words in _MODIFIERS:
        k = start - len(words)
        if k < floor:
            continue
        if tuple(t.lower_ for t in doc[k:start]) == words:
            return k, " ".join(words)
    return start, None


def _normalize_unit(tok: Token) -> str:
    lemma = lemma_of(tok)
    if tok.ent_type_ == "NORP" or (lemma in _PEOPLE_ADJ and tok.pos_ == "ADJ"):
        return "person"
    lemma = _UNIT_LEMMA.get(tok.lower_, _UNIT_LEMMA.get(lemma, lemma))
    return _CURRENCY_WORDS.get(lemma, lemma)


def _counted_noun(doc: Doc, start: int, end: int) -> int | None:
    """Index of the noun the number doc[start:end] counts, or None."""
    n = len(doc)
    last = doc[end - 1]
    if end < n and doc[end].text == "-" and not doc[end - 1].whitespace_ and end + 1 < n:
        nxt = doc[end + 1]  # "two-day visit", "five-year-old"
        return nxt.i if nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.is_alpha else None
    if (
        end < n
        and doc[end].lower_ == "of"
        and (is_vague(last) or last.lower_ in ("million", "billion"))
    ):
        k = end + 1  # "tens of thousands of Americans", "millions of dollars"
        while k < n and doc[k].pos_ in ("DET", "ADJ"):
            k += 1
        return (
            k
            if k < n and doc[k].pos_ in ("NOUN", "PROPN") and doc[k].tag_ in ("NNS", "NNPS", "NN")
            else None
        )
    if (
        end + 2 < n
        and doc[end].lower_ == "of"
        and doc[end + 1].lower_ in ("the", "these", "those")
        and doc[start].lower_ not in ("one", "a", "an", "1")
    ):  # "20 of the 149 reported fatalities", "300 of the wounded fighters": a part of them
        k = end + 2
        while k < n and (doc[k].like_num or doc[k].pos_ == "ADJ" or doc[k].tag_ == "VBN"):
            k += 1
        if k < n and doc[k].pos_ == "NOUN" and doc[k].tag_ == "NNS":
            return k
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound")
        and head.i >= end
        and head.pos_ in ("NOUN", "PROPN")
        and head.i - end <= 3
        and all(
            t.pos_ in ("ADJ", "NOUN", "PROPN", "ADV") or t.tag_ == "VBN" for t in doc[end : head.i]
        )
    ):
        return head.i
    if end < n and (doc[end].pos_ == "NOUN" or doc[end].lower_ in _PEOPLE_ADJ):
        return end
    return None


def _is_name_part(doc: Doc, start: int, end: int, has_unit: bool) -> bool:
    first = doc[start]
    if any(t.ent_type_ in _NAME_LABELS and t.pos_ != "NOUN" for t in doc[start:end]):
        return True
    if start > 0:
        prev = doc[start - 1]
        if (
            prev.text == "-"
            and not prev.whitespace_
            and start > 1
            and doc[start - 2].is_alpha
            and not doc[start - 2].whitespace_
        ):
            return True  # "COVID-19", "F-16"
        if (
            not has_unit
            and prev.is_title
            and prev.pos_ in ("PROPN", "NOUN")
            and first.text[0].isdigit()
        ):
            return True  # "Flight 370", "Route 66"
        if prev.lower_ in ("no.", "no", "number", "#") and first.text[0].isdigit():
            return not _pound_sign(doc, start, end)  # "#1" a rank; "# 20bn" pounds
    return False


def _pound_sign(doc: Doc, start: int, end: int) -> bool:
    """A pound sign some encodings turn into "#", told apart from a rank ("#1") by the
    space after it and a sum's scale ("# 20bn", "# 13.5 bn", "# 2 million")."""
    if start == 0 or doc[start - 1].text != "#" or not doc[start - 1].whitespace_:
        return False
    scales = ("m", "mn", "bn", "million", "billion")
    nxt = doc[end].lower_ if end < len(doc) else ""
    m = SCALE_SUFFIX.match(doc[end - 1].text)
    return bool(m and m.group(2).lower() != "k") or nxt in scales or doc[end - 1].lower_ in scales
    return False


def find_quantities(doc: Doc, sentences: list[Sentence]) -> list[Quantity]:
    """Numbers with their unit and modifier, in text order.

    Years, dates, times of day, ordinals and numbers inside names are skipped.
    """
    index = SentenceIndex(sentences)
    out: list[Quantity] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not (is_number(tok) or is_vague(tok)):
            i += 1
            continue
        start = i
        if (
            i > 0
            and doc[i - 1].lower_ in ("a", "an")
            and tok.lower_ in ("dozen", "hundred", "thousand", "million", "billion")
        ):
            start = i - 1
        end = phrase_end(doc, i)
        i = end
        upper = range_end(doc, start, end)
        if upper is not None:  # "12,000 to 19,000 barrels", "between 40 and 60 people"
            second, i = upper
            quantity = _build(doc, start, end, index, upper=(second, i))
        else:
            quantity = _build(doc, start, end, index)
        if quantity is not None:
            out.append(quantity)
    return out


def _build(
    doc: Doc,
    start: int,
    end: int,
    index: SentenceIndex,
    upper: tuple[int, int] | None = None,
) -> Quantity | None:
    parsed = value_of(doc, start, end)
    if parsed is None:
        log.debug("no value for %r", doc[start:end].text)
        return None
    value, vague = parsed
    pound = _pound_sign(doc, start, end)
    if (
        end < len(doc)
        and doc[end].lower_ in SUFFIX_VALUE
        and (not doc[end - 1].whitespace_ or pound)
        and doc[end - 1].text[-1].isdigit()
    ):  # "£20m" split into "20" and "m"; "# 13.5 bn"
        value, end = value * SUFFIX_VALUE[doc[end].lower_], end + 1
    top: float | None = None
    if upper is not None:
        second = value_of(doc, *upper)
        if second is None or second[0] <= value:
            upper = None
        else:
            top, end = second[0], upper[1]
    unit: str | None = None
    span_end = end
    # Currency before the number: "$3.5 billion", "US$ 40".
    first = start
    if start > 0 and doc[start - 1].lower_ in _CURRENCY_SYMBOLS:
        unit = _CURRENCY_SYMBOLS[doc[start - 1].lower_]
        first = start - 1
    elif pound:
        unit, first = "GBP", start - 1
    nxt = doc[end].lower_ if end < len(doc) else ""
    nxt2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    if unit is None and nxt in _PERCENT:
        unit, span_end = "percent", end + 1
    elif unit is None and f"{nxt} {nxt2}" in _PERCENT:
        unit, span_end = "percent", end + 2
    elif end < len(doc) and lemma_of(doc[end]) in _CURRENCY_WORDS:  # "40 million euros"
        unit, span_end = unit or _CURRENCY_WORDS[lemma_of(doc[end])], end + 1
    noun: int | None = None
    if unit is None:
        noun = _counted_noun(doc, start, end)
        if noun is not None:  # "20 of the 149 deaths": the number alone is the part's span
            part = doc[end].lower_ == "of" and doc[end + 1].lower_ in ("the", "these", "those")
            unit, span_end = _normalize_unit(doc[noun]), end if part else noun + 1
    if _skip(doc, start, end, unit, value, ranged=upper is not None):
        return None
    mod_start, modifier = _modifier(doc, first, max(0, first - 4))
    if upper is not None:
        modifier = modifier or "range"
    modifier = modifier or vague
    start_char = doc[mod_start].idx
    end_char = doc[span_end - 1].idx + len(doc[span_end - 1].text)
    sentence = index.at(start_char)
    if sentence is None:
        return None
    low, high = bounds(value, modifier, top)
    sense = measure(doc, start, end, noun, unit)
    if unit is None and sense["predicate"] in PEOPLE_PREDICATES and _is_subject(doc[end - 1]):
        unit = "person"  # "149 died", "up to 149 are reported to have died"
    return Quantity(
        sentence=sentence,
        start=start_char,
        end=end_char,
        text=text_of(doc)[start_char:end_char],
        value=value,
        unit=unit,
        modifier=modifier,
        low=low,
        high=high,
        **sense,
    )


def _skip(
    doc: Doc, start: int, end: int, unit: str | None, value: float, ranged: bool = False
) -> bool:
    toks: Span = doc[start:end]
    if _is_name_part(doc, start, end, unit is not None):
        return True
    # "between 40 and 60 people" is often tagged a DATE: a range of a counted noun is no date
    in_time = any(t.ent_type_ in ("DATE", "TIME") for t in toks) and not (ranged and unit)
    if in_time and unit is not None and _weekday_before(doc, start, end):
        in_time = False  # "said on Monday 19 civilians were killed": a count, no date
    if in_time and unit not in _DURATION_UNITS:
        return True  # "June 18", "2018", "20:00"
    if end < len(doc) and doc[end].lower_ in _TIME_WORDS and unit not in _DURATION_UNITS:
        return True
    text = toks.text
    if unit is None and re.fullmatch(r"1[5-9]\d\d|20\d\d", text):
        return True  # a year that NER missed
    # "one of the": a pronoun rather than a count
    return unit is None and text.lower() in ("one", "a", "an")


def _is_subject(tok: Token) -> bool:
    """The number is what its clause is said of: "149 died", "20 were arrested"."""
    return tok.dep_ in ("nsubj", "nsubjpass")


_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def _weekday_before(doc: Doc, start: int, end: int) -> bool:
    """A number right after a day's name, counting the noun after it, that NER read into
    one date ("on Monday 19 civilians"): a date goes on with a month ("Monday 19 June")."""
    prev, nxt = doc[start - 1] if start else None, doc[end] if end < len(doc) else None
    return bool(prev is not None and prev.lower_ in _WEEKDAYS and end - start == 1) and bool(
        doc[start].like_num and nxt is not None and nxt.ent_type_ not in ("DATE", "TIME")
    )
