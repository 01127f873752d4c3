"""A claim is confirmed only by sources whose sentences tell the fact of its text itself,
not by a sentence that joined it through others; and one copy is one telling."""

from __future__ import annotations

import numpy as np

from storyline.link.claims import find_claims
from storyline.link.confirm import confirmers, copy_keys
from storyline.model import Annotation, Sentence

# Four reports of one day: the first names the minister who opened the quay, two name no
# one, the fourth names another minister. Their vectors sit close together; the first is
# the most central (the claim's text).
TEXTS = {
    "a-herald": "Minister Ilka Brandt opened the new quay at Karsholm on Monday morning.",
    "b-post": "The new quay at Karsholm was opened on Monday morning by the minister.",
    "c-times": "On Monday morning the new quay at Karsholm was opened by the minister.",
    "d-wire": "Minister Oren Vask opened the new quay at Karsholm on Monday morning.",
}
PEOPLE = {"a-herald": ["p-brandt"], "d-wire": ["p-vask"]}
ANGLE = {"a-herald": 0.0, "b-post": 0.06, "c-times": -0.06, "d-wire": 0.1}


def _annotation(article: str) -> Annotation:
    text = TEXTS[article]
    vec = np.array([np.cos(ANGLE[article]), np.sin(ANGLE[article])], dtype=np.float32)
    return Annotation(
        article=article,
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)],
        embedding_dim=2,
        embeddings=vec.tobytes(),
    )


def test_a_sentence_about_another_person_does_not_confirm_the_claim() -> None:
    claims = find_claims(
        [_annotation(a) for a in TEXTS],
        source_of=lambda a: a.split("-")[1],
        outlet_of=lambda a: a.split("-")[1],
        entities_in=lambda a, s: PEOPLE.get(a, []),
        people=frozenset({"p-brandt", "p-vask"}),
    )
    told = next(c for c in claims if c.text == TEXTS["a-herald"])
    assert told.independent_outlets == ["herald", "post", "times"]
    assert TEXTS["d-wire"] not in {e.text for e in told.evidence}


def test_one_copy_on_two_sites_is_one_telling_but_one_quote_told_twice_is_two() -> None:
    copy = "A relief crew bored into the old well on Thursday to seal it with cement for good."
    texts = {1: copy, 2: copy, 3: "On Thursday a relief crew bored into the old well to seal it."}
    sites = {1: "Wire", 2: "Herald", 3: "Post"}
    assert confirmers(texts, sites.__getitem__, set(sites.values())) == ["Herald", "Post"]
    quoted = {
        1: '"We will rebuild the quay before the winter storms come," Brandt said.',
        2: '"We will rebuild the quay before the winter storms come," Brandt said.',
    }
    assert confirmers(quoted, sites.__getitem__, set(sites.values())) == ["Herald", "Wire"]
    # an agency's dateline on one page is no difference between the copies
    assert copy_keys(f"KARSHOLM, Nor. -- {copy}") == copy_keys(copy)
    # a caption repeated on two pages, run into each page's own first line, is one copy
    caption = "June 2: Ferries wait at the quay of Karsholm for the storm to pass."
    run_in = {
        1: f"{caption}\nKARSHOLM -- The quay closed on Monday as the storm came in.",
        2: f"{caption}\nHarbour master Ilka Brandt said repairs would take a week.",
    }
    assert confirmers(run_in, sites.__getitem__, set(sites.values())) == ["Herald"]


def test_an_agency_line_rerun_with_a_word_or_two_added_is_one_telling() -> None:
    line = (
        "Harbour master Ilka Brandt signed the repair contract with the three ferry companies "
        "of the island, ending a dispute that had closed the quay for a month."
    )
    edited = line.replace("Harbour master", "Karsholm harbour master").replace(
        "three ferry", "three private ferry"
    )
    own = (
        "The quay of Karsholm reopens after Ilka Brandt and the ferry companies signed a "
        "contract to repair it, ending a month-long dispute over who pays."
    )
    sites = {1: "Wire", 2: "Herald", 3: "Post"}
    assert confirmers({1: line, 2: edited, 3: own}, sites.__getitem__, set(sites.values())) == [
        "Herald",
        "Post",
    ]
