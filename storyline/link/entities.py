"""Entity resolution: merge the entity mentions of one story's articles into entities.

The steps, each recorded as a :class:`~storyline.model.Merge` on the entity it shaped:

1. **Clean** every mention: drop non-names (numbers, dates, one character) and
   role-only references ("the Secretary", or "State" that is the end of the role
   "Secretary of State" before a name), strip possessives, articles and a role
   glued to a person's name ("President Xi" -> "Xi", role "President").
2. **Within an article**, a one-word mention resolves to a person's full name in
   the same article: the nearest earlier full name ending with it (rule
   ``surname``); else, when exactly one full name in the article holds it as
   another part ("Wei" after "Li Wei Chen", "Xi" after "Xi Jinping") or as the
   last part of a later mention, that name (``name-part`` / ``surname``).
   A word spaCy labelled GPE or ORG may still be a surname: it is re-typed when
   the story uses that word for a person more than for anything else.
3. **Across articles**, full names with one key merge (``exact``); two full names
   of one type that differ by a small spelling slip merge when their context
   agrees — a shared role word, or most of the entities named beside them — and
   never when they appear in one sentence or their roles disagree
   (``edit-distance+context``).
4. A one-word name left over in an article merges with the story's only full
   name ending with it (``surname``), with the one whose role matches when
   there are several (``surname+title``), or with the only full name holding it
   as another part (``name-part``); otherwise it stays its own entity.

Entity ids hash the type and the canonical name, so they do not depend on the
order of the input.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from storyline.link.names import (
    ROLE_WORDS,
    clean_surface,
    is_junk,
    name_key,
    reordered,
    spelling_distance,
    split_role,
    tokens,
    transliterated,
    variant_candidates,
)
from storyline.model import Annotation, Article, Entity, Mention, Merge

log = logging.getLogger(__name__)

PERSON = "PERSON"
# spaCy labels for values, not named things.
_VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Types whose spelling variants are merged; place names that differ by a letter
# ("Gambia"/"Zambia", "Iran"/"Iraq") are usually different places.
_VARIANT_TYPES = frozenset({PERSON, "ORG"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Words before a place name ("residents of X", "in X"); a person seldom follows them.
_PLACE_PREPOSITIONS = frozenset(
    {"in", "of", "from", "to", "into", "near", "at", "outside", "around", "across", "towards"}
)
# "4:30 a.m. ET", "20:00 GMT": capitals right after a clock time are a time zone.
_CLOCK_BEFORE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)
_ZONE = re.compile(r"[A-Z]{2,5}")
_GLUE = re.compile(r"\s+and\s+|\s*-\s*")
_ROLE_OF = re.compile(r"(\w+)\s+of\s+$")
# Words that say nothing about a role when titles are compared.
_TITLE_STOPWORDS = frozenset({"of", "the", "and", "for", "to", "a", "an", "former", "then", "top"})
# Context agreement for spelling variants: this many entities named in the same
# sentences, covering at least this share of the smaller context.
_MIN_SHARED_CONTEXT = 2
_MIN_CONTEXT_OVERLAP = 0.5


@dataclass(slots=True)
class _Occ:
    """One kept mention, with what resolution decided about it."""

    article: str
    mention: Mention
    surface: str
    key: str
    label: str
    title: str | None
    node: str  # key of the name it resolves to; its own key until resolved
    rule: str | None = None
    detail: str = ""

    @property
    def lone(self) -> bool:
        return " " not in self.key

    @property
    def where(self) -> tuple[str, int]:
        return (self.article, self.mention.sentence)


def resolve_entities(
    articles: list[Article], annotations: list[Annotation]
) -> tuple[list[Entity], dict[str, str]]:
    """Merge the mentions of one story's articles into entities.

    Returns the entities (most mentioned first) and a map from
    ``f"{article_id}:{mention.start}"`` to entity id for every mention kept.
    """
    texts = {a.id: a.text for a in articles}
    occs: list[_Occ] = []
    for ann in sorted(annotations, key=lambda a: a.article):
        if ann.article not in texts:
            log.warning("annotation for unknown article %r skipped", ann.article)
            continue
        occs.extend(_clean(ann, texts[ann.article]))
    occs = _unglue(occs)
    if not occs:
        return [], {}
    anchor_keys = _person_full_names(occs)
    person_words = _person_words(occs, anchor_keys)
    by_article: dict[str, list[_Occ]] = defaultdict(list)
    for occ in occs:
        by_article[occ.article].append(occ)
    for article_occs in by_article.values():
        _resolve_in_article(article_occs, anchor_keys, person_words)
    forest = _Forest()
    _merge_variants(occs, forest)
    _resolve_leftovers(occs, forest, anchor_keys, person_words)
    person_parts = {t for k in anchor_keys for t in tokens(k)}
    return _build(occs, forest, texts, person_parts)


# --------------------------------------------------------------------------- 1. clean


def _clean(ann: Annotation, text: str) -> list[_Occ]:
    out: list[_Occ] = []
    mentions = sorted(ann.mentions, key=lambda m: (m.start, m.end))
    for i, m in enumerate(mentions):
        if m.label in _VALUE_LABELS:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if _in_role(m, nxt, text):
            log.debug("mention %r in %s is part of a role; skipped", m.text, ann.article)
            continue
        surface = clean_surface(m.text)
        title = m.title.strip() if m.title and m.title.strip() else None
        if m.label == PERSON:
            role, surface = split_role(surface, ROLE_WORDS)
            if not surface:
                log.debug("role-only mention %r in %s skipped", m.text, ann.article)
                continue
            if role:
                title = f"{title} {role}" if title else role
        if _ZONE.fullmatch(surface) and _CLOCK_BEFORE.search(text[max(0, m.start - 20) : m.start]):
            log.debug("time zone %r after a clock time in %s skipped", m.text, ann.article)
            continue
        if is_junk(surface):
            log.debug("junk mention %r (%s) in %s skipped", m.text, m.label, ann.article)
            continue
        key = name_key(surface)
        out.append(_Occ(ann.article, m, surface, key, m.label, title, node=key))
    return out


def _unglue(occs: list[_Occ]) -> list[_Occ]:
    """Split or drop mentions that glue two names the story names on their own.

    "Brennick and Ostley" (tagged as one ORG) is two places: each part becomes a mention
    of its own, labelled as the story labels it.  "U.S.-China" or "Biden-Xi" (a compound
    modifier, "U.S.-China tensions") names no entity of its own and is dropped.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        labels[occ.key][occ.label] += 1
    out: list[_Occ] = []
    for occ in occs:
        pieces = [p for p in _GLUE.split(occ.surface) if p]
        if len(pieces) < 2 or occ.label in ("GPE", "NORP"):
            out.append(occ)
            continue
        keys = [name_key(p) for p in pieces]
        if " and " in occ.surface and all(k in labels and k != occ.key for k in keys):
            text_start = occ.mention.start
            cursor = 0
            for piece, key in zip(pieces, keys, strict=True):
                at = occ.mention.text.find(piece, cursor)
                cursor = at + len(piece)
                part = Mention(
                    sentence=occ.mention.sentence,
                    start=text_start + max(at, 0),
                    end=text_start + max(at, 0) + len(piece),
                    text=piece,
                    label=labels[key].most_common(1)[0][0],
                )
                out.append(_Occ(occ.article, part, piece, key, part.label, None, node=key))
            log.debug("%r split into %s", occ.surface, pieces)
        elif "-" in occ.surface and _names_elsewhere(keys[0], keys[-1], occ.key, labels):
            log.debug("compound of names %r in %s skipped", occ.surface, occ.article)
        else:
            out.append(occ)
    return out


