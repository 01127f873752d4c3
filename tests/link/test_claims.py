"""Claims: the same fact told by several outlets is one claim; two facts about the same
people stay two. Fictional sentences, read by the real annotator (slow)."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest

from storyline.link.claims import find_claims
from storyline.model import Claim
from tests.synthesize.fictional import Linked, told_in_pairs

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
    return told_in_pairs(TOGETHER + APART)


def _claim_of(story: Linked, text: str) -> Claim:
    return story.claim_of(text)


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
# only the verbs' meaning sets them apart.
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
    (
        "Police in Karsholm arrested the two deckhands of the Morning Wren on Friday.",
        "Police in Karsholm released the two deckhands of the Morning Wren on Friday.",
    ),
    (
        "The operator will open the Velden ferry terminal to cars from June 3.",
        "The operator will close the Velden ferry terminal to cars from June 3.",
    ),
    # Polarity: a denied telling is not the telling.
    (
        "The Karsholm council approved the new harbour wall on Thursday.",
        "The Karsholm council did not approve the new harbour wall on Thursday.",
    ),
]
# One fact told with different verbs that mean the same: they must still be one claim.
PARAPHRASES = [
    (
        "Ticket prices on the Karsholm ferry rose by 12 percent in March, the operator said.",
        "Ticket prices on the Karsholm ferry climbed 12 percent in March, according to the "
        "operator.",
    ),
    (
        "Harbour master Ilka Brandt said on Monday that the Morning Wren would be towed to Velden.",
        "Harbour master Ilka Brandt told reporters on Monday that the Morning Wren would be "
        "towed to Velden.",
    ),
    (
        "The storm killed 14 people in the coastal villages around Karsholm on Saturday.",
        "The storm left 14 people dead in the coastal villages around Karsholm on Saturday.",
    ),
    (
        "Transport minister Oren Vask met the ferry operator Tavi Lund in Karsholm on Tuesday.",
        "Transport minister Oren Vask held talks with the ferry operator Tavi Lund in Karsholm "
        "on Tuesday.",
    ),
    (
        "The Karsholm council on Thursday approved plans for a second ferry berth.",
        "The Karsholm council voted to approve plans for a second ferry berth on Thursday.",
    ),
]


@pytest.mark.parametrize(("a", "b"), CONTRARY)
def test_contrary_predicates_stay_apart(verbs: Linked, a: str, b: str) -> None:
    assert _claim_of(verbs, a) != _claim_of(verbs, b)
    assert [e.text for e in _claim_of(verbs, a).evidence] == [a]


@pytest.mark.parametrize(("a", "b"), PARAPHRASES)
def test_one_fact_told_with_other_verbs_is_one_claim(verbs: Linked, a: str, b: str) -> None:
    assert {e.text for e in _claim_of(verbs, a).evidence} == {a, b}
