"""The ledger of disagreements on small fictional stories, read by the real annotator:
each kind of conflict with its evidence, and compatible readings not flagged."""

from __future__ import annotations

import pytest

from storyline.model import Conflict
from storyline.synthesize.ledger import build_ledger
from storyline.synthesize.quotes import collect_quotes
from tests.synthesize.fictional import Linked, article, link

pytestmark = pytest.mark.slow

DAY = "2031-05-06"


def ledger(story: Linked) -> list[Conflict]:
    quotes = collect_quotes(story.annotations, story.links.entities, story.links.mention_entity)
    return build_ledger(story.articles, story.annotations, story.links, quotes)


def of_kind(conflicts: list[Conflict], kind: str) -> list[Conflict]:
    return [c for c in conflicts if c.kind == kind]


def positions(conflict: Conflict) -> dict[str, set[str]]:
    """Each position's value, with the texts of its evidence."""
    return {p.value: {e.text for e in p.evidence} for p in conflict.positions}


# --------------------------------------------------------------------------- counts

FIVE_AND_A_HALF = "The rescue of the passengers lasted five and a half hours, the coast guard said."
MORE_THAN_FIVE = "The rescue of the passengers lasted more than five hours, the coast guard said."
SEVEN_AND_A_HALF = (
    "The rescue of the passengers lasted seven and a half hours, the coast guard said."
)


@pytest.fixture(scope="module")
def hours() -> list[Conflict]:
    return ledger(
        link(
            [
                article("Strait Herald", DAY, FIVE_AND_A_HALF, filler=0),
                article("Karsholm Post", DAY, MORE_THAN_FIVE, filler=2),
                article("Coast Daily", DAY, SEVEN_AND_A_HALF, filler=4),
            ]
        )
    )


def test_exact_figures_that_differ_are_a_conflict(hours: list[Conflict]) -> None:
    (conflict,) = of_kind(hours, "quantity")
    assert positions(conflict) == {
        "five and a half hours": {FIVE_AND_A_HALF},
        "seven and a half hours": {SEVEN_AND_A_HALF},
    }
    assert not conflict.explained and conflict.note is None


def test_a_range_that_holds_both_figures_is_no_position(hours: list[Conflict]) -> None:
    # "more than five hours" agrees with five and a half and with seven and a half.
    told = {e.text for c in hours for p in c.positions for e in p.evidence}
    assert MORE_THAN_FIVE not in told
    assert {FIVE_AND_A_HALF, SEVEN_AND_A_HALF} <= told


def test_a_range_and_a_figure_inside_it_are_no_conflict() -> None:
    story = link(
        [
            article("Strait Herald", DAY, FIVE_AND_A_HALF, filler=0),
            article("Karsholm Post", DAY, MORE_THAN_FIVE, filler=2),
        ]
    )
    assert story.figures() == [[5.5], [5.0]]
    assert of_kind(ledger(story), "quantity") == []


@pytest.mark.parametrize(
    "larger",
    [
        "The rescue of the passengers lasted seven and a half hours, including the towing of "
        "the ferry, the coast guard said.",
        "In total, the rescue of the passengers lasted seven and a half hours, the coast guard "
        "said.",
        "Counting the towing of the ferry, the rescue of the passengers lasted seven and a half "
        "hours, the coast guard said.",
    ],
)
def test_a_larger_figure_that_includes_more_is_noted_not_flagged(larger: str) -> None:
    story = link(
        [
            article("Strait Herald", DAY, FIVE_AND_A_HALF, filler=0),
            article("Coast Daily", DAY, larger, filler=2),
        ]
    )
    (conflict,) = of_kind(ledger(story), "quantity")
    assert conflict.explained
    assert conflict.note and "including something more" in conflict.note and larger in conflict.note
    assert positions(conflict)["seven and a half hours"] == {larger}


# --------------------------------------------------------------------------- dates

FIRE_4 = (
    "The ferry Morning Wren caught fire off Karsholm on May 4, forcing 340 passengers into "
    "lifeboats."
)
FIRE_3 = (
    "The ferry Morning Wren caught fire off Karsholm on May 3, forcing 340 passengers into "
    "lifeboats."
)
BOUGHT_MONTH = "The owner of the Morning Wren bought a second ferry from a Danish yard in April."
BOUGHT_DAY = "The owner of the Morning Wren bought a second ferry from a Danish yard on April 12."


@pytest.fixture(scope="module")
def dated() -> list[Conflict]:
    return ledger(
        link(
            [
                article("Strait Herald", DAY, FIRE_4, BOUGHT_MONTH, filler=0),
                article("Karsholm Post", DAY, FIRE_3, BOUGHT_DAY, filler=2),
            ]
        )
    )


