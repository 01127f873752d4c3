"""One article or story a stage raises on never stops the run, nor poisons the store.

A stand-in annotator (tests/isolation_hooks.py) raises on, or crashes the worker
process of, the articles that carry a marker word; other stages are made to raise
for one story. Each time the rest is built, the failure is named with its file and
stage, the command exits 3, and later runs go on working.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import engine
from storyline import render as render_stage
from storyline import synthesize as synthesize_stage
from storyline.cli.main import EXIT_OK, EXIT_REJECTED, main
from storyline.settings import load_settings
from storyline.store import open_store
from tests import isolation_hooks as hooks
from tests.reports import CHESS_1, CHESS_2, FLOOD_1, FLOOD_2

pytestmark = pytest.mark.slow

FLOOD_BAD = {
    "date": "2031-02-04",
    "outlet": f"{hooks.RAISE} Gazette",
    "title": "Levee repairs begin in Brenmoor",
    "text": (
        f"Engineers from {hooks.RAISE} began repairing the levee of the river Ulle in Brenmoor "
        "on Tuesday. Twelve people died in the flooding, the regional office said. "
        "Mayor Mara Voss thanked the volunteers who cleared the lower town."
    ),
}


def _files(folder: Path, **records: dict[str, str]) -> list[str]:
    """One JSON Lines file per record, named after its keyword."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, record in records.items():
        path = folder / f"{name}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _build(tmp: Path, paths: list[str], *extra: str) -> list[str]:
    return ["build", *paths, "-o", str(tmp / "out"), "--db", str(tmp / "s.sqlite"), *extra]


