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
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from storyline.date_refs import chronology_day
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
from storyline.synthesize.places import same_place
from storyline.synthesize.track_reading import (
    VOLUME,
    main_substance,
    of_an_illness,
    scope_of,
    track_figure,
)

_TRACKED = frozenset({"count", "money", "measure"})
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_LONG_PERIODS = frozenset({"year", "decade", "century", "month"})
_PLACE_NOUNS = frozenset({"country", "state", "city", "province", "town", "village", "region",
                          "nation", "county", "district", "area", "territory"})  # fmt: skip
_RUNNING = re.compile(
    r"\b(has|have|so far|to date|now|total|totals|toll|tally|number|figure|overall|in all"
    r"|cumulative|there are|there have been)\b",
    re.IGNORECASE,
)  # a track whose value never moves tells nothing a claim does not
_REPORTED = re.compile(r"\b(said|says|reported|announced|according to)\b", re.IGNORECASE)
_BACKSHIFTED = re.compile(r"\bhad\b(?!\s+(been\s+)?(to|no|not|never)\b)", re.IGNORECASE)


def trackable(f: Figure) -> bool:
    """Whether a figure may join a track: a known measure of people or of a flow (money
    never: one giver's sums are for different things), not a yearly or longer rate (a
    background statistic, not the story's moving figure), not a count of places
    ("spread to 74 countries")."""
    kind, unit, pred, per = f.key
    collected = kind == "measure" and pred == "collected" and not f.rate_doubt
    if pred in ("flow", "collected") and unit != VOLUME:
        return False  # "5,000 feet" below a leak, "two leaks": no flow
    return (
        kind in _TRACKED
        and kind != "money"
        and (known_measure(f) or collected)
        and per not in _LONG_PERIODS
        and unit not in _PLACE_NOUNS
    )


def find_tracks(
    figures: Sequence[Figure],
    entity_names: dict[str, str],
    outlet_of: Callable[[str], str | None],
    limit: int | None = FIGURES.max_tracks,
    cfg: FiguresConfig = FIGURES,
    places: Collection[str] = frozenset(),
) -> list[Track]:
    """Measures told on two or more days by two or more reports, with their values (the
    ``limit`` most told); ``places``: the ids of the entities that are places."""
    places = frozenset(places)
    read = _as_parts([g for f in figures if (g := track_figure(f, cfg)) is not None])
    read = list(filter(main_substance(read), read))
    whole = _own_places(read, cfg)
    # A figure's scope is the place its clause or its sentence names; a figure whose
    # sentence names none is not guessed into a scope that says one ("seven injured" is
    # not Misrata's count because Misrata's is told elsewhere): it joins its measure's one
    # scope, and where the story tells the measure for several, whose it is is unknown.
    scoped: dict[tuple, list[Figure]] = defaultdict(list)
    unnamed: dict[tuple, list[Figure]] = defaultdict(list)
    for f in read:
        if not trackable(f) or not _as_of(f) or _unplaced(f, cfg, whole):
            continue
        scope = scope_of(f, entity_names, places)
        if scope is None:
            continue  # two places named: whose count it is is unsaid
        if scope == (None, None):
            unnamed[f.key].append(f)
        else:
            scoped[(f.key, *scope)].append(f)
    scoped = _one_name_a_place(scoped)
    for key, figs in unnamed.items():
        scopes = [k for k in scoped if k[0] == key]
        if len(scopes) <= 1:
            scoped[scopes[0] if scopes else (key, None, None)].extend(figs)
    tracks = []
    for (key, subject, place), told in scoped.items():
        figs = [f for f in told if _running(f, cfg) or _retold(f, told) or _revisited(f, told)]
        days = {_as_of(f) for f in figs}
        if len(days) < cfg.min_track_days or len({f.article for f in figs}) < 2:
            continue
        if not _moves(figs, cfg):
            continue  # a constant ("11 workers killed"): a claim, not a moving measure
        if not of_an_illness(figs):
            continue
        tracks.append(_track(key, subject, place, figs, outlet_of))
    tracks.sort(key=lambda t: (-len({p.date for p in t.points}), -len(t.points), t.about))
    return tracks[:limit]


