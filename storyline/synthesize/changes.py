"""What changed in a story since the previous build of its dossier.

The engine hands in the story's previous dossier (or None on its first build)
and the one just made. Two things happen here:

1. **Ids carried over.** A claim's id is made from its representative sentence
   and an entity's from its canonical name; both can move when new articles join
   the story. A claim that shares evidence sentences with a previous claim takes
   that claim's id, and an entity of the same type that shares a name or alias
   with a previous entity takes that entity's id (each previous id is given to
   one current record at most, the one with the largest overlap), so that a
   reader's links and bookmarks survive an update.
2. **Changes listed.** New reports (``new_article``), new claims, claims no longer
   supported (a previous claim with no current counterpart: its articles left the
   story, or its sentences no longer make one fact), revised figures (a track's
   latest value moved, or a quantity dispute where a value is told only by articles
   new since the previous build: "persons 12 → 19, Outlet, 2024-03-02"), and new
   conflicts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Literal, TypeVar

import msgspec

from storyline.model import (
    Change,
    Conflict,
    Dossier,
    DossierArticle,
    DossierClaim,
    Evidence,
    Position,
)

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def with_changes(previous: Dossier | None, current: Dossier) -> Dossier:
    """``current`` with ids carried over from ``previous`` and its ``changes`` filled in."""
    if previous is None:
        return current
    current = carry_ids(previous, current)
    return msgspec.structs.replace(
        current,
        changes=find_changes(previous, current),
        previous_build=previous.generated or None,
    )


# --------------------------------------------------------------------------- ids


def _match(
    previous: Sequence[T],
    current: Sequence[T],
    keys: Callable[[T], set[K]],
    compatible: Callable[[T, T], bool] = lambda a, b: True,
) -> dict[int, int]:
    """current index -> previous index, one to one, largest overlap of ``keys`` first."""
    holders: dict[K, list[int]] = defaultdict(list)  # key -> previous records holding it
    for j, p in enumerate(previous):
        for k in keys(p):
            holders[k].append(j)
    pairs = []
    for i, c in enumerate(current):
        overlaps = Counter(j for k in keys(c) for j in holders.get(k, ()))
        for j, overlap in overlaps.items():
            if compatible(c, previous[j]):
                pairs.append((-overlap, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _evidence_keys(evidence: Iterable[Evidence]) -> set[tuple[str, int]]:
    return {(e.article, e.sentence) for e in evidence}


def carry_ids(previous: Dossier, current: Dossier) -> Dossier:
    """``current`` with the claim and entity ids of ``previous`` where they are the same thing."""
    claim_map = _id_map(
        [c.id for c in previous.claims],
        [c.id for c in current.claims],
        _match(previous.claims, current.claims, lambda c: _evidence_keys(c.evidence)),
    )
    entity_map = _id_map(
        [e.id for e in previous.entities],
        [e.id for e in current.entities],
        _match(
            previous.entities,
            current.entities,
            lambda e: {n.lower() for n in [e.name, *e.aliases]},
            lambda a, b: a.type == b.type,
        ),
    )
    if not claim_map and not entity_map:
        return current

    def claim(i: str) -> str:
        return claim_map.get(i, i)

    def entity(i: str | None) -> str | None:
        return entity_map.get(i, i) if i else i

    rep = msgspec.structs.replace
    return rep(
        current,
        claims=[rep(c, id=claim(c.id)) for c in current.claims],
        coverage=[
            rep(
                c,
                claims=[claim(i) for i in c.claims],
                exclusive_claims=[claim(i) for i in c.exclusive_claims],
                missing_claims=[claim(i) for i in c.missing_claims],
            )
            for c in current.coverage
        ],
        entities=[rep(e, id=entity_map.get(e.id, e.id)) for e in current.entities],
        timeline=[
            rep(t, entities=[entity_map.get(i, i) for i in t.entities]) for t in current.timeline
        ],
        quotes=[rep(q, speaker_entity=entity(q.speaker_entity)) for q in current.quotes],
    )


def _id_map(prev_ids: list[str], cur_ids: list[str], matched: dict[int, int]) -> dict[str, str]:
    """current id -> previous id; a previous id still worn by another record is not reused."""
    used = set(cur_ids)
    out: dict[str, str] = {}
    for i, j in sorted(matched.items()):
        old, new = prev_ids[j], cur_ids[i]
        if old != new and old not in used:
            out[new] = old
            used.add(old)
    return out


# --------------------------------------------------------------------------- changes


def find_changes(previous: Dossier, current: Dossier) -> list[Change]:
    """What ``current`` says that ``previous`` did not, and what it no longer says."""
    old_articles = {a.id for a in previous.articles}
    articles = {a.id: a for a in current.articles}
    prev_claims = {c.id for c in previous.claims}
    cur_claims = {c.id for c in current.claims}
    changes: list[Change] = []
    for a in current.articles:  # new reports first: what a reader following the story wants
        if a.id not in old_articles:
            where = ", ".join(x for x in (a.outlet, a.published.date) if x)
            changes.append(
                Change(
                    kind="new_article",
                    text=f"new report: {a.title or a.id}" + (f" ({where})" if where else ""),
                )
            )
    changes += _claim_changes(current.claims, prev_claims, "new_claim", "new claim")
    revised = []
    for conflict in current.conflicts:
        change = _revision(conflict, old_articles, articles)
        if change is not None:
            changes.append(change)
            revised.append(conflict)
    told = {c.about for c in changes if c.kind == "revised_figure"}
    for change in _track_revisions(previous, current):
        if change.about not in told:
            changes.append(change)
    prev_conflicts = [_conflict_key(c) for c in previous.conflicts]
    for conflict in current.conflicts:
        if conflict in revised:
            continue
        key = _conflict_key(conflict)
        if not any(key[0] == k[0] and key[1] & k[1] for k in prev_conflicts):
            values = " / ".join(p.value for p in conflict.positions)
            changes.append(
                Change(
                    kind="new_conflict",
                    text=f"new conflict about {conflict.about}: {values}",
                    about=conflict.about,
                    evidence=[e for p in conflict.positions for e in p.evidence],
                )
            )
    changes += _claim_changes(previous.claims, cur_claims, "claim_dropped", "no longer supported")
    return changes


def _claim_changes(
    claims: Sequence[DossierClaim],
    known: set[str],
    kind: Literal["new_claim", "claim_dropped"],
    lead: str,
) -> list[Change]:
    """A change of ``kind`` for each claim whose id is not in ``known``."""
    return [
        Change(kind=kind, text=f"{lead}: {c.text}", claim=c.id, evidence=c.evidence)
        for c in claims
        if c.id not in known
    ]


def _conflict_key(c: Conflict) -> tuple[str, set[tuple[str, int]]]:
    return (c.kind, _evidence_keys(e for p in c.positions for e in p.evidence))


def _revision(
    conflict: Conflict, old_articles: set[str], articles: dict[str, DossierArticle]
) -> Change | None:
    """A quantity dispute where a value is told only by articles new since the last build."""
    if conflict.kind != "quantity":
        return None
    old = [p for p in conflict.positions if any(e.article in old_articles for e in p.evidence)]
    new = [p for p in conflict.positions if p not in old]
    if not old or not new:
        return None

    def latest(p: Position, pool: Callable[[str], bool]) -> tuple[str, str]:
        return max(
            (
                (articles[e.article].published.date or "", e.article)
                for e in p.evidence
                if pool(e.article)
            ),
            default=("", ""),
        )

    before = max(old, key=lambda p: latest(p, old_articles.__contains__))
    after = max(new, key=lambda p: latest(p, lambda a: True))
    day, aid = latest(after, lambda a: True)
    outlet = articles[aid].outlet if aid in articles else None
    where = ", ".join(x for x in (outlet, day) if x)
    return Change(
        kind="revised_figure",
        text=f"{conflict.about} {before.value} → {after.value}" + (f" ({where})" if where else ""),
        about=conflict.about,
        before=before.value,
        after=after.value,
        evidence=[e for e in after.evidence if e.article not in old_articles],
    )


def _track_revisions(previous: Dossier, current: Dossier) -> list[Change]:
    """A track whose latest value moved since the last build: the figure revised."""
    before_of = {t.about: t for t in previous.tracks}
    seen = {a.id for a in previous.articles}
    changes = []
    for track in current.tracks:
        old = before_of.get(track.about)
        # A value that held still before (no track then: a constant is no track) and moved
        # now: the points the earlier build's articles told are its before.
        told = (
            old.points
            if old is not None
            else [p for p in track.points if all(e.article in seen for e in p.evidence)]
        )
        if not told or not track.points:
            continue
        last_old = max(told, key=lambda p: p.date)
        last_new = max(track.points, key=lambda p: p.date)
        if last_new.date <= last_old.date or last_new.value == last_old.value:
            continue
        where = ", ".join(x for x in (last_new.outlet, last_new.date) if x)
        changes.append(
            Change(
                kind="revised_figure",
                text=f"{track.about} {last_old.text} → {last_new.text} ({where})",
                about=track.about,
                before=last_old.text,
                after=last_new.text,
                evidence=last_new.evidence,
            )
        )
    return changes
