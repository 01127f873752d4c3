"""Where the reports disagree: one measure, for one scope, at one time, told with values
that cannot both hold.

What a figure measures comes from the annotator (``Quantity.kind``, its counted noun,
its predicate's class, subject, place, the date it refers to, its bounds) and is
compared in ``tracks``: "49 injured" and "90 detained" are two measures, a two-year-old
and "five years ago" are no counts at all, pledges by two donors are two scopes, and a
toll told on Monday and a higher one on Thursday are a track's revision, not a dispute.
Two tellings of one moment disagree when their bounds do not overlap: "more than five
hours" is compatible with "five and a half hours"; "at least 90" with "100"; two exact
figures that differ are not ("five and a half hours" / "seven and a half hours").
When the text right around the larger figure says it includes something more
("including a dinner", "in total", "counting the delays"), the ledger keeps the entry,
marked ``explained`` with a note saying why, instead of flagging a contradiction.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence

import numpy as np

from storyline.model import Annotation, Conflict, Evidence, Position, Quantity
from storyline.synthesize.measures import (
    FIGURES,
    Figure,
    FiguresConfig,
    compatible,
    describe,
    figures_of,
    interval,
    revised,
    same_moment,
)
from storyline.synthesize.part_whole import exceeds, part_side, whole_key

_INCLUDES = re.compile(
    r"\b(including|includ(?:es|ed)|counting|plus|in total|all told|altogether|combined)\b",
    re.IGNORECASE,
)


def find_conflicts(
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
    entity_names: dict[str, str],
    published: dict[str, str | None] | None = None,
    guessed: Collection[str] = (),
    cfg: FiguresConfig = FIGURES,
) -> list[Conflict]:
    """Quantity conflicts; ``published`` (article id -> ISO date) gives each figure the
    report's date when its sentence names none; ``guessed``: the articles whose date is
    inferred from other reports (one day either way)."""
    figures = figures_of(annotations, entities_in, published or {}, guessed, cfg)
    return conflicts_of(figures, entity_names, cfg)


def conflicts_of(
    figs: list[Figure], entity_names: dict[str, str], cfg: FiguresConfig = FIGURES
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    used: set[int] = set()
    later = _later_candidates(figs, cfg)
    for i, a in enumerate(figs):
        if i in used:
            continue
        about = [i]
        for j in later[i]:
            # one moment with the first, and no revision of another one taken
            taken = j not in used and disputes(a, figs[j], cfg)
            if taken and not any(revised(figs[k], figs[j]) for k in about):
                about.append(j)
        positions = _positions([figs[k] for k in about])
        if len(positions) < 2 or len({f.article for p in positions for f in p}) < 2:
            continue
        used.update(about)
        conflicts.append(_conflict(a, [figs[k] for k in about], positions, entity_names, cfg))
    return conflicts


_BLOCK = 256  # figures compared at once with all of their measure


def disputes(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    """Whether two figures tell one moment of one measure and neither revises the other
    (a later report's higher count of what only grows is the count as known later); of a
    part and its whole ("19 civilians" / "15 people"), only a part above the whole."""
    if not same_moment(a, b, cfg) or revised(a, b):
        return False
    side = part_side(a.key, b.key)
    if side is None:
        return True
    part, whole = (a, b) if side == 0 else (b, a)
    return exceeds(part.q, whole.q)  # a part above its whole


def _later_candidates(figs: list[Figure], cfg: FiguresConfig = FIGURES) -> list[list[int]]:
    """For each figure, the later ones of its measure that may be about the same moment.

    Those of a size within ``max_ratio`` of its own and whose sentence may be related enough
    (with a margin for rounding: the sieve is a matrix product, ``same_moment`` decides);
    worked out a block of figures at a time, since a large story holds thousands.
    """
    later: list[list[int]] = [[] for _ in figs]
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for k, f in enumerate(figs):
        by_key[whole_key(f.key)].append(k)  # a part and its whole are compared
    dim = Counter(f.vector.shape[0] for f in figs).most_common(1)[0][0] if figs else 0
    lowest = min(cfg.related, cfg.alike_same_day) - 1e-4
    for ks in by_key.values():
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
                high = np.maximum(size[rows, None], size[None, :])
                near = (low != 0) & ~(high / low > cfg.max_ratio)
            near &= np.arange(rows.start, rows.stop)[:, None] < np.arange(len(ks))[None, :]
            similar = odd[None, :] | (matrix[rows] @ matrix.T >= lowest)
            near &= odd[rows, None] | similar
            for n, row in enumerate(near, start=rows.start):
                later[ks[n]] = [ks[c] for c in np.flatnonzero(row)]
    return later


def _positions(figs: list[Figure]) -> list[list[Figure]]:
    """Group figures into mutually incompatible positions.

    Point figures (exact or approximate) that agree share a position. A range
    ("more than 1,000") that agrees with every position is nobody's position;
    one that contradicts some position becomes a position of its own.
    """
    points = sorted((f for f in figs if _is_point(f.q)), key=lambda f: f.q.value)
    groups: list[list[Figure]] = []
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
    """A figure that states a value (exact, approximate, a range), not only a floor or a
    ceiling ("more than 1,000")."""
    low, high = interval(q)
    return not (math.isinf(low) or math.isinf(high))


def _conflict(
    first: Figure,
    figs: list[Figure],
    groups: list[list[Figure]],
    entity_names: dict[str, str],
    cfg: FiguresConfig,
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
    one = len({f.key for f in figs}) == 1
    about = describe(first.key if one else whole_key(first.key)) + (
        f" ({', '.join(names)})" if names else ""
    )
    note = None
    largest = max(groups, key=lambda g: max(f.q.value for f in g))
    larger = [f for f in largest if _includes_more(f, cfg)]
    if larger:
        note = (
            f"the larger figure ({larger[0].q.text}) is told as including something more, "
            f"so both may hold: {larger[0].text}"
        )
    return Conflict(
        about=about, kind="quantity", positions=positions, note=note, explained=note is not None
    )


def _includes_more(f: Figure, cfg: FiguresConfig) -> bool:
    """Its sentence (or, with other figures in it, the words right around the figure)
    says the figure counts something more."""
    if f.alone:
        return bool(_INCLUDES.search(f.text))
    start, end = f.q.start - f.offset, f.q.end - f.offset
    window = f.text[max(0, start - cfg.includes_before) : end + cfg.includes_after]
    return bool(_INCLUDES.search(window))
