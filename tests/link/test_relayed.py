"""Which outlet a sentence's telling belongs to when it credits another outlet."""

from __future__ import annotations

import pytest

from storyline.link.sources import UNATTRIBUTED, independent_sources, relayed_source
from storyline.model import Article

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


@pytest.mark.parametrize(
    ("text", "counts_as"),
    [
        ("Harbour master Ilka Brandt told the Nordic Wire Agency the quay reopens.", "NWA"),
        ("Harbour master Ilka Brandt told Nordic Wire Agency news agency it reopens.", "NWA"),
        ("Brandt said the Nordic wire agency of her youth had closed the quay.", "Karsholm Post"),
    ],
)
def test_an_agency_credited_by_its_full_name_is_the_agencys_telling(
    text: str, counts_as: str
) -> None:
    assert relayed_source(text, "Karsholm Post", KNOWN) == counts_as


def _page(outlet: str | None, text: str) -> Article:
    return Article(id=f"a-{abs(hash(text))}", text=text, outlet=outlet)


def test_a_page_rerunning_an_agencys_dated_copy_counts_as_the_agency() -> None:
    own = _page("NWA", "KARSHOLM (NWA) - The quay reopened on Monday.")
    rerun = _page(
        "Karsholm Post",
        "June 2: ferries wait at the quay.\nHarbour Office via NWA KARSHOLM, Nor. -- The quay "
        "reopened on Monday after a week of repairs, harbour master Ilka Brandt said.",
    )
    other = _page("Strait Herald", "Harbour master Ilka Brandt said the quay reopened on Monday.")
    # the site's other page in the agency's dateline style is its copy too, and a site that
    # reruns the agency on so many of its pages cannot be told from it on the rest either
    bare = _page("Karsholm Post", "June 3: a ferry.\nKARSHOLM -- The quay closed again on Tuesday.")
    mine = _page("Karsholm Post", "Our reporter walked the quay at Karsholm on Tuesday.")
    sources = independent_sources([own, rerun, other, bare, mine], {})
    assert sources[rerun.id] == "NWA"
    assert sources[bare.id] == "NWA"
    assert sources[mine.id] == "NWA"
    assert sources[other.id] == "Strait Herald"
    # ... while a site of many pages of its own that reruns one stays itself on those
    many = [_page("Karsholm Post", f"Our reporter walked quay {n} at Karsholm.") for n in range(6)]
    sources = independent_sources([own, rerun, other, *many], {})
    assert sources[rerun.id] == "NWA"
    assert {sources[p.id] for p in many} == {"Karsholm Post"}
    # a photo credit with no dateline after it leaves the page its outlet's
    photo = _page("Karsholm Post", "NWA Photo/Tavi Lund The quay reopened on Monday.")
    assert independent_sources([own, photo], {})[photo.id] == "Karsholm Post"
