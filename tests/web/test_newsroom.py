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
