"""Page apparatus that ingest zones miss is no statement of the story: series notes, author's
notes, promotions that speak to the reader, photo credits, reading times, teasers cut off and
the tails of sentences cut at a bracket; a report's own sentence is, in every language."""

from __future__ import annotations

import pytest

from storyline.languages.apparatus import is_apparatus, is_caption_or_trail


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("This post is part of our special coverage of the Tessel dock strike 2031.", "en"),
        ("Ce billet fait partie de notre dossier sur la grève des dockers de Tessel.", "fr"),
        ("Este post es parte de nuestra cobertura especial sobre la huelga de Tessel.", "es"),
        ("Cette vidéo a été tournée lundi lors d'un rassemblement sur le port de Tessel.", "fr"),
        ("-- Ilka Brandt is a Strait Herald columnist.", "en"),
        ("Get the Harbour Brief delivered to your inbox every morning.", "en"),
        ("Your browser may be preventing you from reading the comments on this item.", "en"),
        ("Chaque vendredi, Oren Vask vous raconte la semaine du port.", "fr"),
        ("Tavi Lund\\/Harbour Images Dockers sit on the quay at Tessel on Monday.", "en"),
        ("Temps de lecture 4 min.", "fr"),
        ("an error occurred while processing this directive -RRB-", "en"),
        ("Los estibadores de Tessel dejaron el trabajo y la junta del puerto de […]", "es"),
        ("-RRB- , who has run the ferry line since 2019, said the quay would close.", "en"),
        ("S, sailed from Tessel on May 2.", "en"),
    ],
)
def test_the_pages_apparatus_is_no_statement(text: str, language: str) -> None:
    assert is_apparatus(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dockers at Tessel walked out over night shifts on Monday.", "en"),
        ('"You cannot run a port like this," harbour master Ilka Brandt told reporters.', "en"),
        ("It depends on whom you ask at the Tessel quay.", "en"),
        ("If you want to see the old port, come to Tessel before the cranes are sold.", "en"),
        ("The report was published by the Tessel harbour board on Monday.", "en"),
        ("Harbour Q&A: Your questions answered Dockers at Tessel walked out on Monday.", "en"),
        ("Les dockers de Tessel ont cessé le travail lundi, a annoncé le syndicat.", "fr"),
        ("Los estibadores de Tessel dejaron el trabajo el lunes, según el sindicato.", "es"),
        ("The strike, the harbour board said, would cost the port 3 million euros a week.", "en"),
        ("Dockers told The Strait Herald they would walk out again on Friday.", "en"),
        ("Les dockers ont bloqué le port, les grues, les ferries...", "fr"),
        ("Les dockers se sont donné rendez-vous lundi devant la capitainerie de Tessel.", "fr"),
        ("Y, de paso, los estibadores bloquearon el puerto de Tessel el lunes.", "es"),
        ("-Ilka Brandt est intervenue lundi à la radio du port de Tessel.", "fr"),
        ('You cannot run a port like this," harbour master Ilka Brandt said on Monday.', "en"),
        ("Born in Tessel in 1971. Best-known songs: Harbour Lights, I Sail For You", "en"),
        ("an error occurred while processing this directive -RRB- The Tessel quay reopened.", "en"),
    ],
)
def test_a_reports_own_sentence_is_a_statement(text: str, language: str) -> None:
    assert not is_apparatus(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Pictured, from left, are the harbour master, the mayor and two union leaders.",
        "Tessel Herald May 4: A sunken ferry is seen lying on the quay as the strike goes on.",
        "Wire Aug. 3: In this image taken from a drone, the closed quay sits empty.",
        "AP FILE: The mayor talks with the harbour master.",
        "A screenshot of the union's page calling the dockers out.",
        "The Herald's Oren Vask looks at whether the strike can last the winter.",
        "Port Correspondent, Ilka Brandt, finds out what the dockers want.",
        "Watch Harbour Hour at 8 p.m. ET.",
        "Dockers march on the port office -LRB- pictured -RRB- on Monday.",
    ],
)
def test_a_picture_or_a_trail_is_no_timeline_entry(text: str) -> None:
    assert is_caption_or_trail(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dockers vote on the strike at the Tessel quay, May 4, 2031.", "en"),
        ("The walkout is seen as a test for the new port board.", "en"),
        ("The harbour master was seen leaving the port office on Monday.", "en"),
        ("Police investigate the reporter's account of the clash.", "en"),
        ("Watch officials said the quay would reopen on Monday.", "en"),
        ("Sur cette photo, les dockers de Tessel sont vus lundi sur le quai.", "fr"),
    ],
)
def test_an_event_told_in_a_caption_stays(text: str, language: str) -> None:
    assert not is_caption_or_trail(text, language)
