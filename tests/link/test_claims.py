"""Claims: the same fact told by several outlets is one claim; two facts about the same
people stay two. Fictional sentences, read by the real annotator (slow)."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest

from storyline.link.claims import find_claims
from storyline.model import Claim
from tests.synthesize.fictional import Linked, article, link

pytestmark = pytest.mark.slow

# (first outlet's sentence, second outlet's sentence): one fact, told in other words.
TOGETHER = [
    (
        "The ferry Morning Wren caught fire off Karsholm on Sunday evening, forcing 340 "
        "passengers into lifeboats.",
        "Some 340 passengers took to the lifeboats when fire broke out aboard the Morning Wren "
        "near Karsholm on Sunday.",
    ),
    (
        "The fire on the ferry began in the engine room, according to its captain, Rune Ostberg.",
        "Captain Rune Ostberg said the blaze started in the engine room of the ferry.",
    ),
    (
        "It was the first fire on a passenger ferry in the strait in nearly eleven years.",
        "Harbour officials said no passenger ferry had burned in the strait for almost eleven "
        "years, making it the first such fire since then.",
    ),
]
# The same people, places and often the same day: two facts, which must stay apart.
APART = [
    (
        "Harbour master Ilka Brandt inspected the ferry Morning Wren at Karsholm on Monday.",
        "Harbour master Ilka Brandt suspended the licence of the ferry Morning Wren at Karsholm "
        "on Tuesday.",
    ),
    (
        "The Karsholm council will vote on the new ferry terminal in June.",
        "The Karsholm council rejected the new ferry terminal in June.",
    ),
    (
        "Ilka Brandt met the ferry operator Tavi Lund in Karsholm on Monday.",
        "Ilka Brandt met the transport minister Oren Vask in Karsholm on Monday.",
    ),
    (
        "Forty passengers were treated for smoke inhalation at the Karsholm hospital.",
        "Forty crew members were questioned by police at the Karsholm harbour.",
    ),
    (
        "The Morning Wren will not sail again this summer, the operator said.",
        "The Morning Wren will sail again this summer, the operator said.",
    ),
    (
        "The coast guard will hold an inquiry into the fire in Karsholm on May 20.",
        "The coast guard called off the inquiry into the fire in Karsholm that was planned for "
        "May 20.",
    ),
]


@pytest.fixture(scope="module")
def story() -> Linked:
    first = article("Strait Herald", "2031-05-06", *(a for a, _ in TOGETHER + APART), filler=0)
    second = article("Karsholm Post", "2031-05-06", *(b for _, b in TOGETHER + APART), filler=2)
    return link([first, second])


def _claim_of(story: Linked, text: str) -> Claim:
    (hit,) = [c for c in story.links.claims if any(e.text == text for e in c.evidence)]
    return hit


@pytest.mark.parametrize(("a", "b"), TOGETHER)
def test_reworded_tellings_of_one_fact_are_one_claim(story: Linked, a: str, b: str) -> None:
    claim = _claim_of(story, a)
    assert {e.text for e in claim.evidence} == {a, b}
    assert claim.outlets == ["Karsholm Post", "Strait Herald"]
    assert len(claim.independent_outlets) == 2


@pytest.mark.parametrize(("a", "b"), APART)
def test_two_facts_about_the_same_people_stay_apart(story: Linked, a: str, b: str) -> None:
    assert _claim_of(story, a) != _claim_of(story, b)
    assert [e.text for e in _claim_of(story, a).evidence] == [a]


def test_no_false_grouping_among_the_background(story: Linked) -> None:
    grouped = [c for c in story.links.claims if len(c.evidence) > 1]
    assert len(grouped) == len(TOGETHER), [[e.text for e in c.evidence] for c in grouped]


def test_a_sentence_without_a_vector_joins_no_claim(story: Linked) -> None:
    # Long articles may leave sentences unembedded (a zero row): such a sentence is its
    # own claim, even when another outlet tells the very same words.
    a, b = TOGETHER[1]
    second = story.annotations[1]
    row = story.sentence(story.articles[1], b)
    vectors = second.vectors().copy()
    vectors[row] = 0.0
    blank = msgspec.structs.replace(second, embeddings=vectors.astype(np.float32).tobytes())
    claims = find_claims(
        [story.annotations[0], blank],
        source_of=lambda aid: aid,
        outlet_of=lambda aid: aid,
        entities_in=story.links.entities_in,
    )
    assert not [c for c in claims if {e.text for e in c.evidence} == {a, b}]
    (alone,) = [c for c in claims if any(e.text == b for e in c.evidence)]
    assert [e.text for e in alone.evidence] == [b]


# Contrary predicates over identical specifics: the vectors and the shared content agree,
# and nothing at this stage reads the verbs' meaning.
CONTRARY = [
    (
        "Ilka Brandt opened the new ferry terminal in Karsholm on Monday.",
        "Ilka Brandt closed the old ferry terminal in Karsholm on Monday.",
    ),
    (
        "The Karsholm council approved the harbour budget on Monday.",
        "The Karsholm council rejected the harbour budget on Monday.",
    ),
    (
        "The ferry operator raised ticket prices by 12 percent in March.",
        "The ferry operator cut ticket prices by 12 percent in March.",
    ),
]


@pytest.mark.xfail(
    strict=True,
    reason="known gap (issue 5): two sentences that differ only in a contrary verb "
    "(opened/closed, approved/rejected) are grouped as one claim",
)
def test_contrary_predicates_stay_apart() -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", *(a for a, _ in CONTRARY), filler=0),
            article("Karsholm Post", "2031-05-06", *(b for _, b in CONTRARY), filler=2),
        ]
    )
    for a, b in CONTRARY:
        assert _claim_of(story, a) != _claim_of(story, b)
