"""Corroboration: for each claim, the outlets and the independent sources that tell it.
Copies of one agency story and near-duplicates count once. Fictional articles, read by
the real annotator (slow)."""

from __future__ import annotations

import pytest

from storyline.model import Claim
from tests.synthesize.fictional import Linked, article, link

pytestmark = pytest.mark.slow

FIRE = (
    "The ferry Morning Wren caught fire off Karsholm on Sunday, forcing 340 passengers into "
    "lifeboats."
)
FIRE_REWORDED = (
    "Some 340 passengers took to the lifeboats when fire broke out aboard the Morning Wren "
    "near Karsholm on Sunday."
)
FIRE_AGAIN = (
    "Fire broke out on the Morning Wren off Karsholm on Sunday and 340 passengers were put "
    "into lifeboats."
)
WIRE = [
    FIRE,
    "Coast guard boats towed the burned ferry to the harbour at Karsholm late in the evening.",
    "Harbour master Helen Marsh said the crew had acted quickly and calmly.",
    "The operator of the ferry said it would pay for hotel rooms for every passenger.",
]
RIVER = [
    FIRE_REWORDED,
    "Passengers spent the night in a sports hall near the harbour, where volunteers served soup.",
    "The island's only hospital treated eleven people for smoke inhalation.",
    "Divers from the navy were asked to inspect the hull of the ferry before it is moved.",
    "The owners of two cafes on the quay opened their doors to the crew through the night.",
    "A ferry to the mainland was added to the timetable for the passengers who wished to leave.",
]


@pytest.fixture(scope="module")
def story() -> Linked:
    return link(
        [
            # One agency copy run by two outlets (the second adds a sentence of its own).
            article("Bay Courier", "2031-05-05", *WIRE, credits=["NWA"], filler=0),
            article(
                "Hill Times",
                "2031-05-05",
                *WIRE,
                "Hill Times readers on board said the alarm sounded twice.",
                credits=["NWA"],
                filler=0,
            ),
            # An outlet's own report, and a near-duplicate of it run by another outlet.
            article("River Daily", "2031-05-05", *RIVER, filler=2),
            article(
                "Lake Post",
                "2031-05-06",
                *RIVER[:2],
                RIVER[2].replace("island's only", "island's single"),
                *RIVER[3:],
                filler=2,
            ),
            # An independent report.
            article("Isle Gazette", "2031-05-06", FIRE_AGAIN, filler=4),
        ]
    )


def _claim(story: Linked, text: str) -> Claim:
    (hit,) = [c for c in story.links.claims if any(e.text == text for e in c.evidence)]
    return hit


def test_agency_copies_and_near_duplicates_count_once(story: Linked) -> None:
    claim = _claim(story, FIRE)
    assert {e.text for e in claim.evidence} == {FIRE, FIRE_REWORDED, FIRE_AGAIN}
    assert claim.outlets == [
        "Bay Courier",
        "Hill Times",
        "Isle Gazette",
        "Lake Post",
        "River Daily",
    ]
    # NWA (two outlets), River Daily (and the Lake Post copy of it), Isle Gazette.
    assert claim.independent_outlets == ["Isle Gazette", "NWA", "River Daily"]


def test_the_near_duplicate_points_at_its_original(story: Linked) -> None:
    by_outlet = {a.outlet: a.id for a in story.articles}
    copies = {d.article: d.duplicate_of for d in story.links.duplicates}
    assert copies.get(by_outlet["Lake Post"]) == by_outlet["River Daily"]
    assert story.links.sources[by_outlet["Lake Post"]] == "River Daily"


def test_a_fact_only_the_agency_tells_has_one_source(story: Linked) -> None:
    claim = _claim(story, WIRE[2])
    assert claim.outlets == ["Bay Courier", "Hill Times"]
    assert claim.independent_outlets == ["NWA"]


def test_a_fact_only_one_outlet_and_its_copy_tell_has_one_source(story: Linked) -> None:
    claim = _claim(story, RIVER[1])
    assert claim.outlets == ["Lake Post", "River Daily"]
    assert claim.independent_outlets == ["River Daily"]


def test_an_outlets_own_sentence_is_its_own(story: Linked) -> None:
    claim = _claim(story, "Hill Times readers on board said the alarm sounded twice.")
    assert (claim.outlets, claim.independent_outlets) == (["Hill Times"], ["NWA"])