def test_an_article_the_annotator_raises_on_is_recorded_skipped_and_retried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _files(tmp_path / "in", flood1=FLOOD_1, flood2=FLOOD_2, bad=FLOOD_BAD, chess=CHESS_1)
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.annotate_chunk)
    hooks.CALLS.clear()

    # All four articles are one chunk: it raises, and its articles are annotated one by one.
    assert main(_build(tmp_path, paths, "--json")) == EXIT_REJECTED
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    (failed,) = result["failures"]
    assert (Path(failed["path"]).name, failed["stage"], failed["error"]) == (
        "bad.jsonl",
        "annotate",
        "KeyError",
    )
    assert "bad.jsonl" in captured.err and "failed at annotate: KeyError: '1998'" in captured.err
    assert result["added"] == 4
    store = open_store(str(tmp_path / "s.sqlite"))
    try:
        bad_id = failed["id"]
        stories = store.stories()
        members = {a for s in stories for a in s.articles}
        assert len(members) == 3 and bad_id not in members  # left out until annotated
        flood = next(s for s in stories if len(s.articles) == 2)
        assert store.get_dossier(flood.id).story.articles == 2
    finally:
        store.close()

    # A later run skips it (the annotator is not called at all) and names it again.
    hooks.CALLS.clear()
    assert main(_build(tmp_path, paths)) == EXIT_REJECTED
    err = capsys.readouterr().err
    assert hooks.CALLS == []
    assert "bad.jsonl" in err and "skipped until the annotator changes" in err
    # So does `ingest`, and the store still lists and shows its stories.
    assert main(["ingest", paths[0], "--db", str(tmp_path / "s.sqlite"), "-q"]) == EXIT_REJECTED
    assert "bad.jsonl" in capsys.readouterr().err
    assert main(["stories", "--db", str(tmp_path / "s.sqlite"), "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert sorted(s["articles"] for s in listed) == [1, 2]
    assert main(["show", flood.id, "--db", str(tmp_path / "s.sqlite")]) == EXIT_OK
    assert "Brenmoor" in capsys.readouterr().out

    # --retry-failed tries it again (and it fails again) ...
    hooks.CALLS.clear()
    assert main(_build(tmp_path, paths, "--retry-failed", "-q")) == EXIT_REJECTED
    assert hooks.CALLS[:] == [[bad_id]]
    capsys.readouterr()
    # ... and --strict lets the annotator's own exception through.
    with pytest.raises(KeyError, match="1998"):
        main(_build(tmp_path, paths, "--retry-failed", "--strict", "-q"))

    # A new annotator version tries it again, with every other article.
    monkeypatch.setattr(engine.annotate_stage, "ANNOTATOR_VERSION", "test-next")
    hooks.CALLS.clear()
    assert main(_build(tmp_path, paths, "-q")) == EXIT_REJECTED
    assert bad_id in {i for call in hooks.CALLS for i in call}
    capsys.readouterr()

    # Once the annotator is mended, a retry annotates it, clears the failure and exits 0.
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.real_annotate_chunk)
    assert main(_build(tmp_path, paths, "--retry-failed", "--json")) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["failures"] == []
    store = open_store(str(tmp_path / "s.sqlite"))
    try:
        assert store.failures() == []
        grown = next(s for s in store.stories() if bad_id in s.articles)
        assert store.get_dossier(grown.id).story.articles == 3
    finally:
        store.close()


def _two_stories(tmp: Path) -> tuple[list[str], str]:
    """The paths of a flood story and a chess story, built once; the flood story's id."""
    paths = _files(tmp / "in", flood1=FLOOD_1, flood2=FLOOD_2, chess1=CHESS_1, chess2=CHESS_2)
    assert main(_build(tmp, paths, "-q")) == EXIT_OK
    store = open_store(str(tmp / "s.sqlite"))
    try:
        (flood,) = [
            s for s in store.stories() if any("Ulle" in a.text for a in store.articles(s.articles))
        ]
    finally:
        store.close()
    return paths, flood.id


@pytest.mark.parametrize("stage", ["synthesize", "render"])
def test_a_story_that_fails_keeps_its_previous_dossier_and_the_others_are_built(
    stage: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths, flood = _two_stories(tmp_path)
    before = (tmp_path / "out" / flood / "dossier.json").read_text(encoding="utf-8")
    capsys.readouterr()

    def raising(real):  # type: ignore[no-untyped-def]
        def call(dossier_or_story, *args, **kwargs):  # type: ignore[no-untyped-def]
            story_id = getattr(dossier_or_story, "story", dossier_or_story).id
            if story_id == flood:
                raise ValueError("year 0 is out of range")
            return real(dossier_or_story, *args, **kwargs)

        return call

    if stage == "synthesize":
        monkeypatch.setattr(synthesize_stage, "synthesize", raising(synthesize_stage.synthesize))
    else:
        monkeypatch.setattr(render_stage, "to_markdown", raising(render_stage.to_markdown))
    grow = {"flood3": {**FLOOD_2, "date": "2031-02-05", "text": FLOOD_2["text"] + " Rain fell."}}
    grow["chess3"] = {**CHESS_2, "date": "2031-02-05", "text": CHESS_2["text"] + " He rested."}
    new = _files(tmp_path / "in", **grow)
    assert main(_build(tmp_path, paths + new, "--json")) == EXIT_REJECTED
    captured = capsys.readouterr()
    (failed,) = json.loads(captured.out)["failures"]
    assert (failed["kind"], failed["id"], failed["stage"]) == ("story", flood, stage)
    assert f"story {flood}: failed at {stage}: ValueError: year 0 is out of range" in captured.err
    # The failed story keeps its files and its stored dossier; the other one grew.
    assert (tmp_path / "out" / flood / "dossier.json").read_text(encoding="utf-8") == before
    store = open_store(str(tmp_path / "s.sqlite"))
    try:
        assert store.get_dossier(flood).story.articles == 2
        (chess,) = [s for s in store.stories() if s.id != flood]
        assert store.get_dossier(chess.id).story.articles == 3
    finally:
        store.close()
    chess_json = json.loads((tmp_path / "out" / chess.id / "dossier.json").read_text())
    assert chess_json["story"]["articles"] == 3

    # Mended, the next build builds it (a failed story is retried on every build).
    monkeypatch.undo()
    assert main(_build(tmp_path, paths + new, "--json")) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["failures"] == []
    grown = json.loads((tmp_path / "out" / flood / "dossier.json").read_text())
    assert grown["story"]["articles"] == 3


def test_date_inference_and_story_detection_failures_do_not_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    undated = {k: v for k, v in FLOOD_2.items() if k != "date"}
    paths = _files(tmp_path / "in", flood1=FLOOD_1, undated=undated, chess=CHESS_1)

    def no_date(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OverflowError("date value out of range")

    monkeypatch.setattr(engine.link_stage, "infer_date", no_date)
    assert main(_build(tmp_path, paths, "--json")) == EXIT_REJECTED
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    (failed,) = result["failures"]
    assert (Path(failed["path"]).name, failed["stage"]) == ("undated.jsonl", "infer_dates")
    assert (
        "undated.jsonl" in captured.err and "failed at infer_dates: OverflowError" in captured.err
    )
    assert len(result["stories"]) == 2  # every story still has its dossier

    def no_stories(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(engine, "detect", no_stories)
    more = _files(tmp_path / "in", chess2=CHESS_2)
    assert main(_build(tmp_path, paths + more, "--json")) == EXIT_REJECTED
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert "story detection: failed at detect: RecursionError" in captured.err
    assert len(result["stories"]) == 2  # the stored stories, rebuilt as they were

    monkeypatch.undo()
    assert main(_build(tmp_path, paths + more, "--retry-failed", "--json")) == EXIT_OK
    result = json.loads(capsys.readouterr().out)
    assert result["failures"] == []
    store = open_store(str(tmp_path / "s.sqlite"))
    try:
        assert store.failures() == []
        assert sorted(len(s.articles) for s in store.stories()) == [2, 2]
    finally:
        store.close()


def test_a_process_pool_keeps_the_good_articles_of_a_chunk_that_raises_or_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = {**CHESS_2, "text": CHESS_2["text"].replace("Calder", hooks.CRASH)}
    paths = _files(
        tmp_path / "in",
        flood1=FLOOD_1,
        flood2=FLOOD_2,
        bad=FLOOD_BAD,
        chess1=CHESS_1,
        crash=crash,
    )
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.annotate_chunk)
    settings = load_settings(
        None,
        db=str(tmp_path / "s.sqlite"),
        out=str(tmp_path / "out"),
        executor="process",
        workers=2,
        chunk_size=2,
    )
    report = engine.build(paths, settings=settings)
    failed = {Path(f.path or "").name: (f.stage, f.error) for f in report.failures}
    assert failed == {
        "bad.jsonl": ("annotate", "KeyError"),
        "crash.jsonl": ("annotate", "BrokenProcessPool"),
    }
    store = open_store(settings.db)
    try:
        assert len(store.article_ids(annotated=True)) == 3
        version = engine.annotate_stage.annotator_version(settings.embedder, settings.budget)
        assert store.unannotated(version) == []  # the two failed ones are skipped
        assert len(store.unannotated(version, retry_failed=True)) == 2
        members = sorted(len(s.articles) for s in store.stories())
        assert members == [1, 2]  # the two good flood reports and the good chess report
        assert len(store.failures("article", "annotate")) == 2
    finally:
        store.close()


def test_on_dask_a_chunk_that_raises_keeps_its_good_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from distributed import LocalCluster

    paths = _files(tmp_path / "in", flood1=FLOOD_1, bad=FLOOD_BAD, chess1=CHESS_1)
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.annotate_chunk)
    # Thread workers share this process's models (fast); one chunk holds all three.
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        settings = load_settings(
            None,
            db=str(tmp_path / "s.sqlite"),
            out=str(tmp_path / "out"),
            executor="dask",
            scheduler=cluster.scheduler_address,
            chunk_size=3,
        )
        report = engine.build(paths, settings=settings)
    assert [(Path(f.path or "").name, f.stage, f.error) for f in report.failures] == [
        ("bad.jsonl", "annotate", "KeyError")
    ]
    store = open_store(settings.db)
    try:
        assert len(store.article_ids(annotated=True)) == 2
    finally:
        store.close()


def test_an_article_the_annotator_loops_on_is_stopped_recorded_and_the_rest_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import guard

    hang = {**CHESS_2, "text": CHESS_2["text"].replace("Calder", hooks.HANG)}
    paths = _files(tmp_path / "in", flood1=FLOOD_1, flood2=FLOOD_2, hang=hang, chess1=CHESS_1)
    monkeypatch.setattr(engine.annotate_stage, "annotate_chunk", hooks.annotate_chunk)
    monkeypatch.setattr(guard, "CHUNK_SECONDS_PER_ARTICLE", 0.5)
    # The models load before the limit is set short: a good article takes well under it.
    engine.build(paths[:1], settings=load_settings(None, db=str(tmp_path / "warm.sqlite")))
    settings = load_settings(
        None, db=str(tmp_path / "s.sqlite"), out=str(tmp_path / "out"), article_seconds=5
    )
    report = engine.build(paths, settings=settings)
    (failed,) = report.failures
    assert (Path(failed.path or "").name, failed.stage, failed.error) == (
        "hang.jsonl",
        "annotate",
        "AnnotateTimeout",
    )
    assert "longer than 5 s" in failed.reason and "article_seconds" in failed.reason
    store = open_store(settings.db)
    try:
        assert sorted(len(s.articles) for s in store.stories()) == [1, 2]
    finally:
        store.close()


def test_the_annotation_time_limit_is_a_checked_setting() -> None:
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError, match="article_seconds"):
        load_settings(None, article_seconds=-1)
