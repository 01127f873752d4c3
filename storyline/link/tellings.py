"""Tellings: what the claims stage reads of each sentence alone, and whether two tell one fact.

A candidate sentence is long enough, ends as a statement and is no page apparatus; of it
are read its mood (denied, planned or past), which way its verbs point, and its figures by
what they count. ``Pairs`` holds a story's candidates and says whether two of them tell one
fact (the two tiers and the vetoes described in ``link/claims.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from storyline.languages.apparatus import ABBREVIATION_TAIL, is_apparatus
from storyline.languages.clauses import NO_DEED
from storyline.languages.voice import in_writers_voice, unquoted
from storyline.link.claims_config import ClaimsConfig
from storyline.link.days import NO_DAYS, Days, days_apart, days_of
from storyline.link.predicates import Side, opposed, sides_of
from storyline.link.specifics import Specifics, items_of
from storyline.memo import Memo, digest
from storyline.model import Annotation, Clause

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
# A headline or caption that ends without a stop, run into the statement after it: a word
# that opens a clause ("The", "A", "They", "However", ...) right after a lower-case word
# ("... faces four years if convicted The trial is expected to last six weeks."). Mid-
# sentence these words follow a lower-case word only in a title ("his This Is It tour":
# a capital follows) or after a label noun ("type A influenza"), which are left out. A
# claim quotes its sentences: a sentence carrying another's headline is no telling to
# quote, whatever its statement says (the timeline keeps it: apparatus.py).
_RUN_IN = re.compile(
    r"(?<![\w'’.,;:-])(?!(?:type|class|grade|category|group|plan|vitamin|hepatitis)\b)"
    r"[a-z]{2,} (?:The|A|An|He|She|They|It|We|However|In|This|These|Its|His|Her|Their) [a-z]"
)
# Nouns that count people, however a report names them: one unit for figures.
_PEOPLE = frozenset({"person", "people", "resident", "civilian", "villager", "citizen",
                     "individual", "case", "victim", "patient", "death", "fatality",
                     "infection", "injury"})  # fmt: skip
# What befalls people: a bare number said of it counts people ("cases have risen to 27").
_PEOPLE_PREDICATES = frozenset({"dead", "injured", "detained", "missing", "displaced",
                                "hospitalized", "infected", "suspected"})  # fmt: skip
# Other names of one counted unit ("in 34 countries" / "in 33 nations").
_UNIT_NAMES = {"nation": "country"}
_COUNTRIES = frozenset({"country", "nation"})  # a count of them spreads a figure over many
# Kinds of figure that count nothing the sentence tells as its fact: an age, a time
# offset ("two days after"), a rating ("a magnitude 5.9"), a change ("three more cases").
# An attribute ("a six-month ban") stays: told of two deeds, it sets two facts apart.
_NOT_COUNTS = frozenset({"age", "offset", "rating", "increment"})
# Values as common as words ("one death", "two sides"): shared, they set no fact apart
# from another whose larger figures differ.
_SMALL = 2
# What is called off or denied is a different fact from what happened or is planned.
_DENIED = re.compile(
    r"\b(not|never|no longer|cancel+(?:ed|ing|s)?|called off|calls? off|postponed?|scrapped|"
    r"shelved|suspended|abandoned|denied|denies)\b|n't\b",
    re.IGNORECASE,
)


def _is_candidate(text: str, min_words: int, language: str = "en") -> bool:
    """A sentence long enough to tell a fact, ending as a statement (a question asserts
    nothing: "Surely it is a pandemic?"), and not a page's apparatus run into one sentence:
    a photo caption, a byline, a list of story highlights, a headline or caption run into
    the statement after it without a stop (English: a word that opens a clause after a
    lower-case one); nor the tail of a sentence cut
    inside an abbreviation ("S, exploded on April 20."); nor any other apparatus the
    timeline and summary keep out too (``languages.apparatus``)."""
    words = text.split()
    return (
        len(words) >= min_words
        and text[-1:] in ".!\"”'’)"
        and not _QUESTION.search(text)
        and not _APPARATUS.search(text)
        and not (language == "en" and _RUN_IN.search(unquoted(text)))
        # in every language, where the apparatus test reads it in English only
        and not ABBREVIATION_TAIL.match(text)
        and not is_apparatus(text, language)
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


class Pairs:
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
        voiced: list[bool] | None = None,
        days: list[Days] | None = None,
        scopes: list[Scope] | None = None,
        told: list[frozenset[str]] | None = None,
    ) -> None:
        self.mat = mat
        self.told = told or [frozenset() for _ in moods]
        self.scopes = scopes or [NO_SCOPE for _ in moods]
        self.days = days or [NO_DAYS for _ in moods]
        self.voiced = voiced or [False for _ in moods]
        self.figures = figures or [{} for _ in moods]
        self.languages = languages or ["" for _ in moods]
        self.moods = moods
        self.sides = sides
        self.specifics = specifics
        self.people = people
        self.config = config
        self.related = min(config.related, config.similarity)

    def apart(self, a: int, b: int) -> bool:
        """Whether the two sentences give different days for their own events or different
        values of one count: never one fact, whatever else they share."""
        return days_apart(self.days[a], self.days[b]) or values_differ(
            self.figures[a], self.figures[b]
        )

    def agreement(
        self, a: int, b: int, cos: float | None = None, deeds: bool = True
    ) -> float | None:
        """The shared specific content of a pair that tells one fact, else None; ``cos``,
        when given, is the pair's cosine as the neighbour search measured it; without
        ``deeds``, one value said of two deeds ("forced from homes" / "the evacuation of")
        does not set apart a sentence already in a claim."""
        if self.voiced[a] or self.voiced[b]:
            return None  # "We have been patient for 42 years": whose words, the text does not say
        if cos is None:
            cos = float(self.mat[a] @ self.mat[b])
        if cos < self.related or not _same_mood(self.moods[a], self.moods[b]):
            return None
        if cos < self.config.told_below and _told_apart(self.told[a], self.told[b]):
            return None  # "called for a no-fly zone" / "imposed a no-fly zone": two deeds
        differ = _figures_differ if deeds else values_differ
        if differ(self.figures[a], self.figures[b]):
            return None  # "sent 30 doctors" / "had 300 doctors": two facts, or a revision
        if _scopes_differ(self.scopes[a], self.scopes[b]):
            return None  # "1,200 in Australia" / "1,200 in 21 countries": two scopes
        if opposed(self.sides[a], self.sides[b]):
            return None  # "opened" / "closed", "approved" / "rejected": contrary facts
        if days_apart(self.days[a], self.days[b]):
            return None  # "sank on 22 April" / "found the leaks on Saturday": two events
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
        if q.sentence != sentence or q.kind in _NOT_COUNTS:
            continue
        unit = _UNIT_NAMES.get(q.unit, q.unit) if q.unit else None
        if unit in _PEOPLE or (unit is None and q.predicate in _PEOPLE_PREDICATES):
            unit = "person"
        if unit is None or _EARLIER.search(text[: max(0, q.start - start)]):
            continue
        out.setdefault(unit, set()).add((q.value, q.predicate))
    return {unit: frozenset(values) for unit, values in out.items()}


@dataclass(frozen=True)
class Scope:
    """Where a sentence's figures hold: its values above ``_SMALL``, those it puts in one
    place ("1,200 people ... in Australia"), and whether it counts countries ("in 21
    countries"), which spreads its figures over many places."""

    values: frozenset[float] = frozenset()
    placed: frozenset[float] = frozenset()
    countries: bool = False


NO_SCOPE = Scope()


def _scope_of(ann: Annotation, sentence: int) -> Scope:
    told = [q for q in ann.quantities if q.sentence == sentence and q.value > _SMALL]
    return Scope(
        frozenset(q.value for q in told),
        frozenset(q.value for q in told if q.place),
        any(q.unit in _COUNTRIES for q in told),
    )


def _scopes_differ(a: Scope, b: Scope) -> bool:
    """A value one sentence puts in one place and the other spreads over several
    countries: two scopes ("1,200 in Australia" / "1,200 in 21 countries")."""
    return bool(b.countries and a.placed & b.values) or bool(a.countries and b.placed & a.values)


def _shared_values(
    a: frozenset[tuple[float, str | None]], b: frozenset[tuple[float, str | None]]
) -> set[float]:
    """The values two sentences both give for one unit; when both give values above
    ``_SMALL``, only those count ("109 infections but only one death" / "403 cases and
    one death" share no count)."""
    va, vb = {v for v, _ in a}, {v for v, _ in b}
    big_a, big_b = {v for v in va if v > _SMALL}, {v for v in vb if v > _SMALL}
    return big_a & big_b if big_a and big_b else va & vb


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
        shared = _shared_values(told, b[unit])
        if not shared:
            return True
        deeds = [
            ({p for v, p in told if v == value}, {p for v, p in b[unit] if v == value})
            for value in shared
        ]
        if all(x.isdisjoint(y) and None not in x | y for x, y in deeds):
            return True
    return False


def values_differ(
    a: dict[str, frozenset[tuple[float, str | None]]],
    b: dict[str, frozenset[tuple[float, str | None]]],
) -> bool:
    """Both sentences count one thing and share no value for it (what they say of the
    value aside: "in nearly five years" is one span however the trip is told)."""
    return any(unit in b and not _shared_values(told, b[unit]) for unit, told in a.items())


def _told_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sentences' main clauses tell a deed and share no predicate."""
    return bool(a and b) and a.isdisjoint(b)


def told_of(clause: Clause | None) -> frozenset[str]:
    """The predicates of a sentence's main clause when it tells a deed: its root's lemma
    and, under a speech or cognition root, the told clause's ("said the dam failed": say,
    fail). Empty when the told predicate is a light verb ("It is the first visit in five
    years": the fact is in the complement) or a speech verb with no clause found, or when
    the annotation holds no clause for the sentence (``None``: stored before annotator 12,
    or a language with no parser)."""
    if clause is None or (clause.content or clause.predicate) in NO_DEED:
        return frozenset()
    return frozenset(p for p in (clause.predicate, clause.content) if p)


def _same_mood(a: tuple[bool, str | None], b: tuple[bool, str | None]) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


_Figures = dict[str, frozenset[tuple[float, str | None]]]
_Candidate = tuple[
    int,
    str,
    frozenset[str],
    tuple[bool, str | None],
    frozenset[Side],
    _Figures,
    bool,
    Days,
    Scope,
    frozenset[str],
]
_CANDIDATES: Memo[list[_Candidate]] = Memo("link.claim_candidates")


def candidates(
    ann: Annotation,
    min_words: int,
    language: str = "en",
    published: str | None = None,
    caption: int = 0,
) -> list[_Candidate]:
    """The article's candidate sentences with what ``find_claims`` reads of each alone
    (index, text, items without entities, mood, sides, figures, whether its writer speaks
    in the first person, its own days read against the report's date ``published`` past its
    opening ``caption``, where its figures hold, its main clause's predicates); kept per
    process, so a story rebuilt for a new report reads only that report's sentences."""

    def make() -> list[_Candidate]:
        days = days_of(ann, published, language, caption)
        clauses = {c.sentence: c for c in ann.clauses}  # one look-up per sentence
        return [
            (
                s.index,
                s.text,
                items_of(ann, s.index, s.text, language=language),
                _mood(ann, s.index, s.text),
                sides_of(s.text),
                _figures_of(ann, s.index),
                in_writers_voice(s.text, language),
                days.get(s.index, NO_DAYS),
                _scope_of(ann, s.index),
                told_of(clauses.get(s.index)),
            )
            for s in ann.sentences
            if _is_candidate(s.text, min_words, language)
        ]

    key = digest(
        min_words,
        ann.sentences,
        ann.timexes,
        ann.quantities,
        ann.clauses,
        language,
        published,
        caption,
    )
    return _CANDIDATES.get(key, make)
