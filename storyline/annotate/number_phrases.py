"""Number phrases in spaCy's tokens: where one starts and ends ("3.5 billion", "five and a
half", "tens of thousands", "£20m"), its value, and the second number of a range ("12,000 to
19,000", "between 40 and 60").

Values come from ``recognizers-text-number`` (``NumberRecognizer``), which reads number
words ("five and a half", "1.2 million", "twenty-five", "a dozen"); digits take a fast
path. Vague plurals ("tens of thousands", "hundreds"), which the recognizer does not read,
get their base value and keep the vague words as the modifier.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from typing import TYPE_CHECKING

from storyline.annotate.nlp import english_recognizer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# fmt: off
# Plural scale words read as "at least this many": "hundreds" of people, "tens of thousands".
VAGUE = {"dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 100.0, "thousands": 1e3,
          "millions": 1e6, "billions": 1e9, "trillions": 1e12}
# "3.5bn", "1,200k"; not "3.52.5m" (no number).
SCALE_SUFFIX = re.compile(
    r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)$", re.IGNORECASE
)
SUFFIX_VALUE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
# fmt: on


@functools.cache
def _number_model():  # type: ignore[no-untyped-def]
    return english_recognizer(
        "recognizers_number",
        "NumberRecognizer",
        "get_number_model",
        "recognizers-text-number",
        "pip install recognizers-text-number-with-unit==1.0.2a2",
    )


@functools.lru_cache(maxsize=4096)
def word_value(text: str) -> float | None:
    """The value of a number written in words, or None when it is not one number."""
    try:
        results = _number_model().parse(text)
    except Exception as exc:
        log.debug("number recognizer failed on %r: %s", text, exc)
        return None
    if len(results) != 1 or results[0].text.lower() != text.lower():
        return None
    try:
        return float(results[0].resolution["value"])
    except (KeyError, TypeError, ValueError):
        return None


def is_number(tok: Token) -> bool:
    if ORDINAL.match(tok.text) or tok.ent_type_ == "ORDINAL" or ":" in tok.text:
        return False
    if DIGITS.match(tok.text) or SCALE_SUFFIX.match(tok.text):
        return True
    return tok.tag_ == "CD" and tok.is_alpha


def is_vague(tok: Token) -> bool:
    return tok.lower_ in VAGUE


def phrase_end(doc: Doc, i: int) -> int:
    """End (exclusive) of the number phrase that starts at token ``i``."""
    j = i + 1
    n = len(doc)
    while j < n:
        tok = doc[j]
        prev = doc[j - 1].lower_
        nxt = doc[j + 1].lower_ if j + 1 < n else ""
        if (
            # "hundreds 1998": a number after a vague plural starts a new phrase (a
            # flattened chronology's next year), it does not scale the plural.
            (is_number(tok) and not (is_vague(doc[j - 1]) and not tok.is_alpha))
            or (
                tok.lower_ == "and"
                and (
                    (
                        nxt in ("a", "half")
                        and (
                            (j + 2 < n and doc[j + 2].lower_ in ("half", "quarter"))
                            or nxt == "half"
                        )
                    )
                    or (
                        prev in ("hundred", "thousand")
                        and j + 1 < n
                        and is_number(doc[j + 1])
                        and doc[j + 1].is_alpha
                    )
                )
            )
            or (tok.lower_ in ("a", "an") and nxt in ("half", "quarter") and prev == "and")
            or (tok.lower_ in ("half", "quarter") and prev in ("a", "and"))
            or (
                tok.text == "-"
                and not tok.whitespace_
                and j + 1 < n
                and is_number(doc[j + 1])
                and doc[j + 1].is_alpha
                and doc[j - 1].is_alpha
            )
            or (
                tok.lower_ == "of" and is_vague(doc[j - 1]) and j + 1 < n and (is_vague(doc[j + 1]))
            )
            or (is_vague(tok) and prev in ("of", *VAGUE))
        ):  # "3.5 billion", "one hundred"
            j += 1
        else:
            break
    return j


def value_of(doc: Doc, start: int, end: int) -> tuple[float, str | None] | None:
    """Value of doc[start:end] and the vague words that qualify it ("tens of")."""
    words = [t.lower_ for t in doc[start:end]]
    if any(w in VAGUE for w in words):
        # "tens of thousands" -> 10 x 1,000; "hundreds" -> 100, "hundreds of" kept as the modifier.
        # Only vague words and "of" make such a phrase; anything else ("hundreds 1998":
        # a flattened chronology) is not one value.
        if words[-1] not in VAGUE or any(w not in VAGUE and w != "of" for w in words):
            return None
        scales = [VAGUE[w] for w in words if w != "of"]
        return math.prod(scales), " ".join(words[:-1]) if len(words) > 1 else f"{words[0]} of"
    if len(words) == 1:
        text = doc[start].text
        if DIGITS.match(text):
            return float(text.replace(",", "")), None
        m = SCALE_SUFFIX.match(text)
        if m:
            return float(m.group(1).replace(",", "")) * SUFFIX_VALUE[m.group(2).lower()], None
    value = word_value(doc[start:end].text)
    return None if value is None else (value, None)


def range_end(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The second number of a range that starts with doc[start:end]: (its start, end)."""
    n = len(doc)
    if end + 1 >= n or not is_number(doc[end + 1]):
        return None
    link = doc[end].lower_
    between = start > 0 and doc[start - 1].lower_ == "between"
    if not (link in ("to", "-", "–") or (link == "and" and between)):
        return None
    if link == "-" and (doc[end].whitespace_ or doc[end - 1].whitespace_):
        return None
    if any(YEAR.match(t.text) or ":" in t.text for t in (doc[start], doc[end + 1])):
        return None  # "1999 to 2003", "9:00 to 5:00"
    if link != "and" and any(t.ent_type_ in ("DATE", "TIME") for t in doc[start : end + 2]):
        return None  # "9 to 5", "May 3-5"
    return end + 1, phrase_end(doc, end + 1)
