"""Each sentence's main clause from the parse: what is told, by whom, of whom.

Every text below is fictional, written for these tests.
"""

from __future__ import annotations

import msgspec

from storyline.annotate.clause import find_clauses
from storyline.annotate.mentions import find_mentions
from storyline.annotate.multilingual import read
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.model import Annotation, Clause, Sentence


def clauses(text: str) -> list[Clause]:
    doc = load_nlp()(text)
    sentences = split_sentences(doc)
    return find_clauses(doc, sentences, find_mentions(doc, sentences))


def test_related_facts_sharing_words_get_different_predicates_and_subjects() -> None:
    called, imposed = clauses(
        "The Varrish League called for a blockade of Ostmark on Saturday. "
        "The Harbour Council imposed a blockade of Ostmark on Saturday."
    )
    assert (called.predicate, called.subject, called.subject_name) == (
        "call",
        "league",
        "Varrish League",
    )
    assert (imposed.predicate, imposed.subject, imposed.object) == ("impose", "council", "blockade")
    assert imposed.subject_name == "Harbour Council"


def test_speech_root_gives_the_told_predicate_and_the_speaker() -> None:
    (told,) = clauses("Officials at the plant said the Brenmoor dam had not failed.")
    assert told.predicate == "say"
    assert told.content == "fail"
    assert told.speaker == "Officials"
    assert told.subject == "dam"
    assert told.negated is True
    assert told.aspect == "Perf"


def test_speaker_set_after_the_fact_or_by_according_to() -> None:
    after, according = clauses(
        "The toll in Carvel rose to 40, Mayor Ilse Brandt said. "
        "According to the coastguard, 12 fishermen were rescued near Carvel."
    )
    assert (after.content or after.predicate) == "rise"
    assert after.speaker == "Ilse Brandt"
    assert after.subject == "toll"
    assert (according.predicate, according.speaker) == ("rescue", "coastguard")
    assert according.negated is False


def test_questions_orders_and_modals_are_marked() -> None:
    question, order, plan = clauses(
        "Will the Carvel ferry sail again this winter? Stay away from the Carvel quay. "
        "The ferry company could reopen the line in May."
    )
    assert question.question is True and question.imperative is False
    assert order.imperative is True and order.question is False
    assert (plan.predicate, plan.modal, plan.object) == ("reopen", "could", "line")
    assert plan.question is plan.imperative is False


def test_a_sentence_cut_at_a_paragraph_break_has_its_own_clause() -> None:
    found = clauses("Rescuers reached the village of Orlec\n\nThe bridge collapsed overnight.")
    assert [c.predicate for c in found][-1] == "collapse"
    assert len({c.sentence for c in found}) == len(found)


def test_french_clause_from_its_own_parse() -> None:
    reading = read(
        "La mairesse Odile Fabre a déclaré que le pont de Varenne avait cédé. "
        "Selon la préfecture, les écoles ne sont pas fermées.",
        "fr",
        None,
    )
    said, closed = reading.clauses
    assert (said.predicate, said.content, said.subject) == ("déclarer", "céder", "pont")
    assert said.speaker == "Odile Fabre"
    assert closed.negated is True
    assert closed.speaker == "préfecture"


def test_spanish_has_no_parser_and_no_clause() -> None:
    reading = read("El alcalde dijo que el puente reabrirá en mayo.", "es", None)
    assert reading.sentences and reading.clauses == []


def test_an_annotation_stored_before_clauses_still_loads() -> None:
    old = Annotation(article="a1", sentences=[Sentence(index=0, start=0, end=3, text="Hi.")])
    raw = msgspec.json.decode(msgspec.json.encode(old))
    del raw["clauses"]
    again = msgspec.json.decode(msgspec.json.encode(raw), type=Annotation)
    assert again.clauses == [] and again.sentences == old.sentences
