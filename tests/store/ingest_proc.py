"""Run stage 1 (ingest) into a store from a separate process, as a second user would.

    python ingest_proc.py STORE_URL INPUT REPORT [--go FILE] [--delay SECONDS]

Waits for the file ``--go`` to exist (so that two processes start together), ingests
INPUT through ``storyline.engine.ingest`` and writes the ids it added and found
already stored to REPORT as JSON. ``--delay`` pauses after each article so that a
test can kill the process in the middle of a batch.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from storyline.engine import ingest
from storyline.model import Article
from storyline.settings import Settings
from storyline.store import Store, open_store


class SlowStore:
    """Passes every call through; sleeps after each article it stores."""

    def __init__(self, store: Store, delay: float) -> None:
        self._store = store
        self._delay = delay

    def add_article(self, article: Article) -> bool:
        added = self._store.add_article(article)
        time.sleep(self._delay)
        return added

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("store")
    p.add_argument("input")
    p.add_argument("report")
    p.add_argument("--go")
    p.add_argument("--delay", type=float, default=0.0)
    args = p.parse_args()
    store = open_store(args.store)
    try:
        if args.go:
            deadline = time.monotonic() + 60
            while not Path(args.go).exists() and time.monotonic() < deadline:
                time.sleep(0.005)
        target = SlowStore(store, args.delay) if args.delay else store
        report = ingest([args.input], target, Settings(db=args.store))  # type: ignore[arg-type]
    finally:
        store.close()
    Path(args.report).write_text(
        json.dumps({"added": report.added, "unchanged": report.unchanged}), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
