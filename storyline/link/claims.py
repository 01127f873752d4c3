"""Claims: the same fact told by several sentences across the story's articles.

Candidates come from each sentence's nearest neighbours in other articles (inner
products of the MiniLM vectors, searched in blocks kept from build to build:
``neighbours``). Sentence vectors of one story sit close together, so a pair tells one
fact only when it also shares specific content: numbers, calendar dates, entities and
words, each weighed by how rare it is in the story (``specifics``, a weighted Jaccard):

* tier 1: close in meaning (cosine >= ``similarity``) and cosine + shared >= ``agree``;
* tier 2, reworded tellings: related (cosine >= ``related``), the same figure (a number
  or a calendar date) in both, and shared >= ``shared_related``;

and in both tiers, unless they visibly tell different facts about the same people:
one denies or calls off what the other does not ("will hold the inquiry" / "called off
the inquiry"), their verbs point opposite ways ("opened" / "closed the terminal",
"approved" / "rejected the budget": ``predicates``), the verbs governing their dates
differ in mood (planned or expected / happened), or each names a person the other does
not ("met the operator" / "met the minister"), unless they also share a count and much
of their content; and never when both count one thing with no value in common ("sent 30
doctors" / "had more than 300 doctors": two facts, or a revision of one).

Pairs are joined strongest shared content first. A sentence joins a claim only when it
tells one fact with at least half of the claim's first sentences, which keeps groups
from chaining, and a claim holds one sentence per article. A sentence without a vector (a
zero row: long articles may leave sentences unembedded) is a claim of its own.
A claim's text is its most central sentence; it keeps only the sentences that tell that fact
themselves (one joined through others is a claim of its own). Who confirms: ``confirm``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.link.confirm import confirmers
from storyline.link.neighbours import nearest
from storyline.link.predicates import Side, opposed, sides_of
from storyline.link.specifics import ENTITY, Specifics, items_of
from storyline.memo import Memo, digest
from storyline.model import Annotation, Claim, Evidence


@dataclass(frozen=True)
class ClaimsConfig:
    """The claims stage's tuned constants (cosines of MiniLM vectors; shared content is
    ``Specifics.shared``, a weighted Jaccard). The four thresholds of the two tiers were
    chosen on the confirmations audit set (``benchmarks/eval_confirm.py``), leave-one-topic-
    out figures in docs/experiments.md "Confirmations"."""

    similarity: float = 0.75  # tier 1: cosine floor of two sentences that tell one fact
    related: float = 0.55  # tier 2: cosine floor for reworded tellings
    agree: float = 1.0  # tier 1: cosine + shared content a pair must reach
    shared_related: float = 0.2  # tier 2: shared content of a telling with a shared figure
    shared_despite_people: float = 0.25  # ... with a shared count, different people may agree
    min_words: int = 6  # shorter sentences (or ones not ending a sentence) are no claims
    neighbours: int = 16  # nearest neighbours searched per sentence
    core: int = 8  # members of a claim a newcomer is checked against
    join_share: float = 0.5  # share of those core members a newcomer must tell one fact with
    # Two sentences of reports in two languages this close (multilingual vectors) translate
    # one fact: they share no words to weigh (chosen leave-one-report-out on the Dravenmoor
    # example in three languages, docs/experiments.md "Cross-lingual"; MiniLM's cross-language
    # cosines stay far below it).
    across_languages: float = 0.69


CLAIMS = ClaimsConfig()

_EARLIER = re.compile(r"\b(up|down|rising|falling|rose|fell|increased|decreased)\s+from\s+$")
_QUESTION = re.compile(r"\?[.\s\"”'’)]*$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# What a page puts around a report, which a text copy runs into its sentences: a photo
# caption naming who stands where ("(L-R)", "in this handout photo") or closing on its
# date, a byline ("By the Outlet Wire Staff", "From Jane Doe, Outlet Senior Correspondent"),
# story highlights ("NEW: ... NEW: ..."). None of it is a statement of the story.
_APPARATUS = re.compile(
    r"(?:\(|-LRB-\s*)(?:L-R|R-L|left to right|from left)(?:\)|\s*-RRB-)|^(?:L-R|R-L)\s*(?:\)|-RRB-)"
    r"|\bin this (?:handout |file |undated )?(?:photo(?:graph)?|picture|image)\b"
    r"|\b(?:photo(?:graph)?|picture|image) (?:taken|obtained|released|provided) (?:on|by)\b"
    r"|\bBy (?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3} (?:Wires? |News )?Staff\b"
    r"|^From [A-Z][\w'’-]+ [A-Z][\w'’-]+(?: and [A-Z][\w'’-]+ [A-Z][\w'’-]+)?, [A-Z]"
    r"|^NEW: |\bNEW: .*\bNEW: "
    # a caption's close: a full date right after the place, with no "on" ("... in Benghazi
    # July 29, 2011."); a statement dates with a preposition ("last seen on May 1, 2001")
    r"|(?:(?<![\w'’.-])(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][\w'’.-]*|(?<!day),)"
    rf"\s+(?:{_MONTHS})\s+\d{{1,2}},\s+(?:19|20)\d{{2}}\s*\.?\s*$"
)
# Nouns that count people, however a report names them: one unit for figures.
_PEOPLE = frozenset({"person", "people", "resident", "civilian", "villager", "citizen",
                     "individual", "case", "victim", "patient", "death", "fatality"})  # fmt: skip
# What is called off or denied is a different fact from what happened or is planned.
_DENIED = re.compile(
    r"\b(not|never|no longer|cancel+(?:ed|ing|s)?|called off|calls? off|postponed?|scrapped|"
    r"shelved|suspended|abandoned|denied|denies)\b|n't\b",
    re.IGNORECASE,
)


def _is_candidate(text: str, min_words: int) -> bool:
    """A sentence long enough to tell a fact, ending as a statement (a question asserts
    nothing: "Surely it is a pandemic?"), and not a page's apparatus run into one sentence:
    a photo caption, a byline, a list of story highlights."""
    words = text.split()
    return (
        len(words) >= min_words
        and text[-1:] in ".!\"”'’)"
        and not _QUESTION.search(text)
        and not _APPARATUS.search(text)
    )


def _mood(ann: Annotation, sentence: int, text: str) -> tuple[bool, str | None]:
    """Whether the sentence denies or calls something off, and what the verbs that
    govern its dates say: "prospect" (planned, expected, future), "past", or None
    when they say nothing or disagree among themselves."""
    moods = set()
    for t in ann.timexes:
        if t.sentence != sentence:
            continue
        if t.cancelled or t.negated:
            moods.add("denied")
        elif t.modality or t.tense == "future":
            moods.add("prospect")
        elif t.tense:
            moods.add("past")
    return bool(_DENIED.search(text)), moods.pop() if len(moods) == 1 else None


class _Pairs:
    """Whether two candidate sentences tell one fact, and how strongly they agree."""

    def __init__(
        self,
        mat: np.ndarray,
        moods: list[tuple[bool, str | None]],
        specifics: Specifics,
        people: list[frozenset[str]],
        sides: list[frozenset[Side]],
        config: ClaimsConfig,
        figures: list[dict[str, frozenset[tuple[float, str | None]]]] | None = None,
        languages: list[str] | None = None,
    ) -> None:
        self.mat = mat
        self.figures = figures or [{} for _ in moods]
        self.languages = languages or ["" for _ in moods]
        self.moods = moods
        self.sides = sides
        self.specifics = specifics
        self.people = people
        self.config = config
        self.related = min(config.related, config.similarity)

    def agreement(
        self, a: int, b: int, cos: float | None = None, deeds: bool = True
    ) -> float | None:
        """The shared specific content of a pair that tells one fact, else None; ``cos``,
        when given, is the pair's cosine as the neighbour search measured it; without
        ``deeds``, one value said of two deeds ("forced from homes" / "the evacuation of")
        does not set apart a sentence already in a claim."""
        if cos is None:
            cos = float(self.mat[a] @ self.mat[b])
        if cos < self.related or not _same_mood(self.moods[a], self.moods[b]):
            return None
        differ = _figures_differ if deeds else _values_differ
        if differ(self.figures[a], self.figures[b]):
            return None  # "sent 30 doctors" / "had 300 doctors": two facts, or a revision
        if opposed(self.sides[a], self.sides[b]):
            return None  # "opened" / "closed", "approved" / "rejected": contrary facts
        shared = self.specifics.shared(a, b)
        pa, pb = self.people[a], self.people[b]
        despite = shared >= self.config.shared_despite_people and self.specifics.shares_count(a, b)
        if pa - pb and pb - pa and not despite:
            return None  # each names someone the other does not: two facts
        if cos >= self.config.similarity and cos + shared >= self.config.agree:
            return shared
        if (
            self.languages[a] != self.languages[b]
            and cos >= self.config.across_languages
            and self.moods[a] == self.moods[b]  # denial words are read in English only:
        ):  # a mood one side does not show ("suspendió" / "will hold") keeps them apart
            return shared
        if shared >= self.config.shared_related and self.specifics.shares_figure(a, b):
            return shared
        return None


def _figures_of(ann: Annotation, sentence: int) -> dict[str, frozenset[tuple[float, str | None]]]:
    """The values a sentence gives with what is said of them, by what they count
    ("doctor", "GBP", "person": people however named); a value told as the one before
    ("25 percent, up from 20 percent") is not the sentence's."""
    out: dict[str, set[tuple[float, str | None]]] = {}
    start = ann.sentences[sentence].start if sentence < len(ann.sentences) else 0
    text = ann.sentences[sentence].text if sentence < len(ann.sentences) else ""
    for q in ann.quantities:
        if q.sentence == sentence and q.unit and q.kind not in ("age", "offset"):
            if _EARLIER.search(text[: max(0, q.start - start)]):
                continue
            unit = "person" if q.unit in _PEOPLE else q.unit
            out.setdefault(unit, set()).add((q.value, q.predicate))
    return {unit: frozenset(values) for unit, values in out.items()}


