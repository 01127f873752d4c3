"""Disagreements and tracks: figures pair only as one measure, one scope, one time.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from storyline.model import Conflict
from storyline.synthesize.ledger import build_ledger
from storyline.synthesize.quotes import collect_quotes
from storyline.synthesize.tracks import story_tracks
from tests.synthesize.fictional import Linked, article, link, three_days

DAY = "2031-05-06"


def quantity_conflicts(story: Linked) -> list[Conflict]:
    quotes = collect_quotes(story.annotations, story.links.entities, story.links.mention_entity)
    ledger = build_ledger(story.articles, story.annotations, story.links, quotes)
    return [c for c in ledger if c.kind == "quantity"]


def two_reports(a: str, b: str, day_b: str = DAY) -> Linked:
    return link(
        [
            article("Strait Herald", DAY, a, filler=0),
            article("Karsholm Post", day_b, b, filler=2),
        ]
    )


def assert_no_dispute(a: str, b: str, figures: list[list[float]], day_b: str = DAY) -> None:
    """Two reports whose figures (``figures``, report by report) are read and do not pair."""
    story = two_reports(a, b, day_b)
    assert story.figures() == figures
    assert quantity_conflicts(story) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different measures told with one unit
        (
            "Police in Vessa said 49 people were injured in the protests on Friday.",
            "Police in Vessa said they detained at least 90 people in the protests on Friday.",
        ),
        # an age and a time offset are no counts
        (
            "A two-year-old girl was pulled alive from the rubble in Vessa, rescuers said.",
            "The rubble in Vessa was cleared five years ago, rescuers said.",
        ),
        # magnitudes of different shocks
        (
            "A 5.9 aftershock shook Vessa on Friday, the seismic office said.",
            "A magnitude 7.0 quake shook Vessa on Friday, the seismic office said.",
        ),
        # a depth and a distance
        (
            "The quake struck Vessa at a depth of 8 km, the seismic office said.",
            "The quake struck Vessa 15 km from the port, the seismic office said.",
        ),
        # pledges by different donors
        (
            "Norland pledged $20 million in aid for Vessa on Friday, the ministry said.",
            "Ostmark pledged $50 million in aid for Vessa on Friday, the ministry said.",
        ),
        # a floor and a figure above it can both hold
        (
            "At least 90 people were killed in the Vessa floods, officials said on Friday.",
            "About 100 people were killed in the Vessa floods, officials said on Friday.",
        ),
        # the toll in two different places
        (
            "The floods killed 40 people in Vessa, officials said on Friday.",
            "The floods killed 90 people in Ostmark, officials said on Friday.",
        ),
    ],
)
def test_figures_of_different_measures_or_compatible_are_no_dispute(a: str, b: str) -> None:
    story = two_reports(a, b)
    assert all(story.figures()), "each report tells its figure"
    assert quantity_conflicts(story) == []


def test_one_toll_told_two_ways_on_one_day_is_a_dispute() -> None:
    a = "At least 90 people were killed in the Vessa floods, officials said on Friday."
    b = "The death toll from the Vessa floods rose to 40, officials said on Friday."
    (conflict,) = quantity_conflicts(two_reports(a, b))
    values = {p.value for p in conflict.positions}
    assert values == {"At least 90 people", "40"}
    assert "dead" in conflict.about


def test_a_toll_rising_over_days_is_one_track_and_no_dispute() -> None:
    story = three_days(
        "The Vessa floods have killed 12 people.",
        "The Vessa floods have killed 31 people.",
        "The Vessa floods have killed 57 people.",
    )
    assert quantity_conflicts(story) == []
    (track,) = story_tracks(story.articles, story.annotations, story.links)
    assert [(p.date, p.value, p.outlet) for p in track.points] == [
        ("2031-05-06", 12.0, "Strait Herald"),
        ("2031-05-08", 31.0, "Karsholm Post"),
        ("2031-05-11", 57.0, "Harbour Times"),
    ]
    assert "dead" in track.about


def test_a_place_one_report_gives_must_be_named_by_the_other() -> None:
    # "in Vessa" against a sentence about the whole region: two scopes, no dispute; the
    # same count told by its initials ("the United Kingdom" / "UK") is one scope.
    a = "Officials said 40 cases of the fever were confirmed in Vessa on Friday."
    b = "Officials said 90 cases of the fever were confirmed across the region on Friday."
    assert quantity_conflicts(two_reports(a, b)) == []
    c = "Officials said 40 cases of the fever were confirmed in the United Kingdom on Friday."
    d = "Officials said on Friday that 90 UK cases of the fever were confirmed."
    (conflict,) = quantity_conflicts(two_reports(c, d))
    assert {p.value for p in conflict.positions} == {"40 cases", "90 UK cases"}
