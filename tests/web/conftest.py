"""One store built from the real sample, one app server and one Chromium per session.

The server runs in a thread on a free loopback port; the browser is Debian's
Chromium driven by Playwright (never `playwright install`), and every request that
leaves the app is aborted, so a page that tried to reach the network would fail.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dravenmoor-dam"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _skip(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI installs it and must run these tests)")
    pytest.skip(reason)


@dataclass(frozen=True)
class WebStore:
    db: str
    seed_articles: frozenset[str]  # ids of the real sample's articles
    example_articles: frozenset[str]  # ids of the bundled (fictional) example's articles


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> WebStore:
    """A store holding the real sample and the bundled example, built as `storyline build` does."""
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from storyline.engine import build

    root = tmp_path_factory.mktemp("web")
    db = str(root / "store.sqlite")
    seeds = build(sorted(seeds_dir.iterdir()), out_dir=root / "out", db=db)
    example = build([EXAMPLE], out_dir=root / "out", db=db)
    assert seeds.added and example.added
    return WebStore(db, frozenset(seeds.added), frozenset(example.added))


@pytest.fixture(scope="session")
def web_db(web_store: WebStore) -> str:
    return web_store.db


class PathWatch:
    """An ASGI wrapper that checks every response body for server paths as it is sent."""

    def __init__(self, app: Any, forbidden: list[str]) -> None:
        self.app = app
        self.forbidden = forbidden
        self.responses = 0
        self.leaks: list[str] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        gzipped = False

        async def watched(message: Any) -> None:
            nonlocal gzipped
            if message["type"] == "http.response.start":
                gzipped = (b"content-encoding", b"gzip") in message.get("headers", [])
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    body = b"".join(chunks)
                    # compressed answers are checked as the client reads them
                    self.check(scope["path"], gzip.decompress(body) if gzipped and body else body)
            await send(message)

        await self.app(scope, receive, watched)

    def check(self, path: str, body: bytes) -> None:
        self.responses += 1
        text = body.decode("utf-8", "replace")
        for bad in self.forbidden:
            if bad in text:
                self.leaks.append(f"{path} shows {bad!r}")


@dataclass
class LiveServer:
    url: str
    app: Any
    server: Any
    thread: threading.Thread
    watch: PathWatch


@pytest.fixture(scope="session")
def live_server(web_store: WebStore, seeds_dir: Path) -> Iterator[LiveServer]:
    """The app on a free port; every response of the session is checked for server paths."""
    import tempfile

    import uvicorn

    from storyline.settings import load_settings
    from storyline.web.app import WebConfig, create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(WebConfig(settings=load_settings(db=web_store.db)))
    root = str(Path(web_store.db).parent)
    forbidden = [web_store.db, root, str(seeds_dir), str(EXAMPLE), tempfile.gettempdir() + "/"]
    watch = PathWatch(app, forbidden)
    server = uvicorn.Server(
        uvicorn.Config(watch, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the app server did not start"
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", app, server, thread, watch)
    server.should_exit = True
    thread.join(timeout=30)
    if watch.leaks:
        pytest.fail(f"responses showed server paths: {watch.leaks[:10]}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip("playwright is not installed (pip install 'storyline[test]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page, with what must never happen on it recorded as it happens."""

    page: Any
    base: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    base = live_server.url
    watched = Watched(page=context.new_page(), base=base)

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            watched.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    watched.page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
    watched.page.on(
        "console", lambda m: watched.errors.append(m.text) if m.type == "error" else None
    )
    watched.page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    yield watched
    context.close()
    assert watched.dialogs == [], f"a script from article text ran: {watched.dialogs}"
    assert watched.errors == [], f"console errors: {watched.errors}"
    assert watched.blocked == [], f"the page tried to reach outside the app: {watched.blocked}"


def story_of(client: Any, articles: frozenset[str]) -> dict[str, Any]:
    """The dossier of the story holding most of ``articles``."""
    best: tuple[int, dict[str, Any]] | None = None
    for row in client.get("/api/stories").json():
        dossier = client.get(f"/api/stories/{row['id']}").json()
        shared = len(articles & {a["id"] for a in dossier["articles"]})
        if best is None or shared > best[0]:
            best = (shared, dossier)
    assert best is not None and best[0] >= 2, "no story holds the articles"
    return best[1]


def form_fields(client: Any) -> dict[str, str]:
    """The upload form's hidden fields (its CSRF token); the client keeps the cookie."""
    import re

    response = client.get("/upload")
    assert response.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', response.text)
    assert found, "the upload form has no CSRF token"
    return {"csrf": found.group(1)}


def wait_for_job(client: Any, job_id: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} did not finish: {job}"
        time.sleep(0.3)


__all__ = [
    "CHROMIUM",
    "LiveServer",
    "Watched",
    "WebStore",
    "form_fields",
    "story_of",
    "wait_for_job",
]
