"""JSON and JSON Lines: good records become Articles, each bad one a Rejection with its line."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.model import Article, Rejection
from tests.ingest.reading import rejection_of

TEXT_A = "The night train to Saltmere was cancelled after a landslide blocked the line."
TEXT_B = "Engineers said the line would reopen within a week if the weather held."


def _split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    articles = [item for item in items if isinstance(item, Article)]
    return articles, [item for item in items if isinstance(item, Rejection)]


def test_json_object_with_metadata(tmp_path: Path) -> None:
    record = {
        "text": TEXT_A + "/AFP",
        "title": "Night train cancelled",
        "date": "2020-11-05T21:30:00+01:00",
        "url": "https://lanterne.example/train",
        "outlet": "The Lanterne",
        "authors": "Ivo Brandt and Mia Sol",
        "language": "en-GB",
        "section": "ignored",
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record))
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.text == TEXT_A
    assert article.credits == ["AFP"]
    assert (article.published.date, article.published.basis) == ("2020-11-05", "metadata")
    assert article.title == "Night train cancelled"
    assert article.outlet == "The Lanterne"
    assert article.authors == ["Ivo Brandt", "Mia Sol"]
    assert article.language == "en"
    assert article.url == "https://lanterne.example/train"
    assert article.path == str(path)


def test_json_list_with_a_bad_record_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(
        "[\n"
        f'  {{"text": "{TEXT_A}", "date": "2020-11-05", "authors": ["Ivo Brandt"]}},\n'
        '  {"title": "no text here"},\n'
        '  "just a string",\n'
        f'  {{"text": "{TEXT_B}"}}\n'
        "]\n"
    )
    articles, rejections = _split(list(read_inputs([path])))
    assert [a.text for a in articles] == [TEXT_A, TEXT_B]
    assert articles[0].authors == ["Ivo Brandt"]
    assert articles[1].published.date is None
    assert [(r.line, r.rejected) for r in rejections] == [(3, True), (4, True)]
    assert "no 'text'" in rejections[0].reason and "title" in rejections[0].reason
    assert "must be a JSON object" in rejections[1].reason


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "text": "A storm hit the coast.",\n  "title": oops\n}\n')
    rejection = rejection_of(path)
    assert rejection.line == 3
    assert rejection.reason.startswith("malformed JSON at line 3, column 12")


def test_jsonl_with_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": TEXT_A, "outlet": "Reuters"})
        + "\n"
        + '{"text": "cut off in the mid\n'
        + "\n"
        + json.dumps({"text": TEXT_B, "date": "5 November"})
        + "\n"
    )
    articles, rejections = _split(list(read_inputs([path])))
    assert [a.text for a in articles] == [TEXT_A, TEXT_B]
    assert articles[0].credits == ["Reuters"]  # a wire agency as outlet: its copy
    bad = [r for r in rejections if r.rejected]
    assert [(r.path, r.line) for r in bad] == [(str(path), 2)]
    assert bad[0].reason.startswith("malformed JSON at line 2, column")
    warnings = [r for r in rejections if not r.rejected]
    assert [(w.line, "not an ISO 8601 date" in w.reason) for w in warnings] == [(4, True)]
    assert articles[1].published.date is None


def test_ndjson_and_language_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps({"text": TEXT_A, "language": "PT_br"}) + "\n")
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article) and article.language == "pt"


def test_same_text_same_id_across_formats(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"text": f"  {TEXT_A}\n"}))
    (tmp_path / "b.txt").write_text(TEXT_A.replace(" ", "  ", 3))
    first, second = list(read_inputs([tmp_path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id


def test_empty_json_list_and_non_object_values(tmp_path: Path) -> None:
    (tmp_path / "a_empty.json").write_text("[ ]")
    (tmp_path / "b_null.json").write_text("null")
    rejections = list(read_inputs([tmp_path]))
    assert [(Path(r.path).name, r.reason) for r in rejections if isinstance(r, Rejection)] == [
        ("a_empty.json", "empty JSON list: no records"),
        ("b_null.json", "a record must be a JSON object, not null"),
    ]
