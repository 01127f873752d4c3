"""Live sources in the web app: the sources page, adding and removing a source, and
the background poller of ``storyline serve --watch``.

A source added here is fetched by the server, so its URL must be http(s) and, unless
the server was started with ``--allow-private-sources``, its host must resolve to
public addresses only (checked when it is added, and again on every fetch and every
redirect hop by the poller: ``storyline.sources.addresses``). Adding and removing
need the token (when the server has one) and the form's CSRF token, as uploads do.

The poller runs on the job runner's worker thread, between upload jobs (the store has
one writer), every ``watch_interval`` seconds; after each poll the page caches are
emptied, so story pages show the new reports and their new ``generated`` time.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from storyline.model import WatchedSource
from storyline.sources import FetchPolicy, Poller, PollReport, health
from storyline.sources.addresses import AddressError, check_scheme, public_address
from storyline.sources.poll import now
from storyline.store import open_store
from storyline.web.public import scrub
from storyline.web.security import CSRF_COOKIE, form_refusal

log = logging.getLogger(__name__)

MAX_URL = 2000


class SourceOut(BaseModel):
    """A watched source and its health, as ``GET /api/sources`` lists it."""

    url: str
    kind: str | None
    added: str
    last_poll: str | None
    last_success: str | None
    failures: int
    failing_since: str | None
    last_error: str | None
    failing_pages: int
    health: str


class Watcher:
    """Polls the store's watched sources every ``interval`` seconds until closed."""

    def __init__(self, state: Any, interval: float) -> None:
        self.state = state
        self.interval = interval
        self.stop = threading.Event()
        self.last: PollReport | None = None
        self._thread = threading.Thread(target=self._loop, name="storyline-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=60)

    def _loop(self) -> None:
        while not self.stop.is_set():
            try:
                self.state.runner.call(self.poll).result()
            except Exception:  # the next poll must still run
                log.exception("polling the watched sources failed")
            if self.stop.wait(self.interval):
                return

    def poll(self) -> PollReport | None:
        if self.stop.is_set():
            return None
        config = self.state.config
        store = open_store(config.settings.db)
        policy = FetchPolicy(allow_private=config.allow_private_sources)
        # The app reads dossiers from the store; the files a build also writes go to a
        # folder of this poll, removed after it (as an upload job's are).
        with tempfile.TemporaryDirectory(prefix="storyline-watch-") as out:
            poller = Poller(store, replace(config.settings, out=out), policy, self.stop)
            try:
                report = poller.poll()
            finally:
                poller.close()
                store.close()
                self.state.invalidate()
        for problem in report.failed:
            log.warning("watch: %s", problem)
        self.last = report
        return report


def check_source_url(url: str, allow_private: bool) -> None:
    """Raise ``AddressError`` for a URL the web app may not fetch."""
    if len(url) > MAX_URL:
        raise AddressError(f"the URL is over {MAX_URL} characters")
    check_scheme(url)
    parts = urlsplit(url)
    if not parts.hostname:
        raise AddressError(f"{url!r} names no host")
    if not allow_private:
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError as exc:
            raise AddressError(f"{url!r}: bad port") from exc
        public_address(parts.hostname, port)


def add_source_routes(app: FastAPI, state: Any, page: Callable[..., HTMLResponse]) -> None:
    config = state.config

    def rows() -> list[dict[str, Any]]:
        store = state.store
        out = []
        for s in store.watched_sources():
            failing = sum(1 for i in store.seen_items(s.url).values() if i.state == "failing")
            out.append({"source": s, "health": health(s), "failing_pages": failing})
        return out

    def sources_page(request: Request, status: int = 200, error: str | None = None) -> Response:
        cookie, field = state.csrf.pair(request.cookies.get(CSRF_COOKIE))
        watcher = getattr(state, "watcher", None)
        response = page(
            "sources.html",
            status,
            rows=rows(),
            error=error,
            csrf=field,
            interval=watcher.interval if watcher else None,
            last=watcher.last if watcher else None,
        )
        state.csrf.set_cookie(response, cookie, request.url.scheme == "https")
        return response

    async def allowed(request: Request) -> tuple[Any, Response | None]:
        """The form, or the answer refusing it (CSRF, token)."""
        form = await request.form(max_files=0, max_fields=10, max_part_size=10_000)
        refusal = form_refusal(state.csrf, config.token, request, form)
        if refusal is not None:
            status, problem = refusal
            if status == 403:
                log.warning("sources form refused: %s", problem)
                problem = f"refused: {problem}. Open this page again and send the form."
            return form, sources_page(request, status, problem)
        return form, None

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_list(request: Request) -> Response:
        return sources_page(request)

    async def form_url(request: Request) -> tuple[str, Response | None]:
        """The form's ``url`` (stripped; "" when missing), or the answer refusing the form."""
        form, refused = await allowed(request)
        value = form.get("url")
        return (value.strip() if isinstance(value, str) else ""), refused

    @app.post("/sources", include_in_schema=False)
    async def source_add(request: Request) -> Response:
        url, refused = await form_url(request)
        if refused is not None:
            return refused
        if not url:
            return sources_page(request, 400, "give the URL of a feed or sitemap")
        try:
            await run_in_threadpool(check_source_url, url, config.allow_private_sources)
        except AddressError as exc:
            return sources_page(request, 400, f"cannot watch this source: {scrub(str(exc))}")
        state.store.add_source(WatchedSource(url=url, added=now()))
        state.invalidate()
        return RedirectResponse("/sources", status_code=303)

    @app.post("/sources/remove", include_in_schema=False)
    async def source_remove(request: Request) -> Response:
        url, refused = await form_url(request)
        if refused is not None:
            return refused
        if not state.store.remove_source(url):
            return sources_page(request, 404, "not a watched source")
        return RedirectResponse("/sources", status_code=303)

    @app.get("/api/sources", response_model=list[SourceOut], tags=["read"])
    def api_sources() -> list[dict[str, Any]]:
        """The watched sources with their health (ok / failing since … / never polled)."""
        return [
            {
                "url": r["source"].url,
                "kind": r["source"].kind,
                "added": r["source"].added,
                "last_poll": r["source"].last_poll,
                "last_success": r["source"].last_success,
                "failures": r["source"].failures,
                "failing_since": r["source"].failing_since,
                "last_error": r["source"].last_error,
                "failing_pages": r["failing_pages"],
                "health": r["health"],
            }
            for r in rows()
        ]
