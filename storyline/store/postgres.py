"""The server store: PostgreSQL, the same tables and behaviour as the SQLite default.

Chosen by a ``postgresql://user@host:port/dbname`` URL. The driver (psycopg 3) is
an optional extra, imported here and only here; without it opening the store
says how to install it. Every write is one transaction, and articles go in with
``INSERT ... ON CONFLICT DO NOTHING``: several ingest processes writing the same
articles at once store each exactly once, and a killed process loses nothing it
committed.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from storyline.errors import EXTRAS, MissingExtraError, NotFoundError, StoreError
from storyline.model import Annotation, Article, SeenItem, Story
from storyline.store.codec import (
    SCHEMA_VERSION,
    SEEN_COLUMNS,
    SEEN_FIELDS,
    SOURCE_COLUMNS,
    article_row,
    decode_annotation,
    decode_article,
    decode_story,
    encode,
    marks,
    now,
    redact,
    seen_row,
)
from storyline.store.shared import SQLStore

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

INSTALL = EXTRAS["postgres"]

# Text keys compare byte-wise (COLLATE "C") so that ordering matches SQLite's whatever
# locale the database was created with; NULL dates sort first, as in SQLite.
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT COLLATE "C" PRIMARY KEY, published TEXT COLLATE "C", added TEXT NOT NULL,
    record BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS annotations (
    article TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id), version TEXT NOT NULL,
    record BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS stories (id TEXT COLLATE "C" PRIMARY KEY, record BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS dossiers (
    story TEXT COLLATE "C" PRIMARY KEY, built TEXT NOT NULL, record BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS failures (
    kind TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, stage TEXT COLLATE "C" NOT NULL,
    version TEXT, at TEXT COLLATE "C" NOT NULL, record BYTEA NOT NULL,
    PRIMARY KEY (kind, id, stage));
CREATE TABLE IF NOT EXISTS sources (
    url TEXT COLLATE "C" PRIMARY KEY, kind TEXT, added TEXT COLLATE "C" NOT NULL,
    last_poll TEXT, last_success TEXT, etag TEXT, last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0, failing_since TEXT, last_error TEXT);
CREATE TABLE IF NOT EXISTS seen (
    source TEXT COLLATE "C" NOT NULL, item TEXT COLLATE "C" NOT NULL, url TEXT NOT NULL,
    canonical TEXT, first_seen TEXT NOT NULL, article TEXT, state TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, last_error TEXT, PRIMARY KEY (source, item));
CREATE INDEX IF NOT EXISTS seen_url ON seen (url);
CREATE INDEX IF NOT EXISTS seen_canonical ON seen (canonical);
"""
# Key of the advisory lock that serializes schema creation between processes opening
# a fresh database at once (CREATE TABLE IF NOT EXISTS alone races in PostgreSQL).
_SCHEMA_LOCK = 0x5707_1E_01
# Keys of the named locks of ``PostgresStore.lock``: this plus the CRC-32 of the name.
_LOCK_BASE = 0x5707_1E_02 << 32


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise MissingExtraError(
            "postgres", "a postgresql:// store needs the PostgreSQL driver (psycopg)"
        ) from exc
    return psycopg


