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
        "unknown outlet",
        "unknown outlet",
        "b2.txt",
    )
    assert article.short == "unknown outlet, 29 Apr 2031"
    assert view.article("a1").title == "Bridge back in service"
    # The stages' "(unknown outlet: <id>)" is said without the id.
    assert view.outlet_label("(unknown outlet: b2)") == "unknown outlet"


def test_several_unknown_outlets_read_apart_by_title_never_by_id(dossier: Dossier) -> None:
    one = msgspec.structs.replace(dossier.articles[0], outlet=None)
    two = msgspec.structs.replace(dossier.articles[1], outlet=None, title=None, path="b2.txt")
    view = build_view(msgspec.structs.replace(dossier, articles=[one, two]))
    assert view.outlet_label("(unknown outlet: a1)") == "unknown outlet (Bridge back in service)"
    assert view.outlet_label("(unknown outlet: b2)") == "unknown outlet (b2.txt)"
    assert view.outlet_labels(["(unknown outlet: a1)", "Wire"]).endswith(", Wire")
    # Notes that name articles by id or file name, and say a part twice.
    note = "'Monday' = 2031-04-27 as in b2.txt; 'Monday' = 2031-04-27 as in b2.txt"
    assert view.readable(note) == "'Monday' = 2031-04-27 as in unknown outlet (b2.txt), 29 Apr 2031"
    assert "a1" not in view.readable("seen together in a1 and b2")
