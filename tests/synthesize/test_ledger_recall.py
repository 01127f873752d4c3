"""Disagreements the ledger used to miss: figures read where they are told (a list item, a
breakdown's own place, a count over a country's states, a rate cue that is another
figure's, "almost", a reported toll, a part of a count), and what still never pairs.

A part and its whole (session 11): a part of the people counted (civilians, children,
soldiers) or the confirmed part of a toll cannot exceed the whole of one event, time and
scope; a part below its whole agrees with it. A place one report names, told by the other
by its adjective, is one scope both name; deaths a cause is blamed for are deaths; a sum
told as a fund's size measures the fund.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from tests.synthesize.test_figures import assert_no_dispute, quantity_conflicts, two_reports


@pytest.mark.parametrize(
    ("a", "b", "values"),
    [
        pytest.param(
            "Norland has 640 confirmed cases of the fever in 30 states, its health agency said.",
            "The health agency reported 910 confirmed cases of the fever across Norland.",
            ["640 confirmed cases", "910 confirmed cases"],
            id="a count over a country's states is the country's",
        ),
        pytest.param(
            "Norland: one death, 109 confirmed cases Vessa: 3 confirmed, 13 probable cases "
            "Karsholm, Ostby: 2 confirmed cases each",
            "Norland: one death, 109 confirmed cases Vessa: 4 confirmed, 11 probable cases "
            "Karsholm, Ostby: 2 confirmed cases each",
            ["11 probable cases", "13 probable cases"],
            id="a list item is the count of its label",
        ),
        pytest.param(
            "Rights workers have confirmed 80 deaths in the capital, 36 deaths in Karsholm and "
            "13 deaths in Ostby, a researcher said.",
            "In Karsholm, 29 people were killed in the protests, according to officials.",
            ["29 people", "36 deaths"],
            id="a breakdown's figure told of its own place is that place's count",
        ),
        pytest.param(
            "The agency says 47,000 people have fled Norland and 3,000 are expected to leave "
            "daily.",
            "Almost 60,000 people have fled Norland, the agency said.",
            ["47,000 people", "Almost 60,000 people"],
            id="a rate cue told of another figure leaves a count alone",
        ),
        pytest.param(
            "Almost 50,000 people have fled Norland, the agency said.",
            "The agency said 43,000 people have fled Norland.",
            ["43,000 people", "Almost 50,000 people"],
            id="almost is just under its figure",
        ),
        pytest.param(
            "So far, up to 80 are reported to have died of the fever in Vessa.",
            "Officials in Vessa said the fever had caused 95 deaths.",
            ["95 deaths", "up to 80"],
            id="a reported toll that counts no noun",
        ),
        pytest.param(
            "Officials in Vessa said 12 of the 90 reported deaths have been confirmed.",
            "Officials in Vessa said 95 deaths had been reported.",
            ["90 reported deaths", "95 deaths"],
            id="a part of a count leaves the count whole",
        ),
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
def test_a_disagreement_once_missed_is_found(a: str, b: str, values: list[str]) -> None:
    (conflict,) = quantity_conflicts(two_reports(a, b))
    assert sorted(p.value for p in conflict.positions) == values


@pytest.mark.parametrize(
    ("a", "b", "figures"),
    [
        pytest.param(  # a before and after of one place: neither is the other report's count
            "In Karsholm, 12 people were killed on Monday and 20 people were killed on Tuesday.",
            "In Karsholm, 29 people were killed in the protests, according to officials.",
            [[12.0, 20.0], [29.0]],
            id="two figures of one place in one sentence stay parts",
        ),
        pytest.param(
            "Almost 50,000 people have fled Norland, the agency said.",
            "The agency said 49,000 people have fled Norland.",
            [[50000.0], [49000.0]],
            id="a figure just under almost",
        ),
        pytest.param(  # of whom, in which attack? only a count told as a reported toll pairs
            "Rebels said six were killed by rockets on the coastal road near Vessa.",
            "Officials in Vessa said the rockets had killed nine people on the coastal road.",
            [[6.0], [9.0]],
            id="a bare count of an incident stays a guess",
        ),
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
def test_what_still_never_pairs(a: str, b: str, figures: list[list[float]]) -> None:
    assert_no_dispute(a, b, figures)
