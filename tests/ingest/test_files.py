"""Bad inputs never stop a batch: each becomes a Rejection naming the file and the reason."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

from storyline.ingest import read_inputs
from storyline.model import Article, Rejection
from tests.ingest.reading import rejection_of

STORY = (
    "date 2022-09-14 By Odile Marchetti, The Lanterne Review\n\n"
    "The ferry between Saltmere and Gorran Point will stop running in October after the last "
    "operator withdrew its bid, the harbour authority said on Tuesday.\n\n"
    "Commuters said the crossing saved them an hour each way.\n"
)


def _split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    articles = [item for item in items if isinstance(item, Article)]
    return articles, [item for item in items if isinstance(item, Rejection)]


def test_empty_and_blank_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \t\n")
    _, rejections = _split(list(read_inputs([tmp_path])))
    assert [(Path(r.path).name, r.reason, r.rejected) for r in rejections] == [
        ("blank.txt", "empty file", True),
        ("empty.txt", "empty file", True),
    ]


def test_binary_files_are_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "b_noise.bin").write_bytes(bytes(range(1, 9)) * 200)
    (tmp_path / "c_story.txt").write_text(STORY, encoding="utf-8")
    articles, rejections = _split(list(read_inputs([tmp_path])))
    assert [Path(r.path).name for r in rejections] == ["a_image.txt", "b_noise.bin"]
    assert all(r.reason.startswith("binary file") and r.rejected for r in rejections)
    assert len(articles) == 1 and articles[0].outlet == "The Lanterne Review"


def test_latin1_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = (
        "Le café du port de Saltmere a rouvert après deux années de travaux, a déclaré "
        "la mairie. Les habitués étaient nombreux dès l'aube.\n"
    )
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("latin-1"))
    articles, rejections = _split(list(read_inputs([path])))
    assert len(articles) == 1
    assert "café" in articles[0].text and "déclaré" in articles[0].text
    assert articles[0].language == "fr"
    assert len(rejections) == 1
    warning = rejections[0]
    assert warning.rejected is False
    assert warning.path == str(path)
    assert warning.reason.startswith("not UTF-8; decoded as ")


def test_cp1252_curly_quotes_are_decoded(tmp_path: Path) -> None:
    text = "“We will reopen the pier,” the harbour master said on Friday — twice.\n"
    path = tmp_path / "pier.txt"
    path.write_bytes(text.encode("cp1252"))
    articles, rejections = _split(list(read_inputs([path])))
    assert articles[0].text == text.strip()
    assert rejections[0].reason == "not UTF-8; decoded as cp1252"


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_text(STORY, encoding="utf-16")
    articles, rejections = _split(list(read_inputs([path])))
    assert articles[0].published.date == "2022-09-14"
    assert [r.reason for r in rejections] == ["not UTF-8; decoded as utf-16"]


def test_file_over_the_limit_is_rejected_with_the_fix(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    line = b"The tide came in and the tide went out again, as it does every day.\n"
    with big.open("wb") as handle:
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    size = big.stat().st_size
    assert size > 50_000_000
    rejection = rejection_of(big)
    assert rejection.rejected
    assert f"{size:,}" in rejection.reason
    assert "20,000,000" in rejection.reason
    assert "--max-bytes" in rejection.reason


def test_max_bytes_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    (small,) = list(read_inputs([path], max_bytes=100))
    assert isinstance(small, Rejection) and "too large" in small.reason
    (article,) = list(read_inputs([path], max_bytes=len(STORY.encode())))
    assert isinstance(article, Article)


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY, encoding="utf-8")
    (tmp_path / "open.txt").write_text(STORY.replace("ferry", "bus"), encoding="utf-8")
    real_open = builtins.open

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    # Tests run as root here, where chmod 000 does not stop reading: simulate it.
    monkeypatch.setattr(builtins, "open", deny)
    articles, rejections = _split(list(read_inputs([tmp_path])))
    assert [(r.path, r.reason) for r in rejections] == [
        (str(locked), "cannot read: permission denied")
    ]
    assert len(articles) == 1


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    rejection = rejection_of(missing)
    assert rejection.path == str(missing) and "no such file" in rejection.reason


def test_folders_are_walked_sorted_recursively_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY.replace("October", "November"))
    (tmp_path / "a" / "one.txt").write_text(STORY)
    (tmp_path / "a" / ".hidden.txt").write_text(STORY.replace("Tuesday", "Monday"))
    (tmp_path / ".cache" / "three.txt").write_text(STORY.replace("hour", "minute"))
    (tmp_path / "zero.txt").write_text(STORY.replace("Commuters", "Drivers"))
    done: list[int] = []
    items = list(read_inputs([tmp_path], on_progress=done.append))
    assert [Path(str(item.path)).relative_to(tmp_path).as_posix() for item in items] == [
        "a/one.txt",
        "b/two.txt",
        "zero.txt",
    ]
    assert done == [1, 2, 3]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "story.page").write_text(
        "<!DOCTYPE html><html><head><title>Pier</title></head><body><article>"
        "<p>The pier at Gorran Point will close for repairs this winter, the council said, "
        "and ferries will dock at the old quay until the work is done in the spring.</p>"
        "<p>Fishermen said the old quay was too shallow for their boats at low tide.</p>"
        "</article></body></html>"
    )
    (tmp_path / "story.eml").write_text(STORY)
    articles, rejections = _split(list(read_inputs([tmp_path])))
    assert rejections == []
    by_name = {Path(str(a.path)).name: a for a in articles}
    assert "<p>" not in by_name["story.page"].text
    assert by_name["story.page"].text.startswith("The pier at Gorran Point")
    assert by_name["story.eml"].published.basis == "header"


def test_utf8_with_a_stray_byte_keeps_its_good_characters(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "Zoë said the café — “Lune” — reopened.".encode() + b" Caf\xe9 owners cheered."
    )
    articles, rejections = _split(list(read_inputs([path])))
    # the good characters stay UTF-8, the stray Latin-1 byte is read as such
    assert articles[0].text == "Zoë said the café — “Lune” — reopened. Café owners cheered."
    assert rejections[0].rejected is False
    assert rejections[0].reason == (
        "not UTF-8 throughout: 1 invalid byte sequence(s) on line 1 read as cp1252; "
        "the rest is UTF-8"
    )


def test_header_without_body_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "header-only.txt"
    path.write_text("date 2022-09-14 By Odile Marchetti, The Lanterne Review\n")
    rejection = rejection_of(path)
    assert rejection.reason == "no article text after the header and byline"
