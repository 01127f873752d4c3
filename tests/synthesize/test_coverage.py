"""Coverage by outlet: what only it carries, and which widely told claims it leaves out.
Hand-built fictional articles and claims."""

from __future__ import annotations

from storyline.model import Article, Claim, Evidence, Published
from storyline.synthesize.coverage import build_coverage


def art(aid: str, outlet: str | None, day: str | None, credits: tuple[str, ...] = ()) -> Article:
    return Article(
        id=aid,
        text=f"Report {aid}.",
        outlet=outlet,
        credits=list(credits),
        published=Published(date=day, basis="header" if day else None),
    )


ARTICLES = [
    art("a1", "Strait Herald", "2031-05-05"),
    art("a2", "Karsholm Post", "2031-05-05"),
    art("a3", "Coast Daily", "2031-05-06"),
    art("a4", "Isle Gazette", "2031-05-06"),
    art("a5", "Bay Courier", "2031-05-06", ("NWA",)),
    art("a6", "Hill Times", "2031-05-06", ("NWA",)),
    art("early", "Norra Tidning", "2031-04-20"),  # written before the fire
    art("anon", None, "2031-05-06"),
]
SOURCE = {"a5": "NWA", "a6": "NWA", "anon": "(unknown outlet: anon)"}


def claim(cid: str, *articles: str) -> Claim:
    outlets = sorted({next(a.outlet or f"(unknown outlet: {a.id})" for a in ARTICLES if a.id == x)
                      for x in articles})  # fmt: skip
    sources = sorted({SOURCE.get(x, next(a.outlet for a in ARTICLES if a.id == x) or x)
                      for x in articles})  # fmt: skip
    return Claim(
        id=cid,
        text=f"claim {cid}",
        evidence=[Evidence(article=a, sentence=0, text=f"claim {cid}") for a in articles],
        outlets=outlets,
        independent_outlets=sources,
    )


CLAIMS = [
    claim("c-fire", "a1", "a2", "a3", "a5", "a6"),  # four sources
    claim("c-rescue", "a1", "a2", "a4"),  # three sources
    claim("c-plan", "early", "a1", "a2"),  # told since April
    claim("c-cafes", "a3"),  # only Coast Daily
    claim("c-wire", "a5", "a6"),  # only the agency copy, run by two outlets
    claim("c-two", "a1", "a4"),  # two sources: not widely told in a story of seven
    claim("c-anon", "anon"),
]


def by_outlet() -> dict[str, dict[str, list[str]]]:
    return {
        c.outlet: {
            "claims": c.claims,
            "exclusive": c.exclusive_claims,
            "missing": c.missing_claims,
            "articles": c.articles,
        }
        for c in build_coverage(ARTICLES, CLAIMS)
    }


def test_claims_only_one_outlet_carries_are_exclusive() -> None:
    cov = by_outlet()
    assert cov["Coast Daily"]["exclusive"] == ["c-cafes"]
    assert cov["(unattributed)"]["exclusive"] == ["c-anon"]
    # The agency copy is run by two outlets: exclusive to neither.
    assert cov["Bay Courier"]["exclusive"] == [] and cov["Hill Times"]["exclusive"] == []
    assert "c-wire" in cov["Bay Courier"]["claims"] and "c-wire" in cov["Hill Times"]["claims"]


def test_widely_told_claims_an_outlet_leaves_out() -> None:
    cov = by_outlet()
    assert cov["Isle Gazette"]["missing"] == ["c-fire", "c-plan"]
    assert cov["Coast Daily"]["missing"] == ["c-rescue", "c-plan"]
    assert cov["Bay Courier"]["missing"] == ["c-rescue", "c-plan"]
    assert cov["Strait Herald"]["missing"] == []
    # Told by two sources of seven: not widely told, so nobody is missing it.
    assert not [o for o, c in cov.items() if "c-two" in c["missing"]]


def test_an_outlet_is_not_blamed_for_what_was_told_after_its_last_report() -> None:
    cov = by_outlet()
    # Its one report predates the fire and the rescue; the plan had been told by then.
    assert cov["Norra Tidning"]["missing"] == []
    assert cov["Norra Tidning"]["claims"] == ["c-plan"]


def test_articles_without_an_outlet_are_one_unattributed_row() -> None:
    cov = by_outlet()
    assert cov["(unattributed)"]["articles"] == ["anon"]
    assert not [o for o in cov if o.startswith("(unknown outlet")]


def test_in_a_story_of_two_sources_a_claim_both_tell_is_missed_by_nobody() -> None:
    arts = ARTICLES[:2]
    both = claim("c-fire2", "a1", "a2")
    cov = build_coverage(arts, [both])
    assert [c.missing_claims for c in cov] == [[], []]
