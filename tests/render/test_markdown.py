"""The Markdown report: every section, citations that resolve, article text kept literal."""

from __future__ import annotations

import re

import msgspec
import pytest
from markdown_it import MarkdownIt

from storyline.model import Dossier
from storyline.render import to_markdown
from storyline.render.markdown import md_text

from .fixtures import BIDI, BREAKOUT, CLOSE_SCRIPT, EMOJI, ENTITY, MD_IMAGE, MD_LINK, RTL, SCRIPT
from .htmlscan import scan

HEADINGS = [
    "## Articles",
    "## Summary",
    "## Timeline",
    "## What sources disagree on",
    "## Claims",
    "## Quotes",
    "## Entities",
    "## Coverage by outlet",
    "## Sources",
]


def _render(markdown: str) -> str:
    """What a CommonMark + GFM-tables viewer that allows raw HTML would show."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def test_every_section_in_order(dossier: Dossier) -> None:
    text = to_markdown(dossier)
    assert text.startswith("# Veltrano bridge reopens\n")
    found = [line for line in text.splitlines() if line.startswith("## ")]
    assert found == HEADINGS


def test_content_of_the_sections(dossier: Dossier) -> None:
    html = scan(_render(to_markdown(dossier)))
    text = html.all_text
    for expected in (
        "28 Apr 2031 (header)",
        "29 Apr 2031 (inferred: file name)",
        "Ana Ruiz",
        "NWA",
        "Jul 2031",
        "cancelled",
        "40 million crowns",
        "38 million crowns",
        "“Brandt put the final cost at 38 million crowns.”",  # a position quotes its evidence
        "Brandt → Ilsa Brandt: surname",
        "Unattributed",
        "2 (Coastline Daily, Northern Wire)",
    ):
        assert expected in text, expected
    # quotes grouped by the resolved speaker: both of the mayor's under one heading
    speakers = re.findall(r"^### (.+)$", to_markdown(dossier), re.M)[1:]
    assert speakers == ["Ilsa Brandt", "Unattributed"]


def test_citation_markers_link_to_listed_sources(dossier: Dossier) -> None:
    html = scan(_render(to_markdown(dossier)))
    links = {h[len("#src-") :] for h in html.hrefs() if h.startswith("#src-")}
    anchors = {v[len("src-") :] for tag, name, v in html.attrs if name == "id" and v}
    assert links == anchors == {"1", "2", "3", "4", "5", "6"}
    text = to_markdown(dossier)
    source_4 = next(line for line in text.splitlines() if 'id="src-4"' in line)
    assert "Coastline Daily, 28 Apr 2031, sentence 4" in source_4
    assert "Mayor Ilsa Brandt said the repairs cost 40 million crowns." in source_4


def test_hostile_text_stays_text(hostile: Dossier) -> None:
    html = scan(_render(to_markdown(hostile)))
    assert "script" not in html.tags and "img" not in html.tags
    assert set(html.tags) <= {
        "h1",
        "h2",
        "h3",
        "p",
        "strong",
        "em",
        "a",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
    }
    for href in html.hrefs():
        assert href.startswith("#src-"), href  # javascript: and data: URLs are never links
    text = html.all_text
    for shown in (SCRIPT, BREAKOUT, CLOSE_SCRIPT, MD_LINK, MD_IMAGE, ENTITY, RTL, EMOJI):
        assert shown in text, shown
    assert BIDI in text


def test_article_text_cannot_break_a_table_row(hostile: Dossier) -> None:
    text = to_markdown(hostile)
    article_rows = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert len(article_rows) == 1
    cells = re.split(r"(?<!\\)\|", article_rows[0])
    assert len(cells) == 11  # 9 columns between 10 pipes: Language shows, a report is Arabic


@pytest.mark.parametrize(
    ("raw", "literal"),
    [
        ("# not a heading", "# not a heading"),
        ("1. not a list", "1. not a list"),
        ("- not a list", "- not a list"),
        ("> not a quote", "> not a quote"),
        ("*not* _em_ `code` ~~gone~~", "*not* _em_ `code` ~~gone~~"),
        ("a\nb\n\nc", "a b c"),
        ("&amp; stays &amp;", "&amp; stays &amp;"),
        ("AT&T", "AT&T"),
    ],
)
def test_md_text_renders_literally(raw: str, literal: str) -> None:
    rendered = scan(_render(md_text(raw)))
    assert rendered.tags == ["p"]
    assert rendered.all_text.strip() == literal


@pytest.mark.parametrize("plain", ["2026-11-23T10:00", "U.S. officials", "Rate: 5.5 (est.)"])
def test_ordinary_text_is_not_escaped(plain: str) -> None:
    assert md_text(plain) == plain


def test_unclosed_bidi_override_is_closed() -> None:
    assert md_text("\u202eabc").endswith("\u202c")
    assert md_text("\u2067abc\u2069") == "\u2067abc\u2069"


def test_markdown_is_deterministic(hostile: Dossier) -> None:
    copy = msgspec.json.decode(msgspec.json.encode(hostile), type=Dossier)
    assert to_markdown(copy) == to_markdown(hostile)
