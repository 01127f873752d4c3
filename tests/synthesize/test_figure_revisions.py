"""A count told again later is a revision when it grew, and a dispute when a report a day
later tells less of what only grows; a count over many places is no one place's count.

Every sentence is fictional, written for these tests. 2031-05-06 is a Tuesday.
"""

from __future__ import annotations

import pytest

from storyline.synthesize.measures import FIGURES
from tests.synthesize.test_figures import quantity_conflicts, two_reports


def test_a_higher_toll_of_one_event_in_the_next_days_report_is_a_revision() -> None:
    # Both name the day of the clashes; the next day's report counts more dead: the toll
    # as known a day later, not two outlets that disagree.
    a = "Three people were killed in Tuesday's clashes in Vessa, the health ministry said."
    b = "At least eight people were killed in Tuesday's clashes in Vessa, the health ministry said."
    assert quantity_conflicts(two_reports(a, b, day_b="2031-05-07")) == []


def test_a_lower_toll_in_the_next_days_report_is_a_dispute() -> None:
    # A death toll does not fall: a report a day later telling less than the minister's
    # count of the day before disagrees with it.
    a = "The fever has killed 26 people in Vessa, the health minister said on Tuesday."
    b = "The fever has killed 22 people in Vessa, the health agency said."
    (conflict,) = quantity_conflicts(two_reports(a, b, day_b="2031-05-07"))
    assert {p.value for p in conflict.positions} == {"26 people", "22 people"}
    assert FIGURES.report_slack == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            "More than 1,000 cases of the fever have been confirmed in 20 countries, "
            "Vessa among them.",
            "Some 590 cases of the fever have been confirmed in Vessa, the health ministry said.",
            id="a_count_over_many_countries_is_not_one_countrys",
        ),
        pytest.param(
            "Three cases of the fever have been confirmed in Vessa, the health ministry said.",
            "The first two cases of the fever in Vessa were a couple back from Ostmark, it said.",
            id="the_first_cases_are_not_the_count",
        ),
        pytest.param(
            "The fever has killed 20 people in Vessa, the health ministry said on Tuesday.",
            "The fever, suspected of killing at least 60 people in Vessa, alarms the ministry.",
            id="suspected_deaths_are_not_the_confirmed_toll",
        ),
        pytest.param(
            "Three children were killed in the air strike on Vessa, the health ministry said.",
            "Nine people were killed in the air strike on Vessa, the health ministry said.",
            id="children_among_the_dead_are_not_the_toll",
        ),
    ],
)
def test_a_count_that_is_not_the_same_count_is_no_conflict(a: str, b: str) -> None:
    # Over many countries, the first cases, suspected deaths, children among the dead:
    # none is the count the other report tells.
    assert quantity_conflicts(two_reports(a, b)) == []
