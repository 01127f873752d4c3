"""One story across languages, end to end: the Dravenmoor example in English, Spanish, French.

Each report of ``examples/dravenmoor-dam`` has a Spanish and a French translation
(``examples/dravenmoor-dam-es``, ``-fr``: the same outlet, author and date). Built together
with the multilingual encoder, a report and its translations are one story, and what they
tell is confirmed across languages.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from storyline.engine import build
from storyline.model import Dossier
from storyline.settings import load_settings
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FOLDERS = ("dravenmoor-dam", "dravenmoor-dam-es", "dravenmoor-dam-fr")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Dossier], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("xling")
    settings = load_settings(
        None, db=str(tmp / "s.sqlite"), out=str(tmp / "out"), embedder="use-multilingual"
    )
    report = build([EXAMPLES / f for f in FOLDERS], settings=settings)
    store = open_store(settings.db)
    try:
        dossiers = [store.get_dossier(s.id) for s in report.stories]
        language = {a.id: a.language for a in store.articles()}
    finally:
        store.close()
    return dossiers, language


def test_every_report_shares_a_story_with_its_translations(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, _ = built
    stories: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for d in dossiers:
        for a in d.articles:
            path = Path(a.path or "")
            # The feed holds two reports: told apart by their date. A translation may be
            # another format (the Northgate Ledger page is HTML in English, text in the others).
            feed = path.suffix == ".jsonl"
            stories[(path.stem, a.published.date if feed else None)].add(d.story.id)
    assert len(stories) == 8
    assert all(len(ids) == 1 for ids in stories.values()), stories


def test_a_quote_told_in_three_languages_is_one_claim(built) -> None:  # type: ignore[no-untyped-def]
    dossiers, language = built
    quote = [
        c
        for d in dossiers
        for c in d.claims
        if any("worst day of my professional life" in ev.text for ev in c.evidence)
    ]
    assert len(quote) == 1
    assert {language[ev.article] for ev in quote[0].evidence} == {"en", "es", "fr"}
