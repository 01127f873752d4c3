"""Where the reports disagree: the same quantity told with incompatible values.

Two figures are about the same thing when they have the same unit and their
sentences are alike (or name the same entities). Figures with a modifier are
ranges, compared as such: "more than five hours" is compatible with "five and a
half hours"; two exact figures that differ are not ("five and a half hours" /
"seven and a half hours"). When the text right around the larger figure says it
includes something more ("including a dinner", "in total", "counting the delays"),
the ledger keeps the entry, marked ``explained`` with a note saying why, instead of
flagging a contradiction. So is an entry whose positions were all told at least two days
apart: in a developing story the later figure may be an update (the dossier's
``changes`` report those as revised figures).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import msgspec
import numpy as np

from storyline.model import Annotation, Conflict, Evidence, Position, Quantity

SIMILAR = 0.55
SIMILAR_WITH_ENTITIES = 0.35
MAX_RATIO = 3.0
UPDATE_DAYS = 2  # positions told this many days apart are noted as a likely update
_INCLUDES = re.compile(
    r"\b(including|includ(?:es|ed)|counting|plus|in total|all told|altogether|combined)\b",
    re.IGNORECASE,
)
INCLUDES_BEFORE, INCLUDES_AFTER = 40, 80  # characters around the figure a cue is read in
_LOWER = {"more than", "over", "above", "at least", "upwards of", "in excess of", "no fewer than"}
_UPPER = {"less than", "fewer than", "under", "below", "up to", "at most", "no more than"}
# Counts of people are told with many nouns ("1,200 residents", "2,100 people"): one unit.
_PEOPLE = frozenset(
    [
        "person",
        "people",
        "resident",
        "inhabitant",
        "civilian",
        "villager",
        "citizen",
        "evacuee",
        "individual",
    ]
)
_APPROX = {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to"}


@dataclass
class _Fig:
    article: str
    sentence: int
    text: str
    q: Quantity
    vector: np.ndarray
    entities: frozenset[str]
    offset: int = 0  # where the sentence starts in the article
    alone: bool = True  # the only figure of its sentence


def _interval(q: Quantity) -> tuple[float, float]:
    v, mod = q.value, (q.modifier or "").lower()
    if mod in _LOWER:
        return (v, float("inf"))
    if mod in _UPPER:
        return (float("-inf"), v)
    if mod in _APPROX or mod:
        return (v * 0.85, v * 1.15)
    return (v, v)


def compatible(a: Quantity, b: Quantity) -> bool:
    lo1, hi1 = _interval(a)
    lo2, hi2 = _interval(b)
    if not a.modifier and not b.modifier:
        return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value))
    return max(lo1, lo2) <= min(hi1, hi2)


def find_conflicts(
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
    entity_names: dict[str, str],
    published: dict[str, str | None] | None = None,
) -> list[Conflict]:
    """Quantity conflicts; ``published`` (article id -> ISO date) lets the ledger note
    figures told days apart as a likely update rather than flag them."""
    days = {a: d for a, d in (published or {}).items() if d}
    figs: list[_Fig] = []
    for ann in annotations:
        vecs = ann.vectors()
        per_sentence = Counter(q.sentence for q in ann.quantities)
        for q in ann.quantities:
            if not q.unit:
                continue
            if q.unit in _PEOPLE:
                q = msgspec.structs.replace(q, unit="person")
            figs.append(
                _Fig(
                    article=ann.article,
                    sentence=q.sentence,
                    text=ann.sentences[q.sentence].text,
                    q=q,
                    vector=vecs[q.sentence] if vecs.shape[1] else np.zeros(1, np.float32),
                    entities=frozenset(entities_in(ann.article, q.sentence)),
                    offset=ann.sentences[q.sentence].start,
                    alone=per_sentence[q.sentence] == 1,
                )
            )
    conflicts: list[Conflict] = []
    used: set[int] = set()
    later = _later_candidates(figs)
    for i, a in enumerate(figs):
        if i in used:
            continue
        about = [i] + [j for j in later[i] if j not in used and _same_topic(a, figs[j])]
        positions = _positions([figs[k] for k in about])
        if len(positions) < 2 or len({f.article for p in positions for f in p}) < 2:
            continue
        used.update(about)
        conflicts.append(
            _conflict(a.q.unit or "", [figs[k] for k in about], positions, entity_names, days)
        )
    return conflicts


_BLOCK = 256  # figures compared at once with all of their unit


def _later_candidates(figs: list[_Fig]) -> list[list[int]]:
    """For each figure, the later ones of its unit that may be about the same thing.

    Those of a size within MAX_RATIO of its own (the first test of ``_same_topic``),
    and whose sentence may be similar enough (with a margin for rounding: the sieve
    is a matrix product, ``_same_topic`` decides); worked out a block of figures at a
    time, since a large story holds thousands of figures.
    """
    later: list[list[int]] = [[] for _ in figs]
    by_unit: dict[str | None, list[int]] = defaultdict(list)
    for k, f in enumerate(figs):
        by_unit[f.q.unit].append(k)
    dim = Counter(f.vector.shape[0] for f in figs).most_common(1)[0][0] if figs else 0
    lowest = min(SIMILAR, SIMILAR_WITH_ENTITIES) - 1e-4
    for ks in by_unit.values():
        size = np.abs(np.array([figs[k].q.value for k in ks], dtype=np.float64))
        odd = np.array([figs[k].vector.shape[0] != dim for k in ks], dtype=bool)
        matrix = np.zeros((len(ks), dim), np.float32)
        for n, k in enumerate(ks):
            if not odd[n]:
                matrix[n] = figs[k].vector
        for start in range(0, len(ks), _BLOCK):
            rows = slice(start, min(len(ks), start + _BLOCK))
            with np.errstate(divide="ignore", invalid="ignore"):
                low = np.minimum(size[rows, None], size[None, :])
                near = (low != 0) & ~(np.maximum(size[rows, None], size[None, :]) / low > MAX_RATIO)
            near &= np.arange(rows.start, rows.stop)[:, None] < np.arange(len(ks))[None, :]
            similar = odd[None, :] | (matrix[rows] @ matrix.T >= lowest)
            near &= odd[rows, None] | similar
            for n, row in enumerate(near, start=rows.start):
                later[ks[n]] = [ks[c] for c in np.flatnonzero(row)]
    return later


def _same_topic(a: _Fig, b: _Fig) -> bool:
    if a.article == b.article and a.sentence == b.sentence:
        return False
    low, high = sorted((abs(a.q.value), abs(b.q.value)))
    if low == 0 or high / low > MAX_RATIO:
        return False  # "12 dead" and "300 evacuated" are not two tellings of one count
    sim = float(a.vector @ b.vector) if a.vector.shape == b.vector.shape else 0.0
    if sim >= SIMILAR:
        return True
    return bool(a.entities & b.entities) and sim >= SIMILAR_WITH_ENTITIES


def _positions(figs: list[_Fig]) -> list[list[_Fig]]:
    """Group figures into mutually incompatible positions.

    Point figures (exact or approximate) that agree share a position. A range
    ("more than 1,000") that agrees with every position is nobody's position;
    one that contradicts some position becomes a position of its own.
    """
    points = sorted((f for f in figs if _is_point(f.q)), key=lambda f: f.q.value)
    groups: list[list[_Fig]] = []
    for f in points:
        for g in groups:
            if all(compatible(f.q, h.q) for h in g):
                g.append(f)
                break
        else:
            groups.append([f])
    for f in figs:
        if not _is_point(f.q) and any(not compatible(f.q, h.q) for g in groups for h in g):
            groups.append([f])
    # Two positions from one article only are a revision inside that article, not a dispute.
    return groups if len({f.article for g in groups for f in g}) >= 2 else []


def _is_point(q: Quantity) -> bool:
    mod = (q.modifier or "").lower()
    return mod not in _LOWER and mod not in _UPPER


def _conflict(
    unit: str,
    figs: list[_Fig],
    groups: list[list[_Fig]],
    entity_names: dict[str, str],
    days: dict[str, str],
) -> Conflict:
    positions = []
    for members in groups:
        seen: set[tuple[str, int]] = set()
        evidence = []
        for f in members:
            if (f.article, f.sentence) not in seen:
                seen.add((f.article, f.sentence))
                evidence.append(Evidence(article=f.article, sentence=f.sentence, text=f.text))
        positions.append(Position(value=members[0].q.text, evidence=evidence))
    shared = frozenset.intersection(*(f.entities for f in figs)) if figs else frozenset()
    names = sorted(entity_names[e] for e in shared if e in entity_names)
    about = f"{unit}s" + (f" ({', '.join(names)})" if names else "")
    note = None
    largest = max(groups, key=lambda g: max(f.q.value for f in g))
    larger = [f for f in largest if _includes_more(f)]
    if larger:
        note = (
            f"the larger figure ({larger[0].q.text}) is told as including something more, "
            f"so both may hold: {larger[0].text}"
        )
    apart = _days_apart(groups, days)
    if note is None and apart >= UPDATE_DAYS:
        note = (
            f"the figures were told at least {apart} days apart: in a developing story the "
            "later one may be an update, not a dispute"
        )
    return Conflict(
        about=about, kind="quantity", positions=positions, note=note, explained=note is not None
    )


def _days_apart(groups: list[list[_Fig]], days: dict[str, str]) -> int:
    """The fewest days between two positions' publication dates (0 when unknown)."""
    try:
        told = [{date.fromisoformat(days[f.article]) for f in g} for g in groups]
    except (KeyError, ValueError):
        return 0
    return min(
        abs((x - y).days) for i, a in enumerate(told) for b in told[i + 1 :] for x in a for y in b
    )


def _includes_more(f: _Fig) -> bool:
    """Its sentence (or, with other figures in it, the words right around the figure)
    says the figure counts something more."""
    if f.alone:
        return bool(_INCLUDES.search(f.text))
    start, end = f.q.start - f.offset, f.q.end - f.offset
    window = f.text[max(0, start - INCLUDES_BEFORE) : end + INCLUDES_AFTER]
    return bool(_INCLUDES.search(window))
