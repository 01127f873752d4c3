"""Two ingest processes at once, and an ingest killed mid-batch, on every backend.

Each case runs real processes (``ingest_proc.py``) against one store: the store
must end with every article exactly once, whatever the interleaving or the crash.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec

from storyline.engine import ingest
from storyline.ingest import read_inputs
from storyline.model import Article
from storyline.settings import Settings
from storyline.store import open_store

WORKER = Path(__file__).with_name("ingest_proc.py")
PLACES = ["Orrin Valley", "Pellham Point", "Castro Quay", "Lindqvist Bay", "Marrow Fen"]


def write_feed(path: Path, numbers: list[int]) -> None:
    """A JSONL feed of fictional reports, one per number, each text unique."""
    lines = []
    for n in numbers:
        place = PLACES[n % len(PLACES)]
        text = (
            f"Relief convoy {n} reached {place} on Tuesday, the regional council said. "
            f"Volunteers unloaded {n * 3 + 7} crates of water and {n + 11} tents before dusk."
        )
        day = 1 + n % 28
        lines.append(
            json.dumps(
                {
                    "text": text,
                    "outlet": "Fen Courier",
                    "date": f"2025-04-{day:02d}",
                    "language": "en",
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def expected(path: Path) -> dict[str, Article]:
    articles = [a for a in read_inputs([path]) if isinstance(a, Article)]
    return {a.id: a for a in articles}


def start(store_url: str, feed: Path, report: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), store_url, str(feed), str(report), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[bytes]) -> None:
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode(errors="replace")


def stored(store_url: str) -> dict[str, Article]:
    store = open_store(store_url)
    try:
        articles = store.articles()
        assert store.article_count() == len(articles)
    finally:
        store.close()
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids)), "an article is stored twice"
    return {a.id: a for a in articles}


def test_two_processes_ingesting_at_once_lose_and_duplicate_nothing(
    store_url: str, tmp_path: Path
) -> None:
    numbers = list(range(150))
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    write_feed(forward, numbers)
    write_feed(backward, numbers[::-1])  # the same reports, met from the other end
    want = expected(forward)
    assert len(want) == len(numbers)
    go = tmp_path / "go"
    reports = [tmp_path / "a.json", tmp_path / "b.json"]
    procs = [
        start(store_url, forward, reports[0], "--go", str(go), "--delay", "0.002"),
        start(store_url, backward, reports[1], "--go", str(go), "--delay", "0.002"),
    ]
    time.sleep(0.2)
    go.touch()
    for proc in procs:
        finish(proc)

    got = stored(store_url)
    assert set(got) == set(want)
    a, b = (json.loads(r.read_text()) for r in reports)
    for i, article in got.items():  # each whole, as read by the process that stored it
        path = forward if i in a["added"] else backward
        assert article == msgspec.structs.replace(want[i], path=str(path))
    # each process saw every article, and exactly one of them stored each
    assert sorted(a["added"] + a["unchanged"]) == sorted(want)
    assert sorted(b["added"] + b["unchanged"]) == sorted(want)
    assert not set(a["added"]) & set(b["added"])
    assert set(a["added"]) | set(b["added"]) == set(want)


def test_an_ingest_killed_mid_batch_resumes_with_every_article_once(
    store_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, list(range(200)))
    want = expected(feed)
    proc = start(store_url, feed, tmp_path / "killed.json", "--delay", "0.02")
    store = open_store(store_url)
    try:
        deadline = time.monotonic() + 60
        while store.article_count() < 20 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
    finally:
        store.close()
    before = stored(store_url)
    assert 20 <= len(before) < len(want), "the kill did not land in the middle of the batch"
    assert all(want[i] == a for i, a in before.items())  # what was committed is whole

    store = open_store(store_url)  # the next run, in this process
    try:
        rerun = ingest([feed], store, Settings(db=store_url))
    finally:
        store.close()
    assert stored(store_url) == want
    assert set(rerun.unchanged) == set(before)
    assert set(rerun.added) == set(want) - set(before)