class PostgresStore(SQLStore):
    """Store backed by a PostgreSQL database (any server >= 11)."""

    MARK = "%s"
    ARTICLE_ORDER = "{t}published NULLS FIRST, {t}id"
    ADD_ARTICLE = "INSERT INTO articles VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
    ADD_SOURCE = (
        f"INSERT INTO sources ({SOURCE_COLUMNS}) VALUES ({marks(10)}) ON CONFLICT (url) DO NOTHING"
    )
    PUT_DOSSIER = (
        "INSERT INTO dossiers VALUES (?, ?, ?) ON CONFLICT (story) "
        "DO UPDATE SET built = EXCLUDED.built, record = EXCLUDED.record"
    )
    PUT_FAILURE = (
        "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, id, stage) DO UPDATE SET version = EXCLUDED.version, "
        "at = EXCLUDED.at, record = EXCLUDED.record"
    )
    FAILURES = (
        "SELECT record FROM failures WHERE (?::text IS NULL OR kind = ?) "
        "AND (?::text IS NULL OR stage = ?) ORDER BY at, kind, id, stage"
    )

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = redact(url)
        pg = _driver()
        self._errors: type[Exception] = pg.Error
        try:
            self._db: psycopg.Connection[Any] = pg.connect(url, autocommit=True)
        except pg.Error as exc:
            raise StoreError(
                f"cannot connect to the store {self.name!r}: {exc}".rstrip()
                + "; check that the server runs and the URL (user, host, port, database) is right"
            ) from exc
        self._lock = threading.Lock()
        self._named: dict[str, threading.Lock] = {}
        try:
            found = self._create_schema()
        except StoreError:
            self._db.close()
            raise
        if found != SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"store {self.name!r} has schema {found}, this storyline needs "
                f"{SCHEMA_VERSION}; build into a new database"
            )

    def _create_schema(self) -> str | None:
        """Create the tables if missing; the schema version the database holds."""
        with self._tx() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            db.execute(SCHEMA)
            db.execute(
                "INSERT INTO meta VALUES ('schema', %s) ON CONFLICT (key) DO NOTHING",
                (SCHEMA_VERSION,),
            )
            found = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return None if found is None else str(found[0])

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection[Any]]:
        """One transaction: committed when the block ends, rolled back on error."""
        with self._lock:
            try:
                with self._db.transaction():
                    yield self._db
            except self._errors as exc:
                raise StoreError(f"store {self.name!r}: {exc}") from exc

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except self._errors as exc:
                raise StoreError(f"store {self.name!r}: {exc}") from exc

    # articles
    def _articles_by_id(self, wanted: list[str]) -> list[Article]:
        found = self._by_id("SELECT id, record FROM articles WHERE id = ANY(%s)", wanted)
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFoundError(f"no article {missing[0]!r} in {self.name!r}")
        return [decode_article(found[i]) for i in wanted]

    def _by_id(self, sql: str, ids: list[str]) -> dict[str, bytes]:
        """One query for many ids (SQLite does one per id; here each is a round trip)."""
        if not ids:
            return {}
        return {r[0]: bytes(r[1]) for r in self._all(sql, (list(set(ids)),))}

    # annotations
    def put_annotations(self, annotations: Iterable[Annotation]) -> None:
        rows = [(a.article, a.annotator, encode(a)) for a in annotations]
        if not rows:
            return
        with self._tx() as db, db.cursor() as cur:
            cur.executemany(
                "INSERT INTO annotations VALUES (%s, %s, %s) ON CONFLICT (article) "
                "DO UPDATE SET version = EXCLUDED.version, record = EXCLUDED.record",
                rows,
            )

    def get_annotations(self, ids: Iterable[str]) -> list[Annotation]:
        wanted = list(ids)
        found = self._by_id(
            "SELECT article, record FROM annotations WHERE article = ANY(%s)", wanted
        )
        for i in wanted:
            if i not in found:
                raise NotFoundError(f"article {i!r} has no annotation yet")
        return [decode_annotation(found[i]) for i in wanted]

    # stories
    def put_stories(self, stories: Iterable[Story]) -> None:
        rows = [(s.id, encode(s)) for s in stories]
        with self._tx() as db:
            # One replacement at a time, as SQLite's database lock gives: without it a
            # second writer's DELETE misses rows the first has just inserted, and its
            # INSERT then collides with them.
            db.execute("LOCK TABLE stories IN EXCLUSIVE MODE")
            db.execute("DELETE FROM stories")
            if rows:
                with db.cursor() as cur:
                    cur.executemany("INSERT INTO stories VALUES (%s, %s)", rows)

    def get_story(self, story_id: str) -> Story:
        rows = self._all("SELECT record FROM stories WHERE id=%s", (story_id,))
        if not rows:
            rows = self._all(
                "SELECT record FROM stories WHERE starts_with(id, %s) LIMIT 2", (story_id,)
            )
            if len(rows) == 1:
                return decode_story(rows[0][0])
            raise NotFoundError(
                f"no story {story_id!r} in {self.name!r}; `storyline stories` lists them"
            )
        return decode_story(rows[0][0])

    # dossiers
    # one writer at a time for a read-modify-write spanning several calls
    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the store's lock ``name`` while the block runs; other holders wait.

        A session-level advisory lock: every connection to the database takes turns,
        and the server lets go of it when a holder's connection drops.
        """
        key = _LOCK_BASE + zlib.crc32(name.encode())
        with self._named.setdefault(name, threading.Lock()):
            with self._lock:
                try:
                    self._db.execute("SELECT pg_advisory_lock(%s)", (key,))
                except self._errors as exc:
                    raise StoreError(f"store {self.name!r}: {exc}") from exc
            try:
                yield
            finally:
                with self._lock:
                    try:
                        self._db.execute("SELECT pg_advisory_unlock(%s)", (key,))
                    except self._errors:
                        log.warning("store %s: could not release lock %r", self.name, name)

    # failures
    def clear_failures(
        self, kind: str, ids: Iterable[str] | None = None, stage: str | None = None
    ) -> int:
        wanted = None if ids is None else list(ids)
        if wanted == []:
            return 0
        with self._tx() as db:
            cur = db.execute(
                "DELETE FROM failures WHERE kind = %s AND (%s::text[] IS NULL OR id = ANY(%s)) "
                "AND (%s::text IS NULL OR stage = %s)",
                (kind, wanted, wanted, stage, stage),
            )
            return cur.rowcount

    # live sources (storyline.sources)
    def put_seen(self, item: SeenItem, article: Article | None = None) -> bool:
        with self._tx() as db:
            added = False
            if article is not None:
                cur = db.execute(
                    self._sql(self.ADD_ARTICLE),
                    article_row(article, now()),
                )
                added = cur.rowcount == 1
            db.execute(
                f"INSERT INTO seen ({SEEN_COLUMNS}) VALUES ({marks(9, '%s')}) "
                "ON CONFLICT (source, item) DO UPDATE SET "
                + ", ".join(f"{c} = EXCLUDED.{c}" for c in SEEN_FIELDS[2:]),
                seen_row(item, now()),
            )
            return added

    def close(self) -> None:
        self._db.close()


__all__ = ["PostgresStore", "redact"]
