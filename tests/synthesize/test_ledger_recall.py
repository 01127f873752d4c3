"""Disagreements the ledger used to miss: figures read where they are told (a list item, a
count over a country's states, a rate cue that is another figure's, "almost").

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

from storyline.model import Conflict
from tests.synthesize.fictional import Linked, article, link
from tests.synthesize.test_figures import quantity_conflicts, two_reports

DAY = "2031-05-06"


def values(conflict: Conflict) -> list[str]:
    return sorted(p.value for p in conflict.positions)


def one_conflict(story: Linked) -> list[str]:
    (conflict,) = quantity_conflicts(story)
    return values(conflict)


def test_a_count_over_a_countrys_states_is_the_countrys() -> None:
    a = "Norland has 640 confirmed cases of the fever in 30 states, its health agency said."
    b = "The health agency reported 910 confirmed cases of the fever across Norland."
    assert one_conflict(two_reports(a, b)) == ["640 confirmed cases", "910 confirmed cases"]


def test_a_list_item_is_the_count_of_its_label() -> None:
    a = (
        "Norland: one death, 109 confirmed cases Vessa: 3 confirmed, 13 probable cases "
        "Karsholm, Ostby: 2 confirmed cases each"
    )
    b = (
        "Norland: one death, 109 confirmed cases Vessa: 4 confirmed, 11 probable cases "
        "Karsholm, Ostby: 2 confirmed cases each"
    )
    assert one_conflict(two_reports(a, b)) == ["11 probable cases", "13 probable cases"]


def test_a_breakdown_figure_told_of_its_own_place_is_that_places_count() -> None:
    a = (
        "Rights workers have confirmed 80 deaths in the capital, 36 deaths in Karsholm and "
        "13 deaths in Ostby, a researcher said."
    )
    b = "In Karsholm, 29 people were killed in the protests, according to officials."
    assert one_conflict(two_reports(a, b)) == ["29 people", "36 deaths"]


def test_two_figures_of_one_place_in_one_sentence_stay_parts() -> None:
    # A before and after of one place: neither is the count the other report tells.
    a = "In Karsholm, 12 people were killed on Monday and 20 people were killed on Tuesday."
    b = "In Karsholm, 29 people were killed in the protests, according to officials."
    story = two_reports(a, b)
    assert story.figures() == [[12.0, 20.0], [29.0]]
    assert quantity_conflicts(story) == []


def test_a_rate_cue_told_of_another_figure_leaves_a_count_alone() -> None:
    a = "The agency says 47,000 people have fled Norland and 3,000 are expected to leave daily."
    b = "Almost 60,000 people have fled Norland, the agency said."
    assert one_conflict(two_reports(a, b)) == ["47,000 people", "Almost 60,000 people"]


def test_almost_is_just_under_its_figure() -> None:
    a = "Almost 50,000 people have fled Norland, the agency said."
    b = "The agency said 43,000 people have fled Norland."
    assert one_conflict(two_reports(a, b)) == ["43,000 people", "Almost 50,000 people"]


def test_a_figure_just_under_almost_is_no_dispute() -> None:
    a = "Almost 50,000 people have fled Norland, the agency said."
    b = "The agency said 49,000 people have fled Norland."
    story = two_reports(a, b)
    assert story.figures() == [[50000.0], [49000.0]]
    assert quantity_conflicts(story) == []


def test_a_bare_count_of_the_dead_pairs() -> None:
    a = "So far, up to 80 are reported to have died of the fever in Vessa."
    b = "Officials in Vessa said the fever had caused 95 deaths."
    assert one_conflict(two_reports(a, b)) == ["95 deaths", "up to 80"]


def test_a_part_of_a_count_leaves_the_count_whole() -> None:
    # "12 of the 90 deaths" counts deaths, but only a part of them: the 90 is the count.
    a = "Officials in Vessa said 12 of the 90 reported deaths have been confirmed."
    b = "Officials in Vessa said 95 deaths had been reported."
    story = link([article("Strait Herald", DAY, a), article("Karsholm Post", DAY, b, filler=2)])
    assert story.figures() == [[12.0, 90.0], [95.0]]
    assert one_conflict(story) == ["90 reported deaths", "95 deaths"]


def test_a_bare_count_of_an_incident_stays_a_guess() -> None:
    # "six were killed": of whom, in which attack? Only a count told as a reported toll pairs.
    a = "Rebels said six were killed by rockets on the coastal road near Vessa."
    b = "Officials in Vessa said the rockets had killed nine people on the coastal road."
    story = two_reports(a, b)
    assert story.figures() == [[6.0], [9.0]]
    assert quantity_conflicts(story) == []
