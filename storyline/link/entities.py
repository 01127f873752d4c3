"""Entity resolution: merge the entity mentions of one story's articles into entities.

The steps, each recorded as a :class:`~storyline.model.Merge` on the entity it shaped:

1. **Clean** every mention (:mod:`storyline.link.entity_clean`): drop non-names
   (numbers, dates, one character) and role-only references ("the Secretary", or
   "State" that is the end of the role "Secretary of State" before a name), strip
   possessives, articles and a role glued to a person's name ("President Xi" ->
   "Xi", role "President").
2. **Within an article**, a one-word mention resolves to a person's full name in
   the same article: the nearest earlier full name ending with it (rule
   ``surname``); else, when exactly one full name in the article holds it as
   another part ("Wei" after "Li Wei Chen", "Xi" after "Xi Jinping") or as the
   last part of a later mention whose role does not conflict with its own, that
   name (``name-part`` / ``surname``). A word spaCy labelled GPE or ORG may still
   be a surname: it is re-typed when the story uses that word for a person more
   than for anything else (a PERSON label, a full name in its article, or its
   article quoting it as a speaker).
3. **Across articles** (:mod:`storyline.link.entity_variants`), full names with one
   key merge (``exact``: case, accents and apostrophes do not count); two full
   names of one type that differ by a small spelling slip, hold the same parts in
   another order, or differ in the vowels of one part merge when their context
   agrees — a shared role word, or most of the entities named beside them (one is
   enough for a reordering or the same consonants) — and never when they appear in
   one sentence or hold different offices (``edit-distance+context``,
   ``name-order+context``, ``transliteration+context``). This runs in rounds, so
   that one merge can make another pair's context agree. An organisation's short
   form joins the one full name it fits ("Foreign Ministry", "Halvane", "the
   Ledger", "Audit Office" for "Audit Office of Quennland": ``short-form``).
4. **Across languages and scripts** (:mod:`storyline.link.entity_xling`): a name in
   another script joins the Latin name it reads as (``romanized``); in a story told in
   several languages, place names that bundled data gives one meaning (``exonym``) and
   names paired by sentences that translate each other (``aligned-translation``) join.
5. A one-word name left over in an article merges with the story's only full
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

from storyline.link.entity_clean import (
    clean_mentions,
    one_word_person_names,
    person_full_names,
    unglue,
)
from storyline.link.entity_variants import (
    Forest,
    merge_middle_names,
    merge_names,
)
from storyline.link.entity_xling import merge_across_languages, reader_forms
from storyline.link.names import name_key, tokens
from storyline.link.occurrences import (
    PERSON,
    PLACE_PREPOSITIONS,
    Occ,
    majority,
    title_parts,
    title_words,
    titles_conflict,
    word_before,
)
from storyline.model import Annotation, Article, Entity, Merge

log = logging.getLogger(__name__)

_PLACE_LABELS = frozenset({"GPE", "LOC"})
# Sentences back that a surname shared by two people of one article may reach to the full
# name it stands for (chosen on the fictional set's development split; see eval_who).
SURNAME_REACH = 1


def resolve_entities(
    articles: list[Article], annotations: list[Annotation]
) -> tuple[list[Entity], dict[str, str]]:
    """Merge the mentions of one story's articles into entities.

    Returns the entities (most mentioned first) and a map from
    ``f"{article_id}:{mention.start}"`` to entity id for every mention kept.
    """
    texts = {a.id: a.text for a in articles}
    occs: list[Occ] = []
    for ann in sorted(annotations, key=lambda a: a.article):
        if ann.article not in texts:
            log.warning("annotation for unknown article %r skipped", ann.article)
            continue
        occs.extend(clean_mentions(ann, texts[ann.article]))
    occs = unglue(occs)
    if not occs:
        return [], {}
    anchor_keys = person_full_names(occs)
    speakers = {
        (ann.article, name_key(q.speaker)) for ann in annotations for q in ann.quotes if q.speaker
    }
    person_words = one_word_person_names(occs, anchor_keys, speakers)
    by_article: dict[str, list[Occ]] = defaultdict(list)
    for occ in occs:
        by_article[occ.article].append(occ)
    for article_occs in by_article.values():
        _resolve_in_article(article_occs, anchor_keys, person_words)
    forest = Forest()
    merge_names(occs, forest, texts)  # variants, short forms, acronyms
    merge_middle_names(occs, forest)
    merge_across_languages(occs, forest, annotations, {a.id: a.language for a in articles})
    _resolve_leftovers(occs, forest, anchor_keys, person_words)
    person_parts = {t for k in anchor_keys for t in tokens(k)}
    return _build(occs, forest, texts, person_parts, {a.id for a in articles if a.language == "en"})


# --------------------------------------------------------------------------- 2. in an article


def _resolve_in_article(occs: list[Occ], anchor_keys: set[str], person_words: set[str]) -> None:
    anchors = [o for o in occs if o.key in anchor_keys]
    for occ in occs:
        if not occ.lone or (occ.label != PERSON and occ.key not in person_words):
            continue
        earlier = [
            a for a in anchors if a.mention.start < occ.mention.start and _surname(a.key, occ.key)
        ]
        bearers = {a.key for a in anchors if _surname(a.key, occ.key)}
        if len(bearers) > 1:
            # Two people of that surname in the article ("Michael" and "Katherine Jackson"):
            # only a role that names one of them decides; else the surname stays apart.
            target_key = _by_title(occ, [a for a in anchors if a.key in bearers])
            if target_key is not None:
                _attach(
                    occ, target_key, "surname+title", f"the one whose role it has in {occ.article}"
                )
            elif earlier and occ.mention.sentence - earlier[-1].mention.sentence <= SURNAME_REACH:
                # "Lena Brandt said … Brandt added": the one just named.
                target = max(earlier, key=lambda a: a.mention.start)
                _attach(occ, target.key, "surname", f"the full name just before in {occ.article}")
            continue
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
        held = set().union(*(title_words(a.title) for a in anchors if a.key in holders))
        if titles_conflict(title_words(occ.title), held):
            # "Okafor, the health secretary," before "patient advocate Bernard Okafor":
            # a later full name with another role is someone else (left to step 4).
            continue
        if len(holders) == 1:
            (target_key,) = holders
            last = tokens(target_key)[-1] == occ.key
            rule = "surname" if last else "name-part"
            where = "later in" if last else "the only full name holding it in"
            _attach(occ, target_key, rule, f"{where} {occ.article}")


def _surname(full: str, word: str) -> bool:
    """``word`` is the surname of the full name ``full``, or the first part of its
    hyphenated surname ("Jimenez" of "Gerardo Jimenez-Sanchez": the tagger cuts at the
    hyphen)."""
    last = tokens(full)[-1]
    return last == word or last.split("-")[0] == word


def _by_title(occ: Occ, bearers: list[Occ]) -> str | None:
    """The one full name whose role words the surname's own role shares ("Mrs Jackson" and
    "Katherine Jackson, his mother, Mrs" by honorific; "the minister Roe")."""
    mine = title_words(occ.title)
    if not mine:
        return None
    held: dict[str, set[str]] = defaultdict(set)
    for a in bearers:
        held[a.key] |= title_words(a.title)
    scores = sorted(((len(mine & words), key) for key, words in held.items()), reverse=True)
    if scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
        return scores[0][1]
    return None


def _attach(occ: Occ, key: str, rule: str, detail: str) -> None:
    """Resolve ``occ`` to the person named ``key``; a GPE/ORG label is corrected to PERSON."""
    occ.node = key
    occ.rule = rule
    if occ.label != PERSON:
        detail += f"; spaCy's label {occ.label} corrected to {PERSON}"
        occ.label = PERSON
    occ.detail = detail


# --------------------------------------------------------------------------- 4. leftovers


def _resolve_leftovers(
    occs: list[Occ], forest: Forest, anchor_keys: set[str], person_words: set[str]
) -> None:
    """One-word names no article resolved: attach to the story's one matching full name."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_other: dict[str, set[str]] = defaultdict(set)
    root_titles: dict[str, set[str]] = defaultdict(set)
    for occ in occs:
        if occ.node in anchor_keys:
            root_titles[forest.find(occ.node)] |= title_words(occ.title)
    for key in anchor_keys:
        parts = tokens(key)
        by_last[parts[-1]].add(forest.find(key))
        for part in parts[:-1]:
            by_other[part].add(forest.find(key))
    groups: dict[tuple[str, str], list[Occ]] = defaultdict(list)
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
    group: list[Occ],
    by_last: dict[str, set[str]],
    by_other: dict[str, set[str]],
    root_titles: dict[str, set[str]],
) -> tuple[str | None, str, str]:
    last = by_last.get(word, set())
    if len(last) == 1:
        return next(iter(last)), "surname", "the story's only full name ending with it"
    if len(last) > 1:
        mine = set().union(*(title_words(o.title) for o in group))
        scores = sorted(((len(mine & root_titles[r]), r) for r in last), reverse=True)
        if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
            return scores[0][1], "surname+title", "the only full name with a matching role"
        return None, "", ""
    # A first name alone ("Ahmed", a woman's husband) is no mention of the story's only
    # "Ahmed Shafiq" in another report: a name part other than the surname joins only in
    # its own article (step 2).
    return None, "", ""


