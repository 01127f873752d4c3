"""Where records live between stages: an embedded SQLite file by default.

The engine is the only caller (stages never import the store). Every write is
its own transaction, so a crash loses nothing already committed and the next run
resumes where this one stopped.
"""

from __future__ import annotations

from storyline.store.base import Store
from storyline.store.sqlite import SQLiteStore


def open_store(url: str) -> Store:
    """Open the store named by ``url``: a file path (SQLite) or ``sqlite:///path``."""
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///") :]
    return SQLiteStore(url)


__all__ = ["SQLiteStore", "Store", "open_store"]
