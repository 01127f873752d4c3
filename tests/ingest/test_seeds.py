"""The real sample parses with the right dates, bases, outlets, authors, credits and cites."""

from __future__ import annotations

import shutil
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.model import Article
from tests.conftest import seed


def _one(path: Path) -> Article:
    items = list(read_inputs([path]))
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 1, items
    return articles[0]


def test_seed_000_header_date_byline_and_contributor(seeds_dir: Path) -> None:
    article = _one(seed("000"))
    assert article.published.date == "2023-01-17"
    assert article.published.basis == "header"
    assert article.outlet == "CNN"
    assert article.authors[0] == "Jennifer Hansler"
    assert len(article.authors) == 2  # the contributor from the last line
    assert "contributed reporting" not in article.text
    assert not article.text.lstrip().lower().startswith(("date", "by "))
    assert article.credits == []


def test_seed_001_headline_becomes_title_no_date(seeds_dir: Path) -> None:
    article = _one(seed("001"))
    assert article.published.date is None
    assert article.published.basis is None
    assert article.title
    assert not article.title.endswith(".")
    assert not article.text.startswith(article.title)
    assert article.cites == ["Xinhua"]


def test_seed_002_body_on_the_header_line_and_cited_outlet(seeds_dir: Path) -> None:
    article = _one(seed("002"))
    assert article.published.date == "2023-06-18"
    assert article.published.basis == "header"
    assert article.title is None
    assert not article.text.startswith("date")
    assert article.text[:1].isupper()
    assert article.cites == ["Al Jazeera"]


def test_seed_003_vague_sources_are_not_cites(seeds_dir: Path) -> None:
    article = _one(seed("003"))
    assert article.published.date == "2023-06-19"
    assert article.published.basis == "header"
    assert article.cites == []  # "according to journalists ...", "according to some ... reporters"


def test_seed_004_agency_credit_no_date(seeds_dir: Path) -> None:
    article = _one(seed("004"))
    assert article.credits == ["AFP"]
    assert not article.text.rstrip().endswith("AFP")
    assert article.published.date is None
    assert article.title is None  # the first paragraph is a sentence, not a headline
    assert article.cites == ["CCTV"]  # and not "an aide"


def test_every_seed_is_english_and_ingested(seeds_dir: Path) -> None:
    items = list(read_inputs([seeds_dir]))
    assert all(isinstance(item, Article) for item in items), items
    assert len(items) == 5
    assert {item.language for item in items if isinstance(item, Article)} == {"en"}


def test_ids_are_content_hashes_whatever_the_file_name(seeds_dir: Path, tmp_path: Path) -> None:
    first = [item.id for item in read_inputs([seeds_dir]) if isinstance(item, Article)]
    again = [item.id for item in read_inputs([seeds_dir]) if isinstance(item, Article)]
    copy = tmp_path / "renamed-copy.txt"
    shutil.copyfile(seed("003"), copy)
    assert first == again
    assert len(set(first)) == 5
    assert _one(copy).id == _one(seed("003")).id
    assert all(len(id_) == 16 and int(id_, 16) >= 0 for id_ in first)