# --------------------------------------------------------------------------- 5. build


def _build(
    occs: list[Occ], forest: Forest, texts: dict[str, str], parts: set[str], english: set[str]
) -> tuple[list[Entity], dict[str, str]]:
    clusters: dict[str, list[Occ]] = defaultdict(list)
    for occ in occs:
        clusters[forest.find(occ.node)].append(occ)
    places = {o.surface for o in occs if o.label in _PLACE_LABELS}  # what the tagger calls a place
    entities: list[Entity] = []
    mention_entity: dict[str, str] = {}
    for members in clusters.values():
        members.sort(key=lambda o: (o.article, o.mention.start))
        name = _canonical(reader_forms(members, english))
        canonical_labels = Counter(o.label for o in members if o.surface == name)
        typ = majority(Counter(o.label for o in members), canonical_labels)
        if typ == PERSON:
            typ = _place_type(members, texts, parts) or typ
        typ = _usage_type(typ, members, texts, parts, places)
        entity_id = "e-" + hashlib.sha1((typ + name).encode("utf-8")).hexdigest()[:10]
        entities.append(
            Entity(
                id=entity_id,
                name=name,
                type=typ,
                aliases=sorted({o.surface for o in members}),
                titles=sorted({t for o in members for t in title_parts(o.title)}),
                articles=sorted({o.article for o in members}),
                mentions=len(members),
                merges=_merges(members, name, forest),
            )
        )
        for occ in members:
            mention_entity[f"{occ.article}:{occ.mention.start}"] = entity_id
    entities.sort(key=lambda e: (-e.mentions, e.name, e.type))
    return entities, mention_entity


