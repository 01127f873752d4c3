"""A dossier's folder: files replaced whole, a stamp of what they hold, writers taking turns."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from pathlib import Path

import msgspec
import pytest

from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.render import files, to_html, to_json, to_markdown, write_dossier

from .fixtures import make_dossier


def second(dossier: Dossier) -> Dossier:
    """The same story built again later, with one more article."""
    story = msgspec.structs.replace(dossier.story, articles=dossier.story.articles + 1)
    return msgspec.structs.replace(
        dossier, story=story, generated="2031-05-03T10:00:00Z", fingerprint="f2"
    )


def test_the_stamp_names_the_dossier_and_each_file(dossier: Dossier, tmp_path: Path) -> None:
    dossier.fingerprint = "f1"
    write_dossier(dossier, tmp_path)
    stamp = files.verify(tmp_path)
    assert stamp is not None
    assert (stamp.story, stamp.fingerprint, stamp.generated) == (
        "st-bridge",
        "f1",
        dossier.generated,
    )
    assert files.holds(tmp_path, "st-bridge", "f1", dossier.generated)
    assert not files.holds(tmp_path, "st-bridge", "f2", dossier.generated)  # another build
    assert not files.holds(tmp_path, "st-bridge", "f1", "2031-05-03T10:00:00Z")


def test_a_file_cut_short_or_changed_no_longer_matches(dossier: Dossier, tmp_path: Path) -> None:
    write_dossier(dossier, tmp_path)
    page = tmp_path / "index.html"
    text = page.read_bytes()
    page.write_bytes(text[:-10])
    assert not files.holds(tmp_path, "st-bridge", None, dossier.generated)  # size differs
    page.write_bytes(text.replace(b"Veltrano", b"Veltrana", 1))  # same size, other bytes
    assert files.holds(tmp_path, "st-bridge", None, dossier.generated)  # the cheap check
    assert files.verify(tmp_path) is None  # reading the files tells
    (tmp_path / "dossier.md").unlink()
    assert not files.holds(tmp_path, "st-bridge", None, dossier.generated)


@pytest.mark.parametrize("fail_at", [0, 1, 3])  # before any rename, after one, before the stamp
def test_a_write_that_fails_midway_leaves_whole_files_and_no_false_stamp(
    dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    old = dossier
    write_dossier(old, tmp_path)
    new = second(old)
    real, calls = os.replace, []

    def failing(src: str, dst: str) -> None:
        if len(calls) == fail_at:
            raise OSError(28, "No space left on device")
        calls.append(dst)
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(StorylineError, match="No space left on device"):
        write_dossier(new, tmp_path)
    monkeypatch.undo()
    # each file is one dossier's, whole; the stamp never vouches for the new dossier
    for name, render in (("dossier.json", to_json), ("dossier.md", to_markdown)):
        assert (tmp_path / name).read_text() in (render(old), render(new))
    assert not files.holds(tmp_path, "st-bridge", new.fingerprint, new.generated)
    if fail_at == 0:
        assert files.verify(tmp_path) is not None  # nothing was replaced: still the old one
    else:  # the old stamp no longer vouches for every file (a rebuild rewrites them all)
        assert files.verify(tmp_path) is None
    assert not list(tmp_path.glob(".tmp-*"))


def test_temporary_files_of_a_killed_writer_are_removed(dossier: Dossier, tmp_path: Path) -> None:
    (tmp_path / ".tmp-index.html.k1ll3d").write_text("<!doctype html><p>half")
    write_dossier(dossier, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".stamp.json",
        "dossier.json",
        "dossier.md",
        "index.html",
    ]


def _write_many(out: str, which: int, times: int) -> None:
    dossier = make_dossier() if which == 0 else second(make_dossier())
    for _ in range(times):
        write_dossier(dossier, Path(out))


@pytest.mark.slow
def test_two_processes_writing_one_folder_leave_one_dossier_whole(tmp_path: Path) -> None:
    dossiers = [make_dossier(), second(make_dossier())]
    texts = {d.generated: (to_json(d), to_markdown(d), to_html(d)) for d in dossiers}
    write_dossier(dossiers[0], tmp_path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), i, 40)) for i in (0, 1)]
    for p in procs:
        p.start()
    reads = 0
    while any(p.is_alive() for p in procs):  # a reader meanwhile never sees half a file
        json.loads((tmp_path / "dossier.json").read_text())
        reads += 1
    for p in procs:
        p.join()
        assert p.exitcode == 0
    assert reads > 0
    stamp = files.verify(tmp_path)
    assert stamp is not None
    on_disk = tuple(
        (tmp_path / n).read_text() for n in ("dossier.json", "dossier.md", "index.html")
    )
    assert on_disk == texts[stamp.generated]  # the three files of one dossier


def test_a_writer_waits_while_another_holds_the_folder(dossier: Dossier, tmp_path: Path) -> None:
    order: list[str] = []
    holding = threading.Event()

    def other_build() -> None:
        with files.folder_lock(tmp_path):
            holding.set()
            time.sleep(0.3)
            order.append("other done")

    t = threading.Thread(target=other_build)
    t.start()
    holding.wait(5)
    write_dossier(dossier, tmp_path)
    order.append("written")
    t.join()
    assert order == ["other done", "written"]
