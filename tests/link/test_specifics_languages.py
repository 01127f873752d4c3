"""The specific words of a sentence in another language: its own function words are none."""

from __future__ import annotations

from storyline.link.specifics import items_of
from storyline.model import Annotation, Sentence


def _items(text: str, language: str) -> frozenset[str]:
    ann = Annotation(article="a", sentences=[Sentence(index=0, start=0, end=len(text), text=text)])
    return items_of(ann, 0, text, language=language)


def test_spanish_function_words_are_not_specific_but_number_words_are() -> None:
    items = _items("Murieron tres pescadores de la flota en el puerto de Quorra", "es")
    assert items.isdisjoint({"de", "la", "en", "el"})
    assert {"tres", "quorra", "puerto"} <= items


def test_two_french_sentences_share_no_word_by_their_grammar_alone() -> None:
    one = _items("Les pêcheurs de Quorra sont dans le port depuis lundi", "fr")
    two = _items("Le maire de Varria est dans les bureaux depuis lundi", "fr")
    assert one & two == {"lundi"}


def test_english_keeps_its_own_list() -> None:
    items = _items("Three fishermen of the fleet died in the port of Quorra", "en")
    assert items.isdisjoint({"of", "the", "in"}) and "three" in items