def _figures_differ(
    a: dict[str, frozenset[tuple[float, str | None]]],
    b: dict[str, frozenset[tuple[float, str | None]]],
) -> bool:
    """Both sentences count one thing and share no value for it ("500,000 people in 447
    camps" / "692,000 people in 591 camps": different facts, or one revised), or share a
    value only for different deeds ("killed 26 people" / "26 people infected")."""
    for unit, told in a.items():
        if unit not in b:
            continue
        shared = {v for v, _ in told} & {v for v, _ in b[unit]}
        if not shared:
            return True
        deeds = [
            ({p for v, p in told if v == value}, {p for v, p in b[unit] if v == value})
            for value in shared
        ]
        if all(x.isdisjoint(y) and None not in x | y for x, y in deeds):
            return True
    return False


def _values_differ(
    a: dict[str, frozenset[tuple[float, str | None]]],
    b: dict[str, frozenset[tuple[float, str | None]]],
) -> bool:
    """Both sentences count one thing and share no value for it (what they say of the
    value aside: "in nearly five years" is one span however the trip is told)."""
    return any(
        unit in b and not {v for v, _ in told} & {v for v, _ in b[unit]} for unit, told in a.items()
    )


def _same_mood(a: tuple[bool, str | None], b: tuple[bool, str | None]) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


