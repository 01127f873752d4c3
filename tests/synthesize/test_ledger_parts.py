"""A part and its whole: a part of the people counted (civilians, children, soldiers) or
the confirmed part of a toll cannot exceed the whole of one event, time and scope; a part
below its whole agrees with it. A place one report names, told by the other by its
adjective, is one scope both name; deaths a cause is blamed for are deaths; a sum told as a
fund's size measures the fund.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from tests.synthesize.test_figures import assert_no_dispute, quantity_conflicts, two_reports


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        pytest.param(
            "Officials in Vessa said 12 people, including two children, were killed in "
            "Monday's shelling.",
            "Officials in Vessa said on Monday 17 civilians were killed in the shelling of "
            "the port.",
            ["12 people", "17 civilians"],
            id="more civilians killed than people killed",
        ),
        pytest.param(
            "Officials in Vessa said 16 deaths from the fever have been confirmed so far.",
            "In Vessa, 21 of the 130 reported deaths have been confirmed, officials said.",
            ["16 deaths", "21"],
            id="two confirmed tolls, one told as a part of all deaths",
        ),
        pytest.param(
            "Officials in Vessa said that 15 people were killed in Monday's air strike on the "
            "harbour.",
            "The Vessan government said 19 people were killed in Monday's air strike on the "
            "harbour.",
            ["15 people", "19 people"],
            id="a place and its adjective are one scope",
        ),
        pytest.param(
            "The fever has been blamed for as many as 80 deaths in Vessa, officials said.",
            "Officials in Vessa said the fever had caused 95 deaths.",
            ["95 deaths", "as many as 80 deaths"],
            id="deaths a cause is blamed for are deaths",
        ),
        pytest.param(
            "Officials in Vessa said a $40m fund would be set up to help the fishermen.",
            "The governor of Vessa agreed to establish a $60m fund to help the fishermen.",
            ["$40m", "$60m"],
            id="a fund's size, whoever gives",
        ),
    ],
)
def test_a_part_or_a_place_told_another_way_pairs(a: str, b: str, values: list[str]) -> None:
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert sorted(p.value for p in conflict.positions) == values


@pytest.mark.parametrize(
    ("a", "b", "figures"),
    [
        pytest.param(
            "Officials in Vessa said 12 people, including two children, were killed in "
            "Monday's shelling.",
            "Officials in Vessa said on Monday 9 civilians were killed in the shelling of "
            "the port.",
            [[2.0, 12.0], [9.0]],
            id="fewer civilians killed than people killed",
        ),
        pytest.param(
            "Officials in Vessa said 20 deaths from the fever have been confirmed so far.",
            "Officials in Vessa said the fever has killed at least 60 people so far.",
            [[20.0], [60.0]],
            id="the confirmed deaths are a part of all deaths",
        ),
        pytest.param(
            "Officials in Vessa said 14 soldiers were killed in Monday's shelling.",
            "Officials in Vessa said on Monday 9 civilians were killed in the shelling of "
            "the port.",
            [[14.0], [9.0]],
            id="two parts of the dead are two measures",
        ),
        pytest.param(
            "Reporters were shown 9 bodies at a hospital in Vessa, which officials said were "
            "of people killed in the raid.",
            "Officials in Vessa said 17 civilians were killed in the raid.",
            [[9.0], [17.0]],
            id="the bodies shown are a floor of the dead",
        ),
    ],
)
def test_a_part_within_its_whole_is_no_dispute(a: str, b: str, figures: list[list[float]]) -> None:
    assert_no_dispute(a, b, figures)
