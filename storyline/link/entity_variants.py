"""Entity resolution, step 3: names that are one entity written another way.

Two full names of one type merge when they differ by a small spelling slip, hold the
same parts in another order, or differ only in the vowels of one part, and their context
agrees (a shared role word, or most of the entities named beside them); never when they
appear in one sentence or their roles disagree.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from storyline.link.names import (
    OFFICES,
    name_key,
    reordered,
    short_form,
    spelling_distance,
    tokens,
    transliterated,
    variant_candidates,
)
from storyline.link.occurrences import PERSON, Occ, majority, title_words

# Types whose spelling variants are merged; place names that differ by a letter
# ("Gambia"/"Zambia", "Iran"/"Iraq") are usually different places.
_VARIANT_TYPES = frozenset({PERSON, "ORG"})
# Context agreement for spelling variants: this many entities named in the same
# sentences, covering at least this share of the smaller context.
_PLACE_TYPES = frozenset({"GPE", "LOC"})
_MIN_SHARED_CONTEXT = 2
_ROUNDS = 3  # rounds of variant merging; each reads the context the last one left
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


class _Contexts(Mapping[str, _NameContext]):
    """The context of each name key, or of each group of keys a forest has joined,
    worked out when first read: a big story names thousands of entities, and only
    those that may be variants of another are read (their union of neighbours over
    hundreds of articles is most of the cost)."""

    def __init__(self, occs: list[Occ], forest: Forest | None = None) -> None:
        self._sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
        self._article: dict[str, set[str]] = defaultdict(set)
        grouped: dict[str, list[Occ]] = defaultdict(list)
        for occ in occs:
            node = forest.find(occ.node) if forest is not None else occ.node
            self._sentence[occ.where].add(node)
            self._article[occ.article].add(node)
            grouped[node].append(occ)
        self._grouped = dict(grouped)  # reading a name not in the story is a KeyError
        self._made: dict[str, _NameContext] = {}
        self._types: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._grouped)

    def __iter__(self) -> Iterator[str]:
        return iter(self._grouped)

    def __contains__(self, key: object) -> bool:
        return key in self._grouped

    def type_of(self, key: str) -> str:
        typ = self._types.get(key)
        if typ is None:
            typ = self._types[key] = majority(Counter(o.label for o in self._grouped[key]))
        return typ

    def __getitem__(self, key: str) -> _NameContext:
        made = self._made.get(key)
        if made is not None:
            return made
        members = self._grouped[key]
        places = {o.where for o in members}
        articles = {o.article for o in members}
        own = Counter(o.surface for o in members if o.key == key) or Counter([members[0].surface])
        made = self._made[key] = _NameContext(
            display=majority(own),
            type=self.type_of(key),
            titles=set().union(*(title_words(o.title) for o in members)),
            places=places,
            neighbours=set().union(*(self._sentence[p] for p in places)) - {key},
            articles=articles,
            article_neighbours=set().union(*(self._article[a] for a in articles)) - {key},
        )
        return made


def _contexts(occs: list[Occ], forest: Forest | None = None) -> _Contexts:
    """The context of each name key, or of each group of keys ``forest`` has joined."""
    return _Contexts(occs, forest)


def merge_names(occs: list[Occ], forest: Forest, texts: Mapping[str, str]) -> None:
    """Spelling variants, then short forms, then acronyms, over one reading of the names'
    contexts before any merge (each step reads it)."""
    names = _contexts(occs)
    merge_variants(occs, forest, names)
    merge_short_forms(occs, forest, names)
    merge_acronyms(occs, forest, texts, names)


def merge_variants(occs: list[Occ], forest: Forest, first: _Contexts | None = None) -> None:
    """Join variants, in rounds: a merge may make the context of another pair agree
    ("Teodora" / "Theodora Vasquez-Rhee" merged, two spellings of the rescuer quoted beside
    her share one more neighbour). ``first``: ``_contexts(occs)``, when made already."""
    by_type: dict[str, list[str]] = defaultdict(list)
    first = first if first is not None else _contexts(occs)
    for key in first:
        if (typ := first.type_of(key)) in _VARIANT_TYPES:
            by_type[typ].append(key)
    pairs = {typ: variant_candidates(sorted(keys)) for typ, keys in by_type.items()}
    for typ in by_type:
        by_type[typ].sort()
    for _round in range(_ROUNDS):
        # A forest that has joined nothing yet groups as the names themselves do.
        contexts = _contexts(occs, forest) if forest.reason else first
        joined = False
        for typ, nodes in by_type.items():
            for i, j in pairs[typ]:
                joined |= _try_variant(nodes[i], nodes[j], typ, contexts, forest)
        if not joined:
            break


def _try_variant(a: str, b: str, typ: str, contexts: _Contexts, forest: Forest) -> bool:
    ra, rb = forest.find(a), forest.find(b)
    if ra == rb or ra not in contexts or rb not in contexts:
        return False
    distance = spelling_distance(a, b)
    if distance:
        rule = "edit-distance+context"
        how = f"are {distance} edit(s) apart"
    elif typ == PERSON and reordered(a, b):
        rule, how = "name-order+context", "hold the same names in another order"
    elif typ == PERSON and transliterated(a, b):
        rule, how = "transliteration+context", "differ only in the vowels of one part"
    else:
        return False
    ca, cb = contexts[ra], contexts[rb]  # read only for a pair spelled alike: most are not
    # Another order of the same parts, or the same consonants ("Okafor" / "Okafour",
    # "Raman" / "Ramann"), is how outlets and translators slip; two people named so
    # alike in one story are rarer than one slip.
    close = typ == PERSON and (reordered(a, b) or transliterated(a, b))
    why = _context_agrees(ca, cb, close)
    if why is None:
        return False
    forest.union(a, b, rule, f"{ca.display!r} and {cb.display!r} {how}, both {typ}, {why}")
    return True


def _context_agrees(a: _NameContext, b: _NameContext, close: bool = False) -> str | None:
    """Why two near-identical names are one, or None when their context says otherwise.

    Named in one sentence, or holding different offices ("minister" / "secretary"), they
    are two; so are names one slip apart whose roles share no word ("Senator" / "Coach"),
    while ``close`` names may carry roles that merely differ ("general secretary" /
    "leader").  Otherwise they are one when they share a role word, or what is named beside
    them: within one article two spellings more often name two people than one, so names
    that share an article must share what is named in their sentences; names from
    different articles (one outlet's spelling against another's) may instead share what
    is named in their articles.  ``close`` names (same parts reordered, same consonants)
    need one shared neighbour, not most of them.
    """
    if a.places & b.places:
        return None  # named side by side in one sentence: two entities
    offices_a, offices_b = a.titles & OFFICES, b.titles & OFFICES
    if offices_a and offices_b and not (offices_a & offices_b):
        return None
    if not close and a.titles and b.titles and not (a.titles & b.titles):
        return None  # "Senator John Smyth" / "Coach Jon Smyth": a slip is not proof enough
    if a.titles & b.titles:
        return f"shared role word {sorted(a.titles & b.titles)[0]!r}"
    if _overlaps(a.neighbours, b.neighbours, close):
        return f"{len(a.neighbours & b.neighbours)} entities named in the same sentences as both"
    if not (a.articles & b.articles) and _overlaps(
        a.article_neighbours, b.article_neighbours, close
    ):
        shared = len(a.article_neighbours & b.article_neighbours)
        return f"{shared} entities named in the same articles as both"
    return None


def _overlaps(a: set[str], b: set[str], close: bool = False) -> bool:
    shared = len(a & b)
    if close:
        return shared >= 1
    smaller = min(len(a), len(b)) or 1
    return shared >= _MIN_SHARED_CONTEXT and shared / smaller >= _MIN_CONTEXT_OVERLAP


def merge_short_forms(occs: list[Occ], forest: Forest, contexts: _Contexts | None = None) -> None:
    """An organisation's short form joins its full name: "the ministry" is not meant here,
    but "Foreign Ministry" after "Soltaran Foreign Ministry", "Halvane" for "Halvane
    Systems", "Data Protection Office" for "Data Protection Office of Ostria".

    Only when one organisation of the story fits (one of those in the short form's own
    articles, if any is there); a short form that fits two is left alone. ``contexts``:
    ``_contexts(occs)``, when made already.
    """
    contexts = contexts if contexts is not None else _contexts(occs)
    orgs = sorted(n for n in contexts if contexts.type_of(n) == "ORG")
    places = {n for n in contexts if contexts.type_of(n) in _PLACE_TYPES}
    # Every short form holds its first word in the full name: only those are compared.
    by_word: dict[str, list[str]] = defaultdict(list)
    for org in orgs:
        for word in set(tokens(org)):
            by_word[word].append(org)
    # A word written in lower case is no name's first word: "the maharishi" (a title, a
    # person) is not "Maharishi University".
    lowercase = {o.key for o in occs if o.surface.islower() and o.lone}
    for short in orgs:
        if short in lowercase:
            continue
        fits = {
            long: how
            for long in by_word[tokens(short)[0]]
            if long != short and (how := short_form(short, long, places)) is not None
        }
        here = {n: h for n, h in fits.items() if contexts[n].articles & contexts[short].articles}
        fits = here or fits
        if len({forest.find(n) for n in fits}) != 1:
            continue
        long, how = sorted(fits.items())[0]
        cs, cl = contexts[short], contexts[long]
        forest.union(short, long, "short-form", f"{cs.display!r} is {how} {cl.display!r}, both ORG")


# Short forms of a few countries and bodies every reader knows, as name keys (general
# knowledge, not any story's): "U.S." keys as "us". Each group is one entity.
_KNOWN_SHORT_FORMS: tuple[frozenset[str], ...] = (
    frozenset({"us", "usa", "united states", "united states of america", "america"}),
    frozenset({"uk", "united kingdom", "britain", "great britain"}),
    frozenset({"un", "united nations"}),
    frozenset({"eu", "european union"}),
    frozenset({"uae", "united arab emirates"}),
    frozenset({"ussr", "soviet union"}),
)
_INITIAL_STOPWORDS = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "des", "&"})
_ACRONYM = re.compile(r"[A-Z](?:[A-Z&]|\.(?=[A-Z]))*\.?")
_SPELLED_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")
_NAMED_TYPES = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC"})


def merge_acronyms(
    occs: list[Occ],
    forest: Forest,
    texts: Mapping[str, str],
    contexts: _Contexts | None = None,
) -> None:
    """An acronym joins its long form, and a country its usual short forms, with the reason.

    - the story spells it out: "the National Transitional Council (NTC)" (rule ``acronym``);
    - else its letters are the initials of the one long name of the story they fit
      ("WHO" / "World Health Organisation", "BA" / "British Airways": rule ``initials``);
    - a few short forms every reader knows ("US" / "United States" / "America", "UK" /
      "Britain", "UN" / "United Nations": rule ``known-short-form``).

    Never a person with a non-person, and never when two long names fit. ``contexts``:
    ``_contexts(occs)``, when made already.
    """
    contexts = contexts if contexts is not None else _contexts(occs)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        labels[occ.key][occ.label] += 1
    kind = {k: majority(c) for k, c in labels.items()}
    acronyms = {
        occ.key
        for occ in occs
        if occ.lone and 2 <= len(occ.key) <= 6 and _ACRONYM.fullmatch(occ.surface) is not None
    }
    longs = [k for k in labels if " " in k and kind[k] in _NAMED_TYPES]
    by_initials: dict[str, list[str]] = defaultdict(list)  # in the order of ``longs``
    for k in longs:
        by_initials[_initials(k)].append(k)
    long_names = set(longs)
    spelled: dict[str, dict[str, str]] = defaultdict(dict)
    for occ in occs:
        if occ.key in long_names:
            after = _SPELLED_AFTER.match(texts.get(occ.article, ""), occ.mention.end)
            if (
                after is not None
                and name_key(after.group(1)) in acronyms
                and _abbreviates(name_key(after.group(1)), occ.key)
            ):
                spelled[name_key(after.group(1))][occ.key] = f"{occ.surface} ({after.group(1)})"
    for short in sorted(acronyms):
        if short in spelled:
            fits = {k: f"spelled out in the story: {v!r}" for k, v in spelled[short].items()}
            rule = "acronym"
        else:
            fits = {
                k: f"its letters are the initials of {contexts[k].display!r}"
                for k in by_initials.get(short, ())
            }
            rule = "initials"
        fits = {k: v for k, v in fits.items() if _compatible(kind[short], kind[k])}
        same = {k: v for k, v in fits.items() if kind[k] == kind[short]}
        fits = same or fits  # "BP" (ORG): "British Petroleum" (ORG), not "Barataria Pass"
        if len({forest.find(k) for k in fits}) == 1:
            long, why = sorted(fits.items())[0]
            forest.union(short, long, rule, why)
    for group in _KNOWN_SHORT_FORMS:
        present = sorted((k for k in group if k in labels and kind[k] != PERSON), key=len)
        for k in present[:-1]:
            long = present[-1]
            forest.union(
                k, long, "known-short-form", f"a usual short form of {contexts[long].display!r}"
            )


def _abbreviates(short: str, long: str) -> bool:
    """The acronym's letters are, in order, letters of the long name, the first its first:
    "UNITED NATIONS (CNN)", a dateline, spells nothing out."""
    rest = long.replace(" ", "")
    if not short or not rest or short[0] != rest[0]:
        return False
    at = 0
    for ch in short:
        at = rest.find(ch, at) + 1
        if at == 0:
            return False
    return True


def _initials(key: str) -> str:
    return "".join(t[0] for t in tokens(key) if t not in _INITIAL_STOPWORDS)


def _compatible(a: str, b: str) -> bool:
    return (a == PERSON) == (b == PERSON)


def merge_middle_names(occs: list[Occ], forest: Forest) -> None:
    """ "Hillary Clinton" joins "Hillary Rodham Clinton": a person's first and last name
    joins the one longer name of the story that starts and ends with them (rule
    ``middle-name``); with two such names ("George Bush": "George W Bush" and "George H W
    Bush") it stays apart."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, str] = {}
    for occ in occs:
        labels[occ.key][occ.label] += 1
        shown.setdefault(occ.key, occ.surface)
    people = [k for k, c in labels.items() if majority(c) == PERSON and " " in k]
    longer: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in people:
        parts = tokens(k)
        if len(parts) >= 3:
            longer[(parts[0], parts[-1])].append(k)
    for k in people:
        parts = tokens(k)
        if len(parts) != 2:
            continue
        fits = longer.get((parts[0], parts[1]), [])
        if len({forest.find(f) for f in fits}) == 1:
            forest.union(
                k,
                fits[0],
                "middle-name",
                f"its first and last names are those of {shown[fits[0]]!r}",
            )