def _one_name_a_place(scoped: dict[tuple, list[Figure]]) -> dict[tuple, list[Figure]]:
    """Scopes of one measure whose places are one place told two ways ("the united
    kingdom", "uk") merged under the longer name."""
    out: dict[tuple, list[Figure]] = defaultdict(list)
    for key, subject, place in sorted(scoped, key=lambda k: -len(k[2] or "")):
        same = next(
            (
                k
                for k in out
                if k[:2] == (key, subject)
                and place is not None
                and k[2] is not None
                and same_place(place, k[2])
            ),
            (key, subject, place),
        )
        out[same].extend(scoped[(key, subject, place)])
    return out


def _running(f: Figure, cfg: FiguresConfig) -> bool:
    """Whether the sentence tells the figure as a running count ("has killed", "so far",
    "the toll", "now"), not only as the count of one incident ("three died in the
    clashes"): only running counts make a measure that moves."""
    if f.key[3] is not None:
        return True  # a rate ("5,000 barrels a day") is told as it stands
    start = max(0, f.q.start - f.offset - cfg.running_before)
    near = f.text[start : f.q.end - f.offset + cfg.running_after]
    if _RUNNING.search(near):
        return True
    # Reported speech puts "has killed" in the past: "the ministry said 40 had died".
    said = _REPORTED.search(f.text[: f.q.start - f.offset])
    return bool(said and _BACKSHIFTED.search(f.text[said.end() : f.q.end - f.offset + 40]))


def _revisited(f: Figure, figs: list[Figure]) -> bool:
    """Whether a report of another day tells the measure for the day ``f``'s sentence
    names: the count of one day's events told again later ("three killed in Wednesday's
    clashes", then "at least eight" the next day), a value the count moved through."""
    if not (f.when and len(f.when) == 10):
        return False
    return any(g.when == f.when and g.day != f.day and g.article != f.article for g in figs)


def _retold(f: Figure, figs: list[Figure]) -> bool:
    """Whether another report tells the same value of the measure: the count of one
    incident is told once, the story's toll again ("twelve died in the flooding", twice)."""
    return any(g.article != f.article and g.q.value == f.q.value for g in figs)


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
    it is reported), else the day its sentence names; a chronology's line, the day it opens
    with."""
    day = f.when if f.when and len(f.when) == 10 else None
    if f.day is not None:
        # a chronology's line ("April 28 - ... 5,000 barrels per day") tells its day's value
        listed = chronology_day(f.text, f.day.isoformat())
        return listed if listed and listed <= f.day.isoformat() else f.day.isoformat()
    return day


def _unplaced(f: Figure, cfg: FiguresConfig, whole: set[tuple[str, int]]) -> bool:
    """A figure whose time or reading is doubtful: dated to an earlier year, one of a
    list or breakdown (but for a sentence in ``whole``), in a run-on "sentence", or a
    bare number."""
    parts = f.parts and (f.article, f.sentence) not in whole
    return historical(f) or parts or run_on(f, cfg) or bare(f)


def _own_places(figs: Sequence[Figure], cfg: FiguresConfig) -> set[tuple[str, int]]:
    """Sentences whose few figures of one measure each say their own place ("almost 500
    in Scotland, out of 1,261 cases in the UK"): each is its place's count, not a part."""
    told: dict[tuple[str, int], list[Figure]] = defaultdict(list)
    for f in figs:
        told[(f.article, f.sentence)].append(f)
    out = set()
    for where, here in told.items():
        places = [f.q.place for f in here]
        if len(here) < cfg.list_figures and None not in places and len(set(places)) == len(here):
            out.add(where)
    return out


def _as_parts(figs: list[Figure]) -> list[Figure]:
    """``figs`` with ``parts`` set again where reading them for a track made two figures of
    one sentence one measure with values that cannot both hold ("62,000 barrels of oil a
    day ... eased to 53,000 barrels a day": a before and an after, neither the measure as
    the report tells it); one count told twice ("more than 100 ... the 103 deaths") stays."""
    told: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figs:
        told[(f.article, f.sentence, f.key)].append(f)
    split = {
        k
        for k, same in told.items()
        if any(not compatible(a.q, b.q) for i, a in enumerate(same) for b in same[i + 1 :])
    }
    return [replace(f, parts=True) if (f.article, f.sentence, f.key) in split else f for f in figs]


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
    return find_tracks(figures, names, outlets.get, cfg.max_tracks, cfg, place_ids(links))


def place_ids(links: Links) -> frozenset[str]:
    """The ids of the story's entities that are places."""
    return frozenset(e.id for e in links.entities if e.type in _PLACE_TYPES)
