"""The embedded store: one SQLite file in WAL mode, created on first use."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from storyline.errors import NotFoundError, StoreError
from storyline.model import Annotation, Article, Dossier, Failure, SeenItem, Story, WatchedSource

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
# The failures, sources and seen tables came after schema 1 was published: CREATE TABLE IF
# NOT EXISTS adds them to an older store on open, and nothing else changed, so the schema
# version stays 1.
SCHEMA_VERSION = "1"

_enc = msgspec.msgpack.Encoder()
_dec_article = msgspec.msgpack.Decoder(Article)
_dec_annotation = msgspec.msgpack.Decoder(Annotation)
_dec_story = msgspec.msgpack.Decoder(Story)
_dec_dossier = msgspec.msgpack.Decoder(Dossier)
_dec_failure = msgspec.msgpack.Decoder(Failure)


class _Fingerprint(msgspec.Struct):
    """Only the fingerprint and build time of a stored dossier: msgspec skips the rest."""

    fingerprint: str | None = None
    generated: str = ""


_dec_fingerprint = msgspec.msgpack.Decoder(_Fingerprint)


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


class SQLiteStore:
    """Store backed by one SQLite file (WAL mode)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
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

    # articles
    def add_article(self, article: Article) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?)",
                (article.id, article.published.date, _now(), _enc.encode(article)),
            )
            return cur.rowcount == 1

    def update_article(self, article: Article) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE articles SET published=?, record=? WHERE id=?",
                (article.published.date, _enc.encode(article), article.id),
            )

    def get_article(self, article_id: str) -> Article:
        row = self._db.execute("SELECT record FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {str(self.path)!r}")
        return _dec_article.decode(row[0])

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._db.execute("SELECT record FROM articles ORDER BY published, id").fetchall()
            return [_dec_article.decode(r[0]) for r in rows]
        return [self.get_article(i) for i in ids]

    def article_ids(self, annotated: bool = False) -> list[str]:
        where = " WHERE id IN (SELECT article FROM annotations)" if annotated else ""
        rows = self._db.execute(f"SELECT id FROM articles{where} ORDER BY published, id").fetchall()
        return [r[0] for r in rows]

    def article_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # annotations
    def put_annotations(self, annotations: Iterable[Annotation]) -> None:
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?)",
                [(a.article, a.annotator, _enc.encode(a)) for a in annotations],
            )

    def get_annotations(self, ids: Iterable[str]) -> list[Annotation]:
        out = []
        for i in ids:
            row = self._db.execute(
                "SELECT record FROM annotations WHERE article=?", (i,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"article {i!r} has no annotation yet")
            out.append(_dec_annotation.decode(row[0]))
        return out

    def unannotated(self, version: str, retry_failed: bool = False) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article = a.id "
            "WHERE (n.article IS NULL OR n.version != ?) AND (? OR NOT EXISTS ("
            "SELECT 1 FROM failures f WHERE f.kind = 'article' AND f.id = a.id "
            "AND f.stage = 'annotate' AND f.version = ?)) ORDER BY a.published, a.id",
            (version, retry_failed, version),
        ).fetchall()
        return [r[0] for r in rows]

    # stories
    def put_stories(self, stories: Iterable[Story]) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories VALUES (?, ?)", [(s.id, _enc.encode(s)) for s in stories]
            )

    def stories(self) -> list[Story]:
        rows = self._db.execute("SELECT record FROM stories ORDER BY id").fetchall()
        return [_dec_story.decode(r[0]) for r in rows]

    def get_story(self, story_id: str) -> Story:
        row = self._db.execute("SELECT record FROM stories WHERE id=?", (story_id,)).fetchone()
        if row is None:
            matches = self._db.execute(
                "SELECT record FROM stories WHERE id LIKE ?", (story_id + "%",)
            ).fetchall()
            if len(matches) == 1:
                return _dec_story.decode(matches[0][0])
            raise NotFoundError(
                f"no story {story_id!r} in {str(self.path)!r}; `storyline stories` lists them"
            )
        return _dec_story.decode(row[0])

    # dossiers
    def put_dossier(self, dossier: Dossier) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO dossiers VALUES (?, ?, ?)",
                (dossier.story.id, _now(), _enc.encode(dossier)),
            )

    def get_dossier(self, story_id: str) -> Dossier:
        row = self._db.execute("SELECT record FROM dossiers WHERE story=?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"story {story_id!r} has no dossier yet; run `storyline build`")
        return _dec_dossier.decode(row[0])

    def dossier_fingerprint(self, story_id: str) -> str | None:
        stamp = self.dossier_stamp(story_id)
        return None if stamp is None else stamp[0]

    def dossier_stamp(self, story_id: str) -> tuple[str | None, str] | None:
        row = self._db.execute("SELECT record FROM dossiers WHERE story=?", (story_id,)).fetchone()
        if row is None:
            return None
        found = _dec_fingerprint.decode(row[0])
        return found.fingerprint, found.generated

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
    def put_failure(self, failure: Failure) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)",
                (
                    failure.kind,
                    failure.id,
                    failure.stage,
                    failure.version,
                    failure.at or _now(),
                    _enc.encode(failure),
                ),
            )

    def failures(self, kind: str | None = None, stage: str | None = None) -> list[Failure]:
        rows = self._db.execute(
            "SELECT record FROM failures WHERE (? IS NULL OR kind = ?) "
            "AND (? IS NULL OR stage = ?) ORDER BY at, kind, id, stage",
            (kind, kind, stage, stage),
        ).fetchall()
        return [_dec_failure.decode(r[0]) for r in rows]

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
    def add_source(self, source: WatchedSource) -> bool:
        with self._tx() as db:
            cur = db.execute(
                f"INSERT OR IGNORE INTO sources ({SOURCE_COLUMNS}) VALUES ({_marks(10)})",
                source_row(source, _now()),
            )
            return cur.rowcount == 1

    def update_source(self, source: WatchedSource) -> None:
        row = source_row(source, _now())
        with self._tx() as db:
            db.execute(
                f"UPDATE sources SET {', '.join(c + '=?' for c in SOURCE_FIELDS[1:])} WHERE url=?",
                (*row[1:], row[0]),
            )

    def remove_source(self, url: str) -> bool:
        with self._tx() as db:
            db.execute("DELETE FROM seen WHERE source=?", (url,))
            return db.execute("DELETE FROM sources WHERE url=?", (url,)).rowcount == 1

    def watched_sources(self) -> list[WatchedSource]:
        rows = self._db.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY added, url")
        return [source_of(r) for r in rows.fetchall()]

    def seen_items(self, source: str) -> dict[str, SeenItem]:
        rows = self._db.execute(
            f"SELECT {SEEN_COLUMNS} FROM seen WHERE source=?", (source,)
        ).fetchall()
        return {r[1]: seen_of(r) for r in rows}

    def article_for_url(self, url: str) -> str | None:
        row = self._db.execute(
            "SELECT article FROM seen WHERE (url=? OR canonical=?) AND article IS NOT NULL LIMIT 1",
            (url, url),
        ).fetchone()
        return None if row is None else str(row[0])

    def put_seen(self, item: SeenItem, article: Article | None = None) -> bool:
        with self._tx() as db:
            added = False
            if article is not None:
                cur = db.execute(
                    "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?)",
                    (article.id, article.published.date, _now(), _enc.encode(article)),
                )
                added = cur.rowcount == 1
            db.execute(
                f"INSERT OR REPLACE INTO seen ({SEEN_COLUMNS}) VALUES ({_marks(9)})",
                seen_row(item, _now()),
            )
            return added

    def close(self) -> None:
        self._db.close()


