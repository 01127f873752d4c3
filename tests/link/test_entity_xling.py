"""Names across languages and scripts: one entity however each report writes it."""

from __future__ import annotations

import re

import numpy as np
import pytest

from storyline.annotate.embed import get_embedder
from storyline.link.entities import resolve_entities
from storyline.model import Annotation, Article, Entity, Mention, Sentence


def _doc(
    aid: str, language: str, text: str, specs: list[tuple[str, str]], vectors: bool = False
) -> tuple[Article, Annotation]:
    """An article in ``language`` and its annotation; specs are (surface, label) in order.
    With ``vectors``, its sentences carry the multilingual encoder's vectors."""
    sentences = [
        Sentence(index=i, start=m.start(), end=m.end(), text=m.group())
        for i, m in enumerate(re.finditer(r"[^.!?。\s][^.!?。]*[.!?。]", text))
    ]
    mentions = []
    cursor = 0
    for surface, label in specs:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        sentence = next(s.index for s in sentences if s.start <= start < s.end)
        mentions.append(
            Mention(sentence=sentence, start=start, end=cursor, text=surface, label=label)
        )
    ann = Annotation(article=aid, sentences=sentences, mentions=mentions)
    if vectors:
        matrix = get_embedder("use-multilingual").embed([s.text for s in sentences])
        ann.embedding_dim = matrix.shape[1]
        ann.embeddings = np.ascontiguousarray(matrix, dtype=np.float32).tobytes()
    return Article(id=aid, text=text, language=language), ann


def _resolve(*docs: tuple[Article, Annotation]) -> list[Entity]:
    return resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]


def _holding(entities: list[Entity], alias: str) -> Entity:
    found = [e for e in entities if alias in e.aliases]
    assert len(found) == 1, [(e.name, e.aliases) for e in entities]
    return found[0]


def test_a_city_written_the_way_each_language_writes_it_is_one_entity() -> None:
    ents = _resolve(
        _doc("en", "en", "The delegation landed in Beijing on Monday.", [("Beijing", "GPE")]),
        _doc("es", "es", "La delegación llegó a Pekín el lunes.", [("Pekín", "GPE")]),
        _doc("fr", "fr", "La délégation est arrivée à Pékin lundi.", [("Pékin", "GPE")]),
        _doc("it", "it", "La delegazione è arrivata a Pechino lunedì.", [("Pechino", "GPE")]),
        _doc("de", "de", "Die Delegation landete am Montag in Peking.", [("Peking", "GPE")]),
    )
    city = _holding(ents, "Beijing")
    assert set(city.aliases) == {"Beijing", "Pekín", "Pékin", "Pechino", "Peking"}
    assert {m.rule for m in city.merges} == {"exonym"}
    assert "GeoNames" in city.merges[0].detail


def test_a_country_named_in_three_languages_is_one_entity_and_other_places_stay_apart() -> None:
    ents = _resolve(
        _doc("en", "en", "Germany sent pumps to Paris.", [("Germany", "GPE"), ("Paris", "GPE")]),
        _doc("es", "es", "Alemania envió bombas a Lyon.", [("Alemania", "GPE"), ("Lyon", "GPE")]),
        _doc("fr", "fr", "L'Allemagne a envoyé des pompes.", [("Allemagne", "GPE")]),
    )
    germany = _holding(ents, "Germany")
    assert set(germany.aliases) == {"Germany", "Alemania", "Allemagne"}
    assert "CLDR" in germany.merges[0].detail
    assert _holding(ents, "Paris") is not _holding(ents, "Lyon")


def test_a_name_in_another_script_joins_the_latin_name_it_reads_as() -> None:
    ents = _resolve(
        _doc(
            "en",
            "en",
            "Vladimir Putin spoke in Beijing.",
            [("Vladimir Putin", "PERSON"), ("Beijing", "GPE")],
        ),
        _doc("ru", "ru", "Владимир Путин выступил.", [("Владимир Путин", "PERSON")]),
        _doc("zh", "zh", "他在北京讲话。", [("北京", "GPE")]),
    )
    putin = _holding(ents, "Vladimir Putin")
    assert "Владимир Путин" in putin.aliases
    assert [m.rule for m in putin.merges] == ["romanized"]
    assert "北京" in _holding(ents, "Beijing").aliases


def test_a_person_is_never_merged_with_a_place_of_the_same_letters() -> None:
    ents = _resolve(
        _doc("en", "en", "Paris Hilton arrived.", [("Paris Hilton", "PERSON")]),
        _doc("ru", "ru", "Париж закрыт.", [("Париж", "GPE")]),
    )
    assert _holding(ents, "Paris Hilton") is not _holding(ents, "Париж")


EN = "The Valdmark Water Board said on Monday that the remaining gates were safe."
ES = "La Junta de Aguas de Valdmark dijo el lunes que las compuertas restantes eran seguras."
EN2 = "Engineers from the Valdmark Water Board opened the lower outlet of the dam on Friday."
ES2 = (
    "Ingenieros de la Junta de Aguas de Valdmark abrieron el desagüe inferior de la presa "
    "el viernes."
)


@pytest.fixture(scope="module")
def aligned() -> list[tuple[Article, Annotation]]:
    return [
        _doc("en1", "en", EN, [("Valdmark Water Board", "ORG")], vectors=True),
        _doc("es1", "es", ES, [("Junta de Aguas de Valdmark", "ORG")], vectors=True),
        _doc("en2", "en", EN2, [("Valdmark Water Board", "ORG")], vectors=True),
        _doc("es2", "es", ES2, [("Junta de Aguas de Valdmark", "ORG")], vectors=True),
    ]


def test_names_in_the_same_place_of_translated_sentences_are_one_entity(aligned) -> None:  # type: ignore[no-untyped-def]
    board = _holding(_resolve(*aligned), "Valdmark Water Board")
    assert "Junta de Aguas de Valdmark" in board.aliases
    assert [m.rule for m in board.merges] == ["aligned-translation"]
    assert "2 pairs of sentences" in board.merges[0].detail


def test_one_translated_sentence_is_not_evidence_enough(aligned) -> None:  # type: ignore[no-untyped-def]
    ents = _resolve(*aligned[:2])
    assert _holding(ents, "Valdmark Water Board") is not _holding(
        ents, "Junta de Aguas de Valdmark"
    )


def test_a_place_is_not_merged_with_a_body_named_after_it() -> None:
    en = "Valdmark said on Monday that the remaining gates were safe."
    en2 = "Engineers from Valdmark opened the lower outlet of the dam on Friday."
    ents = _resolve(
        _doc("en1", "en", en, [("Valdmark", "GPE")], vectors=True),
        _doc("es1", "es", ES, [("Junta de Aguas de Valdmark", "ORG")], vectors=True),
        *(_doc(f"en{i}", "en", en2, [("Valdmark", "GPE")], vectors=True) for i in (2, 3)),
        *(
            _doc(f"es{i}", "es", ES2, [("Junta de Aguas de Valdmark", "ORG")], vectors=True)
            for i in (2, 3)
        ),
    )
    assert _holding(ents, "Valdmark") is not _holding(ents, "Junta de Aguas de Valdmark")
