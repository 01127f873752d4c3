"""Where a figure holds: a place is named only where the text names that place, not a
longer place whose name ends with it."""

import pytest

from storyline.synthesize.places import named_in, named_or_adjective


@pytest.mark.parametrize(
    ("place", "text", "named"),
    [
        ("mexico", "Health officials in Mexico reported 40 new cases.", True),
        ("mexico", "New cases were reported in Mexico on Friday.", True),
        ("mexico", "Health officials in New Mexico reported 40 new cases.", False),
        ("sudan", "Fighting near the border of South Sudan displaced 3,000 people.", False),
        ("sudan", "Sudan and South Sudan signed the accord.", True),
        ("virginia", "Flooding closed 20 roads in West Virginia.", False),
        ("united states", "The U.S. sent 300 troops.", True),
    ],
)
def test_a_place_is_named_only_by_its_own_name(place: str, text: str, named: bool) -> None:
    assert named_in(place, text) is named


def test_an_adjective_of_a_longer_place_name_is_not_the_place() -> None:
    assert named_or_adjective("mexico", "Mexican officials closed the schools.")
    assert not named_or_adjective("mexico", "New Mexican officials closed the schools.")
    assert not named_or_adjective("sudan", "South Sudanese troops crossed the river.")
