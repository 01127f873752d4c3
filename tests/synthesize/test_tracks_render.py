"""Tracks as a reader sees them: a table in Markdown, a chart drawn without script in
HTML, the JSON key, and a moved figure listed among the changes."""

from __future__ import annotations

import json

import msgspec

from storyline.model import Dossier, Track, TrackPoint
from storyline.render import to_html, to_json, to_markdown
from storyline.synthesize.changes import find_changes
from tests.builders import claim, ev
from tests.synthesize.test_changes import A1, B2, dossier

T1 = "The floods have killed at least 12 people, officials said."
T2 = "The floods have killed 31 people, officials said."


def _track(*points: TrackPoint) -> Track:
    return Track(about="persons dead", unit="person", points=list(points))


P1 = TrackPoint(
    date="2031-02-02",
    value=12.0,
    low=12.0,
    text="at least 12 people",
    outlet="Brenmoor Courier",
    evidence=[ev("a1", 0, T1)],
)
P2 = TrackPoint(
    date="2031-02-04",
    value=31.0,
    low=31.0,
    high=31.0,
    text="31 people",
    outlet="Valley Post",
    evidence=[ev("b2", 0, T2)],
)


def _with_tracks(d: Dossier, *tracks: Track) -> Dossier:
    return msgspec.structs.replace(d, tracks=list(tracks))


def _story() -> Dossier:
    return _with_tracks(dossier([A1, B2], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1, P2))


def test_markdown_shows_each_value_with_its_date_and_outlet() -> None:
    md = to_markdown(_story())
    assert "## Figures over time" in md and "### persons dead" in md
    assert "| 2031-02-02 | at least 12 people | Brenmoor Courier | [\\[2\\]](#src-2) |" in md
    assert "| 2031-02-04 | 31 people | Valley Post | [\\[3\\]](#src-3) |" in md


def test_html_draws_the_track_as_svg_without_any_new_script() -> None:
    page = to_html(_story())
    section = page[page.index('<section id="tracks">') :]
    section = section[: section.index("</section>")]
    assert "<svg" in section and section.count("<circle") == 2 and "<polyline" in section
    assert "<script" not in section and "onload" not in section
    assert page.count("<script") == 2  # the data block and the report's own script, as before


def test_json_carries_the_tracks_key() -> None:
    data = json.loads(to_json(_story()))
    assert data["schema_version"] == 1
    (track,) = data["tracks"]
    assert [(p["date"], p["value"], p["outlet"]) for p in track["points"]] == [
        ("2031-02-02", 12.0, "Brenmoor Courier"),
        ("2031-02-04", 31.0, "Valley Post"),
    ]


def test_a_track_that_moved_is_a_revised_figure_among_the_changes() -> None:
    before = _with_tracks(dossier([A1], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1))
    changes = find_changes(before, _story())
    (revised,) = [c for c in changes if c.kind == "revised_figure"]
    assert (revised.before, revised.after) == ("at least 12 people", "31 people")
    assert revised.text == "persons dead at least 12 people → 31 people (Valley Post, 2031-02-04)"
