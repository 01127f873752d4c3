"""Two tellings of one figure that are no dispute: a rounded value and the value it rounds,
two days the sentences name.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

from tests.synthesize.fictional import article, link
from tests.synthesize.test_figures import DAY, assert_no_dispute, quantity_conflicts, two_reports


def test_a_rounded_figure_is_no_dispute_with_the_figure_it_rounds() -> None:
    # "5m" is 4.5 to 5.5 million as written: 4.9 million rounds to it.
    a = "The Vessa well has spilled 4.9 million barrels of oil, officials said on Friday."
    b = "The Vessa well has spilled 5m barrels of oil, officials said on Friday."
    assert_no_dispute(a, b, [[4.9e6], [5e6]])


def test_figures_beyond_their_rounding_still_disagree() -> None:
    # 5.6 million does not round to 5m: the reports disagree.
    a = "The Vessa well has spilled 5.6 million barrels of oil, officials said on Friday."
    b = "The Vessa well has spilled 5m barrels of oil, officials said on Friday."
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert {p.value for p in conflict.positions} == {"5.6 million barrels", "5m barrels"}


def test_counts_of_two_days_the_sentences_name_are_no_dispute() -> None:
    # Bodies brought in on Sunday afternoon, people killed in Monday's clashes: two moments.
    a = "Doctors in Vessa said 50 people were killed in clashes on Sunday afternoon."
    b = "Doctors in Vessa said 25 people were killed in fresh clashes on Monday."
    assert_no_dispute(a, b, [[50.0], [25.0]])


def test_deaths_and_people_killed_are_one_measure() -> None:
    # "31 deaths" and "25 people were killed" count the same dead.
    a = "Doctors said 31 deaths were recorded in Vessa after the clashes on Friday."
    b = "Doctors said 25 people were killed in Vessa in the clashes on Friday."
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert {p.value for p in conflict.positions} == {"31 deaths", "25 people"}


def test_a_place_by_its_initials_is_the_place_spelled_out() -> None:
    # "the US" in one report, "the United States" in the other: one scope.
    a = "Health officials said 2,310 cases of the fever were confirmed in the US on Friday."
    b = "The United States has 2,790 confirmed cases of the fever, health officials said on Friday."
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert len(conflict.positions) == 2


def test_a_count_over_several_places_is_not_one_of_them() -> None:
    # The toll of three towns against one town's: two scopes, both may hold.
    a = "Monitors have confirmed more than 120 deaths in Vessa, Ostmark and Karsholm."
    b = "Monitors have confirmed 80 deaths in Vessa since the protests began."
    assert_no_dispute(a, b, [[120.0], [80.0]])


def test_civilians_killed_are_a_part_of_the_people_killed() -> None:
    # A toll of civilians and a toll of all the dead: both may hold.
    a = "Officials said 9 civilians were killed in the shelling of Vessa on Friday."
    b = "Officials said 27 people were killed in the shelling of Vessa on Friday."
    assert_no_dispute(a, b, [[9.0], [27.0]])


def test_the_outlet_named_in_both_reports_is_no_shared_subject() -> None:
    # Two lengths of two events, told by one outlet that names itself: sharing the outlet
    # and a place does not make them one event.
    story = link(
        [
            article(
                "Harbour Times", DAY, "The Harbour Times found the Vessa blockade lasted 17 days."
            ),
            article(
                "Harbour Times",
                DAY,
                "Ships waited 40 days outside Vessa, the Harbour Times said.",
                filler=2,
            ),
        ]
    )
    assert story.figures() == [[17.0], [40.0]]
    assert quantity_conflicts(story) == []


def test_a_window_still_ahead_is_no_length_of_an_event() -> None:
    # "Within 12 hours" and "within 30 hours" are deadlines, not how long anything lasted.
    a = "Engineers at the Vessa dam told General Orlov the town could flood within 12 hours."
    b = "Engineers at the Vessa dam told General Orlov the valley could flood within 30 hours."
    assert_no_dispute(a, b, [[12.0], [30.0]])


def test_lengths_of_two_named_events_are_no_dispute() -> None:
    # Weeks of shelling and weeks of blockade: two events, both may hold.
    a = "After two weeks of shelling, the Vessa garrison of General Orlov still held the port."
    b = "After five weeks of blockade, the Vessa garrison of General Orlov still held the port."
    assert_no_dispute(a, b, [[2.0], [5.0]])


def test_leaks_counted_are_no_flow() -> None:
    # "One of three leaks" was sealed: things counted, no volume of oil.
    a = "Engineers at the Vessa well sealed one leak on Friday, the company said."
    b = "The Vessa well has three leaks spilling oil into the bay, the company said on Friday."
    assert_no_dispute(a, b, [[1.0], [3.0]])


def test_a_count_told_as_risen_on_the_same_day_is_the_later_count() -> None:
    # One day's reports: "eight cases", then the count "has risen to 18": it moved.
    a = "Eight cases of the fever have been confirmed in Vessa, health officials said."
    b = "The number of confirmed cases of the fever in Vessa has risen to 18, officials said."
    assert_no_dispute(a, b, [[8.0], [18.0]])
    # Told the other way round, lower and "risen", the counts still disagree.
    c = "The number of confirmed cases of the fever in Vessa has risen to 8, officials said."
    d = "Health officials said 18 cases of the fever have been confirmed in Vessa."
    (conflict,) = quantity_conflicts(two_reports(c, d))
    assert len(conflict.positions) == 2
