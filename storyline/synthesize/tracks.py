"""Figures by what they measure, and tracks: one measure's values over time, by source.

A figure's *measure* is what the annotator read of it (``Quantity.kind``, its counted
noun, the synonym class of its predicate, a rate's period): "at least 19 people were
killed" and "the death toll rose to 21" are both (count, person, dead); "49 injured"
and "90 detained" are two measures. Its *scope* is its subject (who sent, who pledged)
and its place; its *time* is the date its sentence names, else the report's date.

* Two figures are tellings of one moment of one measure (``same_moment``) when their
  measure and scope agree (a side that names no subject or place agrees with any), their
  times overlap (a day inside a month; a report's own date counts as one day either way,
  as a report tells the day before), and their sentences are related (cosine, or shared
  entities). Only such pairs can disagree (``conflicts``).
* A *track* is one measure's figures from two or more reports across two or more days:
  a death toll rising, case counts, a flow-rate estimate revised. Ages, time offsets,
  ratings and durations never make tracks (nor disagree: durations only pair as the
  length of one event, in ``conflicts``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from storyline.model import Annotation, Article, Evidence, Links, Quantity, Track, TrackPoint

# fmt: off
PEOPLE = frozenset({"person", "people", "resident", "inhabitant", "civilian", "villager",
                    "citizen", "evacuee", "individual", "case", "victim", "patient", "adult",
                    "child", "man", "woman"})
# Predicate classes that count people whatever noun tells them ("200 confirmed cases",
# "the death toll rose to 21").
PEOPLE_CLASSES = frozenset({"dead", "injured", "detained", "missing", "displaced", "infected",
                            "hospitalized", "protest"})
# Percentages are left out: two shares of different wholes ("12% of dividends", "8% of
# pension income") read alike, and the parse rarely says of what.
_PAIRABLE = frozenset({"count", "money", "measure"})
_TRACKED = frozenset({"count", "money", "measure"})
# What a track or a dispute may be about: predicate classes whose sense is plain in any
# story (people killed, hurt, held, missing, displaced, infected or suspected, in hospital;
# a flow). Other verbs ("paid", "spent", "lost", "drilled") say too little of what is
# counted for two figures to be read as one measure.
KNOWN_CLASSES = frozenset({"dead", "injured", "detained", "missing", "displaced", "infected",
                           "suspected", "hospitalized", "flow"})
# Money and troops are one measure only for one giver: these pair with their subject said.
AGENTIVE_CLASSES = frozenset({"pledged", "raised", "sent"})
# fmt: on
RELATED = 0.35  # cosine of two sentences that may tell one moment of one measure
RELATED_UNNAMED = 0.75  # ... a duration's, when they share one entity only
REPORT_SLACK = 0  # days apart two tellings of one moment may be dated: the same day only
_HOLDER_WORDS = re.compile(r"\b(toll|number|total|tally|figure|count)s?\b", re.IGNORECASE)
LIST_FIGURES = 4  # a sentence with this many figures is a list or breakdown: none pairs
RUN_ON_WORDS = 70  # longer "sentences" are run-together items: their figures never pair
MAX_RATIO = 3.0  # tellings of one count lie within this factor of each other
TRACK_RELATED = 0.5  # cosine of two tellings of one moving measure that share no entity
MIN_TRACK_DAYS = 2
_LONG_PERIODS = frozenset({"year", "decade", "century", "month"})
_PLACE_NOUNS = frozenset({"country", "state", "city", "province", "town", "village", "region",
                          "nation", "county", "district", "area", "territory"})  # fmt: skip
MIN_TRACK_VALUES = 2
RUNNING_BEFORE, RUNNING_AFTER = 80, 40  # characters around a figure its running cue is read in
_RUNNING = re.compile(
    r"\b(has|have|so far|to date|now|total|totals|toll|tally|number|overall|in all"
    r"|cumulative)\b",
    re.IGNORECASE,
)  # a track whose value never moves tells nothing a claim does not
# A rate said anywhere in the sentence ("12,000 barrels (504,000 gallons) are leaking every
# day"): for a figure the parse gave no period, rate or total is in doubt.
_RATE_CUE = re.compile(
    r"(\b(a|an|per|each|every)\s+(day|week|hour|year)\b|\b(daily|hourly|weekly|annually)\b"
    r"|\brate\b)"
    r"(?!\s+(of|ago|earlier|later|before|after|on|since|or)\b)",
    re.IGNORECASE,
)
MAX_TRACKS = 12


@dataclass
class Figure:
    article: str
    sentence: int
    text: str  # the sentence
    q: Quantity
    vector: np.ndarray
    entities: frozenset[str]
    key: tuple[str, str, str | None, str | None]  # kind, counted, predicate class, per
    day: date | None  # the report's date
    when: str | None  # the date the sentence names ("2010-05", "2010-05-27")
    offset: int = 0  # where the sentence starts in the article
    # A rate said in the sentence of a figure the parse gave no period ("1.1 million
    # barrels (...) a day"): whether it is a rate or a total is in doubt.
    rate_doubt: bool = False  # (any rate cue in the sentence, for a figure with no period)
    day_guessed: bool = False  # the report's date is inferred from other reports, not given
    alone: bool = True  # the only figure of its sentence
    # One of several figures of its measure in its sentence: a breakdown ("80 deaths in
    # Cairo, 36 in Alexandria") or a before and after, each a part, none the whole.
    parts: bool = False

    @property
    def moment(self) -> str | None:
        return self.when or (self.day.isoformat() if self.day else None)


def known_measure(f: Figure) -> bool:
    """Whether what the figure counts and what is said of it are both plain enough to
    compare or track: a known predicate class, a giver for money and troops, and no doubt
    between a rate and a total."""
    kind, _, pred, _ = f.key
    if f.rate_doubt or kind == "duration":
        return False
    if pred in AGENTIVE_CLASSES or kind == "money":
        return pred in AGENTIVE_CLASSES and f.q.subject is not None
    return pred in KNOWN_CLASSES


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


def measure_key(q: Quantity) -> tuple[str, str, str | None, str | None] | None:
    """What a figure measures, or None when it measures nothing the ledger compares."""
    if q.kind is None or q.kind not in (*_PAIRABLE, "duration"):
        return None
    pred = q.predicate
    unit = q.unit
    if (pred in PEOPLE_CLASSES and (unit is None or unit in PEOPLE)) or unit in PEOPLE:
        unit = "person"
    if unit is None:
        return None
    if q.kind == "duration":
        return (q.kind, unit, None, None)  # the length of an event, told with any verb
    if pred is None:
        return None  # "1,000 people": of what is not said
    return (q.kind, unit, pred, q.per)


def figures_of(
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
    published: dict[str, str | None],
    guessed: Collection[str] = (),
) -> list[Figure]:
    """The figures the ledger compares; ``guessed``: articles whose date is inferred."""
    out: list[Figure] = []
    for ann in annotations:
        vecs = ann.vectors()
        counts: dict[int, int] = defaultdict(int)
        keys: dict[tuple[int, tuple], int] = defaultdict(int)
        for q in ann.quantities:
            counts[q.sentence] += 1
            key = measure_key(q)
            if key is not None:
                keys[(q.sentence, key)] += 1
        try:
            day = date.fromisoformat(published.get(ann.article) or "")
        except ValueError:
            day = None
        for q in ann.quantities:
            key = measure_key(q)
            if key is None or not q.sentence < len(ann.sentences):
                continue
            sentence = ann.sentences[q.sentence]
            out.append(
                Figure(
                    article=ann.article,
                    sentence=q.sentence,
                    text=sentence.text,
                    q=q,
                    vector=vecs[q.sentence] if vecs.shape[1] else np.zeros(1, np.float32),
                    entities=frozenset(entities_in(ann.article, q.sentence)),
                    key=key,
                    day=day,
                    when=q.when,
                    day_guessed=ann.article in guessed,
                    offset=sentence.start,
                    alone=counts[q.sentence] == 1,
                    parts=keys[(q.sentence, key)] > 1 or counts[q.sentence] >= LIST_FIGURES,
                    rate_doubt=q.per is None and bool(_RATE_CUE.search(sentence.text)),
                )
            )
    return out


def interval(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else (-math.inf if q.high is not None else q.value)
    high = q.high if q.high is not None else (math.inf if q.low is not None else q.value)
    return low, high


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether both figures may hold at once, given their bounds."""
    lo1, hi1 = interval(a)
    lo2, hi2 = interval(b)
    tol = 1e-9 * max(1.0, abs(a.value), abs(b.value))
    return max(lo1, lo2) <= min(hi1, hi2) + tol


