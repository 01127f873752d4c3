"""Names the small tagger leaves out or mislabels, found in one article's parse.

Two- or three-word proper names beside a role noun are people; capitalised phrases
ending in an organisation's head noun ("Westmarch General Hospital") are
organisations; a first name's usual gender helps resolve "he" and "she".
"""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING

from storyline.annotate.nlp import lemma_of
from storyline.annotate.roles import ORG_HEADS, ROLES, is_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)


def as_person(ent: Span) -> Span:
    """``ent``, labelled PERSON when its role words say it names a person.

    The small model tags unfamiliar names as organisations ("The engineer in charge,
    Hanna Brooke,"; "Council engineer Hanna Brook"); a two- or three-word proper name in
    apposition to a role noun, or with a role noun before it, is a person.
    """
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3:
        return ent
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
        return ent
    root = ent.root
    role_head = root.dep_ == "appos" and lemma_of(root.head) in ROLES
    role_child = any(
        lemma_of(c) in ROLES and (c.dep_ == "appos" or (c.i < ent.start and c.dep_ == "compound"))
        for c in root.children
    )
    if not (role_head or role_child):
        return ent
    from spacy.tokens import Span as SpanType  # spaCy is imported lazily, as everywhere here

    return SpanType(ent.doc, ent.start, ent.end, label="PERSON")


def unlabelled_names(doc: Doc, tagged: set[int]) -> list[Span]:
    """Proper-noun subjects the NER left unlabelled that look like a person's name.

    The small English model misses many names it has not seen ("Ilse Marant left",
    "Mehmet Yılmaz won"): two or more proper nouns whose first is a given name known to
    gender-guesser are good evidence of a person.  ``tagged`` holds the indexes of the
    tokens already inside an entity.
    """
    out: list[Span] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in tagged:
            continue
        start = tok.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].i not in tagged
        ):
            start -= 1
        span = doc[start : tok.i + 1]
        if len(span) >= 2 and first_name_gender(span.text) is not None:
            out.append(span)
    return out


def speaking_subjects(doc: Doc, tagged: set[int]) -> list[Span]:
    """Lone capitalised proper nouns, outside any entity, that are the subject of a
    speaking verb: "Raman told a crowd", where the tagger missed the surname."""
    out: list[Span] = []
    for tok in doc:
        if (
            tok.pos_ == "PROPN"
            and tok.dep_ == "nsubj"
            and tok.i not in tagged
            and tok.text[:1].isupper()
            and tok.text[1:].islower()
            and is_cue(tok.head)
            and tok.lower_ not in ORG_HEADS  # "Parliament said"
            and not any(c.pos_ in ("PROPN", "DET") for c in tok.children)
        ):
            out.append(doc[tok.i : tok.i + 1])
    return out


def untagged_organisations(doc: Doc, tagged: set[int]) -> list[Span]:
    """Two or more capitalised proper nouns outside any entity, ending in an organisation's
    head noun: "Westmarch General Hospital"."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and doc[j].i not in tagged
        ):
            j += 1
        if j - i >= 2 and doc[j - 1].lower_ in ORG_HEADS:
            out.append(doc[i:j])
        i = max(j, i + 1)
    return out


def possessed_bodies(doc: Doc, tagged: set[int]) -> list[Span]:
    """A country's body the tagger left untagged: "Norway's foreign ministry", "Spain's
    defence ministry" (a possessive place, then an organisation's head noun)."""
    out: list[Span] = []
    for tok in doc:
        if tok.lower_ not in ORG_HEADS or tok.i in tagged:
            continue
        owners = [
            c for c in tok.children if c.dep_ == "poss" and c.ent_type_ == "GPE" and c.i < tok.i
        ]
        if not owners:
            continue
        start = owners[0].left_edge.i
        if any(t.i in tagged and t.ent_type_ != "GPE" for t in doc[start : tok.i]):
            continue
        out.append(doc[start : tok.i + 1])
    return out


@functools.cache
def _gender_detector() -> object | None:
    try:
        import gender_guesser.detector as gender_guesser
    except ImportError:
        log.warning("gender-guesser is not installed: pronoun speakers resolve without gender")
        return None
    return gender_guesser.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    detector = _gender_detector()
    parts = name.split()
    if detector is None or len(parts) < 2:
        return None
    guess = detector.get_gender(parts[0])  # type: ignore[attr-defined]
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(guess)


def body_name(ent: Span) -> str:
    """An organisation's name as a speaker, with the country it belongs to when the text
    gives it right before: "Spain's foreign ministry", "the Spanish Foreign Ministry"."""
    doc = ent.doc
    start = ent.start
    k = start - 1
    if k >= 1 and doc[k].tag_ == "POS" and doc[k - 1].ent_type_ in ("GPE", "NORP"):
        start = k - 1  # "Spain's", "the United States'"
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
    elif k >= 0 and doc[k].ent_type_ == "NORP" and doc[k].head.i in range(ent.start, ent.end):
        start = k  # "Spanish"
    text = doc[start : ent.end].text if start < ent.start else ent.text
    return re.sub(r"^(?i:the)\s+", "", re.sub(r"['’]s$", "", text))
