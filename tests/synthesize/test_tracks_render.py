"""Tracks as a reader sees them: a table in Markdown, a chart drawn without script in
HTML, the JSON key, and a moved figure listed among the changes."""

from __future__ import annotations

import json

import msgspec

from storyline.model import Dossier, Track, TrackPoint
from storyline.render import to_html, to_json, to_markdown
from storyline.render.view import build_view
from storyline.synthesize.changes import find_changes, with_changes
from tests.builders import article as art
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


T3 = "The death toll from the floods rose to 40 people, the regional office said."
C3 = art("c3", "Strait Herald", "2031-02-05")
P3 = TrackPoint(
    date="2031-02-05",
    value=40.0,
    text="40 people",
    outlet="Strait Herald",
    evidence=[ev("c3", 0, T3)],
)


def test_each_day_new_reports_move_a_track_is_one_revision_with_dates_outlets_and_sentences() -> (
    None
):
    # Two new reports since the last build, on two days: the toll went 12 → 31 → 40, and a
    # reader sees both moves, each with the sentences of the figure before and after it.
    before = _with_tracks(dossier([A1], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1))
    after = _with_tracks(
        dossier([A1, B2, C3], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1, P2, P3)
    )
    revised = [c for c in find_changes(before, after) if c.kind == "revised_figure"]
    assert [(c.before, c.after, c.before_date, c.date) for c in revised] == [
        ("at least 12 people", "31 people", "2031-02-02", "2031-02-04"),
        ("31 people", "40 people", "2031-02-04", "2031-02-05"),
    ]
    assert [c.outlets for c in revised] == [["Valley Post"], ["Strait Herald"]]
    assert [[e.text for e in c.before_evidence] for c in revised] == [[T1], [T2]]
    assert [[e.text for e in c.evidence] for c in revised] == [[T2], [T3]]
    data = json.loads(to_json(with_changes(before, after)))
    assert data["schema_version"] == 1
    first = next(c for c in data["changes"] if c["kind"] == "revised_figure")
    assert (first["date"], first["before_date"], first["outlets"]) == (
        "2031-02-04",
        "2031-02-02",
        ["Valley Post"],
    )


def test_a_value_told_again_is_no_revision_and_a_late_telling_of_an_old_day_neither() -> None:
    again = TrackPoint(
        date="2031-02-04", value=12.0, text="12 people", outlet="Valley Post",
        evidence=[ev("b2", 0, "Twelve people have died in the floods, officials said.")],
    )  # fmt: skip
    late = msgspec.structs.replace(P3, date="2031-02-01", value=3.0, text="3 people")
    before = _with_tracks(dossier([A1], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1))
    after = _with_tracks(
        dossier([A1, B2, C3], [claim("c-x", [ev("a1", 0, T1)])]), _track(late, P1, again)
    )
    assert [c for c in find_changes(before, after) if c.kind == "revised_figure"] == []


def test_markdown_and_html_cite_the_figure_before_and_after_a_revision() -> None:
    before = _with_tracks(dossier([A1], [claim("c-x", [ev("a1", 0, T1)])]), _track(P1))
    d = with_changes(before, _story())
    view = build_view(d)
    was, now = view.refs([ev("a1", 0, T1)])[0], view.refs([ev("b2", 0, T2)])[0]
    md = to_markdown(d)
    line = next(x for x in md.splitlines() if x.startswith("- **Revised figure**"))
    assert f"(was [\\[{was}\\]](#src-{was}); now [\\[{now}\\]](#src-{now}))" in line
    page = to_html(d)
    item = page[page.index('class="change ch-revised_figure"') :]
    item = item[: item.index("</li>")]
    assert item.index(f'href="#src-{was}"') < item.index(f'href="#src-{now}"')
