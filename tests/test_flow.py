"""The flow in one place: ``engine.update`` says which stories changed, and
``engine.dossier`` builds a missing dossier the way ``build`` would store it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import engine
from storyline.cli.main import EXIT_OK, main
from storyline.settings import load_settings
from storyline.store import open_store
from tests.test_incremental import CHESS_1, CHESS_2, FLOOD_1, FLOOD_2, FLOOD_3


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_update_names_the_stories_to_build_again(tmp_path: Path) -> None:
    settings = load_settings(None, db=str(tmp_path / "s.sqlite"), out=str(tmp_path / "out"))
    store = open_store(settings.db)
    try:
        first = engine.update(
            [_write(tmp_path / "a.jsonl", [FLOOD_1, CHESS_1, FLOOD_2, CHESS_2])], store, settings
        )
        assert len(first.added) == 4 and not first.rejected
        assert len(first.stories) == 2
        # nothing is built yet: every story is to be built
        assert {s.id for s in first.changed} == {s.id for s in first.stories}
        for story in first.changed:
            engine.build_isolated(story, store, settings, first.redated)

        again = engine.update([tmp_path / "a.jsonl"], store, settings)
        assert again.added == [] and len(again.unchanged) == 4
        assert again.changed == []  # every dossier is built from what its story holds

        grown = engine.update([_write(tmp_path / "b.jsonl", [FLOOD_3])], store, settings)
        assert len(grown.added) == 1
        flood = [s for s in grown.stories if grown.added[0] in s.articles]
        assert [s.id for s in grown.changed] == [s.id for s in flood]  # not the chess story
    finally:
        store.close()


def test_a_dossier_shown_before_any_build_is_reused_by_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, out = str(tmp_path / "s.sqlite"), tmp_path / "out"
    src = _write(tmp_path / "a.jsonl", [FLOOD_1, FLOOD_2])
    assert main(["ingest", str(src), "--db", db, "-q"]) == EXIT_OK
    store = open_store(db)
    try:
        (story,) = store.stories()
    finally:
        store.close()
    capsys.readouterr()
    assert main(["show", story.id, "--db", db, "--json"]) == EXIT_OK
    shown = json.loads(capsys.readouterr().out)
    assert shown["fingerprint"]  # stored with what it was built from

    def not_again(story, store, settings):  # type: ignore[no-untyped-def]
        raise AssertionError(f"story {story.id} synthesized again")

    monkeypatch.setattr(engine, "dossier_for", not_again)
    report = engine.build([src], settings=load_settings(None, db=db, out=str(out)))
    # the shown dossier is the one build would make: kept, not synthesized again (a story
    # that raised would be a failure)
    assert report.failures == []
    written = json.loads(report.outputs[story.id]["json"].read_text(encoding="utf-8"))
    assert written == shown
