"""What the web app's routes share: its configuration, the read store, the job
runner and the caches of rendered pages."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from storyline import engine
from storyline.errors import NotFoundError
from storyline.model import Article, Dossier
from storyline.settings import Settings
from storyline.store import Store, open_store
from storyline.web.jobs import JobRunner, with_limit
from storyline.web.public import public_dossier
from storyline.web.security import Csrf
from storyline.web.views import StoryRow, choose_title, disambiguate, fallback_title, story_row


@dataclass(frozen=True)
class WebConfig:
    settings: Settings
    token: str | None = None  # every write needs it when set
    max_files: int = 20  # files per upload
    max_file_bytes: int = 2_000_000  # larger files are rejected, each with its own message
    max_body: int = 30_000_000  # whole request
    # Rendered story pages and dossier JSON are kept this long, or until a job of this
    # app changes the store; the limit bounds how stale they can be when another
    # process (`storyline build`) writes the same store.
    cache_seconds: float = 5.0
    # `serve --watch`: poll the watched sources every this many seconds (None: never)
    watch_interval: float | None = None
    # `serve --allow-private-sources`: sources may be on loopback/private/link-local hosts
    allow_private_sources: bool = False


class PageCache:
    """Rendered bytes by key, each kept for ``ttl`` seconds at most."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._items: dict[tuple[str, str], tuple[float, bytes]] = {}

    def get(self, key: tuple[str, str]) -> bytes | None:
        found = self._items.get(key)
        if found is None or time.monotonic() - found[0] > self.ttl:
            return None
        return found[1]

    def __setitem__(self, key: tuple[str, str], value: bytes) -> None:
        if len(self._items) > 1000:  # ids are checked before caching; this only bounds memory
            self._items.clear()
        self._items[key] = (time.monotonic(), value)

    def clear(self) -> None:
        self._items.clear()


class State:
    """What the routes share: the read store, the job runner, rendered-page caches."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.cache = PageCache(config.cache_seconds)
        self.csrf = Csrf()
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._runner: JobRunner | None = None
        self._rows: tuple[float, list[StoryRow]] | None = None
        self.watcher: Any = None  # storyline.web.sources.Watcher with `serve --watch`

    # Opened on first use and again after a shutdown: a test client may run the app's
    # lifespan (and so close()) more than once.
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.config.settings.db)
            return self._store

    @property
    def runner(self) -> JobRunner:
        with self._lock:
            if self._runner is None:
                self._runner = JobRunner(
                    with_limit(self.config.settings, self.config.max_file_bytes),
                    on_change=self.invalidate,
                )
            return self._runner

    def invalidate(self) -> None:
        self.cache.clear()
        self._rows = None

    def dossier(self, story_id: str) -> Dossier:
        """The story's dossier as clients see it (file names, no server paths)."""
        try:
            story = self.store.get_story(story_id)
        except NotFoundError:
            raise NotFoundError(f"no story {story_id!r}") from None
        return public_dossier(engine.dossier(story, self.store, self.config.settings))

    def fallback_titles(self, dossier: Dossier) -> dict[str, str]:
        """A title for each of the dossier's reports without a headline: its first sentence."""
        untitled = [a.id for a in dossier.articles if not a.title]
        if not untitled:
            return {}
        out = {}
        for article in self.store.articles(untitled):
            title = fallback_title(article.text)
            if title:
                out[article.id] = title
        return out

    def story_title(self, dossier: Dossier) -> str:
        """The stored title if it reads as a headline, else one chosen from the reports."""
        ordered = sorted(dossier.articles, key=lambda a: (a.published.date or "9999", a.id))
        return choose_title(
            dossier.story.title,
            [a.title for a in ordered if a.title and not a.duplicate_of],
            lambda: [self.fallback_titles(dossier).get(a.id, "") for a in ordered],
        )

    def article(self, article_id: str) -> Article:
        try:
            return self.store.get_article(article_id)
        except NotFoundError:
            raise NotFoundError(f"no article {article_id!r}") from None

    def rows(self) -> list[StoryRow]:
        """Every story with a dossier, newest first; kept as long as the page cache."""
        found = self._rows
        if found is not None and time.monotonic() - found[0] <= self.config.cache_seconds:
            return found[1]
        rows = []
        for story in self.store.stories():
            try:
                dossier = self.store.get_dossier(story.id)
            except NotFoundError:
                continue  # listed once a job or `storyline build` has made its dossier
            row = story_row(dossier)
            rows.append(replace(row, title=self.story_title(dossier)))
        rows = disambiguate(rows)
        rows.sort(key=lambda r: (r.last or "", r.id), reverse=True)
        self._rows = (time.monotonic(), rows)
        return rows

    def close(self) -> None:
        with self._lock:
            runner, store = self._runner, self._store
            self._runner = self._store = None
        if runner is not None:
            runner.close()
        if store is not None:
            store.close()
