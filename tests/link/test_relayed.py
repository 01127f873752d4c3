"""Which outlet a sentence's telling belongs to when it credits another outlet."""

from __future__ import annotations

import pytest

from storyline.link.sources import UNATTRIBUTED, relayed_source

KNOWN = {"Strait Herald", "herald", "guardian", "NWA", "Karsholm Post", UNATTRIBUTED}


@pytest.mark.parametrize(
    ("text", "own", "counts_as"),
    [
        (
            "Harbour master Ilka Brandt told the Strait Herald the quay reopens.",
            "NWA",
            "Strait Herald",
        ),
        (
            "In an interview with the Guardian newspaper, Brandt said the quay reopens.",
            "NWA",
            "guardian",
        ),
        ("The quay will reopen on June 3, NWA reported.", "Karsholm Post", "NWA"),
        ("Brandt told NWA the quay reopens, in a report of its own.", "NWA", "NWA"),
        ("Her guardian said the boy was rescued from the quay.", "NWA", "NWA"),
        ("The herald of the new season, a tall ship, reached the quay.", "NWA", "NWA"),
        ("The quay will reopen on June 3, a spokesman told reporters.", UNATTRIBUTED, UNATTRIBUTED),
    ],
)
def test_a_sentence_crediting_another_outlet_is_that_outlets_telling(
    text: str, own: str, counts_as: str
) -> None:
    assert relayed_source(text, own, KNOWN) == counts_as