def same_scope(a: Figure, b: Figure) -> bool:
    """One measure for one scope: subjects and places agree; a place one figure gives must
    at least be named in the other's sentence ("91 cases in the US" / "256 cases")."""
    if a.key != b.key:
        return False
    if a.q.subject and b.q.subject and a.q.subject != b.q.subject:
        return False
    if a.key[2] in AGENTIVE_CLASSES and a.q.subject != b.q.subject:
        return False  # money or troops: one giver, said by both
    x, y = a.q.place, b.q.place
    if x and y:
        return x == y
    if x:
        return named_in(x, b.text)
    if y:
        return named_in(y, a.text)
    return True


def named_in(place: str, text: str) -> bool:
    """Whether ``text`` names ``place``, in full or by its initials ("the united states":
    "United States", "US", "U.S.")."""
    name = place.lower().removeprefix("the ")
    if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
        return True
    words = name.split()
    if len(words) < 2:
        return False
    initials = r"\.?".join(w[0].upper() for w in words if w not in ("of", "and"))
    return bool(re.search(rf"\b{initials}\.?(?![\w])", text))  # capitals: not "us"


def same_time(a: Figure, b: Figure) -> bool:
    """Whether two figures may refer to the same moment: the days their sentences name,
    else their reports' days, at most REPORT_SLACK apart: two reports' days must be the
    same (a count told a day apart may have moved). Unknown: may be the same; a report's
    date inferred from other reports, or a day one sentence names against the other's
    report day, one day either way. A
    month or a year a sentence names is too coarse to place a running count ("killed 167
    since it was detected in April"), so the report's day stands for it."""
    x, y = _day_of(a), _day_of(b)
    if x is None or y is None:
        return True
    guessed = any(f.day_guessed and f.day == d for f, d in ((a, x), (b, y)))
    # A day the sentence names against a report's own day: the report tells the day
    # before ("on Tuesday evening" in Monday's and Wednesday's reports), one day either way.
    told = (x != a.day) != (y != b.day)
    return abs((x - y).days) <= REPORT_SLACK + (guessed or told)


