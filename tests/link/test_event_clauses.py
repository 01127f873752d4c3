"""Dates named inside a relative clause, a landmark phrase or an "after" phrase set off by
commas do not date the sentence's event; a number is no day; a chronology line without a
dash or year tells its own day. Invented sentences, expressions placed by hand."""

from __future__ import annotations

import pytest

from storyline.date_refs import dated_entries
from tests.link.test_event_references import PUB, _events

assert PUB == "2031-06-18"  # a Wednesday: the weekdays below are read against it


@pytest.mark.parametrize(
    ("language", "sentence", "dates", "kept"),
    [
        # A relative clause's event days before the report: the clause's, not the sentence's.
        (
            "fr",
            "Cette loi menace la réforme qui a mené au départ du gouverneur de Tessel, le "
            "11 février 2029.",
            {"11 février 2029": "2029-02-11"},
            [],
        ),
        (
            "fr",
            "La militante est revenue sur l'agression dont elle a été victime dimanche soir "
            "près du port.",
            {"dimanche soir": "2031-06-15"},
            [],
        ),
        (
            "fr",
            "Les deux candidats revendiquent la victoire du scrutin qui s'est achevé dimanche.",
            {"dimanche": "2031-06-15"},
            [],
        ),
        (
            "fr",
            "Le port, qui s'était endormi dimanche soir dans la fête, s'est réveillé lundi dans "
            "la peur.",
            {"dimanche soir": "2031-06-15", "lundi": "2031-06-16"},
            ["2031-06-16"],
        ),
        (
            "es",
            "La operación de rescate, que comenzó el pasado sábado, no ha logrado llegar al valle.",
            {"el pasado sábado": "2031-06-14"},
            [],
        ),
        (
            "es",
            "El gabinete reparte sus carteras con el partido del alcalde, quien firmó el 23 de "
            "mayo un pacto de salida.",
            {"23 de mayo": "2031-05-23"},
            [],
        ),
        # A landmark phrase: what came ahead of, in the wake of or before another event.
        (
            "en",
            "Ahead of the summit on June 20, ministers met in Tessel.",
            {"June 20": "2031-06-20"},
            [],
        ),
        (
            "en",
            "Ministers met in Tessel ahead of the summit on June 20.",
            {"June 20": "2031-06-20"},
            [],
        ),
        (
            "en",
            "The strike began on the tenth anniversary of the dam's collapse in 2021.",
            {"2021": "2021"},
            [],
        ),
        (
            "en",
            "Most of the costly choices made in the wake of the fatal breach on 20 April were made "
            "to save time.",
            {"20 April": "2031-04-20"},
            [],
        ),
        # An "after" phrase that sets its date off with commas and goes on past it.
        (
            "fr",
            "Après avoir arraché le vote, jeudi, d'une motion au conseil régional, le maire a "
            "lancé les travaux samedi.",
            {"jeudi": "2031-06-12", "samedi": "2031-06-14"},
            ["2031-06-14"],
        ),
        (
            "es",
            "Cuatro pescadores murieron el viernes tras la firma, el martes, de un pacto de pesca.",
            {"el viernes": "2031-06-13", "el martes": "2031-06-10"},
            ["2031-06-13"],
        ),
        (
            "fr",
            "Un mois après le début des crues, le 19 mai, la situation reste grave à Tessel.",
            {"19 mai": "2031-05-19"},
            [],
        ),
        # A number with a decimal comma, read as a day by the annotator.
        (
            "fr",
            "Le nombre de visiteurs est tombé à 10,2 millions en 2030.",
            {"10,2 mi": "2031-06-18", "2030": "2030"},
            ["2030"],
        ),
    ],
)
def test_a_date_of_another_event_named_in_a_clause_dates_no_event(
    language: str, sentence: str, dates: dict[str, str], kept: list[str]
) -> None:
    assert _events(sentence, dates, language) == kept


@pytest.mark.parametrize(
    ("language", "sentence", "dates"),
    [
        # What was said: a "que" or "that" with no comma opens no relative clause.
        (
            "es",
            "El portavoz dijo que el sábado murieron diez personas.",
            {"el sábado": "2031-06-14"},
        ),
        ("en", "Officials said that on Saturday ten people had died.", {"Saturday": "2031-06-14"}),
        # A relative clause's event of the report's day or the day before is the day's news.
        (
            "fr",
            "La coalition, qui a intensifié mardi ses frappes, a reconnu vouloir hâter la chute "
            "du régime.",
            {"mardi": "2031-06-17"},
        ),
        # A bare weekday after an "after" phrase's comma belongs to the main clause.
        (
            "fr",
            "Après des semaines de grève, mardi, les dockers ont repris le travail.",
            {"mardi": "2031-06-17"},
        ),
        # An English relative clause keeps its date: it often tells the day's news.
        (
            "en",
            "The WHO, which raised its alert on Monday, said it was ready.",
            {"Monday": "2031-06-16"},
        ),
        # A French pronoun opening the sentence asks a question.
        ("fr", "Qui a ouvert les vannes dimanche soir ?", {"dimanche soir": "2031-06-15"}),
        # A time of day after "before" is the sentence's own time.
        ("en", "Before dawn on Monday, troops stormed the harbour.", {"Monday": "2031-06-16"}),
        # Hours or moments before a day's event is that day too.
        (
            "en",
            "The sluice stayed jammed for hours before the levee gave way on Monday.",
            {"Monday": "2031-06-16"},
        ),
        # A time of day after "avant" is the sentence's own time.
        (
            "fr",
            "Les secours sont entrés dans le port avant l'aube dimanche.",
            {"dimanche": "2031-06-15"},
        ),
        (
            "en",
            "The fleet sailed on Saturday, which surprised the harbour master.",
            {"Saturday": "2031-06-14"},
        ),
    ],
)
def test_a_date_of_the_sentences_own_event_keeps_it_beside_a_clause(
    language: str, sentence: str, dates: dict[str, str]
) -> None:
    assert _events(sentence, dates, language) == sorted(set(dates.values()))


@pytest.mark.parametrize(
    ("language", "lines", "days"),
    [
        (
            "fr",
            [
                "12 mai 2029 Naissance du port.",
                "25 janvier 2030 Première grève à Tessel.",
                "17 juin 2030 Vote pour la digue.",
                "23 avril 2031 Lancement de la campagne.",
                "29 mai Annonce de la collecte.",
                "3 juin Le maire assiste à l'annonce.",
            ],
            ["2029-05-12", "2030-01-25", "2030-06-17", "2031-04-23", "2031-05-29", "2031-06-03"],
        ),
        (
            "en",
            [
                "12 May 2029 The port opens.",
                "25 January 2030 First strike at Tessel.",
                "17 June 2030 The dike vote.",
                "23 April 2031 The campaign starts.",
                "May 29 Signatures are counted.",
                "June 3 The mayor resigns.",
            ],
            ["2029-05-12", "2030-01-25", "2030-06-17", "2031-04-23", "2031-05-29", "2031-06-03"],
        ),
    ],
)
def test_a_chronology_line_without_dash_or_year_tells_its_own_day(
    language: str, lines: list[str], days: list[str]
) -> None:
    text = "\n".join(lines)
    entries = dated_entries(text, PUB, language)
    assert [day for day, _, _ in entries] == days
    assert [text[a:b] for _, a, b in entries] == lines
