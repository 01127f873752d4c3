"""An entity's name is a name: never a form another language's tagger began with a
particle or a lower-case word ("de Brennick", "barrage de Dravenmoor")."""

from __future__ import annotations

from storyline.link.entities import resolve_entities
from tests.link.test_entity_xling import _doc, _holding


def test_a_form_that_starts_with_a_particle_does_not_name_the_entity() -> None:
    docs = [
        _doc("fr1", "fr", "Les habitants de Brennick sont partis.", [("de Brennick", "GPE")]),
        _doc("fr2", "fr", "Les rues de Brennick sont vides.", [("de Brennick", "GPE")]),
        _doc("fr3", "fr", "Brennick attend la décrue.", [("Brennick", "GPE")]),
    ]
    entities = resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]
    town = _holding(entities, "Brennick")
    assert town.name == "Brennick"


def test_a_lower_case_form_names_the_entity_only_when_there_is_no_other() -> None:
    docs = [
        _doc("fr1", "fr", "Le barrage de Dravenmoor a cédé.", [("barrage de Dravenmoor", "LOC")]),
        _doc("fr2", "fr", "Le barrage de Dravenmoor fuit.", [("barrage de Dravenmoor", "LOC")]),
    ]
    entities = resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]
    assert [e.name for e in entities] == ["barrage de Dravenmoor"]


def test_a_persons_own_particle_stays() -> None:
    docs = [_doc("fr1", "fr", "Le général de Gaulle a parlé.", [("de Gaulle", "PERSON")])]
    entities = resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]
    assert [e.name for e in entities] == ["de Gaulle"]


def test_an_entity_told_in_several_languages_is_named_as_the_english_reports_name_it() -> None:
    docs = [
        _doc("en", "en", "The inquiry opens in Geneva.", [("Geneva", "GPE")]),
        _doc("es", "es", "La investigación se abre en Ginebra.", [("Ginebra", "GPE")]),
        _doc("pt", "pt", "O inquérito abre em Genebra.", [("Genebra", "GPE")]),
        _doc("pt2", "pt", "O capitão vai a Genebra.", [("Genebra", "GPE")]),
    ]
    entities = resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]
    assert [e.name for e in entities] == ["Geneva"]


def test_an_english_surname_alone_does_not_name_a_person_written_in_full_elsewhere() -> None:
    docs = [
        _doc("es", "es", "Halvard Sten visitó Marvello.", [("Halvard Sten", "PERSON")]),
        _doc(
            "en",
            "en",
            "Halvard Sten spoke. Sten left.",
            [("Halvard Sten", "PERSON"), ("Sten", "PERSON")],
        ),
    ]
    entities = resolve_entities([d[0] for d in docs], [d[1] for d in docs])[0]
    assert [e.name for e in entities] == ["Halvard Sten"]