def _day_of(f: Figure) -> date | None:
    if f.when and len(f.when) == 10:
        try:
            return date.fromisoformat(f.when)
        except ValueError:
            return f.day
    return f.day


def related(a: Figure, b: Figure) -> bool:
    sim = float(a.vector @ b.vector) if a.vector.shape == b.vector.shape else 0.0
    shared = len(a.entities & b.entities)
    if a.key[0] == "duration":  # the length of one event: told of the same people, alike
        return shared >= 2 or (shared >= 1 and sim >= RELATED_UNNAMED)
    return shared >= 1 and sim >= RELATED  # one scope both sentences name


def near_in_size(a: Figure, b: Figure) -> bool:
    low, high = sorted((abs(a.q.value), abs(b.q.value)))
    return low > 0 and high / low <= MAX_RATIO


def same_moment(a: Figure, b: Figure) -> bool:
    """Two tellings of one measure, for one scope, at one time."""
    return (
        (a.article, a.sentence) != (b.article, b.sentence)
        and not any(_historical(f) or _run_on(f) or f.parts or _bare(f) for f in (a, b))
        and all(known_measure(f) or f.key[0] == "duration" for f in (a, b))
        and not any(f.rate_doubt for f in (a, b))
        and same_scope(a, b)
        and same_time(a, b)
        and near_in_size(a, b)
        and related(a, b)
    )


def describe(key: tuple[str, str, str | None, str | None]) -> str:
    """For the reader: "persons dead", "barrels a day flow", "USD pledged"."""
    kind, unit, pred, per = key
    words = f"{unit}s" if unit and not unit.isupper() else (unit or kind)
    if per:
        words += f" a {per}"
    if kind == "duration":
        return words  # the length of one event, told with any verb
    return f"{words} {pred}" if pred and pred != unit else words


