"""Entity mentions: spaCy's entities, completed from the names the article itself tags.

Every text below is fictional, written for these tests.
"""

from __future__ import annotations

from typing import Any

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


def _labels(words: list[str], **tags: Any) -> list[tuple[str, str]]:
    """(text, label) of each mention found in a doc of ``words`` with the given tags."""
    doc = Doc(load_nlp().vocab, words=words, **tags)
    return [(m.text, m.label) for m in find_mentions(doc, split_sentences(doc))]


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


def _parsed(words: list[str], pos: list[str], deps: list[str], heads: list[int]) -> Doc:
    lemmas = {"told": "tell", "won": "win"}
    return Doc(
        load_nlp().vocab,
        words=words,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=[lemmas.get(w, w.lower()) for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_untagged_subject_with_a_given_name_is_a_person() -> None:
    doc = _parsed(
        ["Mehmet", "Aydin", "won", "the", "vote", "."],
        ["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        ["compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        [1, 2, 2, 4, 2, 2],
    )
    found = find_mentions(doc, split_sentences(doc))
    assert [(m.text, m.label) for m in found] == [("Mehmet Aydin", "PERSON")]


def test_untagged_lone_speaker_is_a_person_but_not_a_name_tagged_otherwise() -> None:
    words = ["Lindqvist", "told", "a", "crowd", "."]
    doc = _parsed(
        words,
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        ["nsubj", "ROOT", "det", "dobj", "punct"],
        [1, 1, 3, 1, 1],
    )
    assert [(m.text, m.label) for m in find_mentions(doc, split_sentences(doc))] == [
        ("Lindqvist", "PERSON")
    ]
    # The same word that the article tags as an organisation elsewhere is not made a person.
    both = Doc(
        load_nlp().vocab,
        words=[*words, "Lindqvist", "grew", "."],
        pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PUNCT"],
        deps=["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "punct"],
        heads=[1, 1, 3, 1, 1, 6, 6, 6],
        lemmas=["lindqvist", "tell", "a", "crowd", ".", "lindqvist", "grow", "."],
        ents=["O"] * 5 + ["B-ORG", "O", "O"],
    )
    assert [(m.text, m.label) for m in find_mentions(both, split_sentences(both))] == [
        ("Lindqvist", "ORG")
    ]


def test_full_name_tagged_as_organisation_is_a_person_when_its_surname_is() -> None:
    assert _labels(
        ["Anton", "Brecht", "spoke", ".", "Brecht", "left", "."],
        pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ents=["B-ORG", "I-ORG", "O", "O", "B-PERSON", "O", "O"],
        sent_starts=[True, False, False, False, True, False, False],
    ) == [("Anton Brecht", "PERSON"), ("Brecht", "PERSON")]


def test_role_in_apposition_is_a_title() -> None:
    found = mentions("Lindqvist, the transport secretary, said the bridge would reopen.")
    assert [(m.text, m.label, m.title) for m in found] == [
        ("Lindqvist", "PERSON", "transport secretary")
    ]
    found = mentions("Varnia's foreign minister, Tomas Reyes, arrived on Monday.")
    assert ("Tomas Reyes", "foreign minister") in [(m.text, m.title) for m in found]


def test_verb_before_a_role_is_no_part_of_the_title() -> None:
    found = mentions("A court in Tarn sentenced journalist Amara Okonkwo to two years.")
    assert ("Amara Okonkwo", "journalist") in [(m.text, m.title) for m in found]


def test_untagged_proper_nouns_ending_in_an_organisation_noun_are_an_organisation() -> None:
    assert _labels(
        ["Nurses", "at", "Kell", "General", "Hospital", "struck", "."],
        pos=["NOUN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"],
        sent_starts=[True] + [False] * 6,
    ) == [("Kell General Hospital", "ORG")]
    plain = ["Nurses", "at", "Kell", "General", "struck", "."]
    pos = ["NOUN", "ADP", "PROPN", "PROPN", "VERB", "PUNCT"]
    assert _labels(plain, pos=pos, sent_starts=[True] + [False] * 5) == []


def test_given_name_subject_tagged_as_a_work_of_art_is_a_person() -> None:
    assert _labels(
        ["Tomas", "Hale", "told", "a", "crowd", "."],
        pos=["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        deps=["compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        heads=[1, 2, 2, 4, 2, 2],
        lemmas=["tomas", "hale", "tell", "a", "crowd", "."],
        ents=["B-WORK_OF_ART", "I-WORK_OF_ART", "O", "O", "O", "O"],
    ) == [("Tomas Hale", "PERSON")]


def test_function_word_at_the_end_of_an_entity_is_trimmed() -> None:
    assert _labels(
        ["Calder", "Bridge", "in", "Lowmere", "fell", "."],
        pos=["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PUNCT"],
        ents=["B-ORG", "I-ORG", "I-ORG", "B-GPE", "O", "O"],
        sent_starts=[True] + [False] * 5,
    ) == [("Calder Bridge", "ORG"), ("Lowmere", "GPE")]
