"""The benchmarks' reader of Timeline17-layout folders: what outlet each report has."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _timeline17 import documents


def _write(root: Path, folder: str, day: str, name: str, text: str) -> None:
    path = root / folder / "InputDocs" / day / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def folders(tmp_path: Path) -> Path:
    _write(tmp_path, "quorra_herald", "2031-03-02", "17.htm.txt", "The dam held.")
    _write(tmp_path, "varria", "2031-03-02", "gv_3.txt", "La presa resistió.")
    _write(tmp_path, "varria", "2031-03-03", "ext_41.txt", "La presa cedió.")
    return tmp_path


def test_an_outlet_named_by_the_folder_is_kept(folders: Path) -> None:
    assert [d["outlet"] for d in documents([folders / "quorra_herald"])] == ["herald"]


def test_a_topic_folder_is_no_outlet_a_file_prefix_may_be(folders: Path) -> None:
    # ML-Crisis: "gv_" files are Global Voices posts, "ext_" files other outlets, unnamed.
    outlets = {d["text"]: d["outlet"] for d in documents([folders / "varria"])}
    assert outlets == {"La presa resistió.": "Global Voices", "La presa cedió.": None}


def test_what_is_no_report_is_skipped_and_named(
    folders: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Unseen data may hold a stray file beside the day folders, a folder named by no day
    # and hidden files: each is skipped with a warning naming it, the reports are read.
    docs_dir = folders / "quorra_herald" / "InputDocs"
    (docs_dir / ".DS_Store").write_bytes(b"\x00\x01")
    (docs_dir / "notes.txt").write_text("not a day folder", encoding="utf-8")
    _write(folders, "quorra_herald", "misc", "1.txt", "A stray report.")
    _write(folders, "quorra_herald", "2031-03-02", ".hidden", "A hidden file.")
    with caplog.at_level("WARNING"):
        texts = [d["text"] for d in documents([folders / "quorra_herald"])]
    assert texts == ["The dam held."]
    assert any("misc" in r.getMessage() for r in caplog.records)
    assert any("notes.txt" in r.getMessage() for r in caplog.records)


def test_a_source_without_reports_is_skipped(folders: Path) -> None:
    (folders / "empty_source").mkdir()
    assert documents([folders / "empty_source", folders / "quorra_herald"])[0]["outlet"] == "herald"
