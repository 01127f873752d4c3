"""What changed since the previous build: fictional dossiers of a flood in a made-up town."""

from __future__ import annotations

import msgspec

from storyline import model
from storyline.model import Coverage, Dossier
from storyline.render import to_html, to_markdown
from storyline.synthesize.changes import carry_ids, find_changes, with_changes
from tests.builders import article as art
from tests.builders import claim, conflict, entity, entry, ev, quote, story
from tests.builders import dossier as build

TOLL_A = "Officials in Brenmoor said 12 people died when the Ulle burst its banks."
TOLL_B = "The death toll in Brenmoor has risen to 19 people, the regional office said."
LEVEE = "The levee north of Brenmoor gave way overnight."
AID = "Relief convoys reached the lower town on Thursday."
PUMPS = "Engineers began pumping water out of the station square."
VOSS = "We are doing all we can, Mara Voss said."


def dossier(
    articles: list[model.DossierArticle],
    claims: list[model.DossierClaim],
    conflicts: list[model.Conflict] = (),  # type: ignore[assignment]
    entities: list[model.DossierEntity] = (),  # type: ignore[assignment]
    generated: str = "2031-02-03T10:00:00+00:00",
) -> Dossier:
    ents = list(entities)
    return build(
        story("s-flood", "Flood in Brenmoor", articles),
        generated=generated,
        articles=articles,
        entities=ents,
        timeline=[
            entry("2031-02-02", "day", LEVEE, [ev("a1", 1, LEVEE)], entities=[e.id for e in ents])
        ],
        claims=claims,
        conflicts=list(conflicts),
        quotes=[
            quote(e.name, e.id, "We are doing all we can.", [ev("a1", 4, VOSS)], direct=True)
            for e in ents
        ],
        coverage=[
            Coverage(outlet="Brenmoor Courier", articles=["a1"], claims=[c.id for c in claims])
        ],
    )


A1 = art("a1", "Brenmoor Courier", "2031-02-02")
B2 = art("b2", "Valley Post", "2031-02-04")


def previous() -> Dossier:
    return dossier(
        [A1],
        [claim("c-levee", [ev("a1", 1, LEVEE)]), claim("c-toll-a", [ev("a1", 0, TOLL_A)])],
        entities=[entity("e-voss", "Mara Voss", ["Mara Voss"])],
    )


def current() -> Dossier:
    """After a second outlet's report: the levee claim regrouped under a new id, a
    new claim, the toll told higher, and the mayor named in full."""
    return dossier(
        [A1, B2],
        [
            claim("c-levee-2", [ev("a1", 1, LEVEE), ev("b2", 2, LEVEE)]),
            claim("c-toll-a", [ev("a1", 0, TOLL_A)]),
            claim("c-aid", [ev("b2", 5, AID)]),
        ],
        conflicts=[
            conflict(
                "persons (Brenmoor)",
                "quantity",
                [("12 people", [ev("a1", 0, TOLL_A)]), ("19 people", [ev("b2", 0, TOLL_B)])],
            )
        ],
        entities=[entity("e-mayor-voss", "Mayor Mara Voss", ["Mara Voss", "Voss"])],
        generated="2031-02-04T12:00:00+00:00",
    )


def test_first_build_lists_no_changes() -> None:
    d = current()
    assert with_changes(None, d) == d
    assert d.changes == [] and d.previous_build is None


def test_claim_and_entity_ids_are_carried_over() -> None:
    d = carry_ids(previous(), current())
    assert [c.id for c in d.claims] == ["c-levee", "c-toll-a", "c-aid"]
    assert d.coverage[0].claims == ["c-levee", "c-toll-a", "c-aid"]
    assert [e.id for e in d.entities] == ["e-voss"]
    assert d.timeline[0].entities == ["e-voss"]
    assert d.quotes[0].speaker_entity == "e-voss"


def test_an_id_worn_by_another_record_is_not_reused() -> None:
    prev = previous()
    cur = current()
    # The regrouped levee claim now has an id that an unrelated current claim wears.
    cur.claims.append(claim("c-levee", [ev("b2", 7, PUMPS)]))
    d = carry_ids(prev, cur)
    ids = [c.id for c in d.claims]
    assert len(ids) == len(set(ids))


def test_new_claim_and_revised_figure_since_the_previous_build() -> None:
    d = with_changes(previous(), current())
    assert d.previous_build == "2031-02-03T10:00:00+00:00"
    kinds = [(c.kind, c.claim or c.about) for c in d.changes]
    assert ("new_claim", "c-aid") in kinds
    assert ("revised_figure", "persons (Brenmoor)") in kinds
    # The carried-over levee claim is not new; nothing was dropped.
    assert ("new_claim", "c-levee") not in kinds
    assert not any(c.kind == "claim_dropped" for c in d.changes)
    revised = next(c for c in d.changes if c.kind == "revised_figure")
    assert (revised.before, revised.after) == ("12 people", "19 people")
    assert revised.text == "persons (Brenmoor) 12 people → 19 people (Valley Post, 2031-02-04)"
    assert [e.article for e in revised.evidence] == ["b2"]
    # A revision is not also listed as a new conflict.
    assert not any(c.kind == "new_conflict" for c in d.changes)


def test_claims_no_longer_supported() -> None:
    prev = previous()
    cur = dossier([B2], [claim("c-aid", [ev("b2", 5, AID)])], generated="2031-02-05T08:00:00+00:00")
    changes = find_changes(prev, carry_ids(prev, cur))
    dropped = sorted(c.claim or "" for c in changes if c.kind == "claim_dropped")
    assert dropped == ["c-levee", "c-toll-a"]
    assert all(
        c.text.startswith("no longer supported: ") for c in changes if c.kind == "claim_dropped"
    )


def test_new_conflict_and_a_known_one_is_not_repeated() -> None:
    date_conflict = conflict(
        "when the levee failed",
        "date",
        [("2031-02-01", [ev("a1", 1, LEVEE)]), ("2031-02-02", [ev("b2", 2, LEVEE)])],
    )
    prev = previous()
    cur = msgspec.structs.replace(current(), conflicts=[date_conflict])
    d = with_changes(prev, cur)
    assert [c.about for c in d.changes if c.kind == "new_conflict"] == ["when the levee failed"]
    # Built again with the conflict already known: no longer new.
    again = with_changes(d, msgspec.structs.replace(cur, generated="2031-02-06T00:00:00+00:00"))
    assert not any(c.kind in ("new_conflict", "new_claim") for c in again.changes)


def test_changes_are_rendered_with_their_sources() -> None:
    d = with_changes(previous(), current())
    md = to_markdown(d)
    assert "## What changed since 2031-02-03T10:00:00+00:00" in md
    assert "**Revised figure**: persons (Brenmoor) 12 people → 19 people" in md
    assert md.index("## What changed") < md.index("## Articles")
    page = to_html(d)
    assert '<section id="changes">' in page
    assert "Revised figure" in page and "12 people → 19 people" in page
    # A first build has no such section.
    assert "What changed" not in to_markdown(current())
    assert 'id="changes"' not in to_html(current())
