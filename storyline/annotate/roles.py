"""The words that tell speech and offices: speaking verbs, honorifics, role nouns.

``is_cue`` tells a speaking verb ("said", "told", "according to"); ``is_role`` a noun
naming what one person is or does; the rest give the gender or office such words carry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.nlp import lemma_of
from storyline.languages.clauses import SPEECH_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_cue(tok: Token) -> bool:
    return (lemma_of(tok) in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")) or is_according(tok)


def is_according(tok: Token) -> bool:
    return (
        tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    )


# fmt: off
HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
               "miss": "f", "dame": "f", "dr": None, "dr.": None, "prof": None, "prof.": None}
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Role nouns that name one person ("the spokesperson said"), with the gender some of them carry.
ROLE_GENDER = {"spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
                "congressman": "m", "congresswoman": "f", "king": "m", "queen": "f", "prince": "m",
                "princess": "f"}
# Offices a person holds: "the minister" cannot be someone titled only "secretary".
OFFICES = frozenset(
    {
        "spokesperson", "minister", "secretary", "president", "ambassador", "envoy", "premier",
        "chancellor", "senator", "governor", "mayor", "general", "commander", "director", "chair",
        "ceo", "prosecutor", "judge", "pope", "king", "queen", "prince", "princess", "congressman",
        "congresswoman", "commissioner", "mp", "speaker", "superintendent", "professor",
    }
)
ROLES = frozenset(
    {
        "spokesperson", "minister", "diplomat", "president", "secretary", "envoy", "ambassador",
        "leader", "chief", "premier", "chancellor", "senator", "governor", "mayor", "general",
        "commander", "director", "chair", "executive", "ceo", "head", "lawmaker", "representative",
        "prosecutor", "judge", "lawyer", "attorney", "adviser", "advisor", "pope", "candidate",
        "politician", "negotiator", "counterpart", "author", "doctor", "coach", "captain",
        "manager",
        "founder", "owner", "analyst", "researcher", "scientist", "professor", "economist",
        "editor", "reporter", "journalist", "correspondent", "columnist", "pollster", "activist",
        "advocate",
        "engineer", "inspector", "councillor", "councilor", "teacher",
        "officer",
        "commissioner", "delegate", "monarch", "mp", "legislator", "speaker", "foreman",
        "superintendent",
        *ROLE_GENDER,
    }
)
_SPOKES = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "chairman": "chair",
           "chairwoman": "chair", "advisor": "adviser"}
# Generic English head nouns of organisation names: "Westmarch General Hospital" left
# untagged by the small model is an organisation.
ORG_HEADS = frozenset(
    """
    hospital university college school council ministry department authority commission
    committee union federation association agency bank court institute foundation party
    company corporation group board office service guard army navy police tribunal
    parliament assembly cooperative forum
    """.split()  # noqa: SIM905
)
# fmt: on


def is_role(tok: Token) -> bool:
    """A noun that names what one person is or does: "minister", "spokesperson", "analyst"."""
    return lemma_of(tok) in ROLES


def role_of(word: str) -> str:
    return _SPOKES.get(word, word)
