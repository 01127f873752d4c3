"""Hostile inputs: each is rejected (or read with a warning) naming the file, and the batch goes on.

Every case here once stopped a whole batch with a traceback, or stored text
garbled with no more than a vague warning.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import trafilatura

import storyline.ingest as ingest_module
from storyline.ingest import read_inputs
from storyline.ingest.article import check_date
from storyline.model import Article, Rejection

GOOD = (
    "date 2021-05-04\n\n"
    "The lighthouse keeper of Tarrow Head retired on Monday after thirty years, the "
    "maritime trust said. A new automated lamp will be lit in June.\n"
)
RECORD = {
    "text": "The ferry to Quill Island ran again on Sunday after the storm.",
    "title": "Ferry",
}
DEEP = "[" * 1000 + "]" * 1000
BIG_INT = "7" * 4301


def _split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    articles = [item for item in items if isinstance(item, Article)]
    return articles, [item for item in items if isinstance(item, Rejection)]


def _batch(
    tmp_path: Path, name: str, content: str | bytes
) -> tuple[list[Article], list[Rejection]]:
    """The bad file, then a good one after it (sorted by name), read as one batch."""
    bad = tmp_path / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    (tmp_path / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    articles, problems = _split(list(read_inputs([tmp_path])))
    assert [Path(str(a.path)).name for a in articles if a.path.endswith("zz_good.txt")] == [
        "zz_good.txt"
    ], "the good file after the bad one was not read"
    return articles, problems


@pytest.mark.parametrize(
    ("name", "content", "line", "words"),
    [
        ("deep.json", DEEP, 1, "nested too deeply"),
        ("deep.jsonl", json.dumps(RECORD) + "\n" + DEEP + "\n", 2, "nested too deeply"),
        ("surrogate.json", '{"text": "Bad \\ud800 escape in a report."}', None, "\\ud800"),
        (
            "surrogate.jsonl",
            json.dumps(RECORD) + '\n{"text": "Bad \\ud800 escape."}\n',
            2,
            "\\ud800",
        ),
        ("bigint.json", '{"text": "A report.", "views": ' + BIG_INT + "}", 1, "4,301 digits"),
        (
            "bigint.jsonl",
            json.dumps(RECORD) + '\n{"text": "A report.", "views": ' + BIG_INT + "}\n",
            2,
            "4,301 digits",
        ),
    ],
)
def test_json_the_reader_cannot_hold_is_a_rejection_naming_file_line_and_reason(
    tmp_path: Path, name: str, content: str, line: int | None, words: str
) -> None:
    articles, problems = _batch(tmp_path, name, content)
    bad = [p for p in problems if p.path.endswith(name)]
    assert len(bad) == 1 and bad[0].rejected
    assert bad[0].line == line
    assert words in bad[0].reason
    # in a JSON Lines file the good record on line 1 is still read
    assert len([a for a in articles if a.path.endswith(name)]) == (name.endswith(".jsonl"))


def test_a_deep_value_inside_a_json_list_says_the_rest_was_not_read(tmp_path: Path) -> None:
    content = "[\n" + json.dumps(RECORD) + ",\n" + DEEP + ",\n" + json.dumps(RECORD) + "\n]"
    articles, problems = _batch(tmp_path, "list.json", content)
    (bad,) = [p for p in problems if p.path.endswith("list.json")]
    assert bad.line == 3 and "nested too deeply" in bad.reason
    assert "records after it in this file, if any, were not read" in bad.reason
    assert len([a for a in articles if a.path.endswith("list.json")]) == 1


def test_trailing_comma_in_a_json_list_is_read_with_a_warning(tmp_path: Path) -> None:
    other = {**RECORD, "text": "The Quill Island ferry was cancelled again on Tuesday."}
    content = "[\n" + json.dumps(RECORD) + ",\n" + json.dumps(other) + ",\n]\n"
    articles, problems = _batch(tmp_path, "feed.json", content)
    assert len([a for a in articles if a.path.endswith("feed.json")]) == 2
    (warning,) = [p for p in problems if p.path.endswith("feed.json")]
    assert warning.rejected is False
    assert warning.line == 3
    assert "trailing comma" in warning.reason and "2 record(s)" in warning.reason


def test_jsonl_line_with_a_raw_line_separator_inside_a_string(tmp_path: Path) -> None:
    # JSON allows U+2028 unescaped in a string; it is not a line break of the file.
    record = {"text": "The harbour wall\u2028was rebuilt in stone, the council said on Friday."}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    articles, problems = _split(list(read_inputs([path])))
    assert problems == []
    assert len(articles) == 1 and "rebuilt in stone" in articles[0].text


def test_symlink_loop_in_a_folder_is_named_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    os.symlink("..", tmp_path / "a" / "up")  # a folder that contains its own parent
    os.symlink("self", tmp_path / "a" / "self")  # a link to itself
    (tmp_path / "a" / "story.txt").write_text(GOOD, encoding="utf-8")
    articles, problems = _batch(tmp_path, "b.txt", GOOD.replace("Monday", "Friday"))
    assert sorted((Path(p.path).name, p.rejected) for p in problems) == [
        ("self", True),
        ("up", True),
    ]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert "symbolic link loop" in reasons["up"] and "symbolic link loop" in reasons["self"]
    # each real file once, not once per trip round the loop
    assert sorted(Path(str(a.path)).relative_to(tmp_path).as_posix() for a in articles) == [
        "a/story.txt",
        "b.txt",
        "zz_good.txt",
    ]


SVG_CDATA = "<svg><title><![CDATA[</title><title>"


def test_html_that_breaks_the_parser_is_rejected(tmp_path: Path) -> None:
    assert len(SVG_CDATA.encode()) == 36
    _, problems = _batch(tmp_path, "page.html", SVG_CDATA)
    (bad,) = problems
    assert bad.rejected and bad.path.endswith("page.html")
    assert bad.reason.startswith("cannot parse HTML")


@pytest.mark.parametrize("error", [AssertionError(), RecursionError("deep"), KeyError("x")])
def test_any_error_of_the_html_reader_is_a_rejection_of_that_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    _, problems = _batch(tmp_path, "page.html", "<html><body><p>Hello there.</p></body></html>")
    (bad,) = problems
    assert bad.reason.startswith("cannot parse HTML") and type(error).__name__ in bad.reason


def test_any_error_while_reading_one_file_is_its_rejection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest_module.parse_plain

    def fragile(text: str):  # type: ignore[no-untyped-def]
        if "poison" in text:
            raise IndexError("list index out of range")
        return real(text)

    monkeypatch.setattr(ingest_module, "parse_plain", fragile)
    articles, problems = _batch(tmp_path, "a.txt", "A poison report that breaks a parser.\n")
    (bad,) = problems
    assert bad.path.endswith("a.txt") and bad.rejected
    assert bad.reason == "cannot be read: IndexError: list index out of range"
    assert len(articles) == 1


# Accented words in Spanish, French and German, written for this test.
ACCENTED = "El niño pidió un café en Cádiz; Zoë aß Müsli in Köln, très bien.\n"


def test_a_file_mixing_utf8_and_latin1_lines_keeps_both_right(tmp_path: Path) -> None:
    content = (
        b"date 2021-05-04\n\n"
        + ACCENTED.encode("utf-8")
        + ACCENTED.replace("El niño", "La niña").encode("latin-1")
        + ACCENTED.replace("Köln", "Zürich").encode("utf-8")
    )
    articles, problems = _batch(tmp_path, "mixed.txt", content)
    (article,) = [a for a in articles if a.path.endswith("mixed.txt")]
    assert article.text.split("\n") == [
        ACCENTED.strip(),
        ACCENTED.replace("El niño", "La niña").strip(),
        ACCENTED.replace("Köln", "Zürich").strip(),
    ]
    (warning,) = problems
    assert warning.rejected is False and warning.path.endswith("mixed.txt")
    assert warning.reason == ("not UTF-8 throughout: line 4 decoded as cp1252; the rest is UTF-8")


def test_a_latin1_record_in_a_utf8_json_lines_file(tmp_path: Path) -> None:
    utf8 = json.dumps({"text": ACCENTED}, ensure_ascii=False).encode("utf-8")
    latin1 = json.dumps({"text": ACCENTED.replace("café", "té")}, ensure_ascii=False)
    content = utf8 + b"\n" + latin1.encode("latin-1") + b"\n"
    articles, problems = _batch(tmp_path, "feed.jsonl", content)
    texts = [a.text for a in articles if a.path.endswith("feed.jsonl")]
    assert texts == [ACCENTED.strip(), ACCENTED.replace("café", "té").strip()]
    (warning,) = problems
    assert "line 2 decoded as cp1252" in warning.reason and not warning.rejected


def test_a_latin1_json_file_is_read_as_latin1(tmp_path: Path) -> None:
    record = json.dumps({"text": ACCENTED * 3, "title": "Años de café"}, ensure_ascii=False)
    articles, problems = _batch(tmp_path, "one.json", record.encode("latin-1"))
    (article,) = [a for a in articles if a.path.endswith("one.json")]
    assert article.title == "Años de café" and article.text.startswith(ACCENTED.strip())
    assert [p.reason for p in problems] == ["not UTF-8; decoded as cp1252"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Министр сказал в понедельник, что мост через реку откроют летом.\n", "cp1251"),
        ("Minister powiedział, że most na rzece Łaba zostanie otwarty latem.\n", "cp1250"),
    ],
)
def test_a_single_byte_file_in_another_script_is_not_read_as_western(
    tmp_path: Path, text: str, encoding: str
) -> None:
    articles, problems = _batch(tmp_path, "other.txt", text.encode(encoding))
    (article,) = [a for a in articles if a.path.endswith("other.txt")]
    assert article.text == text.strip()
    assert problems[0].reason == f"not UTF-8; decoded as {encoding}"


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("0001-01-01", None),
        ("1000-06-15", None),
        ("1753-01-01", None),
        ("1899-12-30", None),
        ("1900-01-01", None),
        ("1970-01-01", None),
        ("9999-12-31", None),
        ("2100-01-01", None),  # past the horizon: a typo or a placeholder
        ("2099-12-31", "2099-12-31"),  # ahead of today: embargoed or fictional, kept
        ("1789-07-15", "1789-07-15"),  # archives of old papers keep their dates
        ("1900-01-02", "1900-01-02"),
        ("1970-01-02", "1970-01-02"),
        ("2023-02-28", "2023-02-28"),
    ],
)
def test_placeholder_and_impossible_publication_dates(value: str, kept: str | None) -> None:
    date, note = check_date(value)
    assert date == kept
    assert (note is None) == (kept is not None)
    if note is not None:
        assert value in note and "ingested without a date" in note


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "header.txt",
            "date 0001-01-01\n\nThe mill at Ovenden burned down yesterday, its owner said.\n",
        ),
        (
            "record.jsonl",
            json.dumps(
                {"text": "The mill at Ovenden burned down on Monday.", "date": "9999-12-31"}
            ),
        ),
        (
            "epoch.json",
            json.dumps(
                {
                    "text": "The mill at Ovenden reopened at Christmas.",
                    "date": "1970-01-01T00:00:00Z",
                }
            ),
        ),
    ],
)
def test_a_placeholder_date_is_no_date_with_a_warning_naming_the_file(
    tmp_path: Path, name: str, content: str
) -> None:
    articles, problems = _batch(tmp_path, name, content)
    (article,) = [a for a in articles if a.path.endswith(name)]
    assert article.published.date is None and article.published.basis is None
    assert article.published.note is not None and "placeholder" in article.published.note
    (warning,) = problems
    assert warning.path.endswith(name) and warning.rejected is False
    assert "ingested without a date" in warning.reason


def test_html_nested_deeper_than_lxml_reads_is_read_from_its_paragraphs(tmp_path: Path) -> None:
    paragraph = (
        "<p>The flood barrier at Kessel held on Tuesday, the river authority said, after "
        "three days of rain raised the Varn by two metres.</p>"
    )
    page = "<html><head><title>Barrier holds</title></head><body>"
    page += "<div>" * 5000 + paragraph + "</div>" * 5000 + "</body></html>"
    articles, problems = _batch(tmp_path, "deep.html", page)
    assert problems == []
    (article,) = [a for a in articles if a.path.endswith("deep.html")]
    assert article.title == "Barrier holds"
    assert article.text.startswith("The flood barrier at Kessel held on Tuesday")


def test_a_file_of_only_punctuation_is_rejected(tmp_path: Path) -> None:
    _, problems = _batch(tmp_path, "signs.txt", "!!! ... ??? --- *** «» “” — … ¡¿\n.,.,.,\n")
    (bad,) = problems
    assert bad.rejected and bad.reason == "no words: only punctuation, signs or spaces"
