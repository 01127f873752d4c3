"""The web app's sources: the page, adding and removing with the token and CSRF token,
private addresses refused unless the server allows them, and `serve --watch` polling
in the background so that story pages show new reports without a manual rebuild."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from fastapi.testclient import TestClient

from storyline.settings import load_settings
from storyline.sources import add_sources
from storyline.store import open_store
from storyline.web.app import WebConfig, create_app
from tests.sources.conftest import REPORTS, serve_reports
from tests.sources.site import Site, rss

OURS = {"origin": "http://testserver"}
DAY1 = "Tue, 01 Apr 2025 08:00:00 GMT"


def client(tmp_path: Path, **config: Any) -> TestClient:
    settings = load_settings(db=str(tmp_path / "store.sqlite"), out=str(tmp_path / "out"))
    return TestClient(create_app(WebConfig(settings=settings, **config)))


def csrf(c: TestClient) -> str:
    page = c.get("/sources")
    assert page.status_code == 200 and "storyline_csrf" in page.headers["set-cookie"]
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def add(c: TestClient, url: str, **fields: str) -> Any:
    data = {"url": url, "csrf": csrf(c), **fields}
    return c.post("/sources", data=data, headers=OURS, follow_redirects=False)


def test_private_and_non_http_sources_are_refused_without_the_flag(
    site: Site, tmp_path: Path
) -> None:
    with client(tmp_path) as c:
        for url in (
            f"{site.url}/feed.xml",
            "http://localhost/feed.xml",
            "http://[::1]/feed.xml",
            "http://[::ffff:127.0.0.1]/feed.xml",
            "http://10.0.0.7/feed.xml",
            "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd",
        ):
            refused = add(c, url)
            assert refused.status_code == 400, url
            assert "cannot watch this source" in refused.text
        assert c.get("/api/sources").json() == []
    assert site.requests == []  # nothing was fetched


def test_with_the_flag_a_source_is_added_listed_and_removed(site: Site, tmp_path: Path) -> None:
    with client(tmp_path, allow_private_sources=True, token="k3y") as c:
        assert add(c, f"{site.url}/feed.xml").status_code == 401  # no token
        assert add(c, f"{site.url}/feed.xml", token="k3y").status_code == 303
        (row,) = c.get("/api/sources").json()
        assert row["url"] == f"{site.url}/feed.xml" and row["health"] == "never polled"
        assert f"{site.url}/feed.xml" in c.get("/sources").text
        no_csrf = c.post("/sources/remove", data={"url": row["url"], "token": "k3y"}, headers=OURS)
        assert no_csrf.status_code == 403
        evil = c.post(
            "/sources/remove",
            data={"url": row["url"], "token": "k3y", "csrf": csrf(c)},
            headers={"origin": "http://evil.example"},
        )
        assert evil.status_code == 403
        removed = c.post(
            "/sources/remove",
            data={"url": row["url"], "token": "k3y", "csrf": csrf(c)},
            headers=OURS,
            follow_redirects=False,
        )
        assert removed.status_code == 303 and c.get("/api/sources").json() == []


@pytest.mark.slow
def test_serve_watch_polls_and_story_pages_show_new_reports(site: Site, tmp_path: Path) -> None:
    serve_reports(site)
    paths = ["/news/ferry-strike-begins", "/news/no-date"]
    site.text(
        "/feed.xml",
        rss("L", [(REPORTS[p][0], site.url + p, DAY1) for p in paths]),
        "application/rss+xml",
    )
    store = open_store(str(tmp_path / "store.sqlite"))
    add_sources(store, [f"{site.url}/feed.xml"])
    store.close()
    with client(tmp_path, allow_private_sources=True, watch_interval=0.5) as c:
        state = c.app.app.state.storyline  # the FastAPI app inside the guard middleware
        first = _wait(lambda: c.get("/api/stories").json())
        story = first[0]["id"]
        page = c.get(f"/stories/{story}").text
        assert "last updated" in page
        before = c.get(f"/api/stories/{story}").json()["generated"]
        # a new item appears: the next poll adds it and the cached page is replaced
        paths.append("/news/ferry-talks-resume")
        site.text(
            "/feed.xml",
            rss("L", [(REPORTS[p][0], site.url + p, DAY1) for p in paths]),
            "application/rss+xml",
        )
        title = REPORTS["/news/ferry-talks-resume"][0]
        _wait(
            lambda: any(
                title == a["title"]
                for s in c.get("/api/stories").json()
                for a in c.get(f"/api/stories/{s['id']}").json()["articles"]
            )
        )
        stories = c.get("/api/stories").json()
        holder = next(
            s["id"]
            for s in stories
            if any(a["title"] == title for a in c.get(f"/api/stories/{s['id']}").json()["articles"])
        )
        page = c.get(f"/stories/{holder}").text
        assert title in page and "new report" in page
        if holder == story:
            assert c.get(f"/api/stories/{story}").json()["generated"] >= before
        assert "ok (last success" in c.get("/sources").text
        assert state.watcher is not None
    assert state.watcher is None  # stopped with the app


def _wait(check: Any, timeout: float = 180) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError("the background poller did not get there in time")
