"""Sentences that are no statement of the report confirm nothing, even when two outlets carry
one: a fragment the sentence splitter cut off an abbreviation, and words in the first person
outside quotation marks (someone's words whose speaker the sentence does not name)."""

from __future__ import annotations

import numpy as np

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


def test_the_tail_of_a_split_abbreviation_confirms_nothing() -> None:
    # "... the U.S. ferry Morning Wren" cut after "U." leaves "S, ..." in each report
    herald = "S, ferry Morning Wren caught fire off Karsholm on Monday morning."
    post = "S, ferry Morning Wren burned off Karsholm early on Monday."
    assert _confirmed({"a-herald": herald, "b-post": post}) == []


def test_a_statement_opening_on_a_one_letter_word_still_confirms() -> None:
    herald = "A ferry, the Morning Wren, caught fire off Karsholm on Monday morning."
    post = "A ferry, the Morning Wren, burned off Karsholm early on Monday."
    assert _confirmed({"a-herald": herald, "b-post": post}) == [["herald", "post"]]


def test_words_in_the_first_person_outside_quotes_confirm_nothing() -> None:
    # two people's words, neither naming its speaker: who says it, the text does not tell
    herald = "We have waited nine years for the new quay at Karsholm."
    post = "We had nine long years of waiting for a quay at Karsholm."
    assert _confirmed({"a-herald": herald, "b-post": post}) == []


def test_quoted_words_with_their_speaker_still_confirm() -> None:
    herald = '"We have waited nine years for the new quay at Karsholm," Ilka Brandt said.'
    post = "Ilka Brandt said the town had waited nine years for a quay at Karsholm."
    assert _confirmed({"a-herald": herald, "b-post": post}) == [["herald", "post"]]
