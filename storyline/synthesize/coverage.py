"""How each outlet covered the story: its articles, its claims, what only it
carries, and which widely told claims it leaves out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, Claim, Coverage

WIDELY_TOLD = 3  # independent sources


def build_coverage(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Coverage]:
    outlet_of = {a.id: a.outlet or "(unknown outlet)" for a in articles}
    arts: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        arts[outlet_of[a.id]].append(a.id)
    carried: dict[str, list[str]] = defaultdict(list)
    tellers: dict[str, set[str]] = {}
    for c in claims:
        who = {outlet_of[e.article] for e in c.evidence}
        tellers[c.id] = who
        for o in sorted(who):
            carried[o].append(c.id)
    out = []
    for outlet in sorted(arts):
        exclusive = [c for c in carried[outlet] if tellers[c] == {outlet}]
        missing = [
            c.id
            for c in claims
            if len(c.independent_outlets) >= WIDELY_TOLD and outlet not in tellers[c.id]
        ]
        out.append(
            Coverage(
                outlet=outlet,
                articles=sorted(arts[outlet]),
                claims=carried[outlet],
                exclusive_claims=exclusive,
                missing_claims=missing,
            )
        )
    return out
