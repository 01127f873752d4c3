"""What a sentence says specifically: its numbers, dates, named entities and rare words.

Sentence vectors of one story sit close together (every sentence of a story about a
visit mentions the visitor and the host), so similarity alone cannot tell two
tellings of one fact from two facts about the same people. What tells them apart is
the specific content: the same figure ("nearly five years" / "almost five years"), the
same resolved date ("on Tuesday" / "March 12"), the same entities, the words that are
rare in the story. This module reads that content off the annotations, weighs each
item by how rare it is in the story (inverse document frequency over its sentences),
and measures how much two sentences share.

Stop words are spaCy's English list (a maintained list rather than our own), minus the
number words and ordinals, which are content here ("the first visit in five years"); a
sentence in another language also drops that language's spaCy list ("de", "la", "que").
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.languages.words import stop_words
from storyline.model import Annotation

# fmt: off
_NUMBER_WORDS = frozenset([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "million", "billion", "first", "second", "third", "fourth",
    "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "next",
])
# fmt: on
_STOP = frozenset(w for w in STOP_WORDS if w not in _NUMBER_WORDS) | {"said", "says", "told"}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_DIGITS = re.compile(r"(?<![\w.,])\d(?:[\d,.]*\d)?(?![\w])")  # "2,100", not the 20 of "G20"
_STEM = 6  # letters two forms of one word share: "collapsed" / "collapse", "visited" / "visit"
_CALENDAR = re.compile(r"^\d{4}(-\d{2}){0,2}")

FIGURE_WEIGHT = 2.0  # a number or a date pins a fact down more than a word does
_DAY_ITEM = len("@2024-03-12")
# Kinds of item, by prefix: a number, a date, an entity, a word.
NUMBER, DATE, ENTITY = "#", "@", "&"


def _number(text: str) -> str | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return f"{NUMBER}{value:g}"


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    return word[:_STEM]


@functools.cache
def _stop_words(language: str) -> frozenset[str]:
    """``language``'s stop words beside English ones, its number words left in (they are
    content, as in English): Recognizers-Text's tables of them, where it has one."""
    if language == "en":
        return frozenset()
    numbers: set[str] = set()
    name = {"es": "spanish", "fr": "french", "pt": "portuguese"}.get(language)
    if name is not None:
        tables = importlib.import_module(f"recognizers_number.resources.{name}_numeric")
        table = getattr(tables, f"{name.capitalize()}Numeric")
        numbers = {*table.CardinalNumberMap, *table.OrdinalNumberMap} - _ARTICLES
    return frozenset(stop_words(language) - numbers)


# "un", "una", "une", "um": articles first, number words second.
_ARTICLES = frozenset({"un", "una", "uno", "une", "um", "uma"})


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str, language: str = "en") -> frozenset[str]:
    """The stems of a sentence's content words (cached: a story is linked again each
    time a report joins it, and its sentences do not change)."""
    own = _stop_words(language)
    return frozenset(
        _stem(w)
        for w in _WORD.findall(text)
        if w.lower() not in _STOP and w.lower() not in own and not w.isdigit() and len(w) > 1
    )


def items_of(
    ann: Annotation,
    sentence: int,
    text: str,
    entities: Iterable[str] = (),
    language: str = "en",
) -> frozenset[str]:
    """The specific items of one sentence, written in ``language``: numbers, calendar
    dates, entities and words.

    A figure the annotator read as a quantity carries its unit ("#8:gene" is not
    "#8:student"); digits inside a time expression are its date, not a number.
    """
    out: set[str] = set(_words(text, language))
    base = ann.sentences[sentence].start
    taken: list[tuple[int, int]] = []
    for q in ann.quantities:
        if q.sentence == sentence:
            out.add(f"{NUMBER}{q.value:g}" + (f":{q.unit.lower()}" if q.unit else ""))
            taken.append((q.start - base, q.end - base))
    for t in ann.timexes:
        if t.sentence == sentence and t.type in ("DATE", "TIME", "DURATION", "SET"):
            taken.append((t.start - base, t.end - base))
            m = _CALENDAR.match(t.value)
            if m and t.type in ("DATE", "TIME"):
                out.add(f"{DATE}{m.group(0)}")
    for d in _DIGITS.finditer(text):
        if any(s <= d.start() < e for s, e in taken):
            continue
        n = _number(d.group(0))
        if n:
            out.add(n)
    out.update(f"{ENTITY}{e}" for e in entities)
    return frozenset(out)


@dataclass
class Specifics:
    """The items of a story's sentences, weighed by rarity in the story."""

    items: list[frozenset[str]]
    weight: dict[str, float] = field(default_factory=dict)
    totals: list[float] = field(default_factory=list)  # each sentence's summed weight

    @classmethod
    def of(cls, items: list[frozenset[str]]) -> Specifics:
        df: Counter[str] = Counter(i for s in items for i in s)
        n = len(items)
        # log(1 + N/df): an item in every sentence still weighs a little (log 2), so
        # that tiny stories (a handful of sentences) are measured sensibly too.
        weight = {
            i: math.log(1 + n / c) * (FIGURE_WEIGHT if i[0] in (NUMBER, DATE) else 1.0)
            for i, c in df.items()
        }
        return cls(items=items, weight=weight, totals=[sum(weight[i] for i in s) for s in items])

    def shared(self, a: int, b: int) -> float:
        """Weighted Jaccard: how much of what the two sentences say they both say."""
        both = sum(self.weight[i] for i in self.items[a] & self.items[b])
        union = self.totals[a] + self.totals[b] - both
        return both / union if union > 0 else 0.0

    def shares_figure(self, a: int, b: int) -> bool:
        """The same number (with the same unit) or the same day in both; a year or a
        month alone is shared by too many different facts ("the 1918 pandemic")."""
        return any(
            i[0] == NUMBER or (i[0] == DATE and len(i) == _DAY_ITEM)
            for i in self.items[a] & self.items[b]
        )

    def shares_count(self, a: int, b: int) -> bool:
        """The same number in both, other than the ubiquitous 0, 1 and 2 ("two sides").

        A date is not enough: many different things happen on one day of a story."""
        return any(
            i[0] == NUMBER and float(i[1:].split(":")[0]) > 2 for i in self.items[a] & self.items[b]
        )
