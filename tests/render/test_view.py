"""Shared numbering and lookups: both reports must agree on them."""

from __future__ import annotations

import msgspec
import pytest

from storyline.model import Dossier
from storyline.render.view import build_view, date_label, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "//evil.example/x",
        "http:///no-host",
        "https://ok.example/a b",
        "vbscript:x",
        "",
        None,
    ],
)
def test_unsafe_urls_are_not_links(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["http://a.example", "HTTPS://a.example/p?q=1#f"])
def test_web_urls_are_links(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2031-04-08", "8 Apr 2031"),
        ("2031-04", "Apr 2031"),
        ("2031", "2031"),
        (None, "undated"),
        ("2031-W15", "2031-W15"),
        ("2031-02-30", "2031-02-30"),
    ],
)
def test_dates_keep_their_granularity(value: str | None, label: str) -> None:
    assert date_label(value) == label


def test_citations_count_up_in_reading_order_and_repeat_numbers(dossier: Dossier) -> None:
    view = build_view(dossier)
    summary = view.refs(dossier.summary[0].evidence)
    assert summary == [1, 2]
    # the same sentence cited again later keeps its number
    assert view.refs(dossier.claims[0].evidence) == [1, 2]
    assert view.refs(dossier.timeline[2].evidence) == [3]
    assert [s.number for s in view.sources] == list(range(1, len(view.sources) + 1))
    assert len(view.sources) == 6  # no new sources appear after build_view numbered them all


def test_quotes_are_grouped_by_resolved_speaker(dossier: Dossier) -> None:
    groups = build_view(dossier).quote_groups
    assert [(g.speaker, g.entity, len(g.quotes)) for g in groups] == [
        ("Ilsa Brandt", "e1", 2),
        ("Unattributed", None, 1),
    ]


def test_unknown_article_ids_get_a_label_not_an_error(hostile: Dossier) -> None:
    view = build_view(hostile)
    assert view.article("x-unknown").outlet == "unknown outlet"
    assert view.article("x2").short == "مؤتمر الميناء 🌉🔥, undated"


def test_articles_without_outlet_or_title_are_named_by_number_and_file(dossier: Dossier) -> None:
    bare = msgspec.structs.replace(dossier.articles[1], outlet=None, path="in\\wire/b2.txt")
    view = build_view(msgspec.structs.replace(dossier, articles=[dossier.articles[0], bare]))
    article = view.article("b2")
    assert (article.name, article.outlet, article.title) == (
        "article #2",
        "unknown outlet",
        "b2.txt",
    )
    assert article.short == "article #2, 29 Apr 2031"
    assert view.article("a1").title == "Bridge back in service"
