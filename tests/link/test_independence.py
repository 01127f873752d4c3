"""Independent confirmation: unattributed reports count once, one site's pages are one source,
and a site's repeated furniture is never a confirmed claim."""

from __future__ import annotations

from pathlib import Path

import msgspec

from storyline import engine
from storyline.link import UNATTRIBUTED, confirming, independent_sources
from storyline.model import Article, Dossier, Zone
from storyline.settings import load_settings
from storyline.store import open_store


def _article(aid: str, text: str, outlet: str | None = None, zones: list[Zone] | None = None):  # type: ignore[no-untyped-def]
    return Article(id=aid, text=text, outlet=outlet, zones=zones or [])


def test_reports_with_no_known_outlet_count_as_one_source() -> None:
    arts = [_article(f"u{i}", f"Report {i}.") for i in range(4)] + [
        _article("k", "Known.", outlet="Valley Post")
    ]
    sources = independent_sources(arts, {})
    assert {sources[f"u{i}"] for i in range(4)} == {UNATTRIBUTED}
    assert len(set(sources.values())) == 2


def test_one_outlet_spelled_two_ways_is_one_source() -> None:
    # a dateline gives "VPN", a feed "vpn"; "The Valley Post" and "Valley Post" are one paper
    arts = [
        _article("a", "(VPN) -- A report.", outlet="vpn"),
        _article("b", "Another report.", outlet="vpn"),
        _article("c", "A third report.", outlet="VPN"),
        _article("d", "A column.", outlet="The Valley Post"),
        _article("e", "A letter.", outlet="Valley Post"),
        _article("f", "A wire story.", outlet="Valley Press"),
    ]
    sources = independent_sources(arts, {})
    assert sources["a"] == sources["b"] == sources["c"] == "vpn"  # the most used spelling
    assert sources["d"] == sources["e"]
    assert len(set(sources.values())) == 3
    assert confirming([sources["a"], sources["c"]]) == ["vpn"]  # one source, not two


def test_a_page_sharing_a_known_outlets_template_counts_as_that_outlet() -> None:
    template = "Valley Post home and weather page\nSign up to the Valley Post daily briefing now\n"
    zone = [Zone(start=0, end=len(template) - 1, kind="furniture")]
    known = _article("k", template + "A report.", outlet="Valley Post", zones=zone)
    page = _article("p", template + "Another report.", zones=zone)
    other = _article("o", "Some unrelated text.")
    sources = independent_sources([known, page, other], {})
    assert sources["p"] == "Valley Post"
    assert sources["o"] == UNATTRIBUTED


SIDEBAR = "Will the quarry strike at Tessel spread to the port of Amberley?"
HEADLINE = "Amberley harbour fire: ferry services suspended for a week"


def _page(day: int, body: str) -> str:
    return (
        f"date 2031-02-0{day}\n\n{body}\n{SIDEBAR}\n{HEADLINE}\n"
        "Have your say on this story below.\n"
    )


BODIES = [
    "The river Ulle burst its banks in Brenmoor on Sunday, flooding the lower town. "
    "The levee north of the town gave way overnight after three days of rain.",
    "Residents of Brenmoor began clearing mud on Monday after the river Ulle flooded the "
    "lower town. Mayor Mara Voss asked the government for emergency funds.",
    "Relief convoys reached the lower town of Brenmoor with drinking water and blankets on "
    "Tuesday. Engineers inspected what was left of the levee.",
    "Schools in the lower town of Brenmoor will stay closed until March, the education office "
    "said on Wednesday. Two schools still shelter families from the flood.",
    "The regional office said on Thursday that the Ulle flood had damaged 400 homes in "
    "Brenmoor. Insurers sent assessors to the lower town.",
]


def test_furniture_repeated_on_five_unattributed_pages_is_not_a_confirmed_claim(
    tmp_path: Path,
) -> None:
    src = tmp_path / "pages"
    src.mkdir()
    for i, body in enumerate(BODIES, start=1):
        (src / f"page{i}.txt").write_text(_page(i, body))
    settings = load_settings(None, db=str(tmp_path / "s.sqlite"), out=str(tmp_path / "out"))
    report = engine.build([src], settings=settings)
    store = open_store(settings.db)
    dossiers = [store.get_dossier(s.id) for s in report.stories]
    store.close()
    claims = [c for d in dossiers for c in d.claims]
    assert claims
    for claim in claims:
        assert claim.independent_outlets <= 1, (claim.text, claim.independent_outlet_names)
        assert "quarry strike" not in claim.text and "harbour fire" not in claim.text.lower()
    summary = " ".join(s.text for d in dossiers for s in d.summary)
    assert "quarry" not in summary and "ferry services" not in summary
    msgspec.json.encode(dossiers[0])
    assert isinstance(dossiers[0], Dossier)


def test_an_unattributed_report_adds_no_confirmation_to_a_known_outlet() -> None:
    assert confirming(["Valley Post", UNATTRIBUTED]) == ["Valley Post"]
    assert confirming([UNATTRIBUTED, UNATTRIBUTED]) == [UNATTRIBUTED]
    assert confirming(["Valley Post", "NWA", UNATTRIBUTED]) == ["NWA", "Valley Post"]


def test_beside_known_outlets_the_unattributed_count_once_when_asked() -> None:
    assert confirming(["Valley Post", UNATTRIBUTED], beside_known=True) == [
        UNATTRIBUTED,
        "Valley Post",
    ]
