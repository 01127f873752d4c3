"""A cited summary: consensus first, then a short "what is disputed" part.

Consensus: the claims most independent sources tell, without repeats, in story
order; among claims told by as many sources, the ones ranked first (``claims`` come in
the dossier's order: ``synthesize.claims.rank_claims``), so that a line one site repeats
on many pages does not outrank what the story is about. Every sentence is a source
sentence (the claim's most central one) citing every sentence that tells the same claim.
Disputed: for the conflicts reported by the most articles, one sentence per position,
each citing that position's evidence.
Every sentence passes the faithfulness check (``faithful.is_faithful``) or is left out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence

from storyline.languages.apparatus import is_apparatus
from storyline.model import Claim, Conflict, Evidence, SummarySentence
from storyline.synthesize.faithful import is_faithful

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
REDUNDANT_OVERLAP = 0.5
MAX_WORDS = 60
DISPUTED_SHARE = 3  # at most a third of the summary goes to what is disputed


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3}


def build_summary(
    claims: Sequence[Claim],
    first_seen: Callable[[Claim], tuple[str, int]],
    max_sentences: int = 8,
    conflicts: Sequence[Conflict] = (),
    languages: Mapping[str, str] | None = None,
) -> list[SummarySentence]:
    """The summary of a story's ``claims``; ``languages`` gives each report's language
    by article id (English when not given), read by the apparatus test."""
    language = _language_of(languages or {})
    disputed = disputed_part(conflicts, max_sentences // DISPUTED_SHARE, languages)
    taken = [_words(s.text) for s in disputed]
    place = {c.id: n for n, c in enumerate(claims)}
    ranked = sorted(claims, key=lambda c: (-len(c.independent_outlets), place[c.id]))
    chosen: list[Claim] = []
    for claim in ranked:
        if len(chosen) >= max_sentences - len(disputed):
            break
        words = _words(claim.text)
        if not words or len(claim.text.split()) > MAX_WORDS:
            continue
        if _is_quote_only(claim.text) or is_apparatus(claim.text, language(claim.evidence)):
            continue  # a caption, a byline, a promotion: the page, not the story
        if any(_overlap(words, w) >= REDUNDANT_OVERLAP for w in taken):
            continue
        if not is_faithful(claim.text, claim.evidence):
            log.warning("summary: claim %s is not supported by its evidence; left out", claim.id)
            continue
        chosen.append(claim)
        taken.append(words)
    chosen.sort(key=first_seen)
    consensus = [SummarySentence(text=c.text, evidence=c.evidence) for c in chosen]
    return consensus + disputed


def disputed_part(
    conflicts: Sequence[Conflict], budget: int, languages: Mapping[str, str] | None = None
) -> list[SummarySentence]:
    """One source sentence per position of the most reported conflicts, within ``budget``;
    no sentence of a page's apparatus."""
    language = _language_of(languages or {})

    def reach(c: Conflict) -> tuple[int, int]:
        arts = {e.article for p in c.positions for e in p.evidence}
        return (len(arts), sum(len(p.evidence) for p in c.positions))

    out: list[SummarySentence] = []
    for conflict in sorted(conflicts, key=reach, reverse=True):
        sides: list[SummarySentence] = []
        for p in conflict.positions:
            ev = next(
                (
                    e
                    for e in p.evidence
                    if is_faithful(e.text, p.evidence) and not is_apparatus(e.text, language([e]))
                ),
                None,
            )
            if ev is not None and all(ev.text != s.text for s in sides + out):
                sides.append(SummarySentence(text=ev.text, evidence=p.evidence, part="disputed"))
        if len(sides) < 2 or len(out) + len(sides) > budget:
            continue
        out.extend(sides)
    return out


def _language_of(languages: Mapping[str, str]) -> Callable[[Sequence[Evidence]], str]:
    """The language of the report the first of some evidence comes from."""
    return lambda evidence: languages.get(evidence[0].article, "en") if evidence else "en"


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _is_quote_only(text: str) -> bool:
    """A sentence that opens with a quotation reads badly out of context in a summary."""
    return text[:1] in "\"“‘'"
