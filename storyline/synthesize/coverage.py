"""How each outlet covered the story: its articles, its claims, what only it
carries, and which widely told claims it leaves out.

* exclusive: claims no other outlet tells (an agency copy run by two outlets is
  exclusive to neither);
* missing: claims told by several independent sources (at least half of the story's
  sources, 2 at the least and ``WIDELY_TOLD`` at the most) that none of the outlet's
  articles tells, counted only when the claim had been told by the date of the outlet's
  latest article: a report from January cannot be blamed for leaving out June.

Articles without an outlet are unattributed: together they are one row,
``UNATTRIBUTED``, as they are one source for corroboration (``link.independent_source``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Article, Claim, Coverage

WIDELY_TOLD = 3  # independent sources that make a claim widely told in a large story
UNATTRIBUTED = "(unattributed)"  # the row of the articles without an outlet


def outlet_name(article: Article) -> str:
    return article.outlet or UNATTRIBUTED


def widely_told(claims: Sequence[Claim]) -> int:
    """How many independent sources make a claim widely told in this story."""
    sources = {s for c in claims for s in c.independent_outlets}
    return min(WIDELY_TOLD, max(2, math.ceil(len(sources) / 2)))


def build_coverage(articles: Sequence[Article], claims: Sequence[Claim]) -> list[Coverage]:
    outlet_of = {a.id: outlet_name(a) for a in articles}
    day_of = {a.id: a.published.date for a in articles}
    arts: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        arts[outlet_of[a.id]].append(a.id)
    carried: dict[str, list[str]] = defaultdict(list)
    tellers: dict[str, set[str]] = {}
    for c in claims:
        who = {outlet_of[e.article] for e in c.evidence if e.article in outlet_of}
        tellers[c.id] = who
        for o in sorted(who):
            carried[o].append(c.id)
    wide = widely_told(claims)
    first_told = {c.id: _first_day(c, day_of) for c in claims}
    out = []
    for outlet in sorted(arts):
        latest = max((d for a in arts[outlet] if (d := day_of[a])), default=None)
        missing = [
            c.id
            for c in claims
            if len(c.independent_outlets) >= wide
            and outlet not in tellers[c.id]
            and _told_by(first_told[c.id], latest)
        ]
        out.append(
            Coverage(
                outlet=outlet,
                articles=sorted(arts[outlet]),
                claims=carried[outlet],
                exclusive_claims=[c for c in carried[outlet] if tellers[c] == {outlet}],
                missing_claims=missing,
            )
        )
    return out


def _first_day(claim: Claim, day_of: dict[str, str | None]) -> str | None:
    days = [d for e in claim.evidence if (d := day_of.get(e.article))]
    return min(days) if days else None


def _told_by(first: str | None, latest: str | None) -> bool:
    """The claim had been told by ``latest``; unknown dates do not excuse anyone."""
    return first is None or latest is None or first <= latest
