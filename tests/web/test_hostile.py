"""Hostile article text goes through upload, pages and API, and nothing in it ever runs.

The corpus is written here (fictional): script tags, javascript: and data: links,
event-handler attributes, broken HTML, a 5 MB single line, right-to-left text with
bidi overrides, emoji and NUL bytes.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveServer, Watched, form_fields, wait_for_job

SCRIPT_TXT = """date 2031-02-03
By Mara Quillon <script>alert('byline')</script>, <img src=x onerror=alert('outlet')>

<svg onload=alert('title')> Brindlemoor council votes on the new bridge

The Brindlemoor town council met on Monday <script>alert('body')</script> to vote on the bridge.
Councillor Edda Varn said "<img src=x onerror=alert('quote')>" before the vote on Tuesday.
The bridge will cost 4 million crowns, the council said in a statement.
"""

LINK_RECORDS = [
    {
        "text": "Brindlemoor's ferry operator said on Wednesday that crossings would stop "
        "when the bridge opens. <a href=\"javascript:alert('a')\">Read more</a>",
        "title": '"><script>alert("t1")</script>',
        "url": "javascript:alert('url')",
        "outlet": "<b onclick=alert('o')>River Gazette</b>",
        "date": "2031-02-04",
    },
    {
        "text": "The ferry will run until the end of June, its operator said. "
        '" onmouseover="alert(\'attr\') x="',
        "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "outlet": "Lakeside Wire",
        "date": "2031-02-05",
    },
    {
        "text": "Engineers from Harlow Works will inspect the bridge piers in March.",
        "url": " JaVaScRiPt:alert('spaced')",
        "title": "java\tscript",
        "date": "2031-02-06",
    },
]

BROKEN_HTML = """<html><head><title>Bridge <script>alert('head')</script></title>
<body><p>Unclosed <b><i onmouseover=alert('i')>The Brindlemoor bridge opened to traffic on
Friday, the council said. <a href="javascript:alert('link')">details</a>
<iframe src="javascript:alert('frame')"></iframe><p>Residents crossed on foot
<img src=x onerror="alert('img')"><div style="background:url(javascript:alert('css'))">
<script>alert('inline')</script>
"""

RTL_TXT = (
    "date 2031-02-07\n\n"
    "مجلس المدينة صوّت على الجسر الجديد يوم الاثنين. "
    "הגשר ייפתח בחודש מרץ, אמרה המועצה. "
    "The \u202eegdirb\u202c vote drew a crowd 🎉🌉 on Monday, the council said. "
    "Residents 👩‍👩‍👧 waved flags 🇳🇴 as the mayor spoke.\n"
)

NUL_TXT = "date 2031-02-08\n\nThe bridge toll\x00 will be two crowns, the council said.\x00\n"


def _corpus() -> list[tuple[str, tuple[str, bytes, str]]]:
    jsonl = "\n".join(json.dumps(r) for r in LINK_RECORDS).encode()
    return [
        ("files", ("script.txt", SCRIPT_TXT.encode(), "text/plain")),
        ("files", ("links.jsonl", jsonl, "application/x-ndjson")),
        ("files", ("broken.html", BROKEN_HTML.encode(), "text/html")),
        ("files", ("huge.txt", b"bridge " * 750_000, "text/plain")),  # 5.25 MB, one line
        ("files", ("rtl\u202etxt.txt", RTL_TXT.encode(), "text/plain")),
        ("files", ("nul.txt", NUL_TXT.encode(), "text/plain")),
    ]


@pytest.fixture(scope="module")
def hostile_job(live_server: LiveServer) -> dict[str, Any]:
    with httpx.Client(base_url=live_server.url, timeout=120) as client:
        response = client.post(
            "/upload", files=_corpus(), data=form_fields(client), follow_redirects=False
        )
        assert response.status_code == 303, response.text
        job_id = response.headers["location"].rsplit("/", 1)[-1]
        return wait_for_job(client, job_id)


def test_hostile_corpus_is_processed_with_per_file_errors(hostile_job: dict[str, Any]) -> None:
    assert hostile_job["state"] == "done", hostile_job
    rejected = {p["file"] for p in hostile_job["problems"] if p["rejected"]}
    assert "huge.txt" in rejected  # over the per-file limit, named with its reason
    assert len(hostile_job["added"]) >= 5
    assert hostile_job["stories"]


def test_hostile_pages_render_and_nothing_runs(
    page: Watched, live_server: LiveServer, hostile_job: dict[str, Any]
) -> None:
    no_handlers = (
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).map(a => a.name)"
    )
    bad_links = (
        "() => [...document.querySelectorAll('a[href], iframe, img, form')]"
        ".map(e => e.getAttribute('href') || e.getAttribute('src')"
        " || e.getAttribute('action') || '')"
        ".filter(h => !(h.startsWith('/') || h.startsWith('#') || /^https?:\\/\\//.test(h)))"
    )
    paths = ["/"] + [f"/stories/{s}" for s in hostile_job["stories"]]
    paths += [f"/articles/{a}?hl=0" for a in hostile_job["added"]]
    paths.append(f"/jobs/{hostile_job['id']}")
    for path in paths:
        page.goto(path)
        assert page.page.evaluate(no_handlers) == [], path
        assert page.page.evaluate(bad_links) == [], path
        for link in page.page.locator("a.cite").all()[:5]:
            link.click()  # the evidence pop-up draws article text
            assert page.page.locator("#cite-pop").is_visible()
            page.page.keyboard.press("Escape")
    # The pages show the hostile text as text.
    page.goto(f"/articles/{hostile_job['added'][0]}")
    assert page.page.locator("script:not([src])").count() == 0


def test_hostile_api_never_500(live_server: LiveServer, hostile_job: dict[str, Any]) -> None:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        assert client.get("/api/stories").status_code == 200
        for story in hostile_job["stories"]:
            response = client.get(f"/api/stories/{story}")
            assert response.status_code == 200
            assert response.json()["story"]["id"] == story
        for article in hostile_job["added"]:
            response = client.get(f"/api/articles/{article}")
            assert response.status_code == 200
            url = response.json()["url"]
            assert url is None or url.startswith(("http://", "https://"))
        for word in ("<script>", "javascript:", "\u202e", "🎉", "\x00"):
            assert client.get("/api/stories", params={"q": word}).status_code == 200
            assert client.get("/", params={"q": word, "outlet": word}).status_code == 200