_Figures = dict[str, frozenset[tuple[float, str | None]]]
_Candidate = tuple[int, str, frozenset[str], tuple[bool, str | None], frozenset[Side], _Figures]
_CANDIDATES: Memo[list[_Candidate]] = Memo("link.claim_candidates")


def _candidates(ann: Annotation, min_words: int, language: str = "en") -> list[_Candidate]:
    """The article's candidate sentences with what ``find_claims`` reads of each alone
    (index, text, items without entities, mood, sides, figures); kept per process, so a
    story rebuilt for a new report reads only that report's sentences."""

    def make() -> list[_Candidate]:
        return [
            (
                s.index,
                s.text,
                items_of(ann, s.index, s.text, language=language),
                _mood(ann, s.index, s.text),
                sides_of(s.text),
                _figures_of(ann, s.index),
            )
            for s in ann.sentences
            if _is_candidate(s.text, min_words)
        ]

    key = digest(min_words, ann.sentences, ann.timexes, ann.quantities, language)
    return _CANDIDATES.get(key, make)


def find_claims(
    annotations: Sequence[Annotation],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str | None],
    config: ClaimsConfig = CLAIMS,
    entities_in: Callable[[str, int], list[str]] | None = None,
    people: frozenset[str] = frozenset(),
    language_of: Callable[[str], str] | None = None,
) -> list[Claim]:
    """Group sentences into claims.

    ``source_of(article_id)`` gives the independent source an article counts as (its
    agency, or the article it copies); ``outlet_of`` the outlet that published it.
    ``entities_in(article, sentence)`` gives the entity ids a sentence mentions (they
    count as shared content), ``people`` which of those ids are persons.
    """
    keys: list[tuple[str, int, str]] = []
    rows: list[np.ndarray] = []
    items = []
    persons = []
    moods = []
    sides = []
    figures = []
    languages = []
    for ann in annotations:
        vecs = ann.vectors()
        if not vecs.shape[1]:
            continue
        language = language_of(ann.article) if language_of else "en"
        for at, text, own, mood, taken, figured in _candidates(ann, config.min_words, language):
            ents = entities_in(ann.article, at) if entities_in else []
            keys.append((ann.article, at, text))
            rows.append(vecs[at])
            items.append(own | {f"{ENTITY}{e}" for e in ents} if ents else own)
            persons.append(frozenset(e for e in ents if e in people))
            moods.append(mood)
            sides.append(taken)
            languages.append(language_of(ann.article) if language_of else "")
            figures.append(figured)
    if not keys:
        return []
    mat = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)
    pairs = _Pairs(
        mat,
        moods,
        Specifics.of(items),
        persons,
        sides,
        config,
        figures,
        languages,
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


def _core_fact(members: list[int], pairs: _Pairs) -> list[tuple[int, list[int]]]:
    """A group as claims ``(core, members)``: its most central sentence with the members that
    tell that fact themselves; each other member (maybe a related fact) is a claim of its own."""
    if len(members) == 1:
        return [(members[0], members)]
    centroid = pairs.mat[members].mean(axis=0)
    core = max(members, key=lambda m: (float(pairs.mat[m] @ centroid), -m))
    told = [m for m in members if m == core or pairs.agreement(m, core, deeds=False) is not None]
    return [(core, told)] + [(m, [m]) for m in members if m not in told]


def _neighbour_pairs(
    rows: np.ndarray, found: np.ndarray, cosines: np.ndarray, article: np.ndarray, pairs: _Pairs
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
    keys: list[tuple[str, int, str]], linked: dict[tuple[int, int], float], pairs: _Pairs
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
        return any(_values_differ(x, y) for x in told_a for y in told_b)

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