def _place_type(members: list[Occ], texts: dict[str, str], person_parts: set[str]) -> str | None:
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
        word_before(texts[o.article], o.mention.start) in PLACE_PREPOSITIONS for o in members
    )
    return places.most_common(1)[0][0] if after * 2 >= len(members) else None


_ORG_NOUNS = (
    r"company|firm|group|agency|charity|organi[sz]ation|contractor|operator|network|"
    r"broadcaster|bank|insurer|airline|carrier|manufacturer|retailer|newspaper"
)
_PLACE_NOUNS = r"town|city|village|port|province|region|district|suburb|capital|country|state"
# What a story writes around an organisation: "X's chief executive", "X said in a
# statement", "the drilling company, X,", "the owner of the rig, X", "a worker for X".
_ORG_AFTER = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:chief|executives?|ceo|spokes\w+|head|board|shares|profits?|staff|"
    r"employees|workers|statement|lawyers?|chairman|president|director|headquarters|rig|"
    r"website|officials?)\b"
    r"|\s+(?:said|says)\s+in\s+a\s+statement\b"
    r"|\s+(?:rig|spokes\w+|officials?|executives?|shares|employees|headquarters)\b"
    rf"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}(?:{_ORG_NOUNS})\b"
)
_ORG_BEFORE = re.compile(
    rf"(?:\b(?:{_ORG_NOUNS})|\bowner of [^,.]{{1,40}}),\s*(?:the\s+)?$"
    r"|\b(?:spokes\w+|workers?|employees?|officials?|executives?|head of \w+)\s+(?:for|at)"
    r"\s+(?:the\s+)?$"
)
# What only an organisation has, for a one-word name the tagger took for a person (a person
# also speaks "in a statement" and has a spokesman): "X's head of operations", "X's staff",
# "the charity, X", "workers at X".
_ONLY_ORG_AFTER = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:head of \w+|staff|employees|workers|shares|headquarters|board|"
    r"chief executive|ceo|rig|website|members)\b"
    rf"|,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}(?:{_ORG_NOUNS})\b"
)
_ONLY_ORG_BEFORE = re.compile(
    rf"(?:\b(?:{_ORG_NOUNS})|\bowner of [^,.]{{1,40}}),\s*(?:the\s+)?$"
    r"|\b(?i:workers?|employees?|staff)\s+(?:for|at)\s+(?:the\s+)?$"
)
# ... and around a place: "in X", "the city of X", "X, an embattled town", "X, Libya".
_PLACE_BEFORE = re.compile(
    rf"\b(?:in|near|outside|inside|around|across|towards|into|(?:{_PLACE_NOUNS}) of)\s+$"
)
_PLACE_AFTER = re.compile(rf",\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}(?:{_PLACE_NOUNS})\b")
_NEXT_WORD = re.compile(r",\s+([A-Z][\w-]+)\b(?!\s+[A-Z])")


