"""One story in eight languages, end to end: the Corvane ferry example.

``examples/corvane-ferry/<language>/`` holds two fictional reports, each in English, Spanish,
French, Italian, German and Portuguese, and the first in Chinese and Arabic too (the same
outlet, author and date; see ``examples/corvane-ferry.md``). Built with the multilingual
encoder: every report shares its story with its translations, names merge however each
language writes them, each report's quotes name their speakers, and the languages read for
dates only are named in a warning, never read as English.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.engine import build
from storyline.model import Article, Dossier
from storyline.settings import load_settings
from storyline.store import open_store

pytestmark = pytest.mark.slow  # the whole pipeline, with the multilingual encoder

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "corvane-ferry"


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Dossier], dict[str, Article], str]:
    tmp = tmp_path_factory.mktemp("corvane")
    settings = load_settings(
        None, db=str(tmp / "s.sqlite"), out=str(tmp / "out"), embedder="use-multilingual"
    )
    handler = _Lines()
    logging.getLogger("storyline").addHandler(handler)
    try:
        report = build([EXAMPLE], settings=settings)
    finally:
        logging.getLogger("storyline").removeHandler(handler)
    store = open_store(settings.db)
    try:
        dossiers = [store.get_dossier(s.id) for s in report.stories]
        articles = {a.id: a for a in store.articles()}
    finally:
        store.close()
    return dossiers, articles, "\n".join([*handler.lines, *(p.reason for p in report.problems)])


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _language(article: Article) -> str:
    return Path(article.path or "").parent.name


def test_every_report_and_its_translations_are_one_story(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, articles, _ = built
    stories: dict[str, set[str]] = defaultdict(set)
    for d in dossiers:
        for a in d.articles:
            stories[Path(a.path or "").stem].add(d.story.id)
    assert set(stories) == {"01_harbour-gazette", "02_northshore-post"}
    assert all(len(ids) == 1 for ids in stories.values()), stories
    assert {a.language for a in articles.values()} == {
        "en",
        "es",
        "fr",
        "it",
        "de",
        "pt",
        "zh",
        "ar",
    }
    assert all(a.language == _language(a) for a in articles.values())


def test_chinese_and_arabic_are_named_in_a_warning(built) -> None:  # type: ignore[no-untyped-def]
    *_, warnings = built
    assert "Chinese" in warnings and "Arabic" in warnings


def test_names_merge_across_languages_and_transliterations(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, _, _ = built
    entities = [e for d in dossiers for e in d.entities]

    def holding(alias: str) -> set[str]:
        return {e.name for e in entities if alias in e.aliases}

    assert (
        holding("Oleksandr Kowalenko") == holding("Oleksandr Kovalenko") == {"Oleksandr Kovalenko"}
    )
    assert holding("Genf") <= {"Geneva"} and holding("Ginebra") == holding("Genève") == {"Geneva"}
    assert holding("Lisboa") == holding("Lisbonne") == {"Lisbon"}


def test_each_reports_quotes_name_their_speakers(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, articles, _ = built
    names = {e.id: e.name for d in dossiers for e in d.entities}
    said: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    for d in dossiers:
        for q in d.quotes:
            for ev in q.evidence:
                a = articles[ev.article]
                said[(Path(a.path or "").stem, a.language)].add(names.get(q.speaker_entity or ""))
    for language in ("en", "es", "fr", "it", "de", "pt"):
        first = said[("01_harbour-gazette", language)]
        assert {"Ines Darrow", "Oleksandr Kovalenko"} <= first, (language, first)
        second = said[("02_northshore-post", language)]
        assert {"Halvard Sten", "Ines Darrow"} <= second, (language, second)


def test_one_statement_quoted_in_six_languages_is_one_quote(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, articles, _ = built
    names = {e.id: e.name for d in dossiers for e in d.entities}
    direct = [
        q
        for d in dossiers
        for q in d.quotes
        if q.direct and names.get(q.speaker_entity or "") == "Ines Darrow"
    ]
    assert len(direct) == 1
    assert {articles[ev.article].language for ev in direct[0].evidence} == {
        "en", "es", "fr", "it", "de", "pt"
    }  # fmt: skip
    assert direct[0].text.startswith("Every passenger")
