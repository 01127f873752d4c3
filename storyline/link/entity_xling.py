"""Entity resolution across languages and scripts: one entity however a report writes it.

Three kinds of evidence, each recorded as the merge's rule:

- ``romanized``: a name in another script is, in Latin letters (anyascii), the story's one
  Latin name of that spelling ("Владимир Путин" / "Vladimir Putin"; "北京" / "Beijing", the
  syllables run together);
- ``exonym``: two place names that bundled multilingual data gives one meaning
  (:mod:`storyline.link.name_data`: "Pekín" / "Beijing", "Alemania" / "Germany");
- ``aligned-translation``: two names that stand in the same place of sentences that
  translate each other ("the Valdmark Water Board said" / "la Junta de Aguas de Valdmark
  dijo"). Two sentences of articles in different languages are aligned when their
  multilingual vectors are close (``ALIGNED``); once the names both sentences share are
  set aside, a name of one that shares a word with exactly one name of the other, and no
  other, is paired with it. A pair merges when at least ``MIN_ALIGNED`` aligned sentence
  pairs pair them, and neither name is paired more often with another.

Exonyms and aligned translations are read only in stories whose reports are in more than
one language: within one language a place has one usual name, and two names that share a
word are as often two entities ("Valdmark" / "Valdmark Water Board").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.link.entity_variants import Forest
from storyline.link.name_data import place_meaning, romanized
from storyline.link.names import name_key, reordered, spelling_distance, tokens, transliterated
from storyline.link.occurrences import PERSON, Occ, majority
from storyline.model import Annotation


@dataclass(frozen=True)
class CrossLingual:
    """Thresholds of cross-language entity merging (see docs/experiments.md, "Cross-lingual")."""

    # Cosine of two sentences' multilingual vectors above which they translate each other;
    # chosen leave-one-report-out on the Dravenmoor example in three languages, precision first.
    aligned: float = 0.69
    min_aligned: int = 2  # aligned sentence pairs that must pair two names
    min_word: int = 4  # a shared word this long at least ("de", "del", "des" never count)


DEFAULTS = CrossLingual()
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_ROUNDS = 3  # rounds of aligned merging; each reads the roots the last one left
UNTYPED = "MISC"  # a name the reader found but could not type
_BLOCK = 2048  # sentences compared at once with all of another language's


def merge_across_languages(
    occs: list[Occ],
    forest: Forest,
    annotations: Sequence[Annotation],
    language: Mapping[str, str],
    config: CrossLingual = DEFAULTS,
) -> None:
    """Join the names that are one entity written in another language or script."""
    kinds = _kinds(occs)
    merge_romanized(occs, forest, kinds)
    if len({language.get(o.article, "") for o in occs}) < 2:
        return
    merge_exonyms(occs, forest, kinds)
    merge_aligned(occs, forest, annotations, language, kinds, config)


def _kinds(occs: list[Occ]) -> dict[str, str]:
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        labels[occ.key][occ.label] += 1
    return {k: majority(c) for k, c in labels.items()}


def _shown(occs: list[Occ]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for occ in occs:
        shown.setdefault(occ.key, occ.surface)
    return shown


def merge_romanized(occs: list[Occ], forest: Forest, kinds: Mapping[str, str]) -> None:
    """A name in another script joins the one Latin name it reads as."""
    shown = _shown(occs)
    latin: dict[str, set[str]] = defaultdict(set)
    for key in shown:
        if key.isascii():
            latin[key.replace(" ", "")].add(key)
    for key, surface in sorted(shown.items()):
        if key.isascii() or (latin_form := romanized(surface)) is None:
            continue
        found = {
            k
            for k in latin.get(name_key(latin_form).replace(" ", ""), ())
            if (kinds[k] == PERSON) == (kinds[key] == PERSON)
        }
        if len({forest.find(k) for k in found}) == 1:
            target = sorted(found)[0]
            forest.union(
                key,
                target,
                "romanized",
                f"{surface!r} in Latin letters is {latin_form!r} (anyascii): {shown[target]!r}",
            )


def merge_exonyms(occs: list[Occ], forest: Forest, kinds: Mapping[str, str]) -> None:
    """Place names the bundled data gives one meaning join ("Pekín", "Pékin", "Beijing")."""
    shown = _shown(occs)
    by_meaning: dict[str, list[str]] = defaultdict(list)
    label: dict[str, str] = {}
    for key, surface in sorted(shown.items()):
        if kinds[key] == PERSON:
            continue
        found = place_meaning(surface)
        if found is not None:
            by_meaning[found[0]].append(key)
            label[found[0]] = found[1]
    for meaning, keys in by_meaning.items():
        if len(keys) < 2 or not any(kinds[k] in _PLACES for k in keys):
            continue
        for other in keys[1:]:
            forest.union(
                other,
                keys[0],
                "exonym",
                f"{shown[other]!r} and {shown[keys[0]]!r} both name {label[meaning]}",
            )


def merge_aligned(
    occs: list[Occ],
    forest: Forest,
    annotations: Sequence[Annotation],
    language: Mapping[str, str],
    kinds: Mapping[str, str],
    config: CrossLingual = DEFAULTS,
) -> None:
    """Names paired by sentences that translate each other join (see the module docstring)."""
    names: dict[tuple[str, int], set[str]] = defaultdict(set)
    for occ in occs:
        names[occ.where].add(occ.node)
    aligned = _aligned_sentences(names, annotations, language, config.aligned)
    shown = _shown(occs)
    for _round in range(_ROUNDS):  # a merge may leave the next pair the only open one
        support = _support(aligned, names, forest, kinds, config)
        best: dict[str, int] = defaultdict(int)
        for (a, b), n in support.items():
            best[a], best[b] = max(best[a], n), max(best[b], n)
        joined = False
        for (a, b), n in sorted(support.items(), key=lambda x: (-x[1], x[0])):
            if n < config.min_aligned or n < best[a] or n < best[b]:
                continue
            rivals = [p for p, m in support.items() if m == n and (a in p or b in p)]
            if len(rivals) > 1 or forest.find(a) == forest.find(b):
                continue
            forest.union(
                a,
                b,
                "aligned-translation",
                f"{shown.get(a, a)!r} and {shown.get(b, b)!r} stand in the same place of {n} "
                "pairs of sentences that translate each other",
            )
            joined = True
        if not joined:
            break


def _support(
    aligned: list[tuple[tuple[str, int], tuple[str, int]]],
    names: Mapping[tuple[str, int], set[str]],
    forest: Forest,
    kinds: Mapping[str, str],
    config: CrossLingual,
) -> Counter[tuple[str, str]]:
    """How many aligned sentence pairs pair two entities (by their current roots)."""
    support: Counter[tuple[str, str]] = Counter()
    for left, right in aligned:
        a_roots = {forest.find(n): n for n in names[left]}
        b_roots = {forest.find(n): n for n in names[right]}
        shared = a_roots.keys() & b_roots.keys()
        a_open = {r: n for r, n in a_roots.items() if r not in shared}
        b_open = {r: n for r, n in b_roots.items() if r not in shared}
        partners = {
            a: [b for b, nb in b_open.items() if _alike(na, nb, kinds, config)]
            for a, na in a_open.items()
        }
        for a, found in partners.items():
            if len(found) == 1 and sum(found[0] in f for f in partners.values()) == 1:
                support[min(a, found[0]), max(a, found[0])] += 1
    return support


def _alike(a: str, b: str, kinds: Mapping[str, str], config: CrossLingual) -> bool:
    """Whether two names may be one entity written in two languages."""
    ka, kb = kinds.get(a, ""), kinds.get(b, "")
    if (ka == PERSON) != (kb == PERSON):
        return False
    if ka == PERSON:
        return spelling_distance(a, b) is not None or transliterated(a, b) or reordered(a, b)
    ta, tb = tokens(a), tokens(b)
    # "Valdmark" (a place) is no part of "Junta de Aguas de Valdmark"; a lone word of no
    # known type ("Dravenmoor", MISC) may be the short form of "Dravenmoor Dam".
    lone = ka if len(ta) == 1 else kb
    if len(ta) != len(tb) and 1 in (len(ta), len(tb)) and ka != kb and lone != UNTYPED:
        return False
    return any(len(w) >= config.min_word for w in set(ta) & set(tb))


def _aligned_sentences(
    names: Mapping[tuple[str, int], set[str]],
    annotations: Sequence[Annotation],
    language: Mapping[str, str],
    threshold: float,
) -> list[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of named sentences, of articles in two languages, whose vectors are this close."""
    rows: dict[str, list[tuple[str, int]]] = defaultdict(list)
    vecs: dict[str, list[np.ndarray]] = defaultdict(list)
    for ann in annotations:
        lang = language.get(ann.article, "")
        matrix = ann.vectors()
        for i in range(min(len(ann.sentences), len(matrix))):
            if (ann.article, i) in names and matrix[i].any():
                rows[lang].append((ann.article, i))
                vecs[lang].append(matrix[i])
    out = []
    langs = sorted(rows)
    for x, la in enumerate(langs):
        right = {lb: np.vstack(vecs[lb]) for lb in langs[x + 1 :]}
        for start in range(0, len(vecs[la]), _BLOCK):  # a block at a time: memory stays flat
            left = np.vstack(vecs[la][start : start + _BLOCK])
            for lb, matrix in right.items():
                for i, j in zip(*np.nonzero(left @ matrix.T >= threshold), strict=True):
                    out.append((rows[la][start + i], rows[lb][j]))
    return out


def reader_forms(members: list[Occ], english: set[str]) -> list[Occ]:
    """The mentions an entity's name is chosen from: those of the reader's (English)
    reports when they hold a full name as often as the others do, so that Geneva is not
    named "Genebra" for a Portuguese report, nor a person "Sten" for an English surname."""
    mine = [o for o in members if o.article in english]
    if any(" " in o.surface for o in mine) or not any(" " in o.surface for o in members):
        return mine or members
    return members
