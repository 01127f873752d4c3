"""Where the reports disagree on when: one fact, dated differently by two sources.

A claim (the same fact told by several sentences) whose sentences give calendar dates
that cannot both be true is a date conflict. Dates at different granularities that
agree are compatible ("June 2023" and "2023-06-18"), so only a date that is neither a
prefix of the other counts. A sentence is read only when it gives exactly one calendar
date (with two or more, which one dates the fact is a guess), and a date that only the
story's inferred publication date resolved ("on Monday" in an undated report) is our
reading, not the source's, so it is left out. The sentences of two positions must tell
the fact in the same mood: what was planned for a day and what happened on another day
are two facts, not a dispute.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.model import Annotation, Article, Claim, Conflict, Evidence, Position, TimeExpr

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}){0,2}")


@dataclass
class _Dated:
    evidence: Evidence
    date: str
    phrase: str
    mood: str


def _mood(t: TimeExpr) -> str:
    if t.cancelled:
        return "cancelled"
    if t.modality or t.tense == "future":
        return "planned"
    return "occurred"


def compatible(a: str, b: str) -> bool:
    """Two ISO dates that may name the same time: one is the other at a coarser grain."""
    return a.startswith(b) or b.startswith(a)


def find_date_conflicts(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    source_of: Callable[[str], str],
) -> list[Conflict]:
    inferred = {a.id for a in articles if a.published.basis == "inferred"}
    by_article = {ann.article: ann for ann in annotations}
    conflicts = []
    for claim in claims:
        if len({source_of(e.article) for e in claim.evidence}) < 2:
            continue
        dated = [
            d
            for e in claim.evidence
            if (d := _dated(e, by_article.get(e.article), e.article in inferred)) is not None
        ]
        positions = _positions(dated)
        sources = {source_of(d.evidence.article) for p in positions for d in p}
        if len(positions) < 2 or len(sources) < 2:
            continue
        if len({d.mood for p in positions for d in p}) > 1:
            continue
        conflicts.append(
            Conflict(
                about=f"when: {claim.text}",
                kind="date",
                positions=[
                    Position(value=f"{p[0].date} ({p[0].phrase})", evidence=[d.evidence for d in p])
                    for p in positions
                ],
            )
        )
    return conflicts


def _dated(e: Evidence, ann: Annotation | None, inferred: bool) -> _Dated | None:
    if ann is None:
        return None
    found: dict[str, TimeExpr] = {}
    for t in ann.timexes:
        if t.sentence != e.sentence or t.type not in ("DATE", "TIME") or t.negated:
            continue
        m = _CALENDAR.match(t.value)
        if m is None:
            continue
        if inferred and t.relative:
            return None  # resolved against a publication date we guessed
        found.setdefault(m.group(0), t)
    if len(found) != 1:
        return None
    ((date, t),) = found.items()
    return _Dated(evidence=e, date=date, phrase=t.text, mood=_mood(t))


def _positions(dated: list[_Dated]) -> list[list[_Dated]]:
    """Group dates into positions that cannot all hold.

    Finest dates first: a date joins the one position it is compatible with, starts a
    position when it is compatible with none, and is nobody's position when it agrees
    with several (a month that holds both disputed days).
    """
    positions: list[list[_Dated]] = []
    for d in sorted(dated, key=lambda d: (-len(d.date), d.date)):
        fits = [p for p in positions if compatible(p[0].date, d.date)]
        if not fits:
            positions.append([d])
        elif len(fits) == 1:
            fits[0].append(d)
    return positions
