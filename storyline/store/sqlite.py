"""The embedded store: one SQLite file in WAL mode, created on first use."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.errors import NotFoundError, StoreError
from storyline.model import Annotation, Article, SeenItem, Story
from storyline.store.codec import (
    SCHEMA_VERSION,
    SEEN_COLUMNS,
    SOURCE_COLUMNS,
    article_row,
    decode_annotation,
    decode_story,
    encode,
    marks,
    now,
    seen_row,
)
from storyline.store.shared import SQLStore

try:
    import fcntl
except ImportError:  # not POSIX: threads of one process still take turns
    fcntl = None  # type: ignore[assignment]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, published TEXT, added TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS annotations (
    article TEXT PRIMARY KEY REFERENCES articles(id), version TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    story TEXT PRIMARY KEY, built TEXT NOT NULL, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS failures (
    kind TEXT NOT NULL, id TEXT NOT NULL, stage TEXT NOT NULL, version TEXT, at TEXT NOT NULL,
    record BLOB NOT NULL, PRIMARY KEY (kind, id, stage));
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY, kind TEXT, added TEXT NOT NULL, last_poll TEXT, last_success TEXT,
    etag TEXT, last_modified TEXT, failures INTEGER NOT NULL DEFAULT 0, failing_since TEXT,
    last_error TEXT);
CREATE TABLE IF NOT EXISTS seen (
    source TEXT NOT NULL, item TEXT NOT NULL, url TEXT NOT NULL, canonical TEXT,
    first_seen TEXT NOT NULL, article TEXT, state TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (source, item));
CREATE INDEX IF NOT EXISTS seen_url ON seen (url);
CREATE INDEX IF NOT EXISTS seen_canonical ON seen (canonical);
"""


def _wal(db: sqlite3.Connection, wait: float = 30.0) -> None:
    """Put the file in WAL mode, waiting while another process holds it.

    Switching a new file to WAL needs it alone, and SQLite answers "database is
    locked" at once rather than through the busy timeout when two processes open a
    new store together; so the switch is retried for up to ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SQLiteStore(SQLStore):
    """Store backed by one SQLite file (WAL mode)."""

    ADD_ARTICLE = "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?)"
    ADD_SOURCE = f"INSERT OR IGNORE INTO sources ({SOURCE_COLUMNS}) VALUES ({marks(10)})"
    PUT_DOSSIER = "INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?)"
    PUT_FAILURE = "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = str(self.path)
        try:
            if self.path.parent != Path():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            _wal(self._db)
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            found = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                self._db.commit()
            elif found[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"store {str(self.path)!r} has schema {found[0]}, this storyline needs "
                    f"{SCHEMA_VERSION}; build into a new --db file"
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {str(self.path)!r}: {exc}") from exc
        self._lock = threading.Lock()
        self._named: dict[str, threading.Lock] = {}

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                with self._db:  # commits, or rolls back on error
                    yield self._db
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"store {str(self.path)!r}: {exc}") from exc

    # Every read goes through these, so that a read fails as a write does: with a
    # StoreError naming the store, not the driver's exception.
    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return self._fetch(sql, params, one=False)  # type: ignore[no-any-return]

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._fetch(sql, params, one=True)

    def _fetch(self, sql: str, params: tuple[Any, ...], one: bool) -> Any:
        try:
            cursor = self._db.execute(sql, params)
            return cursor.fetchone() if one else cursor.fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"store {str(self.path)!r}: {exc}") from exc

    # annotations
    def put_annotations(self, annotations: Iterable[Annotation]) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?)",
                [(a.article, a.annotator, encode(a)) for a in annotations],
            )

    def get_annotations(self, ids: Iterable[str]) -> list[Annotation]:
        out = []
        for i in ids:
            row = self._one("SELECT record FROM annotations WHERE article=?", (i,))
            if row is None:
                raise NotFoundError(f"article {i!r} has no annotation yet")
            out.append(decode_annotation(row[0]))
        return out

    # stories
    def put_stories(self, stories: Iterable[Story]) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories VALUES (?, ?)", [(s.id, encode(s)) for s in stories]
            )

    def get_story(self, story_id: str) -> Story:
        row = self._one("SELECT record FROM stories WHERE id=?", (story_id,))
        if row is None:
            matches = self._all("SELECT record FROM stories WHERE id LIKE ?", (story_id + "%",))
            if len(matches) == 1:
                return decode_story(matches[0][0])
            raise NotFoundError(
                f"no story {story_id!r} in {str(self.path)!r}; `storyline stories` lists them"
            )
        return decode_story(row[0])

    # dossiers
    # one writer at a time for a read-modify-write spanning several calls
    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the store's lock ``name`` while the block runs; other holders wait.

        Each lock is a file beside the store (``<store>-<name>.lock``) held with
        ``flock``, so processes and threads take turns and a process that dies lets
        go. Writes of other kinds are not blocked.
        """
        with self._named.setdefault(name, threading.Lock()):
            if fcntl is None or str(self.path) == ":memory:":
                yield
                return
            target = self.path.with_name(f"{self.path.name}-{name}.lock")
            try:
                fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the lock file {str(target)!r} beside the store: "
                    f"{exc.strerror or exc}; the store's folder must be writable"
                ) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # closing lets go of the lock

    # failures
    def clear_failures(
        self, kind: str, ids: Iterable[str] | None = None, stage: str | None = None
    ) -> int:
        with self._tx() as db:
            if ids is None:
                cur = db.execute(
                    "DELETE FROM failures WHERE kind = ? AND (? IS NULL OR stage = ?)",
                    (kind, stage, stage),
                )
                return cur.rowcount
            removed = 0
            for i in ids:
                cur = db.execute(
                    "DELETE FROM failures WHERE kind = ? AND id = ? AND (? IS NULL OR stage = ?)",
                    (kind, i, stage, stage),
                )
                removed += cur.rowcount
            return removed

    # live sources (storyline.sources)
    def put_seen(self, item: SeenItem, article: Article | None = None) -> bool:
        with self._tx() as db:
            added = False
            if article is not None:
                cur = db.execute(
                    self.ADD_ARTICLE,
                    article_row(article, now()),
                )
                added = cur.rowcount == 1
            db.execute(
                f"INSERT OR REPLACE INTO seen ({SEEN_COLUMNS}) VALUES ({marks(9)})",
                seen_row(item, now()),
            )
            return added

    def close(self) -> None:
        self._db.close()
