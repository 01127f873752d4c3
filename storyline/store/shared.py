"""What both SQL stores do the same way: the queries whose SQL is the same in SQLite and
PostgreSQL (written with ``?`` marks; a backend whose driver wants ``%s`` says so in
``MARK``). Each backend gives its reads (``_all``, ``_one``) and its transaction
(``_tx``), each failing with a StoreError that names the store (``name``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from storyline.errors import NotFoundError
from storyline.model import Article, Dossier, Failure, SeenItem, Story, WatchedSource
from storyline.store.codec import (
    SEEN_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_FIELDS,
    article_row,
    decode_article,
    decode_dossier,
    decode_failure,
    decode_stamp,
    decode_story,
    encode,
    failure_row,
    now,
    seen_of,
    source_of,
    source_row,
)


class SQLStore(ABC):
    name: str  # the store as messages name it (a file path, a URL without its password)
    MARK = "?"  # the driver's parameter mark
    # The writes whose SQL differs by dialect (each backend's, with ? marks): insert if
    # new, and insert or replace.
    ADD_ARTICLE: str
    ADD_SOURCE: str
    PUT_DOSSIER: str
    PUT_FAILURE: str
    # The articles' order: by publication date, undated first (PostgreSQL sorts NULL last
    # unless told), then id; {t} is the table's alias
    ARTICLE_ORDER = "{t}published, {t}id"
    # The standing failures of a kind and stage, either None (PostgreSQL types a NULL
    # parameter: ?::text)
    FAILURES = (
        "SELECT record FROM failures WHERE (? IS NULL OR kind = ?) "
        "AND (? IS NULL OR stage = ?) ORDER BY at, kind, id, stage"
    )

    @abstractmethod
    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """Every row ``sql`` reads."""

    @abstractmethod
    def _tx(self) -> AbstractContextManager[Any]:
        """One transaction: committed when the block ends, rolled back on error."""

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _sql(self, sql: str) -> str:
        return sql if self.MARK == "?" else sql.replace("?", self.MARK)

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._one(self._sql(sql), params)

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        with self._tx() as db:
            return int(db.execute(self._sql(sql), params).rowcount)

    # articles
    def add_article(self, article: Article) -> bool:
        return self._write(self.ADD_ARTICLE, article_row(article, now())) == 1

    def update_article(self, article: Article) -> None:
        self._write(
            "UPDATE articles SET published=?, record=? WHERE id=?",
            (article.published.date, encode(article), article.id),
        )

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            order = self.ARTICLE_ORDER.format(t="")
            rows = self._all(f"SELECT record FROM articles ORDER BY {order}")
            return [decode_article(r[0]) for r in rows]
        return self._articles_by_id(list(ids))

    def _articles_by_id(self, ids: list[str]) -> list[Article]:
        """The articles of ``ids``, in that order; NotFoundError naming the first missing.
        One read each here; a backend where each is a round trip reads them at once."""
        return [self.get_article(i) for i in ids]

    def get_article(self, article_id: str) -> Article:
        row = self._read("SELECT record FROM articles WHERE id=?", (article_id,))
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.name!r}")
        return decode_article(row[0])

    def article_ids(self, annotated: bool = False) -> list[str]:
        where = " WHERE id IN (SELECT article FROM annotations)" if annotated else ""
        order = self.ARTICLE_ORDER.format(t="")
        return [r[0] for r in self._all(f"SELECT id FROM articles{where} ORDER BY {order}")]

    def unannotated(self, version: str, retry_failed: bool = False) -> list[str]:
        rows = self._all(
            self._sql(
                "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article = a.id "
                "WHERE (n.article IS NULL OR n.version != ?) AND (? OR NOT EXISTS ("
                "SELECT 1 FROM failures f WHERE f.kind = 'article' AND f.id = a.id "
                f"AND f.stage = 'annotate' AND f.version = ?)) "
                f"ORDER BY {self.ARTICLE_ORDER.format(t='a.')}"
            ),
            (version, retry_failed, version),
        )
        return [r[0] for r in rows]

    def article_count(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0])

    # stories and dossiers
    def stories(self) -> list[Story]:
        return [decode_story(r[0]) for r in self._all("SELECT record FROM stories ORDER BY id")]

    def put_dossier(self, dossier: Dossier) -> None:
        self._write(self.PUT_DOSSIER, (dossier.story.id, now(), encode(dossier)))

    def get_dossier(self, story_id: str) -> Dossier:
        row = self._read("SELECT record FROM dossiers WHERE story=?", (story_id,))
        if row is None:
            raise NotFoundError(f"story {story_id!r} has no dossier yet; run `storyline build`")
        return decode_dossier(row[0])

    def dossier_fingerprint(self, story_id: str) -> str | None:
        stamp = self.dossier_stamp(story_id)
        return None if stamp is None else stamp[0]

    def dossier_stamp(self, story_id: str) -> tuple[str | None, str] | None:
        row = self._read("SELECT record FROM dossiers WHERE story=?", (story_id,))
        return None if row is None else decode_stamp(row[0])

    def put_failure(self, failure: Failure) -> None:
        self._write(self.PUT_FAILURE, failure_row(failure, now()))

    def failures(self, kind: str | None = None, stage: str | None = None) -> list[Failure]:
        rows = self._all(self._sql(self.FAILURES), (kind, kind, stage, stage))
        return [decode_failure(r[0]) for r in rows]

    # live sources
    def add_source(self, source: WatchedSource) -> bool:
        return self._write(self.ADD_SOURCE, source_row(source, now())) == 1

    def update_source(self, source: WatchedSource) -> None:
        row = source_row(source, now())
        assignments = ", ".join(f"{c}=?" for c in SOURCE_FIELDS[1:])
        self._write(f"UPDATE sources SET {assignments} WHERE url=?", (*row[1:], row[0]))

    def remove_source(self, url: str) -> bool:
        with self._tx() as db:
            db.execute(self._sql("DELETE FROM seen WHERE source=?"), (url,))
            return db.execute(self._sql("DELETE FROM sources WHERE url=?"), (url,)).rowcount == 1  # type: ignore[no-any-return]

    def watched_sources(self) -> list[WatchedSource]:
        rows = self._all(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY added, url")
        return [source_of(r) for r in rows]

    def seen_items(self, source: str) -> dict[str, SeenItem]:
        sql = self._sql(f"SELECT {SEEN_COLUMNS} FROM seen WHERE source=?")
        return {r[1]: seen_of(r) for r in self._all(sql, (source,))}

    def article_for_url(self, url: str) -> str | None:
        row = self._read(
            "SELECT article FROM seen WHERE (url=? OR canonical=?) AND article IS NOT NULL LIMIT 1",
            (url, url),
        )
        return None if row is None else str(row[0])
