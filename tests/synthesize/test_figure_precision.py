"""What the ledger never flags and never tracks: a wrong "sources disagree" or a track that
mixes measures is worse than none.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from storyline.synthesize.tracks import story_tracks
from tests.synthesize.fictional import Linked, three_days
from tests.synthesize.test_figures import assert_no_dispute


def tracks_of(story: Linked) -> list[str]:
    return [t.about for t in story_tracks(story.articles, story.annotations, story.links)]


def test_a_count_told_a_day_apart_is_no_dispute() -> None:
    # A count moves from one day to the next: two reports of consecutive days differ
    # without disagreeing.
    a = "Officials said 8 cases of the fever were confirmed in Vessa."
    b = "Officials said 20 cases of the fever were confirmed in Vessa."
    assert_no_dispute(a, b, [[8.0], [20.0]], day_b="2031-05-07")


def test_money_with_no_giver_is_no_dispute() -> None:
    # Spent by whom, on what? Two sums without a payer are not one measure.
    a = "Some $20 million was spent on the clean-up in Vessa, officials said on Friday."
    b = "Some $45 million was spent on the clean-up in Vessa, officials said on Friday."
    assert_no_dispute(a, b, [[20e6], [45e6]])


def test_a_duration_told_of_one_entity_only_is_no_dispute() -> None:
    # Two lengths that share a place and nothing else, told in sentences only loosely
    # alike, may be of two different events (how long the port was shut, how long ships
    # waited): only the same event told twice pairs.
    a = "The blockade of Vessa lasted 17 days, the harbour master said."
    b = "Ships waited 18 days outside Vessa before the port reopened, a shipping bulletin said."
    assert_no_dispute(a, b, [[17.0], [18.0]])


def test_a_count_with_a_vague_predicate_is_no_dispute() -> None:
    # "Drilled" says nothing a reader could hold two reports to.
    a = "Engineers have drilled 2 wells near Vessa, the company said on Friday."
    b = "Engineers have drilled 5 wells near Vessa, the company said on Friday."
    assert_no_dispute(a, b, [[2.0], [5.0]])


def test_a_constant_count_is_no_track() -> None:
    story = three_days(*["The Vessa blast killed 11 workers."] * 3)
    assert story.figures() == [[11.0], [11.0], [11.0]]
    assert tracks_of(story) == []


@pytest.mark.parametrize(
    "told",
    [
        # money whose payer is never said
        (
            "The clean-up in Vessa has cost $20 million so far.",
            "The clean-up in Vessa has cost $45 million so far.",
            "The clean-up in Vessa has cost $90 million so far.",
        ),
        # a count of things whose predicate says little
        (
            "Engineers have drilled 2 wells near Vessa.",
            "Engineers have drilled 3 wells near Vessa.",
            "Engineers have drilled 5 wells near Vessa.",
        ),
    ],
)
def test_vague_measures_make_no_track(told: tuple[str, str, str]) -> None:
    story = three_days(*told)
    assert all(story.figures()), "each report tells its figure"
    assert tracks_of(story) == []


def test_a_rate_is_never_tracked_with_totals() -> None:
    # "a day" right after the figure: whether the parse read a rate or a total is in
    # doubt, so the figure joins no track of totals.
    story = three_days(
        "The well has leaked 9,000 barrels of oil.",
        "The well has leaked 20,000 barrels of oil, about 5,000 barrels a day.",
        "The well has been leaking 12,000 barrels of oil each day.",
    )
    assert all(story.figures()), "each report tells its figure"
    for track in story_tracks(story.articles, story.annotations, story.links):
        per_values = {(p.value, p.text) for p in track.points}
        assert not (
            {9000.0, 20000.0} & {v for v, _ in per_values}
            and any(v in (5000.0, 12000.0) for v, _ in per_values)
        ), track


def test_counts_of_single_incidents_make_no_track() -> None:
    # Each report counts the dead of one clash: three incidents, not one toll moving.
    story = three_days(
        "Three people died in clashes in Vessa.",
        "Seven people died in clashes in Vessa.",
        "Two people died in clashes in Vessa.",
    )
    assert story.figures() == [[3.0], [7.0], [2.0]]
    assert tracks_of(story) == []
