"""One statement quoted in several languages is one quote, with each language's sentence as
evidence; two statements of one speaker, or one statement of two speakers, stay apart."""

from __future__ import annotations

import pytest

from storyline.link.entities import resolve_entities
from storyline.model import Quote
from storyline.synthesize.quotes import collect_quotes
from tests.link.test_entity_xling import _doc

pytestmark = pytest.mark.slow  # the multilingual encoder

EN = "Ines Darrow spoke on Tuesday. Every passenger was off the ship within ninety minutes."
ES = "Ines Darrow habló el martes. Todos los pasajeros abandonaron el barco en noventa minutos."
FR = "Ines Darrow a parlé mardi. Le port de Marvello rouvrira lundi prochain aux ferries."


def _quoted(aid: str, language: str, text: str) -> tuple:  # type: ignore[type-arg]
    article, ann = _doc(aid, language, text, [("Ines Darrow", "PERSON")], vectors=True)
    said = ann.sentences[1].text.rstrip(".")
    ann.quotes = [Quote(sentence=1, sentences=[1], text=said, speaker="Ines Darrow")]
    return article, ann


def test_a_quote_and_its_translation_are_one_quote_and_another_statement_is_not() -> None:
    docs = [_quoted("en", "en", EN), _quoted("es", "es", ES), _quoted("fr", "fr", FR)]
    entities, mention_entity = resolve_entities([d[0] for d in docs], [d[1] for d in docs])
    quotes = collect_quotes(
        [d[1] for d in docs], entities, mention_entity, {d[0].id: d[0].language for d in docs}
    )
    told = sorted(sorted(ev.article for ev in q.evidence) for q in quotes)
    assert told == [["en", "es"], ["fr"]]
    assert next(q for q in quotes if len(q.evidence) == 2).text.startswith("Every passenger")


def _attributed(aid: str, language: str, text: str, speaker: str) -> tuple:  # type: ignore[type-arg]
    article, ann = _doc(aid, language, text, [(speaker, "PERSON")], vectors=True)
    said = ann.sentences[1].text.rstrip(".")
    ann.quotes = [Quote(sentence=1, sentences=[1], text=said, speaker=speaker)]
    return article, ann


def test_one_statement_given_to_two_speakers_in_two_languages_is_a_dispute() -> None:
    from storyline.synthesize.attribution import find_attribution_conflicts
    from storyline.synthesize.quotes import translated_pairs

    said_en = "The water came faster than anyone expected."
    said_es = "El agua llegó más rápido de lo que nadie esperaba."
    docs = [
        _attributed("en", "en", f"Ines Darrow spoke on Tuesday. {said_en}", "Ines Darrow"),
        _attributed("es", "es", f"Halvard Sten habló el martes. {said_es}", "Halvard Sten"),
    ]
    entities, mention_entity = resolve_entities([d[0] for d in docs], [d[1] for d in docs])
    anns, language = [d[1] for d in docs], {d[0].id: d[0].language for d in docs}
    quotes = collect_quotes(anns, entities, mention_entity, language)
    assert len(quotes) == 2  # two speakers: not one quote
    pairs = translated_pairs(quotes, anns, language, 0.85)
    [conflict] = find_attribution_conflicts(quotes, entities, lambda a: a, pairs)
    assert {p.value for p in conflict.positions} == {"Ines Darrow", "Halvard Sten"}
    assert find_attribution_conflicts(quotes, entities, lambda a: a) == []  # words alone
