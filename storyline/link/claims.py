"""Claims: the same fact told by several sentences across the story's articles.

Candidates come from each sentence's nearest neighbours in other articles (inner
products of the MiniLM vectors, searched in blocks kept from build to build:
``neighbours``). Sentence vectors of one story sit close together, so a pair tells one
fact only when it also shares specific content: numbers, calendar dates, entities and
words, each weighed by how rare it is in the story (``specifics``, a weighted Jaccard):

* tier 1: close in meaning (cosine >= ``similarity``) and cosine + shared >= ``agree``;
* tier 2, reworded tellings: related (cosine >= ``related``), the same figure (a number
  or a calendar date) in both, and shared >= ``shared_related``;

and in both tiers, unless one speaks in the first person outside quotation marks ("We have
been patient for 42 years": someone's words, whose speaker the sentence does not name, or
the writer's own view; two such sentences may be two people's), or they visibly tell
different facts about the same people:
a reworded telling (cosine below ``told_below``) whose main clause tells another deed than
the other's (no predicate shared: "troops shelled Orlec, where 3,000 are trapped" / "aid
reached the 3,000 trapped in Orlec"; the parse's root, or the reported clause's under
"said"; a light verb's clause, "It is the first visit in five years", tells no deed),
one denies or calls off what the other does not ("will hold the inquiry" / "called off
the inquiry"), their verbs point opposite ways ("opened" / "closed the terminal",
"approved" / "rejected the budget": ``predicates``), the verbs governing their dates
differ in mood (planned or expected / happened), or each names a person the other does
not ("met the operator" / "met the minister"), unless they also share a count and much
of their content; and never when both count one thing with no value in common ("sent 30
doctors" / "had more than 300 doctors": two facts, or a revision of one; a bare count said
of cases counts people, and a shared "one death" does not join 109 and 403 cases), when
one puts a count in one place and the other spreads it over countries, or when the days
of their own events do not meet (``days``: "sank on 22 April" / "found on Saturday").

Pairs are joined strongest shared content first. A sentence joins a claim only when it
tells one fact with at least half of the claim's first sentences, which keeps groups
from chaining, and a claim holds one sentence per article. A sentence without a vector (a
zero row: long articles may leave sentences unembedded) is a claim of its own.
A claim's text is its most central sentence; it keeps only the sentences that tell that fact
themselves (one joined through others is a claim of its own), and no two of them give
other days or other counts. Who confirms: ``confirm``;
what is read of each sentence and whether two tell one fact: ``tellings``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from storyline.link.claims_config import CLAIMS, ClaimsConfig
from storyline.link.confirm import confirmers
from storyline.link.neighbours import nearest
from storyline.link.specifics import ENTITY, Specifics
from storyline.link.tellings import Pairs, candidates, values_differ
from storyline.model import Annotation, Claim, Evidence

__all__ = ["CLAIMS", "ClaimsConfig", "find_claims", "sort_claims"]


def find_claims(
    annotations: Sequence[Annotation],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str | None],
    config: ClaimsConfig = CLAIMS,
    entities_in: Callable[[str, int], list[str]] | None = None,
    people: frozenset[str] = frozenset(),
    language_of: Callable[[str], str] | None = None,
    published_of: Callable[[str], str | None] | None = None,
    caption_of: Callable[[str], int] | None = None,
) -> list[Claim]:
    """Group sentences into claims.

    ``source_of(article_id)`` gives the independent source an article counts as (its
    agency, or the article it copies); ``outlet_of`` the outlet that published it.
    ``entities_in(article, sentence)`` gives the entity ids a sentence mentions (they
    count as shared content), ``people`` which of those ids are persons;
    ``published_of(article_id)`` the report's date, against which its days are read, and
    ``caption_of(article_id)`` the length of its opening photo caption, which dates nothing.
    """
    keys: list[tuple[str, int, str]] = []
    rows: list[np.ndarray] = []
    items = []
    persons = []
    moods = []
    sides = []
    figures = []
    languages = []
    voiced = []
    days = []
    scopes = []
    told = []
    for ann in annotations:
        vecs = ann.vectors()
        if not vecs.shape[1]:
            continue
        language = language_of(ann.article) if language_of else "en"
        published = published_of(ann.article) if published_of else None
        caption = caption_of(ann.article) if caption_of else 0
        for at, text, own, mood, taken, figured, voice, day, scope, clause in candidates(
            ann, config.min_words, language, published, caption
        ):
            ents = entities_in(ann.article, at) if entities_in else []
            keys.append((ann.article, at, text))
            rows.append(vecs[at])
            items.append(own | {f"{ENTITY}{e}" for e in ents} if ents else own)
            persons.append(frozenset(e for e in ents if e in people))
            moods.append(mood)
            sides.append(taken)
            languages.append(language_of(ann.article) if language_of else "")
            figures.append(figured)
            voiced.append(voice)
            days.append(day)
            scopes.append(scope)
            told.append(clause)
    if not keys:
        return []
    mat = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)
    pairs = Pairs(
        mat,
        moods,
        Specifics.of(items),
        persons,
        sides,
        config,
        figures,
        languages,
        voiced,
        days,
        scopes,
        told,
    )
    # A sentence left unembedded (a zero row) is a claim of its own and joins none, so
    # only embedded rows are searched (and searched for): a zero row scores 0 with every
    # row and never stands in the way of a neighbour close enough to tell one fact.
    rows_embedded = np.flatnonzero(np.linalg.norm(mat, axis=1) > 0)
    linked: dict[tuple[int, int], float] = {}
    if len(rows_embedded):
        found, cosines = nearest(
            mat[rows_embedded], [keys[i][:2] for i in rows_embedded], config.neighbours
        )
        articles = {a: n for n, a in enumerate(dict.fromkeys(k[0] for k in keys))}
        for a, b, cos in _neighbour_pairs(
            rows_embedded, found, cosines, np.array([articles[k[0]] for k in keys]), pairs
        ):
            score = pairs.agreement(a, b, cos)
            if score is not None:
                linked[(a, b)] = score
    groups = [told for members in _join(keys, linked, pairs) for told in _core_fact(members, pairs)]
    known = {source_of(a) for a in dict.fromkeys(k[0] for k in keys)}
    return sort_claims(
        [_claim(core, members, keys, source_of, outlet_of, known) for core, members in groups]
    )


def _core_fact(members: list[int], pairs: Pairs) -> list[tuple[int, list[int]]]:
    """A group as claims ``(core, members)``: its most central sentence with the members that
    tell that fact themselves, most central first, none giving another day or another count
    than one kept before it (two that each agree with a core that gives neither may differ
    between themselves); each other member (maybe a related fact) is a claim of its own."""
    if len(members) == 1:
        return [(members[0], members)]
    centroid = pairs.mat[members].mean(axis=0)
    central = sorted(members, key=lambda m: (-float(pairs.mat[m] @ centroid), m))
    core = central[0]
    told = [core]
    for m in central[1:]:
        if pairs.agreement(m, core, deeds=False) is not None and not any(
            pairs.apart(m, k) for k in told
        ):
            told.append(m)
    return [(core, told)] + [(m, [m]) for m in members if m not in told]


def _neighbour_pairs(
    rows: np.ndarray, found: np.ndarray, cosines: np.ndarray, article: np.ndarray, pairs: Pairs
) -> list[tuple[int, int, float]]:
    """Each pair of near neighbours once, as ``(a, b, cosine)`` with ``a < b``, that may
    tell one fact: of two articles (one article repeating itself is not corroboration),
    related (the cosine the search measured) and in the same mood. Worked out over the
    whole table at once: a story of hundreds of reports has tens of thousands of pairs."""
    i = np.repeat(rows, found.shape[1])
    j = np.where(found >= 0, rows[np.maximum(found, 0)], -1).ravel()
    cos = cosines.ravel()
    ok = (j >= 0) & (article[i] != article[np.maximum(j, 0)]) & (cos >= pairs.related)
    lo, hi, cos = np.minimum(i, j)[ok], np.maximum(i, j)[ok], cos[ok]
    # The first time the search found the pair (from its earlier row) gives its cosine.
    _, first = np.unique(lo * len(article) + hi, return_index=True)
    lo, hi, cos = lo[first], hi[first], cos[first]
    denies = np.array([m[0] for m in pairs.moods], dtype=bool)
    moods = {None: 0, "prospect": 1, "past": 2, "denied": 3}
    mood = np.array([moods[m[1]] for m in pairs.moods])
    same = (denies[lo] == denies[hi]) & ((mood[lo] == 0) | (mood[hi] == 0) | (mood[lo] == mood[hi]))
    return list(zip(lo[same].tolist(), hi[same].tolist(), cos[same].tolist(), strict=True))


def _join(
    keys: list[tuple[str, int, str]], linked: dict[tuple[int, int], float], pairs: Pairs
) -> list[list[int]]:
    """Join linked sentences into groups, strongest agreement first."""
    group = list(range(len(keys)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(keys))}

    def tells_with(a: list[int], b: list[int]) -> bool:
        """Every sentence of ``a`` tells one fact with at least half of ``b``'s core (its
        first ``core`` members, joined by the strongest agreement: this bounds the cost)."""
        core = b[: pairs.config.core]
        for x in a:
            agree = sum(
                1
                for y in core
                if (min(x, y), max(x, y)) in linked or pairs.agreement(x, y) is not None
            )
            if agree < pairs.config.join_share * len(core):
                return False
        return True

    def figures_differ(a: list[int], b: list[int]) -> bool:
        """Whether a sentence of ``a`` and one of ``b`` give different figures of one thing
        ("21 countries have reported 1,124 cases" / "76 countries ... 35,928 cases"): a
        claim holds one fact, so no chain of related sentences may join them."""
        told_a = [pairs.figures[x] for x in a if pairs.figures[x]]
        told_b = [pairs.figures[y] for y in b if pairs.figures[y]]
        return any(values_differ(x, y) for x in told_a for y in told_b)

    for (i, j), _score in sorted(linked.items(), key=lambda kv: (-kv[1], kv[0])):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {keys[m][0] for m in a} & {keys[m][0] for m in b}:
            continue  # one sentence per article in a claim
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        if not tells_with(small, large) or (len(a) == len(b) and not tells_with(large, small)):
            continue
        if figures_differ(a, b):
            continue  # a sentence between two figures must not join them into one claim
        for m in b:
            group[m] = gi
        a.extend(b)
        del members[gj]
    return list(members.values())


def _claim(
    core: int,
    members: list[int],
    keys: list[tuple[str, int, str]],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str | None],
    known: set[str],
) -> Claim:
    evidence = [
        Evidence(article=keys[m][0], sentence=keys[m][1], text=keys[m][2])
        for m in sorted(members, key=lambda m: (keys[m][0], keys[m][1]))
    ]
    outlets = sorted({outlet_of(e.article) or f"(unknown outlet: {e.article})" for e in evidence})
    texts = {m: keys[m][2] for m in members}
    independent = confirmers(texts, lambda m: source_of(keys[m][0]), known)
    text = keys[core][2]
    cid = "c-" + hashlib.sha1(f"{keys[core][0]}:{text}".encode()).hexdigest()[:10]
    return Claim(
        id=cid, text=text, evidence=evidence, outlets=outlets, independent_outlets=independent
    )


def sort_claims(claims: list[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (-len(c.independent_outlets), -len(c.evidence), c.id))
