"""Each report's language in the Markdown and HTML reports, and summary sentences in
another language than the reader's named with it."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from storyline.errors import StorylineError
from storyline.model import Dossier, Evidence, SummarySentence
from storyline.render import to_html, to_markdown, write_dossier
from storyline.settings import load_settings

SPANISH_LINE = "El puente de Veltrano reabrió el lunes tras dos años de obras."


def _with_a_spanish_report(dossier: Dossier) -> Dossier:
    """The fixture story with its second report in Spanish, its sentence in the summary."""
    articles = [*dossier.articles]
    articles[1] = msgspec.structs.replace(articles[1], language="es")
    summary = [
        *dossier.summary,
        SummarySentence(
            text=SPANISH_LINE, evidence=[Evidence(article="b2", sentence=0, text=SPANISH_LINE)]
        ),
    ]
    return msgspec.structs.replace(dossier, articles=articles, summary=summary)


def test_markdown_names_each_reports_language_when_they_differ(dossier: Dossier) -> None:
    assert "Language" not in to_markdown(dossier)  # one language, the reader's: no column
    md = to_markdown(_with_a_spanish_report(dossier))
    header = next(line for line in md.splitlines() if line.startswith("| #") and "Outlet" in line)
    assert header.rstrip(" |").endswith("Language")
    assert "| Spanish |" in md and "| English |" in md
    assert f"{SPANISH_LINE} *(in Spanish)*" in md
    # A reader of Spanish is told which sentences are in English instead.
    md_es = to_markdown(_with_a_spanish_report(dossier), reader_language="es")
    assert f"{SPANISH_LINE} *(in" not in md_es
    assert "*(in English)*" in md_es


def test_html_marks_the_language_of_a_summary_sentence(dossier: Dossier) -> None:
    page = to_html(_with_a_spanish_report(dossier))
    assert f'<span dir="auto" lang="es">{SPANISH_LINE}</span>' in page
    assert '<span class="language">(in Spanish)</span>' in page
    assert "<th>Language</th>" in page and "<td>Spanish</td>" in page
    assert "<th>Language</th>" not in to_html(dossier)


def test_the_reader_language_setting_reaches_the_written_files(
    dossier: Dossier, tmp_path: Path
) -> None:
    settings = load_settings(reader_language="es")
    files = write_dossier(
        _with_a_spanish_report(dossier), tmp_path, reader_language=settings.reader_language
    )
    md = files["md"].read_text(encoding="utf-8")
    assert "*(in English)*" in md and f"{SPANISH_LINE} *(in" not in md
    with pytest.raises(StorylineError, match="reader_language"):
        load_settings(reader_language="Spanish")