def _names_elsewhere(left: str, right: str, own: str, names: dict[str, Counter[str]]) -> bool:
    """The words either side of the hyphen are parts of other names ("U.S."-"China")."""
    words = (tokens(left)[-1:] or [""])[0], (tokens(right)[:1] or [""])[0]
    return all(w and any(k != own and w in tokens(k) for k in names) for w in words)


def _in_role(m: Mention, nxt: Mention | None, text: str) -> bool:
    """True when ``m`` is part of a role, not a name.

    Either it ends the role written right before the next mention ("Secretary
    of State" + "Jane Roe", the title the annotator gave), or it is role words
    after "<role word> of" ("secretary of State", "Minister of Finance").
    """
    own = m.text.strip()
    if nxt and nxt.title and nxt.sentence == m.sentence and not text[m.end : nxt.start].strip():
        title = nxt.title.strip()
        if title == own or title.endswith(" " + own):
            return True
    before = _ROLE_OF.search(text, max(0, m.start - 40), m.start)
    return (
        before is not None
        and name_key(before.group(1)) in ROLE_WORDS
        and all(name_key(w) in ROLE_WORDS for w in own.split())
    )


def _person_full_names(occs: list[_Occ]) -> set[str]:
    """Keys of multi-word names that the story mostly labels PERSON."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        if not occ.lone:
            votes[occ.key][occ.label] += 1
    return {k for k, c in votes.items() if c[PERSON] * 2 > c.total()}


def _person_words(occs: list[_Occ], anchor_keys: set[str]) -> set[str]:
    """One-word names the story uses for a person more than for anything else.

    A word counts for a person where it is labelled PERSON or where its article
    names a person with that word; against, where it is labelled otherwise in
    an article naming no such person ("Washington" the city).
    """
    in_person_name: set[tuple[str, str]] = set()
    for occ in occs:
        if occ.key in anchor_keys:
            in_person_name.update((occ.article, t) for t in tokens(occ.key))
    support: Counter[str] = Counter()
    against: Counter[str] = Counter()
    for occ in occs:
        if occ.lone:
            if occ.label == PERSON or (occ.article, occ.key) in in_person_name:
                support[occ.key] += 1
            else:
                against[occ.key] += 1
    return {w for w, n in support.items() if n > against[w]}


# --------------------------------------------------------------------------- 2. in an article


def _resolve_in_article(occs: list[_Occ], anchor_keys: set[str], person_words: set[str]) -> None:
    anchors = [o for o in occs if o.key in anchor_keys]
    for occ in occs:
        if not occ.lone or (occ.label != PERSON and occ.key not in person_words):
            continue
        earlier = [
            a
            for a in anchors
            if a.mention.start < occ.mention.start and tokens(a.key)[-1] == occ.key
        ]
        if earlier:
            target = max(earlier, key=lambda a: a.mention.start)
            _attach(occ, target.key, "surname", f"nearest earlier full name in {occ.article}")
            continue
        before = [a for a in anchors if a.mention.start < occ.mention.start]
        named = {a.key for a in before if occ.key in tokens(a.key)}
        if len(named) == 1 and tokens(next(iter(named)))[0] == occ.key:
            # "Chen" after "Chen Daming" and before any other Chen: a family name written first.
            _attach(
                occ,
                next(iter(named)),
                "name-part",
                f"the only earlier full name starting with it in {occ.article}",
            )
            continue
        holders = {a.key for a in anchors if occ.key in tokens(a.key)}
        if len(holders) == 1:
            (target_key,) = holders
            last = tokens(target_key)[-1] == occ.key
            rule = "surname" if last else "name-part"
            where = "later in" if last else "the only full name holding it in"
            _attach(occ, target_key, rule, f"{where} {occ.article}")


def _attach(occ: _Occ, key: str, rule: str, detail: str) -> None:
    """Resolve ``occ`` to the person named ``key``; a GPE/ORG label is corrected to PERSON."""
    occ.node = key
    occ.rule = rule
    if occ.label != PERSON:
        detail += f"; spaCy's label {occ.label} corrected to {PERSON}"
        occ.label = PERSON
    occ.detail = detail


# --------------------------------------------------------------------------- 3. spelling variants


class _Forest:
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


def _contexts(occs: list[_Occ]) -> dict[str, _NameContext]:
    per_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    per_article: dict[str, set[str]] = defaultdict(set)
    grouped: dict[str, list[_Occ]] = defaultdict(list)
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
            display=_majority(own),
            type=_majority(Counter(o.label for o in members)),
            titles=set().union(*(_title_words(o.title) for o in members)),
            places=places,
            neighbours=neighbours,
            articles=articles,
            article_neighbours=article_neighbours,
        )
    return out


def _merge_variants(occs: list[_Occ], forest: _Forest) -> None:
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


def _title_words(title: str | None) -> set[str]:
    if not title:
        return set()
    return {w for w in name_key(title).replace("-", " ").split() if w not in _TITLE_STOPWORDS}


# --------------------------------------------------------------------------- 4. leftovers


def _resolve_leftovers(
    occs: list[_Occ], forest: _Forest, anchor_keys: set[str], person_words: set[str]
) -> None:
    """One-word names no article resolved: attach to the story's one matching full name."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_other: dict[str, set[str]] = defaultdict(set)
    root_titles: dict[str, set[str]] = defaultdict(set)
    for occ in occs:
        if occ.node in anchor_keys:
            root_titles[forest.find(occ.node)] |= _title_words(occ.title)
    for key in anchor_keys:
        parts = tokens(key)
        by_last[parts[-1]].add(forest.find(key))
        for part in parts[:-1]:
            by_other[part].add(forest.find(key))
    groups: dict[tuple[str, str], list[_Occ]] = defaultdict(list)
    for occ in occs:
        if occ.lone and occ.rule is None:
            groups[(occ.article, occ.key)].append(occ)
    for (_article, word), group in sorted(groups.items()):
        if all(o.label != PERSON for o in group) and word not in person_words:
            continue
        target, rule, detail = _pick(word, group, by_last, by_other, root_titles)
        if target is None:
            if len(by_last[word]) > 1:
                log.debug("surname %r is ambiguous in %s; kept apart", word, _article)
            continue
        for occ in group:
            _attach(occ, target, rule, detail)


