"""How much of a long article the annotator reads closely, and which sentences it embeds.

Annotating costs per sentence (spaCy ~4 ms, a MiniLM vector ~9 ms, a time
expression read by Recognizers-Text ~20 ms on this kind of machine), and news
archives hold articles of a hundred sentences whose tail is background, captions
and boilerplate. Two budgets bound the work per article, both off (0) unless set:

- ``read``: at most this many sentences go through spaCy and the annotators. The
  lede always does; then sentences that name a date; then sentences with a figure
  or a quotation mark; then the rest, in text order. The others are blanked with
  spaces before spaCy runs, so every offset still indexes the article's own text.
  A report that carries a chronology ("March 17 - The council votes ...", see
  ``date_refs.chronology_entries``) has its entries read as well, up to
  ``CHRONOLOGY_LINES`` sentences beyond the budget: each is an editor's account of a day, the
  best a timeline can quote, and they sit at the end of the report where the budget
  would blank them.
- ``embed``: at most this many of the read sentences get a vector: the lede, then
  sentences with a time expression, then those with a figure or a quote. The rest
  get a zero vector, which no similarity threshold accepts, so they are never
  grouped into a claim or an event; they keep their mentions, dates and quotes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.date_refs import chronology_entries
from storyline.languages.calendar import ENGLISH, alternation
from storyline.languages.day_shapes import day_shapes
from storyline.model import Sentence

LEAD = 8  # sentences at the top always read: news puts what happened first
EMBED_LEAD = 6
CHRONOLOGY_LINES = 120  # sentences read beyond the budget in a report's chronology

# A rough split, used only to choose what to read: the sentences themselves come
# from spaCy's parser afterwards. A regex is enough here and costs nothing next to
# a model-based splitter, which would have to run over the text we mean to skip.
_ROUGH_SPLIT = re.compile(r"\n+|(?<=[.!?])[\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])")
_MONTH_PREFIX = alternation((m[:3] for m in ENGLISH.month_names), capitalized=True)
_PLAIN_NAMES = [m for m in ENGLISH.month_names if m not in ENGLISH.common_words]
_MONTH_OR_DAY = re.compile(
    r"\b(?:" + _MONTH_PREFIX + r")[a-z]*\.?\s+\d"
    r"|\b\d{1,2}\s+(?:" + _MONTH_PREFIX + r")[a-z]*\b"
    r"|\b(?:" + alternation([*_PLAIN_NAMES, *ENGLISH.weekday_names], capitalized=True) + r")\b"
)
_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|ago|(?:last|next|this|earlier|later)\s+"
    r"(?:week|month|year|spring|summer|autumn|fall|winter|weekend)|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)
_FIGURE_OR_QUOTE = re.compile(r"\d|[\"“”]")


@dataclass(frozen=True)
class Budget:
    """Sentences per article read closely and embedded; 0 means all."""

    read: int = 0
    embed: int = 0

    def __post_init__(self) -> None:
        if self.read < 0 or self.embed < 0:
            raise ValueError(f"budgets are counts >= 0, not {self.read}, {self.embed}")

    @property
    def tag(self) -> str:
        """Part of the annotator version: annotations made with another budget differ."""
        if not (self.read or self.embed):
            return ""
        # "+chronology": chronology lines are read beyond the budget (see reading_text).
        return f"+r{self.read}e{self.embed}+chronology"


def rough_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each rough sentence of ``text``, blank pieces left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _ROUGH_SPLIT.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _names_a_day(text: str, language: str) -> bool:
    """Whether a sentence of ``language`` names a day or a year ("25 de enero", "ayer")."""
    shapes = day_shapes(language)
    if shapes is None:
        return bool(_MONTH_OR_DAY.search(text) or _RELATIVE.search(text))
    return bool(
        shapes.day_month.search(text)
        or shapes.weekday.search(text)
        or (shapes.back_word and shapes.back_word.search(text))
        or _YEAR.search(text)
    )


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _read_rank(text: str, position: int, language: str = "en") -> int:
    if position < LEAD:
        return 0
    if _names_a_day(text, language):
        return 1
    if _FIGURE_OR_QUOTE.search(text):
        return 2
    return 3


def reading_text(text: str, budget: Budget, language: str = "en") -> str:
    """``text``, written in ``language``, with the sentences beyond the read budget blanked
    (same length, same lines)."""
    if not budget.read:
        return text
    spans = rough_sentences(text)
    if len(spans) <= budget.read:
        return text
    ranked = sorted(
        range(len(spans)), key=lambda i: (_read_rank(text[slice(*spans[i])], i, language), i)
    )
    dropped = set(ranked[budget.read :])
    entries = chronology_entries(text, language)
    if entries:
        starts = [a for a, _ in entries]
        chronology = [
            i
            for i in sorted(dropped)
            if (k := bisect.bisect_right(starts, spans[i][0]) - 1) >= 0
            and spans[i][0] < entries[k][1]
        ]
        dropped.difference_update(chronology[:CHRONOLOGY_LINES])
    pieces: list[str] = []
    last = 0
    for i in sorted(dropped):
        start, end = spans[i]
        pieces.append(text[last:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def embedded_sentences(
    sentences: Sequence[Sentence], dated: set[int], marked: set[int], budget: Budget
) -> list[int]:
    """Indexes of the sentences to embed, in order: all of them unless the budget says less.

    ``dated`` holds the sentences with a time expression, ``marked`` those with a
    figure or a quote.
    """
    if not budget.embed or len(sentences) <= budget.embed:
        return [s.index for s in sentences]

    def rank(s: Sentence) -> tuple[int, int]:
        if s.index < EMBED_LEAD:
            return (0, s.index)
        if s.index in dated:
            return (1, s.index)
        return (2 if s.index in marked else 3, s.index)

    return sorted(s.index for s in sorted(sentences, key=rank)[: budget.embed])
