"""Where records live between stages: an embedded SQLite file by default.

The engine is the only caller (stages never import the store). Every write is
its own transaction, so a crash loses nothing already committed and the next run
resumes where this one stopped.

Backends, chosen by the ``--db`` value:

    a path or ``sqlite:///path``        SQLiteStore (embedded, the default)
    ``postgresql://user@host/db``       PostgresStore (needs the ``postgres`` extra)

Any other ``scheme://`` is refused (it is no file name). Both backends store records
the same way (:mod:`storyline.store.codec`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.errors import ConfigError
from storyline.store.base import Store
from storyline.store.codec import redact
from storyline.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from storyline.store.postgres import PostgresStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SCHEMES = ("sqlite:///", *POSTGRES_SCHEMES)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def open_store(url: str) -> Store:
    """Open the store named by ``url``.

    A file path or ``sqlite:///path`` opens SQLite; ``postgresql://…`` (or
    ``postgres://…``) opens PostgreSQL, whose driver is imported only then. Any other
    URL scheme (``mysql://…``, ``sqlite://`` with two slashes) is a ConfigError.
    """
    if url.startswith(POSTGRES_SCHEMES):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    elif found := _SCHEME.match(url):
        scheme = found[1]
        hint = " (a SQLite URL has three slashes)" if scheme.lower() == "sqlite" else ""
        raise ConfigError(
            f"setting 'db' is {redact(url)!r}: the URL scheme {scheme!r} is not a store "
            f"storyline knows{hint}; use a SQLite file path (news.sqlite), "
            "sqlite:///path/news.sqlite, or postgresql://user@host/db (postgres:// also works)"
        )
    return SQLiteStore(url)


def __getattr__(name: str) -> object:
    if name == "PostgresStore":  # lazily, so that importing storyline.store needs no driver
        from storyline.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PostgresStore", "SQLiteStore", "Store", "open_store"]