def _pick(
    word: str,
    group: list[_Occ],
    by_last: dict[str, set[str]],
    by_other: dict[str, set[str]],
    root_titles: dict[str, set[str]],
) -> tuple[str | None, str, str]:
    last = by_last.get(word, set())
    if len(last) == 1:
        return next(iter(last)), "surname", "the story's only full name ending with it"
    if len(last) > 1:
        mine = set().union(*(_title_words(o.title) for o in group))
        scores = sorted(((len(mine & root_titles[r]), r) for r in last), reverse=True)
        if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
            return scores[0][1], "surname+title", "the only full name with a matching role"
        return None, "", ""
    other = by_other.get(word, set())
    if len(other) == 1:
        return next(iter(other)), "name-part", "the story's only full name holding it"
    return None, "", ""


# --------------------------------------------------------------------------- 5. build


def _majority(votes: Counter[str], prefer: Counter[str] | None = None) -> str:
    """Most common label; ties go to the label ``prefer`` counts most, then alphabetically."""
    prefer = prefer or Counter()
    return min(votes, key=lambda label: (-votes[label], -prefer[label], label))


def _build(
    occs: list[_Occ], forest: _Forest, texts: dict[str, str], person_parts: set[str]
) -> tuple[list[Entity], dict[str, str]]:
    clusters: dict[str, list[_Occ]] = defaultdict(list)
    for occ in occs:
        clusters[forest.find(occ.node)].append(occ)
    entities: list[Entity] = []
    mention_entity: dict[str, str] = {}
    for members in clusters.values():
        members.sort(key=lambda o: (o.article, o.mention.start))
        name = _canonical(members)
        canonical_labels = Counter(o.label for o in members if o.surface == name)
        typ = _majority(Counter(o.label for o in members), canonical_labels)
        if typ == PERSON:
            typ = _place_type(members, texts, person_parts) or typ
        entity_id = "e-" + hashlib.sha1((typ + name).encode("utf-8")).hexdigest()[:10]
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=typ,
                aliases=sorted({o.surface for o in members}),
                titles=sorted({o.title for o in members if o.title}),
                articles=sorted({o.article for o in members}),
                mentions=len(members),
                merges=_merges(members, name, forest),
            )
        )
        for occ in members:
            mention_entity[f"{occ.article}:{occ.mention.start}"] = entity_id
    entities.sort(key=lambda e: (-e.mentions, e.name, e.type))
    return entities, mention_entity


