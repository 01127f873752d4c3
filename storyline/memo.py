"""What a stage derives from one article alone, kept per process for the next build.

Rule: a product is stored under a digest of everything it is computed from (the
records or fields it reads, encoded whole), so that a changed input (an article
annotated again, given an inferred date or new zones) misses instead of hitting a
stale product; a hit returns exactly what computing it again would.
Why: a story that gains one report is linked and synthesized again over all its
reports, and most of that work reads one report at a time (``storyline watch``
rebuilds a story of hundreds of reports for each new one).

The caches are bounded (5,000 reports each by default, least recently used dropped first:
a few stories of hundreds of reports) and thread-safe; the
web app's worker threads and the poller share them. ``clear_all`` empties every one
(tests and benchmarks measure a build from scratch with it).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeVar

import msgspec

from storyline.errors import StorylineError

T = TypeVar("T")

_encoder = msgspec.msgpack.Encoder()
_memos: list[Memo[Any]] = []
_checking = threading.Event()


class StaleMemo(StorylineError):
    """A stored product differs from the one computed again from the same inputs."""


def digest(*parts: object) -> bytes:
    """A 16-byte digest of ``parts`` (records, strings, numbers, lists of them), encoded
    whole: two inputs with one field apart have different digests."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = _encoder.encode(part)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


class Memo(Generic[T]):
    """A bounded map from an input's key to the product computed from it."""

    def __init__(self, name: str, size: int = 5000) -> None:
        self.name = name
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        _memos.append(self)

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The product stored under ``key``, made (and stored) when there is none."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                stored = self._items[key]
                hit = True
            else:
                self.misses += 1
                hit = False
        if hit:
            if _checking.is_set() and make() != stored:
                raise StaleMemo(
                    f"memo {self.name!r} returned a product that differs from the one computed "
                    "again for the same key: its key misses an input the product reads; "
                    "add that input to the key"
                )
            return stored
        value = make()  # outside the lock: two threads may make it twice, never wrongly
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)


@contextlib.contextmanager
def checking() -> Iterator[None]:
    """Within it, every hit is computed again and compared (``StaleMemo`` when they
    differ): how the tests prove that no key misses an input."""
    _checking.set()
    try:
        yield
    finally:
        _checking.clear()


def clear_all() -> None:
    """Empty every memo of the process: the next build computes everything again."""
    for memo in _memos:
        memo.clear()


def stats() -> dict[str, tuple[int, int]]:
    """(hits, misses) per memo since it was last cleared."""
    return {m.name: (m.hits, m.misses) for m in _memos}


__all__ = ["Memo", "StaleMemo", "checking", "clear_all", "digest", "stats"]
