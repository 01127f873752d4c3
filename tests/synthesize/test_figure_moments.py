"""Tellings of figures that are no dispute (a rounded value and the value it rounds, two
days the sentences name, a part and its whole, windows and lengths of two events), and
those that still are (one measure told under two nouns or two names of one place).

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from tests.synthesize.fictional import article, link
from tests.synthesize.test_figures import DAY, assert_no_dispute, quantity_conflicts, two_reports

NO_DISPUTE = {
    # "5m" is 4.5 to 5.5 million as written: 4.9 million rounds to it.
    "rounded": (
        "The Vessa well has spilled 4.9 million barrels of oil, officials said on Friday.",
        "The Vessa well has spilled 5m barrels of oil, officials said on Friday.",
        [[4.9e6], [5e6]],
    ),
    # Killed on Sunday afternoon, killed in Monday's clashes: two moments.
    "two named days": (
        "Doctors in Vessa said 50 people were killed in clashes on Sunday afternoon.",
        "Doctors in Vessa said 25 people were killed in fresh clashes on Monday.",
        [[50.0], [25.0]],
    ),
    # The toll of three towns against one town's: two scopes.
    "several places": (
        "Monitors have confirmed more than 120 deaths in Vessa, Ostmark and Karsholm.",
        "Monitors have confirmed 80 deaths in Vessa since the protests began.",
        [[120.0], [80.0]],
    ),
    # A count with no place of its own, told with a list of places, against one place's.
    "no place, a list": (
        "Monitors said 79 people have been infected since the fever spread to Vessa, Ostmark,"
        " Karsholm and Brenna.",
        "Monitors said 64 people in Vessa have been infected with the fever.",
        [[79.0], [64.0]],
    ),
    # A toll of civilians and a toll of all the dead: a part and its whole.
    "civilians": (
        "Officials said 9 civilians were killed in the shelling of Vessa on Friday.",
        "Officials said 27 people were killed in the shelling of Vessa on Friday.",
        [[9.0], [27.0]],
    ),
    # "Within 12 hours", "within 30 hours": deadlines, not how long anything lasted.
    "windows": (
        "Engineers at the Vessa dam told General Orlov the town could flood within 12 hours.",
        "Engineers at the Vessa dam told General Orlov the valley could flood within 30 hours.",
        [[12.0], [30.0]],
    ),
    # Weeks of shelling and weeks of blockade: two events.
    "two events": (
        "After two weeks of shelling, the Vessa garrison of General Orlov still held the port.",
        "After five weeks of blockade, the Vessa garrison of General Orlov still held the port.",
        [[2.0], [5.0]],
    ),
    # "One of three leaks" was sealed: things counted, no volume of oil.
    "leaks": (
        "Engineers at the Vessa well sealed one leak on Friday, the company said.",
        "The Vessa well has three leaks spilling oil into the bay, the company said on Friday.",
        [[1.0], [3.0]],
    ),
    # One day's reports: "eight cases", then the count "has risen to 18": it moved.
    "risen": (
        "Eight cases of the fever have been confirmed in Vessa, health officials said.",
        "The number of confirmed cases of the fever in Vessa has risen to 18, officials said.",
        [[8.0], [18.0]],
    ),
}

DISPUTE = {
    # 5.6 million does not round to 5m.
    "beyond rounding": (
        "The Vessa well has spilled 5.6 million barrels of oil, officials said on Friday.",
        "The Vessa well has spilled 5m barrels of oil, officials said on Friday.",
        {"5.6 million barrels", "5m barrels"},
    ),
    # "31 deaths" and "25 people were killed" count the same dead.
    "deaths and people killed": (
        "Doctors said 31 deaths were recorded in Vessa after the clashes on Friday.",
        "Doctors said 25 people were killed in Vessa in the clashes on Friday.",
        {"31 deaths", "25 people"},
    ),
    # "the US" in one report, "the United States" in the other: one scope.
    "initials spelled out": (
        "Health officials said 2,310 cases of the fever were confirmed in the US on Friday.",
        "The United States has 2,790 confirmed cases of the fever, officials said on Friday.",
        {"2,310 cases", "2,790 confirmed cases"},
    ),
    # Told lower and "risen", the count did not move up: the reports disagree.
    "lower told as risen": (
        "The number of confirmed cases of the fever in Vessa has risen to 8, officials said.",
        "Health officials said 18 cases of the fever have been confirmed in Vessa.",
        {"8", "18 cases"},
    ),
}


@pytest.mark.parametrize(("a", "b", "figures"), NO_DISPUTE.values(), ids=NO_DISPUTE.keys())
def test_tellings_that_may_both_hold_are_no_dispute(
    a: str, b: str, figures: list[list[float]]
) -> None:
    assert_no_dispute(a, b, figures)


@pytest.mark.parametrize(("a", "b", "values"), DISPUTE.values(), ids=DISPUTE.keys())
def test_tellings_that_cannot_both_hold_are_a_dispute(a: str, b: str, values: set[str]) -> None:
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert {p.value for p in conflict.positions} == values


def test_the_outlet_named_in_both_reports_is_no_shared_subject() -> None:
    # Two lengths of two events, told by one outlet that names itself: sharing the outlet
    # and a place does not make them one event.
    told = (
        "The Harbour Times found the Vessa blockade lasted 17 days.",
        "Ships waited 40 days outside Vessa, the Harbour Times said.",
    )
    story = link([article("Harbour Times", DAY, s, filler=2 * n) for n, s in enumerate(told)])
    assert story.figures() == [[17.0], [40.0]]
    assert quantity_conflicts(story) == []
