"""Entity mentions: spaCy's entities, completed from the names the article itself tags.

Every text below is fictional, written for these tests.
"""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.annotate.mentions import _untagged_names, find_mentions
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.model import Mention


def mentions(text: str) -> list[Mention]:
    doc = load_nlp()(text)
    return find_mentions(doc, split_sentences(doc))


def test_surname_the_tagger_misses_is_a_person_mention() -> None:
    text = (
        'Transport Minister Ruth Adeyemi met the union on Monday. "We will talk again," '
        "Adeyemi said after the meeting."
    )
    found = mentions(text)
    later = text.rindex("Adeyemi")
    assert [(m.text, m.label) for m in found if m.start == later] == [("Adeyemi", "PERSON")]


def _tagged(words: list[str], pos: list[str], ents: list[str]) -> Doc:
    return Doc(load_nlp().vocab, words=words, pos=pos, ents=ents)


def test_name_part_inside_another_proper_name_is_not_added() -> None:
    words = ["Tomas", "Hale", "spoke", ".", "Hale", "Rovers", "won", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _tagged(words, pos, ["B-PERSON", "I-PERSON"] + ["O"] * 6)
    assert _untagged_names(doc, {"Tomas", "Hale"}) == []
    alone = _tagged(
        ["Tomas", "Hale", "spoke", ".", "Hale", "won", "."],
        ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ["B-PERSON", "I-PERSON"] + ["O"] * 5,
    )
    assert [s.text for s in _untagged_names(alone, {"Tomas", "Hale"})] == ["Hale"]


def test_title_is_kept_with_the_person() -> None:
    (person,) = [m for m in mentions("Harbour spokesman Idris Kell spoke.") if m.label == "PERSON"]
    assert (person.text, person.title) == ("Idris Kell", "Harbour spokesman")
