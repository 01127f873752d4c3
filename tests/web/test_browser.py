"""The newsroom app in a real browser: Debian's Chromium, all network outside the app blocked.

Each test's page fixture fails the test on any dialog (a script from article text
that ran), console error, or request that left the app.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveServer, Watched, WebStore, story_of, wait_for_job

REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "docs" / "story-page.png"


@pytest.fixture
def seed_story(live_server: LiveServer, web_store: WebStore) -> dict[str, Any]:
    """The dossier of the real sample's story, as the API serves it now."""
    with httpx.Client(base_url=live_server.url) as client:
        return story_of(client, web_store.seed_articles)


def test_story_list_opens_the_story_of_the_sample(
    page: Watched, seed_story: dict[str, Any]
) -> None:
    dossier = seed_story
    page.goto("/")
    link = page.page.locator(f'a.story-link[href="/stories/{dossier["story"]["id"]}"]')
    assert link.count() == 1
    link.click()
    page.page.wait_for_url(re.compile(r"/stories/"))
    assert page.page.locator("h1").inner_text().strip() == dossier["story"]["title"].strip()
    summary = page.page.locator("#summary p")
    assert summary.count() == len(dossier["summary"]) > 0
    assert page.page.locator("#timeline-app .tl-count").is_visible()


def test_screenshot_of_the_example_story_for_the_readme(
    page: Watched, live_server: LiveServer, web_store: WebStore, tmp_path: Path
) -> None:
    """docs/story-page.png in the README is this page (the bundled, fictional example).

    The suite always takes the screenshot; it replaces the committed one only with
    STORYLINE_UPDATE_SCREENSHOT=1, so that a test run leaves the work tree clean.
    """
    with httpx.Client(base_url=live_server.url) as client:
        dossier = story_of(client, web_store.example_articles)
    page.page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(f"/stories/{dossier['story']['id']}")
    page.page.locator("#timeline-app .tl-count").wait_for()
    page.page.locator("#summary a.src-link").first.wait_for()
    target = SCREENSHOT if os.environ.get("STORYLINE_UPDATE_SCREENSHOT") else tmp_path / "shot.png"
    target.parent.mkdir(exist_ok=True)
    page.page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_summary_citation_lands_on_the_highlighted_sentence(
    page: Watched, seed_story: dict[str, Any]
) -> None:
    dossier = seed_story
    evidence = dossier["summary"][0]["evidence"][0]
    page.goto(f"/stories/{dossier['story']['id']}")
    page.page.locator("#summary p").first.locator("a.src-link").first.click()
    page.page.wait_for_url(re.compile(r"/articles/" + evidence["article"]))
    marked = page.page.locator(".sent.hl")
    assert marked.count() == 1
    assert marked.get_attribute("id") == f"s-{evidence['sentence']}"
    # The highlighted span is the exact source sentence (its number label aside).
    assert evidence["text"].strip() in marked.inner_text()
    assert marked.is_visible()
    background = marked.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_timeline_filters_by_status_and_outlet(page: Watched, seed_story: dict[str, Any]) -> None:
    dossier = seed_story
    total = len(dossier["timeline"])
    assert total > 0
    page.goto(f"/stories/{dossier['story']['id']}")
    count = page.page.locator("#timeline-app .tl-count")
    assert count.inner_text() == f"Showing {total} of {total} entries"
    status = dossier["timeline"][0]["status"]
    with_status = sum(1 for e in dossier["timeline"] if e["status"] == status)
    page.page.locator("#timeline-app button.filter.st-" + status).click()
    assert count.inner_text() == f"Showing {total - with_status} of {total} entries"
    assert page.page.locator("#timeline-app .tl-event.st-" + status).count() == 0
    page.page.locator("#timeline-app button.filter.st-" + status).click()
    assert count.inner_text() == f"Showing {total} of {total} entries"
    outlets = page.page.locator("#timeline-app .filters").nth(1).locator("button")
    assert outlets.count() >= 1
    for i in range(outlets.count()):
        outlets.nth(i).click()
    assert count.inner_text() == f"Showing 0 of {total} entries"


