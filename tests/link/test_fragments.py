"""Sentences that are no statement of the report confirm nothing, even when two outlets carry
one: a fragment the sentence splitter cut off an abbreviation, a headline or caption run into
a statement without a stop, and words in the first person outside quotation marks (someone's
words whose speaker the sentence does not name)."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.link.claims import find_claims
from storyline.model import Annotation, Sentence


def _annotation(article: str, text: str) -> Annotation:
    vec = np.array([1.0, 0.0], dtype=np.float32)
    return Annotation(
        article=article,
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)],
        embedding_dim=2,
        embeddings=vec.tobytes(),
    )


def _confirmed(texts: dict[str, str]) -> list[list[str]]:
    claims = find_claims(
        [_annotation(a, t) for a, t in texts.items()],
        source_of=lambda a: a.split("-")[1],
        outlet_of=lambda a: a.split("-")[1],
    )
    return [c.independent_outlets for c in claims if len(c.independent_outlets) >= 2]


@pytest.mark.parametrize(
    ("herald", "post"),
    [
        # "... the U.S. ferry Morning Wren" cut after "U." leaves "S, ..." in each report
        (
            "S, ferry Morning Wren caught fire off Karsholm on Monday morning.",
            "S, ferry Morning Wren burned off Karsholm early on Monday.",
        ),
        # a caption that ends without a stop, run into each report's opening statement
        (
            "Divers searched the hull at dawn The Morning Wren caught fire off Karsholm on Monday.",
            "The ferry burned for hours They said the Morning Wren caught fire off Karsholm on"
            " Monday.",
        ),
        # two people's words, neither naming its speaker: who says it, the text does not tell
        (
            "We have waited nine years for the new quay at Karsholm.",
            "We had nine long years of waiting for a quay at Karsholm.",
        ),
    ],
)
def test_fragments_and_unattributed_first_person_words_confirm_nothing(
    herald: str, post: str
) -> None:
    assert _confirmed({"a-herald": herald, "b-post": post}) == []


@pytest.mark.parametrize(
    ("herald", "post"),
    [
        # a statement opening on a one-letter word is no fragment
        (
            "A ferry, the Morning Wren, caught fire off Karsholm on Monday morning.",
            "A ferry, the Morning Wren, burned off Karsholm early on Monday.",
        ),
        # a clause-opening word after a label or in a title is no run-in headline
        (
            "The Morning Wren carried 40 cases of type A fuel when it caught fire off Karsholm.",
            "The Morning Wren, on its This Is It tour, caught fire off Karsholm with 40 cases"
            " of type A fuel.",
        ),
        # quoted words with their speaker are a statement of the report
        (
            '"We have waited nine years for the new quay at Karsholm," Ilka Brandt said.',
            "Ilka Brandt said the town had waited nine years for a quay at Karsholm.",
        ),
    ],
)
def test_statements_that_look_alike_still_confirm(herald: str, post: str) -> None:
    assert _confirmed({"a-herald": herald, "b-post": post}) == [["herald", "post"]]