SOURCE_FIELDS = (
    "url",
    "kind",
    "added",
    "last_poll",
    "last_success",
    "etag",
    "last_modified",
    "failures",
    "failing_since",
    "last_error",
)
SOURCE_COLUMNS = ", ".join(SOURCE_FIELDS)
SEEN_FIELDS = (
    "source",
    "item",
    "url",
    "canonical",
    "first_seen",
    "article",
    "state",
    "failures",
    "last_error",
)
SEEN_COLUMNS = ", ".join(SEEN_FIELDS)


def _marks(n: int, mark: str = "?") -> str:
    return ", ".join([mark] * n)


def source_row(source: WatchedSource, now: str) -> tuple[object, ...]:
    """The row of ``source`` in SOURCE_FIELDS order (shared with the PostgreSQL store)."""
    values = msgspec.structs.asdict(source)
    values["added"] = values["added"] or now
    return tuple(values[f] for f in SOURCE_FIELDS)


def source_of(row: tuple[object, ...]) -> WatchedSource:
    return msgspec.convert(dict(zip(SOURCE_FIELDS, row, strict=True)), WatchedSource)


def seen_row(item: SeenItem, now: str) -> tuple[object, ...]:
    values = msgspec.structs.asdict(item)
    values["first_seen"] = values["first_seen"] or now
    return tuple(values[f] for f in SEEN_FIELDS)


def seen_of(row: tuple[object, ...]) -> SeenItem:
    return msgspec.convert(dict(zip(SEEN_FIELDS, row, strict=True)), SeenItem)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