def _place_type(members: list[_Occ], texts: dict[str, str], person_parts: set[str]) -> str | None:
    """GPE or LOC for a one-word name spaCy mostly tags PERSON but the story uses as a place.

    The small model takes an unfamiliar town ("the lower streets of Brennick") for a
    surname.  A one-word name that is no part of any person's full name in the story, that
    spaCy tags a place at least once, and that mostly follows a preposition of place, is
    the place.
    """
    if any(not o.lone for o in members) or members[0].key in person_parts:
        return None
    places = Counter(o.label for o in members if o.label in _PLACE_LABELS)
    if not places:
        return None
    after = sum(
        _word_before(texts[o.article], o.mention.start) in _PLACE_PREPOSITIONS for o in members
    )
    return places.most_common(1)[0][0] if after * 2 >= len(members) else None


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].split()
    return words[-1].lower() if words else ""


def _canonical(members: list[_Occ]) -> str:
    """Most frequent multi-word form; ties: used by more articles, then alphabetical."""
    count: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for occ in members:
        count[occ.surface] += 1
        articles[occ.surface].add(occ.article)
    full = [s for s in count if " " in s] or list(count)
    return min(full, key=lambda s: (-count[s], -len(articles[s]), s))


def _merges(members: list[_Occ], name: str, forest: _Forest) -> list[Merge]:
    out: list[Merge] = []
    seen = {name}
    canonical_key = name_key(name)
    for occ in members:
        if occ.surface in seen:
            continue
        seen.add(occ.surface)
        if occ.rule is not None:
            rule, detail = occ.rule, occ.detail
        elif occ.key == canonical_key:
            rule, detail = "exact", "the same name once case, accents and punctuation are ignored"
        else:
            # Its key differs from the canonical one, so its key joined by a union.
            rule, detail = forest.reason[occ.key]
        out.append(Merge(alias=occ.surface, into=name, rule=rule, detail=detail))
    out.sort(key=lambda m: m.alias)
    return out