def test_one_event_dated_differently_is_a_date_conflict(dated: list[Conflict]) -> None:
    (conflict,) = of_kind(dated, "date")
    assert positions(conflict) == {
        "2031-05-04 (May 4)": {FIRE_4},
        "2031-05-03 (May 3)": {FIRE_3},
    }


def test_a_month_and_a_day_in_it_are_no_date_conflict(dated: list[Conflict]) -> None:
    told = {e.text for c in of_kind(dated, "date") for p in c.positions for e in p.evidence}
    assert not {BOUGHT_MONTH, BOUGHT_DAY} & told
    assert {FIRE_4, FIRE_3} <= told  # the day told two ways is a conflict


# --------------------------------------------------------------------------- names


@pytest.fixture(scope="module")
def named() -> Linked:
    return link(
        [
            article(
                "Strait Herald",
                DAY,
                "Harbour master Helen Marsh said the crew of the ferry acted quickly.",
                "Marsh ordered an inspection of every ferry in Karsholm.",
                filler=0,
            ),
            article(
                "Coast Daily",
                DAY,
                "Harbour master Helen Marsh praised the lifeboat crews of Karsholm.",
                filler=2,
            ),
            article(
                "Karsholm Post",
                DAY,
                "Harbour master Helen Marsch said the crew of the ferry acted quickly.",
                filler=4,
            ),
        ]
    )


def test_a_name_spelled_differently_shows_who_wrote_which_form(named: Linked) -> None:
    (conflict,) = of_kind(ledger(named), "name")
    forms = positions(conflict)
    assert set(forms) == {"Helen Marsh", "Helen Marsch"}
    post = next(a for a in named.articles if a.outlet == "Karsholm Post")
    assert {
        e.article for p in conflict.positions if p.value == "Helen Marsch" for e in p.evidence
    } == {post.id}
    assert conflict.note and "'Helen Marsch' in Karsholm Post" in conflict.note
    assert "edit" in conflict.note  # why the two were taken for one person


def test_a_surname_alone_is_no_spelling_dispute(named: Linked) -> None:
    (conflict,) = of_kind(ledger(named), "name")
    assert "Marsh" not in positions(conflict)


# --------------------------------------------------------------------------- attribution

QUOTE = "Every passenger is safe and every member of the crew is accounted for"
# the statement as the harbour master gives it, in one report
MARSH_SAYS = article("Strait Herald", DAY, f"“{QUOTE},” said harbour master Helen Marsh.", filler=0)


@pytest.fixture(scope="module")
def quoted() -> list[Conflict]:
    return ledger(
        link(
            [
                MARSH_SAYS,
                article(
                    "Karsholm Post",
                    DAY,
                    f"“{QUOTE},” said Tavi Lund, the owner of the ferry.",
                    filler=2,
                ),
                article(
                    "Coast Daily",
                    DAY,
                    "Harbour master Helen Marsh spoke to reporters at the quay.",
                    f"“{QUOTE},” Marsh said.",
                    filler=4,
                ),
            ]
        )
    )


def test_one_statement_given_to_two_speakers_is_an_attribution_conflict(
    quoted: list[Conflict],
) -> None:
    (conflict,) = of_kind(quoted, "attribution")
    speakers = positions(conflict)
    assert set(speakers) == {"Helen Marsh", "Tavi Lund"}
    assert (
        len({e.article for p in conflict.positions if p.value == "Helen Marsh" for e in p.evidence})
        == 2
    )
    assert QUOTE in conflict.about


def test_a_person_and_an_organisation_given_the_same_words_are_no_dispute() -> None:
    story = link(
        [
            MARSH_SAYS,
            article(
                "Karsholm Post",
                DAY,
                f"The Karsholm Harbour Authority said in a statement: “{QUOTE}.”",
                filler=2,
            ),
        ]
    )
    speakers = [q.speaker for a in story.annotations for q in a.quotes]
    assert speakers == ["Helen Marsh", "Karsholm Harbour Authority"]
    assert of_kind(ledger(story), "attribution") == []


@pytest.mark.parametrize(
    ("later", "flagged"), [(DAY, True), ("2031-05-07", False), ("2031-05-10", False)]
)
def test_a_count_told_days_later_is_a_revision_not_a_dispute(later: str, flagged: bool) -> None:
    # Told the same day, 12 and 19 dead cannot both hold; told a day or more apart, the
    # later figure may be the toll revised: no ledger entry (it is in the story's tracks).
    story = link(
        [
            article(
                "Strait Herald", DAY, "The fire on the Vessa ferry killed 12 people.", filler=0
            ),
            article(
                "Karsholm Post", later, "The fire on the Vessa ferry killed 19 people.", filler=2
            ),
        ]
    )
    assert bool(of_kind(ledger(story), "quantity")) is flagged
