"""How records are stored, the same in every backend: msgpack bytes, and the rows of
the watched-sources tables. Both stores (SQLite, PostgreSQL) use these and nothing else
of each other, so a record written by one reads back the same from the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import msgspec

from storyline.model import Annotation, Article, Dossier, Failure, SeenItem, Story, WatchedSource

# The failures, sources and seen tables came after schema 1 was published: CREATE TABLE IF
# NOT EXISTS adds them to an older store on open, and nothing else changed, so the schema
# version stays 1.
SCHEMA_VERSION = "1"

encode = msgspec.msgpack.Encoder().encode
decode_article = msgspec.msgpack.Decoder(Article).decode
decode_annotation = msgspec.msgpack.Decoder(Annotation).decode
decode_story = msgspec.msgpack.Decoder(Story).decode
decode_dossier = msgspec.msgpack.Decoder(Dossier).decode
decode_failure = msgspec.msgpack.Decoder(Failure).decode


class _Stamp(msgspec.Struct):
    """Only the fingerprint and build time of a stored dossier: msgspec skips the rest."""

    fingerprint: str | None = None
    generated: str = ""


_decode_stamp = msgspec.msgpack.Decoder(_Stamp).decode


def decode_stamp(record: bytes) -> tuple[str | None, str]:
    """A stored dossier's ``(fingerprint, generated)``, without decoding the dossier."""
    found = _decode_stamp(record)
    return found.fingerprint, found.generated


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


def article_row(article: Article, now: str) -> tuple[object, ...]:
    """The row of ``article`` in the articles table: id, published, added, record."""
    return (article.id, article.published.date, now, encode(article))


def failure_row(failure: Failure, now: str) -> tuple[object, ...]:
    """The row of ``failure`` in the failures table: kind, id, stage, version, at, record."""
    return (
        failure.kind,
        failure.id,
        failure.stage,
        failure.version,
        failure.at or now,
        encode(failure),
    )


def marks(n: int, mark: str = "?") -> str:
    """``n`` parameter marks of the driver's style: "?, ?, ?" or "%s, %s, %s"."""
    return ", ".join([mark] * n)


def _row(record: msgspec.Struct, fields: Sequence[str], stamp: str, now: str) -> tuple[object, ...]:
    """The row of ``record`` in ``fields`` order, its ``stamp`` field set to ``now`` if unset."""
    values = msgspec.structs.asdict(record)
    values[stamp] = values[stamp] or now
    return tuple(values[f] for f in fields)


def source_row(source: WatchedSource, now: str) -> tuple[object, ...]:
    """The row of ``source`` in SOURCE_FIELDS order."""
    return _row(source, SOURCE_FIELDS, "added", now)


def source_of(row: tuple[object, ...]) -> WatchedSource:
    return msgspec.convert(dict(zip(SOURCE_FIELDS, row, strict=True)), WatchedSource)


def seen_row(item: SeenItem, now: str) -> tuple[object, ...]:
    return _row(item, SEEN_FIELDS, "first_seen", now)


def seen_of(row: tuple[object, ...]) -> SeenItem:
    return msgspec.convert(dict(zip(SEEN_FIELDS, row, strict=True)), SeenItem)


def now() -> str:
    """A row's time stamp: ISO 8601, UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def redact(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


__all__ = [
    "SCHEMA_VERSION",
    "SEEN_COLUMNS",
    "SEEN_FIELDS",
    "SOURCE_COLUMNS",
    "SOURCE_FIELDS",
    "article_row",
    "decode_annotation",
    "decode_article",
    "decode_dossier",
    "decode_failure",
    "decode_stamp",
    "decode_story",
    "encode",
    "failure_row",
    "marks",
    "now",
    "redact",
    "seen_of",
    "seen_row",
    "source_of",
    "source_row",
]
