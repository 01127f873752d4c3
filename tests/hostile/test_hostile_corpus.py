"""The hostile corpus through ingest alone, and through the real ``storyline build``.

The build test checks what a user sees: exit 3, every bad input named on
standard error, every good input stored exactly once, dossiers written, and a
later clean batch into the same store exits 0.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path

import pytest

from storyline.cli.main import main
from storyline.ingest import read_inputs
from storyline.model import Article, Rejection
from storyline.store import open_store
from tests.hostile.corpus import Manifest, build_corpus, write_clean_batch


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, build_corpus(folder)


def _relative(folder: Path, path: str) -> str:
    return Path(path).relative_to(folder).as_posix()


@pytest.mark.slow
def test_ingest_reads_every_good_input_once_and_names_every_bad_one(
    corpus: tuple[Path, Manifest],
) -> None:
    folder, manifest = corpus
    items = list(read_inputs([folder]))
    stored = Counter(_relative(folder, str(i.path)) for i in items if isinstance(i, Article))
    assert dict(stored) == manifest.good
    rejected = {
        _relative(folder, p.path): p.line for p in items if isinstance(p, Rejection) and p.rejected
    }
    assert rejected == manifest.rejected
    warned = {
        _relative(folder, p.path) for p in items if isinstance(p, Rejection) and not p.rejected
    }
    assert warned == set(manifest.warned)
    dated = {
        i.text: i.published for i in items if isinstance(i, Article) and "placeholder" in i.path
    }
    assert all(p.date is None and p.note for p in dated.values())


@pytest.mark.slow
def test_build_of_the_hostile_corpus_then_a_clean_batch(
    corpus: tuple[Path, Manifest],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder, manifest = corpus
    db, out = tmp_path / "store.sqlite", tmp_path / "out"
    caplog.set_level(logging.ERROR)
    # A sentence budget, as a user with a large archive sets one: read in full, the
    # 1.5 MB report and the 10,000-date report take minutes of CPU each (measured by
    # benchmarks/hostile_texts.py and benchmarks/hostile.py); this test is about what
    # the batch does with hostile input, not about annotating all of it.
    config = tmp_path / "config.toml"
    config.write_text("read_sentences = 64\nembed_sentences = 32\n", encoding="utf-8")
    run = ["-o", str(out), "--db", str(db), "--executor", "local", "--config", str(config)]

    code = main(["build", str(folder), *run])
    err = capsys.readouterr().err
    assert code == 3, err[-3000:]
    lines = err.splitlines()
    for name, line in manifest.rejected.items():
        where = f"{folder / name}:{line}" if line is not None else str(folder / name)
        assert any(entry.startswith(f"storyline: {where}: rejected:") for entry in lines), name
    for name in manifest.warned:
        assert any(f"{folder / name}" in entry and ": warning:" in entry for entry in lines), name

    store = open_store(str(db))
    try:
        paths = Counter(_relative(folder, str(a.path)) for a in store.articles())
        assert dict(paths) == manifest.good
        assert store.article_count() == sum(manifest.good.values())
    finally:
        store.close()
    dossiers = sorted(out.glob("*/dossier.json"))
    assert dossiers, "no dossier written"
    for path in dossiers:
        assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1

    later = tmp_path / "later"
    added = write_clean_batch(later)
    code = main(["build", str(later), *run])
    err = capsys.readouterr().err
    assert code == 0, err[-3000:]
    store = open_store(str(db))
    try:
        assert store.article_count() == sum(manifest.good.values()) + sum(added.values())
    finally:
        store.close()
