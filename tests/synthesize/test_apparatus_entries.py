"""What a page puts around a report (a series note, a promotion, an author's note) is neither
a timeline entry nor a summary sentence, however many pages repeat it."""

from __future__ import annotations

import pytest

from storyline.model import Claim, Evidence
from storyline.synthesize.summary import build_summary
from tests.synthesize.test_timeline_voice import _timeline

NEWS = "Dockers at Tessel walked out over night shifts on Monday."
NOTE = "This post is part of the special coverage of the Tessel dock strike 2031."
PROMOTION = "Get the Tessel Harbour Brief delivered to your inbox every morning."


@pytest.mark.parametrize(
    ("page", "news", "language"),
    [
        (NOTE, NEWS, "en"),
        (PROMOTION, NEWS, "en"),
        (
            "Wire May 4: A dead gull is seen lying on the quay as the Tessel strike goes on.",
            NEWS,
            "en",
        ),
        ("The Herald's Oren Vask looks at whether the Tessel dock strike can last.", NEWS, "en"),
        (
            "Ce billet fait partie du dossier spécial sur la grève des dockers de Tessel en 2031.",
            "Les dockers de Tessel ont cessé le travail lundi pour protester contre les horaires.",
            "fr",
        ),
    ],
)
def test_the_page_is_no_entry_of_its_day_nor_a_day_of_its_own(
    page: str, news: str, language: str
) -> None:
    same_day = [("page", page, "2031-03-03"), ("news", news, "2031-03-03")]
    assert _timeline(same_day, dates=1, per_date=2, language=language) == [("2031-03-03", news)]
    own_day = [("page", page, "2031-03-09"), ("news", news, "2031-03-03")]
    assert _timeline(own_day, dates=2, per_date=1, language=language) == [("2031-03-03", news)]


def _claim(cid: str, text: str, outlets: list[str]) -> Claim:
    evidence = [Evidence(article=o, sentence=0, text=text) for o in outlets]
    return Claim(id=cid, text=text, evidence=evidence, outlets=outlets, independent_outlets=outlets)


def test_a_promotion_repeated_on_every_page_is_no_summary_sentence() -> None:
    promotion = _claim("c1", PROMOTION, ["a", "b", "c", "d"])
    news = _claim("c2", NEWS, ["a", "b"])
    summary = build_summary([promotion, news], lambda c: (c.id, 0))
    assert [s.text for s in summary] == [NEWS]
