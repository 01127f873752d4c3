"""A dossier's files always end up holding the stored dossier, whatever stopped a build.

A build killed after storing a dossier and before writing its files, a file cut short or
a temporary file left by a killed writer: the next build writes the stored dossier's
files again (without synthesizing it again), and leaves current files alone.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline import engine, render
from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.settings import Settings, load_settings
from storyline.store import open_store
from tests.counting import count_synthesized
from tests.crashes import write_batches

pytestmark = pytest.mark.slow


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


def stored(settings: Settings) -> dict[str, Dossier]:
    store = open_store(settings.db)
    try:
        return {s.id: store.get_dossier(s.id) for s in store.stories()}
    finally:
        store.close()


@pytest.fixture(scope="module")
def killed_then_rerun(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("durable")
    batches = write_batches(tmp / "corpus")
    settings = load_settings(None, db=str(tmp / "s.sqlite"), out=str(tmp / "out"))
    engine.build(batches[:1], settings=settings)
    before = {sid: d.story.articles for sid, d in stored(settings).items()}

    def killed_while_writing(dossier: Dossier, out_dir: Path, **kw: object) -> None:
        raise Killed  # the new dossier is stored, its files are not written

    mp = pytest.MonkeyPatch()
    mp.setattr(engine.render_stage, "write_dossier", killed_while_writing)
    with pytest.raises(Killed):
        engine.build(batches[:2], settings=settings)
    mp.undo()
    synthesized = count_synthesized(mp)
    try:
        rerun = engine.build(batches[:2], settings=settings)
    finally:
        mp.undo()
    return {
        "settings": settings,
        "batches": batches,
        "before": before,
        "rerun": rerun,
        "synthesized": synthesized,
    }


def test_the_rerun_writes_the_dossier_the_killed_build_stored(killed_then_rerun: dict) -> None:
    settings, rerun = killed_then_rerun["settings"], killed_then_rerun["rerun"]
    dossiers = stored(settings)
    killed_story = next(s for s, d in dossiers.items() if d.story.articles == 2)
    assert killed_then_rerun["before"][killed_story] == 1  # the killed build grew it to 2
    for story in rerun.stories:
        on_disk = json.loads((Path(settings.out) / story.id / "dossier.json").read_text())
        assert on_disk["story"]["articles"] == len(story.articles) == 2
        assert on_disk == json.loads(render.to_json(dossiers[story.id]))


def test_the_rerun_did_not_synthesize_the_stored_dossier_again(killed_then_rerun: dict) -> None:
    dossiers = stored(killed_then_rerun["settings"])
    killed_story = next(s for s, d in dossiers.items() if d.story.articles == 2)
    assert killed_story not in killed_then_rerun["synthesized"]


def test_files_cut_short_or_left_half_written_are_replaced(killed_then_rerun: dict) -> None:
    settings, batches = killed_then_rerun["settings"], killed_then_rerun["batches"]
    story = killed_then_rerun["rerun"].stories[0]
    folder = Path(settings.out) / story.id
    page = (folder / "index.html").read_bytes()
    (folder / "index.html").write_bytes(page[: len(page) // 2])  # a disk full, an editor
    (folder / ".tmp-dossier.json.x1y2z3").write_text('{"sche')  # a writer killed mid-file
    other = killed_then_rerun["rerun"].stories[1]
    kept = {p.name: p.stat().st_mtime_ns for p in (Path(settings.out) / other.id).iterdir()}

    engine.build(batches[:2], settings=settings)

    assert (folder / "index.html").read_bytes() == page
    assert not list(folder.glob(".tmp-*"))
    # a story whose files hold its stored dossier is left alone
    assert {p.name: p.stat().st_mtime_ns for p in (Path(settings.out) / other.id).iterdir()} == kept


def test_an_output_folder_that_cannot_be_made_is_an_error_with_the_fix(
    killed_then_rerun: dict, tmp_path: Path
) -> None:
    settings, batches = killed_then_rerun["settings"], killed_then_rerun["batches"]
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(StorylineError, match=r"cannot write the dossier into .*writable"):
        engine.build(batches[:2], settings=replace(settings, out=str(blocker)))
