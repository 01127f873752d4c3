"""A cited summary: the claims most sources agree on, without repeats, in story order.

Every summary sentence is a source sentence (the claim's most central one) and
cites every sentence that tells the same claim. Claims told by more independent
sources come first in the choice; the chosen ones are then ordered by when the
story first reported them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storyline.model import Claim, SummarySentence

_WORD = re.compile(r"\w+")
REDUNDANT_OVERLAP = 0.5
MAX_WORDS = 60


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def build_summary(
    claims: Sequence[Claim],
    first_seen: Callable[[Claim], tuple[str, int]],
    max_sentences: int = 8,
) -> list[SummarySentence]:
    ranked = sorted(
        claims,
        key=lambda c: (-len(c.independent_outlets), -len(c.evidence), first_seen(c), c.id),
    )
    chosen: list[Claim] = []
    for claim in ranked:
        if len(chosen) >= max_sentences:
            break
        words = _words(claim.text)
        if not words or len(claim.text.split()) > MAX_WORDS:
            continue
        if _is_quote_only(claim.text):
            continue
        if any(_overlap(words, _words(c.text)) >= REDUNDANT_OVERLAP for c in chosen):
            continue
        chosen.append(claim)
    chosen.sort(key=first_seen)
    return [SummarySentence(text=c.text, evidence=c.evidence) for c in chosen]


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _is_quote_only(text: str) -> bool:
    """A sentence that opens with a quotation reads badly out of context in a summary."""
    return text[:1] in "\"“‘'"
