"""What a page puts around a report (a series note, a promotion, an author's note) is neither
a timeline entry nor a summary sentence, however many pages repeat it."""

from __future__ import annotations

from storyline.model import Claim, Evidence
from storyline.synthesize.summary import build_summary
from tests.synthesize.test_timeline_voice import _timeline

NEWS = "Dockers at Tessel walked out over night shifts on Monday."
NOTE = "This post is part of the special coverage of the Tessel dock strike 2031."
PROMOTION = "Get the Tessel Harbour Brief delivered to your inbox every morning."


def test_a_series_note_is_no_entry_of_its_day() -> None:
    told = [("note", NOTE, "2031-03-03"), ("news", NEWS, "2031-03-03")]
    assert _timeline(told, dates=1, per_date=2) == [("2031-03-03", NEWS)]


def test_a_day_told_only_by_a_promotion_goes() -> None:
    told = [("promo", PROMOTION, "2031-03-09"), ("news", NEWS, "2031-03-03")]
    assert _timeline(told, dates=2, per_date=1) == [("2031-03-03", NEWS)]


def test_a_french_series_note_is_no_entry() -> None:
    note = "Ce billet fait partie du dossier spécial sur la grève des dockers de Tessel en 2031."
    news = "Les dockers de Tessel ont cessé le travail lundi pour protester contre les horaires."
    told = [("note", note, "2031-03-03"), ("news", news, "2031-03-03")]
    assert _timeline(told, dates=1, per_date=2, language="fr") == [("2031-03-03", news)]


def _claim(cid: str, text: str, outlets: list[str]) -> Claim:
    evidence = [Evidence(article=o, sentence=0, text=text) for o in outlets]
    return Claim(id=cid, text=text, evidence=evidence, outlets=outlets, independent_outlets=outlets)


def test_a_promotion_repeated_on_every_page_is_no_summary_sentence() -> None:
    promotion = _claim("c1", PROMOTION, ["a", "b", "c", "d"])
    news = _claim("c2", NEWS, ["a", "b"])
    summary = build_summary([promotion, news], lambda c: (c.id, 0))
    assert [s.text for s in summary] == [NEWS]