def _usage_type(
    typ: str,
    members: list[Occ],
    texts: dict[str, str],
    person_parts: set[str],
    places: set[str],
) -> str:
    """The type the story's own words give a name the tagger typed otherwise.

    The small model calls a company it does not know a place ("Transocean") or a person
    ("Unicef", one word no person's name holds) and a town an organisation ("Dafniya"). A
    name written at least twice as an organisation is written ("the drilling company, X",
    "X's rig", "a worker for X"; for a one-word "person", only what no person has: "X's head
    of operations", "workers at X") and more often so than as a place is an ORG; a one-word
    name that no person's name holds, written at least twice and for at least half its
    mentions as a place is ("in X", "the city of X", "X, an embattled town", "X, Libya") and
    never as an organisation, is a place.
    """
    lone_word = all(o.lone for o in members) and members[0].key not in person_parts
    if typ not in ("GPE", "LOC", "NORP", "ORG") and not (typ == PERSON and lone_word):
        return typ  # a person's name stays a person's: "Unicef" alone may be re-typed
    org = place = 0
    for o in members:
        text = texts[o.article]
        before, after = text[max(0, o.mention.start - 60) : o.mention.start], text[o.mention.end :]
        if typ == PERSON:
            org += bool(_ONLY_ORG_AFTER.match(after) or _ONLY_ORG_BEFORE.search(before))
        elif _ORG_AFTER.match(after) or _ORG_BEFORE.search(before):
            org += 1
        elif _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
            place += 1
        elif (nxt := _NEXT_WORD.match(after)) is not None and nxt.group(1) in places:
            place += 1  # a dateline's "X, Libya": a place in a country
    if typ != "ORG" and org >= 2 and org > place:
        return "ORG"
    if typ == "ORG" and lone_word and org == 0 and place >= 2 and place * 2 >= len(members):
        return "GPE"
    return typ


def _canonical(members: list[Occ]) -> str:
    """Most frequent multi-word form; ties: used by more articles, then alphabetical. A form
    in lower case ("barrage de Dravenmoor") only when no form starts with a capital."""
    count: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for occ in members:
        count[occ.surface] += 1
        articles[occ.surface].add(occ.article)
    forms = [s for s in count if not s[:1].islower()] or list(count)
    full = [s for s in forms if " " in s] or forms
    # A short form ("Foreign Ministry", "Audit Office") never names an entity whose full
    # name ("Varnish Foreign Ministry", "Audit Office of Quennland") is there.
    keys = {s: name_key(s) for s in full}
    full = [
        s
        for s in full
        if not any(k.endswith(" " + keys[s]) or k.startswith(keys[s] + " ") for k in keys.values())
    ] or full
    return min(full, key=lambda s: (-count[s], -len(articles[s]), s))


def _merges(members: list[Occ], name: str, forest: Forest) -> list[Merge]:
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
        elif occ.key in forest.reason:  # its key joined the canonical one's by a union
            rule, detail = forest.reason[occ.key]
        else:
            # The full name the canonical form was resolved to ("pro-Hosni Mubarak" under
            # "Mubarak"): the same reason, read the other way.
            rule, detail = next((o.rule, o.detail) for o in members if o.node == occ.key and o.rule)
        out.append(Merge(alias=occ.surface, into=name, rule=rule, detail=detail))
    out.sort(key=lambda m: m.alias)
    return out
