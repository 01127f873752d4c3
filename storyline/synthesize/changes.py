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
   story, or its sentences no longer make one fact), revised figures (each day new
   reports move a track, or a quantity dispute where a value is told only by articles
   new since the previous build: "persons 12 → 19 (Outlet, 2024-03-02)", with both
   figures' dates and sentences and the new one's outlets), and new conflicts.
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
    TrackPoint,
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
    evidence = [e for e in after.evidence if e.article not in old_articles]
    outlets = [articles[e.article].outlet if e.article in articles else None for e in evidence]
    return _revised(
        conflict.about,
        (before.value, latest(before, old_articles.__contains__)[0] or None, before.evidence),
        (after.value, latest(after, lambda a: True)[0] or None, evidence),
        outlets,
    )


Told = tuple[str, str | None, list[Evidence]]  # a figure as written, its date, its sentences


def _revised(about: str, before: Told, after: Told, outlets: Iterable[str | None]) -> Change:
    """A figure revised: the old and the new one with their dates, the new one's outlets,
    both ones' sentences; its text for the reader "about old → new (outlets, date)"."""
    names = list(dict.fromkeys(o for o in outlets if o))
    where = ", ".join([*names, *([after[1]] if after[1] else [])])
    return Change(
        kind="revised_figure",
        text=f"{about} {before[0]} → {after[0]}" + (f" ({where})" if where else ""),
        about=about,
        before=before[0],
        after=after[0],
        evidence=after[2],
        date=after[1],
        before_date=before[1],
        outlets=names,
        before_evidence=before[2],
    )


def _track_revisions(previous: Dossier, current: Dossier) -> list[Change]:
    """Each move of a track since the last build: for each day after the last one the
    earlier build knew, the value the new reports tell for it most (ties: the higher),
    against the value before it, when the two differ ("12 → 19" on one day, "19 → 31" on
    the next). A track is the earlier one that shares its sentences, else its namesake;
    a measure that held still before (a constant is no track) is known by the points the
    earlier build's reports told."""
    seen = {a.id for a in previous.articles}

    def told_before(p: TrackPoint) -> bool:
        return all(e.article in seen for e in p.evidence)

    matched = _match(
        previous.tracks,
        current.tracks,
        lambda t: _evidence_keys(e for p in t.points for e in p.evidence),
    )
    by_about = {t.about: t for t in previous.tracks}
    changes = []
    for i, track in enumerate(current.tracks):
        old = previous.tracks[matched[i]] if i in matched else by_about.get(track.about)
        known = old.points if old is not None else [p for p in track.points if told_before(p)]
        new = [p for p in track.points if not told_before(p)]
        if not known or not new:
            continue
        last = max(p.date for p in known)
        before = _most_told([p for p in known if p.date == last])
        for day in sorted({p.date for p in new if p.date > last}):
            after = _most_told([p for p in new if p.date == day])
            if after[0].value == before[0].value:
                continue  # told again, not moved
            changes.append(
                _revised(
                    track.about,
                    (before[0].text, before[0].date, [e for p in before for e in p.evidence]),
                    (after[0].text, day, [e for p in after for e in p.evidence]),
                    (p.outlet for p in after),
                )
            )
            before = after
    return changes


def _most_told(points: Sequence[TrackPoint]) -> list[TrackPoint]:
    """The points of the value most of ``points`` tell (ties: the higher value)."""
    told = Counter(p.value for p in points)
    value = max(told, key=lambda v: (told[v], v))
    return [p for p in points if p.value == value]
