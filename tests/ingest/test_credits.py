"""Agency credits and contributor lines are found and cut out of the body."""

from __future__ import annotations

import pytest

from storyline.ingest.article import build_article
from storyline.ingest.credits import strip_credits
from storyline.model import Published

LEAD = "The ferry will stop running in October, the harbour authority said."


@pytest.mark.parametrize(
    ("body", "credit"),
    [
        (f"{LEAD}/AFP", "AFP"),
        (f"{LEAD} /AFP", "AFP"),
        (f"{LEAD}\n\n(AFP)", "AFP"),
        (f"{LEAD} - Reuters", "Reuters"),
        (f"{LEAD} — AP", "AP"),
        (f"{LEAD} /XNW", "XNW"),  # an unknown agency, in the unmistakable slash form
    ],
)
def test_trailing_agency_tags(body: str, credit: str) -> None:
    found = strip_credits(body)
    assert found.credits == [credit]
    assert found.body == LEAD


def test_dateline_credit_is_cut() -> None:
    found = strip_credits(f"SALTMERE, June 3 (Reuters) - {LEAD}")
    assert found.credits == ["Reuters"]
    assert found.body == LEAD


def test_contributor_line_with_outlet() -> None:
    found = strip_credits(f"{LEAD}\n\nLanterne’s Ivo Brandt and Mia Sol contributed reporting.")
    assert found.contributors == ["Ivo Brandt", "Mia Sol"]
    assert found.outlet == "Lanterne"
    assert found.body == LEAD


def test_contributor_line_from_an_agency_is_a_credit() -> None:
    found = strip_credits(f"{LEAD}\n\nReuters' Ivo Brandt contributed to this report.")
    assert found.contributors == ["Ivo Brandt"]
    assert found.credits == ["Reuters"] and found.outlet is None


def test_reporting_by_line() -> None:
    found = strip_credits(f"{LEAD}\n\n(Reporting by Ivo Brandt; Editing by Mia Sol)")
    assert found.contributors == ["Ivo Brandt"]
    assert found.body == LEAD


@pytest.mark.parametrize(
    "body",
    [
        f"{LEAD} It joins the Asia-Pacific Economic Cooperation (APEC).",
        f"{LEAD} The line runs from north to south - Saltmere",
        f"{LEAD} The vote was 12/3",
        "Officials said the ferry contributed to the town's growth for decades.",
    ],
)
def test_text_that_only_looks_like_a_credit_is_kept(body: str) -> None:
    found = strip_credits(body)
    assert found.credits == [] and found.contributors == []
    assert found.body == body


def test_a_dateline_a_day_before_the_file_dates_the_report() -> None:
    body = "OSTREL, February 26 (Xinhua) -- The two presidents signed the accession papers today."
    given = Published(date="2031-02-27", basis="metadata")
    article = build_article(body, path=None, published=given)
    assert article is not None and article.published.date == "2031-02-26"
    assert article.text.startswith("The two presidents")
    same = build_article(body.replace("26", "27"), path=None, published=given)
    assert same is not None and same.published.date == "2031-02-27"
    far = build_article(body.replace("26", "20"), path=None, published=given)
    assert far is not None and far.published.date == "2031-02-27"
