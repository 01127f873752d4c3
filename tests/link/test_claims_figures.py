"""Claims: two sentences whose figures for one thing differ are never one fact.

Fictional sentences written for these tests: each pair is alike in words and names, so
that without the figures the claim grouping would join them.
"""

from __future__ import annotations

import pytest

from storyline.model import Claim
from tests.synthesize.fictional import Linked, article, link, told_in_pairs

DIFFERENT = [
    (
        "Norland has sent 30 doctors to the flooded province of Vessa, officials said.",
        "Norland had more than 300 doctors in the flooded province of Vessa, officials said.",
    ),
    (
        "The Vessa relief appeal raised £2m in 36 hours, the charity said on Tuesday.",
        "The Vessa relief appeal has raised a total of £46m, the charity said on Tuesday.",
    ),
    (
        "Some 500,000 people are living in 447 camps across Vessa, the agency said.",
        "Some 692,000 people are living in 591 camps across Vessa, the agency said.",
    ),
]
SAME = (
    "The Vessa relief appeal raised £2m in 36 hours, the charity said on Tuesday.",
    "In 36 hours the Vessa relief appeal raised £2m, the charity said on Tuesday.",
)


@pytest.fixture(scope="module")
def story() -> Linked:
    return told_in_pairs(DIFFERENT)


def _claim_of(story: Linked, text: str) -> Claim:
    return story.claim_of(text)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_figures_that_differ_are_two_claims(story: Linked, a: str, b: str) -> None:
    assert [e.text for e in _claim_of(story, a).evidence] == [a]
    assert [e.text for e in _claim_of(story, b).evidence] == [b]


def test_the_same_figures_reworded_are_one_claim() -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", SAME[0], filler=0),
            article("Karsholm Post", "2031-05-06", SAME[1], filler=2),
        ]
    )
    assert {e.text for e in _claim_of(story, SAME[0]).evidence} == set(SAME)


# One value told of different deeds, a value told as the one before, a question: each pair
# is alike in words and names, and is still two facts (or none).
NOT_ONE_FACT = [
    (
        "The fever has killed 26 people in Vessa since March, the health ministry said.",
        "In Vessa 26 people have been infected with the fever since March, the ministry said.",
    ),
    (
        "Fishing is closed in 25 percent of the waters off Vessa, up from 20 percent, it said.",
        "Fishing is now closed in 20 percent of the waters off Vessa, the agency said on Monday.",
    ),
    (
        "Is the dam above Vessa safe after the floods of this spring?",
        "Is the dam above Vessa safe after the floods of this spring?",
    ),
]


@pytest.fixture(scope="module")
def more() -> Linked:
    first = article("Strait Herald", "2031-05-06", *(a for a, _ in NOT_ONE_FACT), filler=0)
    second = article("Karsholm Post", "2031-05-06", *(b for _, b in NOT_ONE_FACT), filler=2)
    return link([first, second])


@pytest.mark.parametrize(("a", "b"), NOT_ONE_FACT)
def test_alike_sentences_that_tell_two_facts_are_no_claim_together(
    more: Linked, a: str, b: str
) -> None:
    for claim in more.links.claims:
        told = {e.text for e in claim.evidence}
        assert not ({a, b} <= told and len({e.article for e in claim.evidence}) == 2)


# Two figures of one count, and a sentence alike to both that gives none: the sentence
# between them must not chain them into one claim.
CHAIN = (
    "As of Friday, 21 countries have officially reported 1,124 cases of the Vessa fever.",
    "As of Friday, countries have officially reported cases of the Vessa fever to the agency.",
    "As of Friday, 76 countries have officially reported 35,928 cases of the Vessa fever.",
)


def test_a_sentence_alike_to_two_figures_does_not_join_them_into_one_claim() -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", CHAIN[0], filler=0),
            article("Karsholm Post", "2031-05-06", CHAIN[1], filler=2),
            article("Amberley Times", "2031-05-06", CHAIN[2], filler=4),
        ]
    )
    for claim in story.links.claims:
        told = {e.text for e in claim.evidence}
        assert not {CHAIN[0], CHAIN[2]} <= told, told
