"""Confirmations a fact-checker could quote: a fact counts as confirmed by two outlets only
when two outlets really tell it. Fictional reports, read by the real annotator (slow)."""

from __future__ import annotations

import pytest

from tests.synthesize.fictional import article, link, told_in_pairs

pytestmark = pytest.mark.slow


def test_a_report_relaying_another_outlets_interview_confirms_nothing() -> None:
    told = "The ferry terminal at Karsholm will reopen on June 3, harbour master Ilka Brandt said."
    relayed = (
        "Harbour master Ilka Brandt told the Strait Herald that the ferry terminal at Karsholm "
        "will reopen on June 3."
    )
    story = told_in_pairs([(told, relayed)])
    claim = story.claim_of(told)
    assert {e.text for e in claim.evidence} == {told, relayed}  # one fact, told twice
    assert claim.independent_outlets == ["Strait Herald"]  # ... but by the Herald alone


def test_a_report_of_its_own_interview_still_counts_as_its_own() -> None:
    own = (
        "Harbour master Ilka Brandt told the Karsholm Post that the ferry terminal at Karsholm "
        "will reopen on June 3."
    )
    other = "The ferry terminal at Karsholm will reopen on June 3, harbour master Ilka Brandt said."
    story = told_in_pairs([(other, own)])
    assert story.claim_of(own).independent_outlets == ["Karsholm Post", "Strait Herald"]


@pytest.mark.parametrize(
    "apparatus",
    [
        "Harbour officials (L-R) Ilka Brandt, Tavi Lund and Oren Vask inspect the burned ferry "
        "Morning Wren at Karsholm.",
        "Ferry fire at Karsholm By the Strait Wire Staff rescuers say the burned ferry Morning "
        "Wren lies at the quay in Karsholm.",
        "NEW: The burned ferry Morning Wren is towed to Karsholm NEW: Harbour master Ilka Brandt "
        "suspends its licence.",
        "Harbour workers wash oil from a seabird beside the burned ferry Morning Wren at the "
        "quay in Karsholm May 7, 2031.",
    ],
)
def test_captions_bylines_and_highlights_confirm_nothing(apparatus: str) -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", apparatus, filler=0),
            article("Karsholm Post", "2031-05-06", apparatus, filler=2),
        ]
    )
    assert not [c for c in story.links.claims if len(c.independent_outlets) >= 2]


def test_a_fact_dated_in_full_is_still_confirmed() -> None:
    herald = "The ferry Morning Wren caught fire off Karsholm on May 6, 2031."
    post = "Fire broke out on the ferry Morning Wren off Karsholm on May 6, 2031."
    story = told_in_pairs([(herald, post)])
    assert story.claim_of(herald).independent_outlets == ["Karsholm Post", "Strait Herald"]


@pytest.mark.parametrize(
    "apparatus",
    [
        "This post is part of the special coverage of the ferry fire at Karsholm in 2031.",
        "Get the Karsholm Harbour Brief delivered to your inbox every morning this week.",
        "-- Ilka Brandt is a Strait Herald columnist who covers the harbour at Karsholm.",
    ],
)
def test_series_notes_promotions_and_authors_notes_are_no_claims(apparatus: str) -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", apparatus, filler=0),
            article("Karsholm Post", "2031-05-06", apparatus, filler=2),
        ]
    )
    assert not [c for c in story.links.claims if apparatus in {e.text for e in c.evidence}]
