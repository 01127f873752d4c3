"""Failure records, on every backend: stored once per (kind, id, stage), skipped, cleared.

And the poisoned-store case end to end on SQLite and PostgreSQL: a store holding
an article the annotator failed on keeps working for every later build and ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline import engine
from storyline.cli.main import EXIT_OK, EXIT_REJECTED, main
from storyline.model import Failure
from storyline.store import Store, open_store
from tests import isolation_hooks as hooks
from tests.store.test_contract import annotation, article, stored


def failed(
    record_id: str,
    stage: str = "annotate",
    version: str | None = "v1",
    kind: str = "article",
    at: str = "2031-01-01T00:00:00+00:00",
) -> Failure:
    return Failure(
        kind=kind,  # type: ignore[arg-type]
        id=record_id,
        stage=stage,  # type: ignore[arg-type]
        error="KeyError",
        reason="'1998'",
        path=f"{record_id}.txt" if kind == "article" else None,
        version=version,
        at=at,
    )


def test_a_failure_is_stored_once_per_record_and_stage(make_store: Callable[[], Store]) -> None:
    store = make_store()
    store.add_article(article(1))
    store.put_failure(failed("a001"))
    store.put_failure(failed("a001"))  # idempotent
    later = failed("a001", version="v2", at="2031-01-02T00:00:00+00:00")
    store.put_failure(later)  # the same article and stage: replaced
    store.put_failure(failed("a001", stage="infer_dates"))
    store.put_failure(failed("s-1", stage="render", kind="story", version=None))
    assert store.failures() == [
        failed("a001", stage="infer_dates"),
        failed("s-1", stage="render", kind="story", version=None),
        later,
    ]
    assert make_store().failures("article", "annotate") == [later]  # committed
    assert [f.id for f in store.failures("story")] == ["s-1"]
    assert store.failures(stage="infer_dates") == [failed("a001", stage="infer_dates")]


def test_an_article_that_failed_is_skipped_until_the_version_changes_or_a_retry(
    make_store: Callable[[], Store],
) -> None:
    store = make_store()
    arts = stored(store, 1, 2, 3)
    store.put_annotations([annotation(arts[0], "v1")])
    store.put_failure(failed("a002", version="v1"))
    store.put_failure(failed("a003", stage="infer_dates", version="v1"))  # not an annotate one
    assert store.unannotated("v1") == ["a003"]
    assert store.unannotated("v1", retry_failed=True) == ["a002", "a003"]
    assert store.unannotated("v2") == ["a001", "a002", "a003"]  # a new annotator tries again
    assert store.article_ids(annotated=True) == ["a001"]
    assert store.article_ids() == ["a001", "a002", "a003"]


def test_failures_are_cleared_by_id_by_stage_or_all(make_store: Callable[[], Store]) -> None:
    store = make_store()
    for n in (1, 2, 3):
        store.put_failure(failed(f"a00{n}"))
    store.put_failure(failed("a001", stage="infer_dates"))
    store.put_failure(failed("s-1", stage="synthesize", kind="story"))
    assert store.clear_failures("article", [], "annotate") == 0
    assert store.clear_failures("article", ["a001"], "annotate") == 1
    assert {(f.id, f.stage) for f in store.failures("article")} == {
        ("a002", "annotate"),
        ("a003", "annotate"),
        ("a001", "infer_dates"),
    }
    assert store.clear_failures("article", ["a002", "a001"]) == 2  # every stage
    assert store.clear_failures("story", ["a003"]) == 0  # another kind
    assert store.clear_failures("article") == 1
    assert [f.id for f in store.failures()] == ["s-1"]


def test_an_older_sqlite_store_gains_the_failures_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:  # the schema-1 tables as they were before failures
        db.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('schema', '1');"
            "CREATE TABLE articles (id TEXT PRIMARY KEY, published TEXT, added TEXT NOT NULL,"
            " record BLOB NOT NULL);"
            "CREATE TABLE annotations (article TEXT PRIMARY KEY REFERENCES articles(id),"
            " version TEXT NOT NULL, record BLOB NOT NULL);"
        )
    db.close()
    store = open_store(str(path))
    try:
        store.add_article(article(1))
        assert store.failures() == []
        assert store.unannotated("v1") == ["a001"]
        store.put_failure(failed("a001"))
        assert store.unannotated("v1") == []
    finally:
        store.close()


@pytest.mark.slow
def test_a_store_holding_a_failed_article_works_for_every_later_run(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_isolation import CHESS_1, CHESS_2, FLOOD_1, FLOOD_BAD

    first = tmp_path / "first"
    first.mkdir()
    for name, record in (("flood.jsonl", FLOOD_1), ("bad.jsonl", FLOOD_BAD)):
        (first / name).write_text(json.dumps(record) + "\n", encoding="utf-8")
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps(CHESS_1) + "\n" + json.dumps(CHESS_2) + "\n", encoding="utf-8")
    out = str(tmp_path / "out")
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.annotate_chunk)
    assert main(["ingest", str(first), "--db", store_url, "-q"]) == EXIT_REJECTED
    assert "bad.jsonl" in capsys.readouterr().err
    # Every later run goes on: a build, an ingest of other files, a build of everything.
    assert main(["build", str(first), "-o", out, "--db", store_url, "-q"]) == EXIT_REJECTED
    assert main(["ingest", str(later), "--db", store_url, "-q"]) == EXIT_REJECTED
    capsys.readouterr()
    code = main(["build", str(first), str(later), "-o", out, "--db", store_url, "--json"])
    assert code == EXIT_REJECTED
    result = json.loads(capsys.readouterr().out)
    assert [Path(f["path"]).name for f in result["failures"]] == ["bad.jsonl"]
    assert sorted(len(s) for s in result["stories"].values()) == [3, 3]  # json, md, html each
    # Mended and retried, the store is whole again.
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.real_annotate_chunk)
    args = ["build", str(first), str(later), "-o", out, "--db", store_url, "--retry-failed"]
    assert main([*args, "-q"]) == EXIT_OK
    store = open_store(store_url)
    try:
        assert store.failures() == []
        assert sorted(len(s.articles) for s in store.stories()) == [2, 2]
    finally:
        store.close()