def find_tracks(
    figures: Sequence[Figure],
    entity_names: dict[str, str],
    outlet_of: Callable[[str], str | None],
    limit: int | None = MAX_TRACKS,
) -> list[Track]:
    """Measures told on two or more days by two or more reports, with their values (the
    ``limit`` most told)."""
    by_key: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if trackable(f) and _as_of(f) and not _unplaced(f):
            by_key[(f.key, f.q.subject, _scope_name(f.q.place))].append(f)
    # A figure whose subject and place are unsaid is not guessed into a scope that says
    # them ("seven injured" is not Misrata's count because Misrata's is told elsewhere):
    # it joins the figures of its related sentences that name one entity, its scope.
    scoped: dict[tuple, list[Figure]] = defaultdict(list)
    unnamed: dict[tuple, list[Figure]] = defaultdict(list)
    for (key, subject, place), group in by_key.items():
        for figs in _related_groups(group):
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
        figs = [f for f in told if _running(f) or _retold(f, told)]
        days = {_as_of(f) for f in figs}
        if len(days) < MIN_TRACK_DAYS or len({f.article for f in figs}) < 2:
            continue
        if not _moves(figs):
            continue  # a constant ("11 workers killed"): a claim, not a moving measure
        tracks.append(_track(key, subject, place, figs, outlet_of))
    tracks.sort(key=lambda t: (-len({p.date for p in t.points}), -len(t.points), t.about))
    return tracks[:limit]


def _running(f: Figure) -> bool:
    """Whether the sentence tells the figure as a running count ("has killed", "so far",
    "the toll", "now"), not only as the count of one incident ("three died in the
    clashes"): only running counts make a measure that moves."""
    start = max(0, f.q.start - f.offset - RUNNING_BEFORE)
    return bool(_RUNNING.search(f.text[start : f.q.end - f.offset + RUNNING_AFTER]))


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


def _moves(figs: list[Figure]) -> bool:
    """Whether two of the values cannot both hold at once (bounds read): a measure that
    moved or was revised, not one figure told again ("up to 500,000" / "250,000 to 500,000"),
    and not one stray report against a value three or more reports tell."""
    if len({f.q.value for f in figs}) < MIN_TRACK_VALUES:
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


def _unplaced(f: Figure) -> bool:
    """A figure whose time or reading is doubtful: dated to an earlier year, one of a
    list or breakdown, in a run-on "sentence", or a bare number."""
    return _historical(f) or f.parts or _run_on(f) or _bare(f)


def _scope_name(place: str | None) -> str | None:
    if place is None:
        return None
    place = place.lower()
    return place[4:] if place.startswith("the ") else place


def _historical(f: Figure) -> bool:
    """A figure its sentence dates to an earlier year ("the 1989 spill") is no value now."""
    return bool(f.when and f.day and f.when[:4].isdigit() and int(f.when[:4]) < f.day.year)


def _bare(f: Figure) -> bool:
    """A number that counts no noun ("3", "26") and whose sentence names no toll or total
    it could be: what it counts is a guess from the parse."""
    return f.q.unit is None and not _HOLDER_WORDS.search(f.text)


def _run_on(f: Figure) -> bool:
    """A "sentence" of many run-together items (a flattened fact box or page of links):
    its parse says little about which figure goes with what."""
    return len(f.text.split()) > RUN_ON_WORDS


def _related_groups(figs: list[Figure]) -> list[list[Figure]]:
    """Figures of one measure split into the groups their sentences link (cosine at least
    TRACK_RELATED, or RELATED with a shared entity): the deaths of one attack and those of
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
            for r, c in zip(*np.nonzero(sims >= RELATED), strict=True):
                i, j = start + int(r), int(c)
                if i < j and (sims[r, c] >= TRACK_RELATED or figs[i].entities & figs[j].entities):
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
    articles: Sequence[Article], annotations: Sequence[Annotation], links: Links
) -> list[Track]:
    outlets = {a.id: a.outlet for a in articles}
    figures = figures_of(
        annotations,
        links.entities_in,
        {a.id: a.published.date for a in articles},
        {a.id for a in articles if a.published.basis == "inferred"},
    )
    return find_tracks(figures, {e.id: e.name for e in links.entities}, outlets.get)
