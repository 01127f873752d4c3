"""Claims: a reworded telling must tell its fact in its main clause too.

Fictional sentences written for these tests. Each pair shares a figure, a place and a
clause ("where 3,000 civilians are trapped"), so that the claim grouping's second tier
(related words and a shared figure) would join them, while their main clauses tell two
deeds: shelling the town, and aid reaching it.
"""

from __future__ import annotations

from tests.synthesize.fictional import told_in_pairs

BACKGROUND = [
    (
        "Karsholm artillery pounded the town of Orlec, where 3,000 civilians are trapped.",
        "Red Cross trucks reached the 3,000 civilians trapped in the town of Orlec.",
    ),
    (
        "Karsholm troops shelled the town of Varne, where 4,000 civilians are trapped.",
        "A convoy of Red Cross trucks brought food to 4,000 civilians trapped in Varne.",
    ),
    (
        "Karsholm troops shelled the town of Dulmen, where 5,000 civilians are trapped.",
        "The 5,000 civilians trapped in Dulmen were given water by aid workers.",
    ),
]
# One deed told twice in other words: the main clauses share their predicate.
ONE_DEED = (
    "Red Cross trucks reached the 3,000 civilians trapped in the town of Orlec.",
    "After days of shelling, aid finally reached Orlec, where 3,000 civilians are trapped.",
)


def test_two_deeds_sharing_a_figure_in_a_background_clause_are_two_claims() -> None:
    story = told_in_pairs(BACKGROUND)
    joined = [(a, b) for a, b in BACKGROUND if len(story.claim_of(a).evidence) > 1]
    assert joined == []


def test_one_deed_told_in_other_words_is_still_one_claim() -> None:
    a, b = ONE_DEED
    story = told_in_pairs([ONE_DEED])
    assert {e.text for e in story.claim_of(a).evidence} == {a, b}
