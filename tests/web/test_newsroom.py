"""The app as a newsroom meets it first: search, what pages say, titles, weight, phones, keys."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveServer

pytest.importorskip("fastapi", reason="the web extra is not installed")


@pytest.fixture
def api(live_server: LiveServer) -> Any:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def _biggest(api: httpx.Client) -> dict[str, Any]:
    return max(api.get("/api/stories").json(), key=lambda r: r["articles"])


def test_the_list_form_searches_with_its_empty_date_fields(api: httpx.Client) -> None:
    row = _biggest(api)
    word = max(row["title"].split(), key=len)
    # What the form sends when only the words box is filled.
    response = api.get(
        "/", params={"q": word, "entity": "", "outlet": "", "since": "", "until": ""}
    )
    assert response.status_code == 200, response.text[:300]
    assert f'href="/stories/{row["id"]}"' in response.text
    response = api.get("/", params={"q": "", "outlet": row["outlets"][0], "since": "", "until": ""})
    assert response.status_code == 200 and f'href="/stories/{row["id"]}"' in response.text
    shown = api.get("/api/stories", params={"since": "", "until": "", "q": word})
    assert shown.status_code == 200 and row["id"] in [r["id"] for r in shown.json()]


def test_a_bad_range_is_refused_with_a_reason(api: httpx.Client) -> None:
    backwards = api.get("/api/stories", params={"since": "2020-05-02", "until": "2020-05-01"})
    assert backwards.status_code == 422
    assert "after until" in backwards.json()["detail"]
    page = api.get("/", params={"since": "2020-05-02", "until": "2020-05-01"})
    assert page.status_code == 422 and "after until" in page.text
    assert 'value="2020-05-02"' in page.text  # the form comes back as it was filled
    bad = api.get("/", params={"since": "May 5"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text


def test_the_api_honours_limit(api: httpx.Client) -> None:
    every = api.get("/api/stories").json()
    assert len(every) >= 2
    one = api.get("/api/stories", params={"limit": "1"})
    assert one.status_code == 200 and [r["id"] for r in one.json()] == [every[0]["id"]]
    for bad in ("0", "x", "100000"):
        refused = api.get("/api/stories", params={"limit": bad})
        assert refused.status_code == 422 and "limit" in refused.text


def test_job_page_says_done_and_names_updated_stories_by_title(live_server: LiveServer) -> None:
    from tests.web.conftest import form_fields, wait_for_job

    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        fields = form_fields(client)
        text = (
            "The Lowmarsh tram line reopened on Thursday after repairs to its bridge. "
            "The operator said trams would run every ten minutes."
        )
        response = client.post(
            "/upload", data={**fields, "text": text, "title": "Lowmarsh trams back"}
        )
        assert response.status_code == 303
        job = wait_for_job(client, response.headers["location"].rsplit("/", 1)[1])
        assert job["state"] == "done" and job["stories"]
        page = client.get(response.headers["location"]).text
        status = re.search(r'<span id="job-status">([^<]*)</span>', page)
        assert status is not None and status.group(1) == "Done"
        for story in job["stories"]:
            title = job["story_titles"][story]
            assert title and title != story
            assert f'href="/stories/{story}" dir="auto">{title}</a>' in page
        empty = client.post(
            "/upload", data={**form_fields(client), "title": "A title", "text": " "}
        )
        assert empty.status_code == 400 and "the text is empty" in empty.text


def test_favicon_gzip_and_head(api: httpx.Client) -> None:
    icon = api.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = api.get("/", headers={"accept-encoding": "gzip"})
    assert page.headers.get("content-encoding") == "gzip"
    row = _biggest(api)
    story = api.get(f"/api/stories/{row['id']}", headers={"accept-encoding": "gzip"})
    assert story.headers.get("content-encoding") == "gzip" and story.json()["story"]["id"]
    head = api.head("/")
    assert head.status_code == 200 and head.content == b""
    assert api.head(f"/stories/{row['id']}").status_code == 200


# ---------------------------------------------------------------- long stories, phones, keys


@pytest.fixture
def seed_story(live_server: LiveServer, web_store: Any) -> dict[str, Any]:
    from tests.web.conftest import story_of

    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        return story_of(client, web_store.seed_articles)


def test_long_sections_fold_with_counts_and_page(api: httpx.Client, seed_story: dict) -> None:
    from storyline.web.app import OPEN_UP_TO, PAGE_ROWS

    story = seed_story["story"]["id"]
    claims = len(seed_story["claims"])
    assert claims > PAGE_ROWS  # the sample's story is long enough to need paging
    page = api.get(f"/stories/{story}").text
    section = page[
        page.index('<section id="claims"') : page.index(
            "</section>", page.index('<section id="claims"')
        )
    ]
    assert "<details" in section and " open" not in section.split(">", 2)[1]
    assert f"{claims} claims" in section
    assert section.count('<tr id="claim-') == PAGE_ROWS
    rest = api.get(f"/stories/{story}/claims", params={"start": PAGE_ROWS})
    assert rest.status_code == 200
    shown = re.findall(r'<tr id="claim-(\d+)"', rest.text)
    assert shown[0] == str(PAGE_ROWS + 1) and len(shown) == min(100, claims - PAGE_ROWS)
    assert api.get(f"/stories/{story}/nope").status_code == 404
    # A short section stays open.
    summary_sized = [k for k in ("conflicts",) if len(seed_story[k]) <= OPEN_UP_TO]
    for name in summary_sized:
        block = page[page.index(f'<section id="{name}"') :]
        assert '<details class="fold" open>' in block[:300]


def test_summary_citations_count_from_one(api: httpx.Client, seed_story: dict) -> None:
    page = api.get(f"/stories/{seed_story['story']['id']}").text
    summary = page[
        page.index('<section id="summary"') : page.index(
            "</section>", page.index('<section id="summary"')
        )
    ]
    numbers = [int(n) for n in re.findall(r'data-n="(\d+)"', summary)]
    assert numbers and numbers[0] == 1 and numbers == sorted(numbers)


def test_phone_width_has_no_sideways_scroll(page: Any, seed_story: dict) -> None:
    page.page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", f"/stories/{seed_story['story']['id']}", "/upload"):
        page.goto(path)
        page.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, (path, width)


def test_skip_link_and_few_tab_stops(page: Any, seed_story: dict) -> None:
    page.goto(f"/stories/{seed_story['story']['id']}")
    page.page.keyboard.press("Tab")
    focused = page.page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to the content"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("location.hash") == "#main"
    stops = page.page.evaluate(
        """[...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && e.checkVisibility()).length"""
    )
    # Every link and button was a stop: folded sections and runs of markers now are one.
    every = page.page.evaluate("document.querySelectorAll('a[href], button, input').length")
    assert stops < 0.6 * every, (stops, every)


def test_citation_pop_up_takes_focus_and_gives_it_back(page: Any, seed_story: dict) -> None:
    page.goto(f"/stories/{seed_story['story']['id']}")
    marker = page.page.locator("#timeline-app a.cite").first
    marker.focus()
    page.page.keyboard.press("Enter")
    pop = page.page.locator("#cite-pop")
    assert pop.is_visible()
    assert page.page.evaluate("document.activeElement.id") == "cite-pop"
    assert page.page.evaluate("!!document.getElementById('cite-pop').closest('main')")
    page.page.keyboard.press("Tab")
    assert page.page.evaluate(
        "document.getElementById('cite-pop').contains(document.activeElement)"
    )
    page.page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert page.page.evaluate("document.activeElement.classList.contains('cite')")


def test_tables_sort_by_a_column(page: Any, seed_story: dict) -> None:
    page.goto(f"/stories/{seed_story['story']['id']}")
    page.page.evaluate("document.getElementById('entities').querySelector('details').open = true")
    table = page.page.locator("#entities table")
    table.locator("th button", has_text="Mentions").click()
    values = [int(v) for v in table.locator("tbody tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values) and len(set(values)) > 1
    table.locator("th button", has_text="Mentions").click()
    values = [int(v) for v in table.locator("tbody tr td:nth-child(5)").all_inner_texts()]
    assert values == sorted(values, reverse=True)


def test_the_static_report_reads_on_a_phone_with_a_skip_link(
    browser: Any, live_server: LiveServer, seed_story: dict
) -> None:
    import msgspec

    from storyline.model import Dossier
    from storyline.render.html import to_html

    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        raw = client.get(f"/api/stories/{seed_story['story']['id']}").content
    html = to_html(msgspec.json.decode(raw, type=Dossier))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_content(html)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 390, width
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        marker = page.locator("#timeline-app a.cite").first
        marker.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "cite-pop"
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.classList.contains('cite')")
    finally:
        context.close()


def test_entity_page_lists_aliases_quotes_and_links_back(
    api: httpx.Client, seed_story: dict
) -> None:
    story = seed_story["story"]["id"]
    speakers = {q["speaker_entity"] for q in seed_story["quotes"] if q.get("speaker_entity")}
    entity = next(e for e in seed_story["entities"] if e["id"] in speakers)
    page = api.get(f"/entities/{story}/{entity['id']}")
    assert page.status_code == 200
    assert entity["name"] in page.text
    for alias in entity["aliases"]:
        assert alias.replace("'", "&#39;").replace("&", "&amp;") in page.text or alias in page.text
    quotes = [q for q in seed_story["quotes"] if q.get("speaker_entity") == entity["id"]]
    assert page.text.count("<li><q") + page.text.count("<em>(reported)</em>") == len(quotes)
    assert f'href="/stories/{story}"' in page.text
    story_page = api.get(f"/stories/{story}").text
    assert f'href="/entities/{story}/{entity["id"]}"' in story_page
    assert api.get(f"/entities/{story}/nope").status_code == 404