def test_upload_a_new_article_and_see_the_story_update(
    page: Watched, live_server: LiveServer, seed_story: dict[str, Any]
) -> None:
    before = seed_story
    members = {a["id"] for a in before["articles"]}
    # A new version of one of the story's reports, read from the API at run time with a
    # note of our own appended: a new article (new text, new id) of the same story.
    member = before["articles"][-1]
    with httpx.Client(base_url=live_server.url) as client:
        source = client.get(f"/api/articles/{member['id']}").json()
    record = {
        "text": source["text"].rstrip() + "\n\nEditor's note: this version corrects a caption.",
        "title": "Updated report",
        "outlet": "Test Desk",
        "date": source["published"]["date"],
    }
    body = json.dumps(record).encode()
    page.goto("/upload")
    page.page.set_input_files(
        "input[name=files]",
        files=[{"name": "updated-report.json", "mimeType": "application/json", "buffer": body}],
    )
    page.page.locator("#upload-form button[type=submit]").click()
    page.page.wait_for_url(re.compile(r"/jobs/"))
    page.page.wait_for_selector('#job[data-state="done"]', timeout=240_000)
    link = page.page.locator(f'.job-stories a[href="/stories/{before["story"]["id"]}"]')
    assert link.count() == 1, page.page.locator("#job-result").inner_text()
    link.click()
    page.page.wait_for_url(re.compile(r"/stories/"))
    meta = page.page.locator("header .meta").first.inner_text()
    assert meta.startswith(f"{before['story']['articles'] + 1} articles"), meta
    # A long list of changes is folded under its count: the reader opens it
    folded = page.page.locator("#changes details:not([open]) > summary")
    if folded.count():
        folded.first.click()
    changes = page.page.locator("#changes").inner_text()
    assert "new report" in changes, changes  # the dossier's own changes (Dossier.changes)
    with httpx.Client(base_url=live_server.url) as client:
        after = client.get(f"/api/stories/{before['story']['id']}").json()
    new = {a["id"] for a in after["articles"]} - members
    assert len(new) == 1
    assert "Test Desk" in page.page.locator("#articles").inner_text()


@pytest.fixture
def api(live_server: LiveServer) -> Any:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def test_job_page_reports_bad_files_like_the_cli(page: Watched, api: httpx.Client) -> None:
    page.goto("/upload")
    page.page.set_input_files(
        "input[name=files]",
        files=[
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            {"name": "../../etc/broken.json", "mimeType": "application/json", "buffer": b"{nope"},
        ],
    )
    page.page.locator("#upload-form button[type=submit]").click()
    page.page.wait_for_url(re.compile(r"/jobs/"))
    page.page.wait_for_selector('#job[data-state="done"]', timeout=240_000)
    problems = page.page.locator(".problems li.rejected")
    assert problems.count() == 2
    text = page.page.locator(".problems").inner_text()
    assert "empty.txt: rejected:" in text
    assert "broken.json:1: rejected: malformed JSON" in text and "etc/" not in text
    wait_for_job(api, page.page.url.rsplit("/", 1)[-1])


def test_timeline_evidence_pop_up_opens_the_sentence_in_its_article(
    page: Watched, seed_story: dict[str, Any]
) -> None:
    entry = seed_story["timeline"][0]
    evidence = entry["evidence"][0]
    page.goto(f"/stories/{seed_story['story']['id']}")
    page.page.locator("#timeline-app a.cite").first.click()
    pop = page.page.locator("#cite-pop")
    assert pop.is_visible()
    assert evidence["text"].strip() in pop.inner_text()
    pop.locator("a", has_text="Open the sentence in its article").click()
    page.page.wait_for_url(re.compile(r"/articles/" + evidence["article"]))
    assert page.page.locator(".sent.hl").get_attribute("id") == f"s-{evidence['sentence']}"


def test_a_form_on_another_site_cannot_upload_in_a_real_browser(
    browser: Any, live_server: LiveServer, web_store: WebStore
) -> None:
    """Chromium submits another site's form to /upload, as a forged request would."""
    from storyline.store import open_store

    def count() -> int:
        store = open_store(web_store.db)
        try:
            return len(store.article_ids())
        finally:
            store.close()

    before = count()
    evil = "http://evil.invalid/"
    forged = (
        f'<!doctype html><form id="f" method="post" action="{live_server.url}/upload" '
        'enctype="multipart/form-data"><textarea name="text">The Quarrow dam gates failed '
        'on Monday, officials said.</textarea><input name="date" value="0001-01-01"></form>'
    )
    context = browser.new_context()
    answers: list[tuple[int, str]] = []

    def route(r: Any) -> None:
        if r.request.url == evil:
            r.fulfill(status=200, content_type="text/html", body=forged)
        elif r.request.url.startswith(live_server.url + "/"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    try:
        # the victim has the app open in the same browser (so it holds our cookie)
        tab = context.new_page()
        tab.goto(live_server.url + "/upload")
        page = context.new_page()
        page.on(
            "response",
            lambda resp: (
                answers.append((resp.status, resp.url))
                if resp.url.startswith(live_server.url)
                else None
            ),
        )
        page.goto(evil)
        with page.expect_navigation():
            page.evaluate("document.getElementById('f').submit()")
        assert "another site" in page.content()
    finally:
        context.close()
    assert answers and answers[-1][0] == 403, answers
    assert count() == before, "a form on another site stored an article"
