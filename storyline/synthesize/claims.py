"""Claims worth reading: which of a story's claims lead the dossier, in what order.

A story of a thousand reports holds thousands of claims, most told by one report
once. The dossier keeps them all (JSON), but leads with:

1. facts told by two or more independent sources, most sources first, then contested
   facts told by one (a claim whose evidence stands in a disagreement of the ledger), at
   most ``key`` of them, the most central first;
2. then at most ``key`` other single-source facts, the most central: the claim's sentence
   vector against the story's centroid (what the story is mostly about), with a
   bonus for a report's lede, where news puts what happened;
3. then the rest, in the order the claims came.

Groups 1 and 2 are ``key``; Markdown and HTML show them and fold the rest away.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.model import Annotation, Claim, Conflict

LEDE = 3  # a report's first sentences: its lede
LEDE_BONUS = 0.1


def rank_claims(
    claims: Sequence[Claim],
    annotations: Sequence[Annotation],
    disputes: Sequence[Conflict],
    key: int,
) -> list[tuple[Claim, bool]]:
    """The claims in dossier order, each with whether it is a key claim."""
    contested = {(e.article, e.sentence) for c in disputes for p in c.positions for e in p.evidence}
    several = [c for c in claims if len(c.independent_outlets) >= 2]
    single = [c for c in claims if len(c.independent_outlets) < 2]
    scores = _centrality(single, annotations) if key and single else {}

    def central(pool: list[Claim]) -> list[Claim]:
        return sorted(pool, key=lambda c: (-scores.get(c.id, 0.0), c.id))[:key]

    disputed = central(
        [c for c in single if any((e.article, e.sentence) in contested for e in c.evidence)]
    )
    taken = {c.id for c in disputed}
    best = central([c for c in single if c.id not in taken])
    taken |= {c.id for c in best}
    rest = [c for c in single if c.id not in taken]
    lead = [*several, *disputed, *best]
    return [(c, True) for c in lead] + [(c, False) for c in rest]


def _centrality(claims: Sequence[Claim], annotations: Sequence[Annotation]) -> dict[str, float]:
    """Each claim's first sentence vector against the story centroid (+ a lede bonus)."""
    by_id = {a.article: a for a in annotations}
    total: np.ndarray | None = None
    for ann in annotations:
        vecs = ann.vectors()
        if vecs.shape[0] and vecs.shape[1]:
            part = vecs.sum(axis=0)
            total = part if total is None else total + part
    if total is None or not np.linalg.norm(total):
        return {}
    centroid = total / np.linalg.norm(total)
    scores: dict[str, float] = {}
    for claim in claims:
        e = claim.evidence[0]
        found = by_id.get(e.article)
        if found is None:
            continue
        vecs = found.vectors()
        if e.sentence >= vecs.shape[0] or not vecs.shape[1]:
            continue
        scores[claim.id] = float(vecs[e.sentence] @ centroid) + (
            LEDE_BONUS if e.sentence < LEDE else 0.0
        )
    return scores
