"""Tracks: one measure's values over time, by source.

A *track* is one measure's figures (``measures``) from two or more reports across two or
more days: a death toll rising, case counts, a flow-rate estimate revised. Ages, time
offsets, ratings and durations never make tracks (nor disagree: durations only pair as the
length of one event, in ``conflicts``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from storyline.model import Annotation, Article, Evidence, Links, Track, TrackPoint
from storyline.synthesize.measures import (  # noqa: F401 (re-exported: tracks held them before)
    AGENTIVE_CLASSES,
    FIGURES,
    KNOWN_CLASSES,
    LIST_FIGURES,
    MAX_RATIO,
    PEOPLE,
    PEOPLE_CLASSES,
    RELATED,
    RELATED_UNNAMED,
    REPORT_SLACK,
    RUN_ON_WORDS,
    Figure,
    FiguresConfig,
    bare,
    compatible,
    describe,
    figures_of,
    historical,
    interval,
    known_measure,
    measure_key,
    named_in,
    near_in_size,
    related,
    run_on,
    same_moment,
    same_scope,
    same_time,
)

_TRACKED = frozenset({"count", "money", "measure"})
_LONG_PERIODS = frozenset({"year", "decade", "century", "month"})
_PLACE_NOUNS = frozenset({"country", "state", "city", "province", "town", "village", "region",
                          "nation", "county", "district", "area", "territory"})  # fmt: skip
_RUNNING = re.compile(
    r"\b(has|have|so far|to date|now|total|totals|toll|tally|number|overall|in all"
    r"|cumulative)\b",
    re.IGNORECASE,
)  # a track whose value never moves tells nothing a claim does not


def trackable(f: Figure) -> bool:
    """Whether a figure may join a track: a known measure of people or of a flow (money
    never: one giver's sums are for different things), not a yearly or longer rate (a
    background statistic, not the story's moving figure), not a count of places
    ("spread to 74 countries")."""
    kind, unit, _, per = f.key
    return (
        kind in _TRACKED
        and kind != "money"
        and known_measure(f)
        and per not in _LONG_PERIODS
        and unit not in _PLACE_NOUNS
    )


def find_tracks(
    figures: Sequence[Figure],
    entity_names: dict[str, str],
    outlet_of: Callable[[str], str | None],
    limit: int | None = FIGURES.max_tracks,
    cfg: FiguresConfig = FIGURES,
) -> list[Track]:
    """Measures told on two or more days by two or more reports, with their values (the
    ``limit`` most told)."""
    by_key: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if trackable(f) and _as_of(f) and not _unplaced(f, cfg):
            by_key[(f.key, f.q.subject, _scope_name(f.q.place))].append(f)
    # A figure whose subject and place are unsaid is not guessed into a scope that says
    # them ("seven injured" is not Misrata's count because Misrata's is told elsewhere):
    # it joins the figures of its related sentences that name one entity, its scope.
    scoped: dict[tuple, list[Figure]] = defaultdict(list)
    unnamed: dict[tuple, list[Figure]] = defaultdict(list)
    for (key, subject, place), group in by_key.items():
        for figs in _related_groups(group, cfg):
            where = place
            if subject is None and place is None:
                unnamed[key].extend(f for f in figs if not f.entities)
                anchor, figs = _anchored(figs)
                if anchor is None:
                    continue
                where = _scope_name(entity_names.get(anchor, anchor))
            scoped[(key, subject, where)].extend(figs)
    # Figures whose sentences name nothing at all ("twelve died in the flooding") join
    # their measure's one scope; where the story tells it for several, whose is unknown.
    for key, figs in unnamed.items():
        scopes = [k for k in scoped if k[0] == key]
        if len(scopes) <= 1:
            scoped[scopes[0] if scopes else (key, None, None)].extend(figs)
    tracks = []
    for (key, subject, place), told in scoped.items():
        figs = [f for f in told if _running(f, cfg) or _retold(f, told)]
        days = {_as_of(f) for f in figs}
        if len(days) < cfg.min_track_days or len({f.article for f in figs}) < 2:
            continue
        if not _moves(figs, cfg):
            continue  # a constant ("11 workers killed"): a claim, not a moving measure
        tracks.append(_track(key, subject, place, figs, outlet_of))
    tracks.sort(key=lambda t: (-len({p.date for p in t.points}), -len(t.points), t.about))
    return tracks[:limit]


def _running(f: Figure, cfg: FiguresConfig) -> bool:
    """Whether the sentence tells the figure as a running count ("has killed", "so far",
    "the toll", "now"), not only as the count of one incident ("three died in the
    clashes"): only running counts make a measure that moves."""
    start = max(0, f.q.start - f.offset - cfg.running_before)
    return bool(_RUNNING.search(f.text[start : f.q.end - f.offset + cfg.running_after]))


def _retold(f: Figure, figs: list[Figure]) -> bool:
    """Whether another report tells the same value of the measure: the count of one
    incident is told once, the story's toll again ("twelve died in the flooding", twice)."""
    return any(g.article != f.article and g.q.value == f.q.value for g in figs)


def _anchored(figs: list[Figure]) -> tuple[str | None, list[Figure]]:
    """The entity the figures' sentences name most often, with the figures that name it;
    None when they name none."""
    told = Counter(e for f in figs for e in f.entities)
    if not told:
        return None, []
    anchor = min(told, key=lambda e: (-told[e], e))
    return anchor, [f for f in figs if anchor in f.entities]


def _moves(figs: list[Figure], cfg: FiguresConfig) -> bool:
    """Whether two of the values cannot both hold at once (bounds read): a measure that
    moved or was revised, not one figure told again ("up to 500,000" / "250,000 to 500,000"),
    and not one stray report against a value three or more reports tell."""
    if len({f.q.value for f in figs}) < cfg.min_track_values:
        return False
    # One report off a figure three or more others tell ("11 workers" told again and
    # again, once "15") is a stray (another event, a misreading), not a move.
    told = Counter(f.q.value for f in figs)
    usual = min(told, key=lambda v: (-told[v], v))
    settled = len({f.article for f in figs if f.q.value == usual}) >= 3
    if settled and len({f.article for f in figs if f.q.value != usual}) < 2:
        return False
    return any(not compatible(a.q, b.q) for i, a in enumerate(figs) for b in figs[i + 1 :])


def _as_of(f: Figure) -> str | None:
    """The day a track shows a value at: the report's (a running toll is told as of the day
    it is reported), else the day its sentence names."""
    if f.day is not None:
        return f.day.isoformat()
    return f.when if f.when and len(f.when) == 10 else None


def _unplaced(f: Figure, cfg: FiguresConfig) -> bool:
    """A figure whose time or reading is doubtful: dated to an earlier year, one of a
    list or breakdown, in a run-on "sentence", or a bare number."""
    return historical(f) or f.parts or run_on(f, cfg) or bare(f)


def _scope_name(place: str | None) -> str | None:
    if place is None:
        return None
    place = place.lower()
    return place[4:] if place.startswith("the ") else place


def _related_groups(figs: list[Figure], cfg: FiguresConfig) -> list[list[Figure]]:
    """Figures of one measure split into the groups their sentences link (cosine at least
    ``track_related``, or ``related`` with a shared entity): the deaths of one attack and those of
    another are two tracks even when both are "persons dead"."""
    n = len(figs)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    dims = {f.vector.shape[0] for f in figs}
    if len(dims) == 1 and n > 1:
        mat = np.vstack([f.vector for f in figs]).astype(np.float32)
        for start in range(0, n, 512):
            sims = mat[start : start + 512] @ mat.T
            for r, c in zip(*np.nonzero(sims >= cfg.related), strict=True):
                i, j = start + int(r), int(c)
                linked = sims[r, c] >= cfg.track_related or figs[i].entities & figs[j].entities
                if i < j and linked:
                    parent[root(i)] = root(j)
    groups: dict[int, list[Figure]] = defaultdict(list)
    for i, f in enumerate(figs):
        groups[root(i)].append(f)
    return list(groups.values())


def _track(
    key: tuple,
    subject: str | None,
    place: str | None,
    figs: list[Figure],
    outlet_of: Callable[[str], str | None],
) -> Track:
    points: dict[tuple[str, str, float], TrackPoint] = {}
    for f in sorted(figs, key=lambda f: (_as_of(f) or "", f.article, f.sentence)):
        moment = _as_of(f) or ""
        k = (moment, f.article, f.q.value)
        if k in points:
            continue
        low, high = interval(f.q)
        points[k] = TrackPoint(
            date=moment,
            value=f.q.value,
            low=None if math.isinf(low) else low,
            high=None if math.isinf(high) else high,
            text=f.q.text,
            outlet=outlet_of(f.article),
            evidence=[Evidence(article=f.article, sentence=f.sentence, text=f.text)],
        )
    about = describe(key)
    scope = ", ".join(x for x in (subject, place) if x)
    if scope:
        about += f" ({scope})"
    return Track(about=about, unit=key[1], points=list(points.values()))


def story_tracks(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    links: Links,
    cfg: FiguresConfig = FIGURES,
) -> list[Track]:
    outlets = {a.id: a.outlet for a in articles}
    figures = figures_of(
        annotations,
        links.entities_in,
        {a.id: a.published.date for a in articles},
        {a.id for a in articles if a.published.basis == "inferred"},
        cfg,
    )
    names = {e.id: e.name for e in links.entities}
    return find_tracks(figures, names, outlets.get, cfg.max_tracks, cfg)
