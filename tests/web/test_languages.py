"""The story list filters by the language of a story's reports, by code or by name."""

from __future__ import annotations

import msgspec

from storyline.web.search import parse_query
from storyline.web.views import story_row
from tests.render.fixtures import make_dossier


def test_stories_filter_by_the_language_of_their_reports() -> None:
    dossier = make_dossier()
    articles = [dossier.articles[0], msgspec.structs.replace(dossier.articles[1], language="es")]
    row = story_row(msgspec.structs.replace(dossier, articles=articles))
    assert row.as_dict()["languages"] == ["en", "es"]
    for asked in ("es", "Spanish", "spanish", "en", "English"):
        assert parse_query("", "", "", "", "", asked).matches(row), asked
    for asked in ("fr", "French", "span"):
        assert not parse_query("", "", "", "", "", asked).matches(row), asked
    assert parse_query("", "", "", "", "").matches(row)  # no language asked: every story
