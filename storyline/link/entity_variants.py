"""Entity resolution, step 3: names that are one entity written another way.

Two full names of one type merge when they differ by a small spelling slip, hold the
same parts in another order, or differ only in the vowels of one part, and their context
agrees (a shared role word, or most of the entities named beside them); never when they
appear in one sentence or their roles disagree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from storyline.link.names import (
    reordered,
    spelling_distance,
    transliterated,
    variant_candidates,
)
from storyline.link.occurrences import PERSON, Occ, majority, title_words

# Types whose spelling variants are merged; place names that differ by a letter
# ("Gambia"/"Zambia", "Iran"/"Iraq") are usually different places.
_VARIANT_TYPES = frozenset({PERSON, "ORG"})
# Context agreement for spelling variants: this many entities named in the same
# sentences, covering at least this share of the smaller context.
_MIN_SHARED_CONTEXT = 2
_MIN_CONTEXT_OVERLAP = 0.5


class Forest:
    """Union-find over name keys, keeping why each key joined."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self.reason: dict[str, tuple[str, str]] = {}

    def find(self, key: str) -> str:
        parent = self._parent.get(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self._parent[key] = root
        return root

    def union(self, a: str, b: str, rule: str, detail: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self._parent[max(ra, rb)] = min(ra, rb)
        self.reason.setdefault(a, (rule, detail))
        self.reason.setdefault(b, (rule, detail))


@dataclass(slots=True)
class _NameContext:
    """What surrounds one resolved name across the story."""

    display: str
    type: str
    titles: set[str]
    places: set[tuple[str, int]]  # (article, sentence)
    neighbours: set[str]  # other names in the same sentences
    articles: set[str]
    article_neighbours: set[str]  # other names in the same articles


def _contexts(occs: list[Occ]) -> dict[str, _NameContext]:
    per_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    per_article: dict[str, set[str]] = defaultdict(set)
    grouped: dict[str, list[Occ]] = defaultdict(list)
    for occ in occs:
        per_sentence[occ.where].add(occ.node)
        per_article[occ.article].add(occ.node)
        grouped[occ.node].append(occ)
    out: dict[str, _NameContext] = {}
    for node, members in grouped.items():
        places = {o.where for o in members}
        neighbours = set().union(*(per_sentence[p] for p in places)) - {node}
        articles = {o.article for o in members}
        article_neighbours = set().union(*(per_article[a] for a in articles)) - {node}
        own = Counter(o.surface for o in members if o.key == node) or Counter([members[0].surface])
        out[node] = _NameContext(
            display=majority(own),
            type=majority(Counter(o.label for o in members)),
            titles=set().union(*(title_words(o.title) for o in members)),
            places=places,
            neighbours=neighbours,
            articles=articles,
            article_neighbours=article_neighbours,
        )
    return out


def merge_variants(occs: list[Occ], forest: Forest) -> None:
    contexts = _contexts(occs)
    by_type: dict[str, list[str]] = defaultdict(list)
    for node, ctx in contexts.items():
        if ctx.type in _VARIANT_TYPES:
            by_type[ctx.type].append(node)
    for typ, nodes in by_type.items():
        nodes.sort()
        for i, j in variant_candidates(nodes):
            a, b = nodes[i], nodes[j]
            distance = spelling_distance(a, b)
            ca, cb = contexts[a], contexts[b]
            if distance:
                rule = "edit-distance+context"
                how = f"are {distance} edit(s) apart"
            elif typ == PERSON and reordered(a, b):
                rule, how = "name-order+context", "hold the same names in another order"
            elif typ == PERSON and transliterated(a, b):
                rule, how = "transliteration+context", "differ only in the vowels of one part"
            else:
                continue
            why = _context_agrees(ca, cb)
            if why is None:
                continue
            forest.union(a, b, rule, f"{ca.display!r} and {cb.display!r} {how}, both {typ}, {why}")


def _context_agrees(a: _NameContext, b: _NameContext) -> str | None:
    """Why two near-identical names are one, or None when their context says otherwise.

    Within one article two spellings more often name two people than one, so
    names that share an article must share what is named in their sentences;
    names from different articles (one outlet's spelling against another's)
    may instead share what is named in their articles.
    """
    if a.places & b.places:
        return None  # named side by side in one sentence: two entities
    if a.titles and b.titles and not (a.titles & b.titles):
        return None
    if a.titles & b.titles:
        return f"shared role word {sorted(a.titles & b.titles)[0]!r}"
    if _overlaps(a.neighbours, b.neighbours):
        return f"{len(a.neighbours & b.neighbours)} entities named in the same sentences as both"
    if not (a.articles & b.articles) and _overlaps(a.article_neighbours, b.article_neighbours):
        shared = len(a.article_neighbours & b.article_neighbours)
        return f"{shared} entities named in the same articles as both"
    return None


def _overlaps(a: set[str], b: set[str]) -> bool:
    shared = len(a & b)
    smaller = min(len(a), len(b)) or 1
    return shared >= _MIN_SHARED_CONTEXT and shared / smaller >= _MIN_CONTEXT_OVERLAP
