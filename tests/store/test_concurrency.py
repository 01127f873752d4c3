"""Two ingest processes at once, and an ingest killed mid-batch, on every backend.

Each case runs real processes (``ingest_proc.py``, or the ``storyline`` command)
against one store: the store must end with every article exactly once, whatever the
interleaving or the crash, and commands run at once must all finish (exit 0 or 3).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from storyline.annotate import annotator_version
from storyline.engine import ingest
from storyline.ingest import read_inputs
from storyline.model import Article
from storyline.render import files as dossier_files
from storyline.settings import Settings
from storyline.store import Store, open_store
from tests.builders import dossier, story
from tests.crashes import check, cli, write_batches

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


def expected_ids(paths: list[Path]) -> list[str]:
    return [a.id for a in read_inputs(paths) if isinstance(a, Article)]


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


@pytest.mark.slow
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


@pytest.mark.slow
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


# Whole commands at once: real `storyline` processes (model loading, annotation, story
# detection, dossiers) on one store, on the fictional corpus of tests/crashes.py.


def run_together(*commands: list[str], stagger: float = 0.0) -> list[subprocess.CompletedProcess]:
    procs = []
    for cmd in commands:
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        time.sleep(stagger)
    done = []
    for proc, cmd in zip(procs, commands, strict=True):
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    return done


def assert_finished(*results: subprocess.CompletedProcess) -> None:
    for r in results:
        assert r.returncode in (0, 3), r.stderr.decode(errors="replace")[-2000:]


@pytest.mark.slow
def test_two_ingest_commands_at_once_both_finish(store_url: str, tmp_path: Path) -> None:
    batches = write_batches(tmp_path / "corpus")
    # Each process stores its articles while the other is annotating its own: story
    # detection in one meets articles the other has stored and not annotated yet.
    results = run_together(
        cli("ingest", *batches[0::2], "--db", store_url, "-q"),
        cli("ingest", *batches[1::2], "--db", store_url, "-q"),
        stagger=0.2,
    )
    assert [r.returncode for r in results] == [0, 0], [r.stderr.decode()[-800:] for r in results]
    settings = Settings(db=store_url, out=str(tmp_path / "out"))
    store = open_store(store_url)
    try:
        ids = store.article_ids()
        assert sorted(ids) == sorted(expected_ids(batches))
        assert not store.unannotated(annotator_version(settings.embedder, settings.budget))
        # the detection that ran last saw every article annotated and placed each once
        placed = sorted(a for s in store.stories() for a in s.articles)
        assert placed == sorted(ids)
        assert len(store.stories()) == 3
    finally:
        store.close()


@pytest.mark.slow
def test_a_build_and_an_ingest_at_once_then_two_builds_into_one_folder(
    store_url: str, tmp_path: Path
) -> None:
    batches = write_batches(tmp_path / "corpus")
    out = tmp_path / "out"
    first = run_together(
        cli("build", *batches[:3], "--db", store_url, "-o", out, "-q"),
        cli("ingest", *batches[3:], "--db", store_url, "-q"),
        stagger=0.2,
    )
    assert_finished(*first)
    for folder in out.iterdir():  # whatever the build wrote is whole
        assert dossier_files.verify(folder) is not None, folder

    # Two builds of everything into the same folder: both finish, and the files they
    # leave are the dossiers the store holds, each one whole and of one build.
    second = run_together(
        cli("build", *batches, "--db", store_url, "-o", out, "-q"),
        cli("build", *batches, "--db", store_url, "-o", out, "-q"),
    )
    assert_finished(*second)
    settings = Settings(db=store_url, out=str(out))
    assert check(batches, settings, committed=set()) == []


def test_a_stored_dossiers_stamp_reads_without_the_dossier(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert store.dossier_stamp("s-1a2b") is None
    built = dossier(
        story("s-1a2b", "Ferry"),
        generated="2025-03-12T10:00:00+00:00",
        fingerprint="0f1e2d3c4b5a6978",
    )
    store.put_dossier(built)
    assert store.dossier_stamp("s-1a2b") == ("0f1e2d3c4b5a6978", "2025-03-12T10:00:00+00:00")
    store.put_dossier(msgspec.structs.replace(built, generated="2025-03-12T10:00:01+00:00"))
    assert make_store().dossier_stamp("s-1a2b") == ("0f1e2d3c4b5a6978", "2025-03-12T10:00:01+00:00")


def test_a_store_lock_is_held_by_one_connection_at_a_time(
    make_store: Callable[[], Store],
) -> None:
    first, second = make_store(), make_store()  # two connections, as two processes have
    order: list[str] = []
    holding = threading.Event()

    def detect_elsewhere() -> None:
        with first.lock("detect"):
            holding.set()
            time.sleep(0.3)
            order.append("first done")

    t = threading.Thread(target=detect_elsewhere)
    t.start()
    assert holding.wait(10)
    with second.lock("other"):  # another name does not wait
        order.append("other name")
    with second.lock("detect"):
        order.append("second")
    t.join()
    assert order == ["other name", "first done", "second"]
