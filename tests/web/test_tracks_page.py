"""The story page of the web app shows each figure over time (a chart drawn on the server,
no script) and a revised figure among the changes with its sentences before and after.

A fictional flood: the dossier is handed to the page as the store would give it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from storyline.model import Dossier
from storyline.synthesize.changes import with_changes
from tests.builders import claim, ev
from tests.synthesize.test_changes import A1, B2, dossier
from tests.synthesize.test_tracks_render import P1, P2, T1, T2, _track

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from storyline.settings import load_settings  # noqa: E402
from storyline.web.app import WebConfig, create_app  # noqa: E402
from storyline.web.state import State  # noqa: E402


def _flood() -> Dossier:
    before = dossier([A1], [claim("c-x", [ev("a1", 0, T1)])])
    before = msgspec.structs.replace(before, tracks=[_track(P1)])
    now = dossier([A1, B2], [claim("c-x", [ev("a1", 0, T1)])], generated="2031-02-04T12:00:00")
    return with_changes(before, msgspec.structs.replace(now, tracks=[_track(P1, P2)]))


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    built = _flood()
    monkeypatch.setattr(State, "dossier", lambda self, story_id: built)
    config = WebConfig(settings=load_settings(db=str(tmp_path / "s.sqlite")))
    with TestClient(create_app(config)) as client:
        response = client.get(f"/stories/{built.story.id}")
        assert response.status_code == 200
        yield response.text


def test_the_story_page_charts_each_figure_over_time_without_a_script(page: str) -> None:
    section = page[page.index('<section id="tracks"') :]
    section = section[: section.index("</section>")]
    assert "persons dead" in section and "<svg" in section and section.count("<circle") == 2
    assert "<script" not in section and " on" not in section.split("<svg", 1)[1].split(">")[0]
    assert "at least 12 people" in section and "Valley Post" in section
    assert '<a href="#tracks">' in page


def test_the_story_page_cites_a_revised_figure_before_and_after(page: str) -> None:
    item = page[page.index("Revised figure") :]
    item = item[: item.index("</li>")]
    assert "at least 12 people → 31 people" in item
    assert "(was " in item and "; now " in item and item.count('class="src-link"') == 2
    sources = page[page.index('<ol class="sources">') :]
    assert T1 in sources and T2 in sources
