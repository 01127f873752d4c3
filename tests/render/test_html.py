"""The HTML report: escaped, self-contained, with data the timeline script can trust."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
from importlib import resources

import msgspec
import pytest

from storyline.model import Dossier
from storyline.render import to_html

from .fixtures import BIDI, BREAKOUT, CLOSE_SCRIPT, EMOJI, ENTITY, MD_LINK, RTL, SCRIPT
from .htmlscan import Scan, scan

STATIC = resources.files("storyline.render") / "static"
SECTIONS = [
    "articles",
    "summary",
    "timeline",
    "conflicts",
    "claims",
    "quotes",
    "entities",
    "coverage",
    "sources",
]


def _data(page: Scan) -> dict:
    bodies = [body for attrs, body in page.scripts if attrs.get("type") == "application/json"]
    assert len(bodies) == 1
    return json.loads(bodies[0])


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_hostile_strings_never_become_markup(hostile: Dossier) -> None:
    page = to_html(hostile)
    for bad in (SCRIPT, BREAKOUT, CLOSE_SCRIPT, "<img", "<script>alert"):
        assert bad not in page, bad
    parsed = scan(page)
    assert "img" not in parsed.tags
    assert parsed.tags.count("script") == 2
    assert not [name for _, name, _ in parsed.attrs if name.startswith("on")]


def test_hostile_text_is_shown_not_dropped(hostile: Dossier) -> None:
    text = scan(to_html(hostile)).all_text
    for shown in (SCRIPT, BREAKOUT, CLOSE_SCRIPT, MD_LINK, ENTITY, RTL, BIDI, EMOJI):
        assert shown in text, shown


def test_only_http_links_and_in_page_anchors(hostile: Dossier, dossier: Dossier) -> None:
    hostile_page = scan(to_html(hostile))
    hrefs = hostile_page.hrefs() + scan(to_html(dossier)).hrefs()
    assert hrefs
    for href in hrefs:
        assert href.startswith("#") or re.match(r"https?://", href), href
    assert not any("javascript:" in h.lower() or h.startswith("data:") for h in hrefs)
    # the javascript: and data: article URLs reach the page data as null, not as links
    assert {s["url"] for s in _data(hostile_page)["sources"]} == {None}
    assert "https://coastline.example/bridge" in scan(to_html(dossier)).hrefs()


def test_embedded_data_is_script_safe_and_exact(hostile: Dossier) -> None:
    page = scan(to_html(hostile))
    raw = next(body for attrs, body in page.scripts if attrs.get("type") == "application/json")
    assert not set(raw) & {"<", ">", "&"}
    data = json.loads(raw)
    assert [e["text"] for e in data["timeline"]] == [e.text for e in hostile.timeline]
    sentences = {(e.article, e.sentence): e.text for t in hostile.timeline for e in t.evidence}
    for source in data["sources"]:
        assert sentences[(source["article"], source["sentence"])] == source["text"]
    assert SCRIPT in data["sources"][0]["text"]


def test_inline_script_is_ours_and_allowed_only_by_hash(dossier: Dossier) -> None:
    page = to_html(dossier)
    parsed = scan(page)
    js = (STATIC / "dossier.js").read_text(encoding="utf-8")
    css = (STATIC / "dossier.css").read_text(encoding="utf-8")
    code = [body for attrs, body in parsed.scripts if "type" not in attrs]
    assert code == [js]
    assert parsed.styles == [css]
    csp = next(
        v
        for tag, name, v in parsed.attrs
        if tag == "meta" and name == "content" and v and "default-src" in v
    )
    assert "default-src 'none'" in csp
    assert f"script-src {_sha(js)}" in csp
    assert f"style-src {_sha(css)}" in csp
    assert "unsafe-inline" not in csp


def test_page_fetches_nothing(dossier: Dossier) -> None:
    parsed = scan(to_html(dossier))
    assert "link" not in parsed.tags and "iframe" not in parsed.tags
    assert not [name for _, name, _ in parsed.attrs if name in ("src", "srcset", "action")]
    css = "".join(parsed.styles)
    assert "url(" not in css and "@import" not in css
    js = "".join(body for _, body in parsed.scripts)
    for call in (
        "fetch(",
        "XMLHttpRequest",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ):
        assert call not in js, call


def test_every_section_is_there(dossier: Dossier) -> None:
    parsed = scan(to_html(dossier))
    ids = [v for tag, name, v in parsed.attrs if tag == "section" and name == "id"]
    assert ids == SECTIONS
    text = parsed.all_text
    for expected in (
        "Bridge back in service",
        "29 Apr 2031 (inferred: file name)",
        "40 million crowns",
        "38 million crowns",
        "Ilsa Brandt",
        "surname",
        "A ribbon-cutting ceremony was called off.",
        "Unattributed",
    ):
        assert expected in text, expected


def test_every_citation_points_to_its_evidence(dossier: Dossier) -> None:
    parsed = scan(to_html(dossier))
    markers = [v for tag, name, v in parsed.attrs if tag == "a" and name == "data-src"]
    targets = {v for tag, name, v in parsed.attrs if tag == "li" and name == "id"}
    assert markers and {f"src-{n}" for n in markers} == targets
    sources = {str(s["n"]): s for s in _data(parsed)["sources"]}
    assert set(markers) == set(sources)
    cost = next(s for s in sources.values() if s["text"].startswith("Brandt put"))
    assert (cost["outlet"], cost["date"]) == ("Northern Wire", "29 Apr 2031 (inferred: file name)")
    assert cost["title"] == "untitled" and cost["url"] is None


def test_timeline_data_drives_the_filters(dossier: Dossier) -> None:
    data = _data(scan(to_html(dossier)))
    assert data["statuses"] == ["occurred", "cancelled"]
    assert data["outlets"] == ["Coastline Daily", "Northern Wire"]
    reopened = data["timeline"][1]
    assert reopened["label"] == "28 Apr 2031" and reopened["start"] == "2031-04-28"
    assert reopened["outlets"] == ["Coastline Daily", "Northern Wire"]
    assert reopened["entities"] == ["Veltrano"]
    assert [e["start"] for e in data["timeline"]] == ["2029-01-01", "2031-04-28", "2031-07-01"]


def test_entry_without_evidence_still_has_an_outlet_to_filter_on(hostile: Dossier) -> None:
    data = _data(scan(to_html(hostile)))
    assert data["timeline"][2]["outlets"] == ["unknown outlet"]
    assert "unknown outlet" in data["outlets"]


def test_html_is_deterministic(hostile: Dossier) -> None:
    copy = msgspec.json.decode(msgspec.json.encode(hostile), type=Dossier)
    assert to_html(copy) == to_html(hostile)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_parses() -> None:
    path = STATIC / "dossier.js"
    result = subprocess.run(
        ["node", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
