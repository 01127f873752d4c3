"""What a figure measures: kind, what is said of what it counts, whose, bounds, date.

Every sentence is fictional, written for these tests.
"""

from __future__ import annotations

import pytest

from storyline.annotate import annotate_chunk
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.quantities import find_quantities
from storyline.model import Article, Published, Quantity


def figures(text: str) -> list[Quantity]:
    doc = load_nlp()(text)
    return find_quantities(doc, split_sentences(doc))


def only(text: str) -> Quantity:
    (q,) = figures(text)
    return q


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A two-year-old girl was pulled from the rubble.", "age"),
        ("The harbour was rebuilt five years ago.", "offset"),
        ("Six years on, the harbour is busy again.", "offset"),
        ("A 5.9 aftershock shook the valley.", "rating"),
        ("A magnitude 7.0 quake shook the valley.", "rating"),
        ("The hearing lasted five and a half hours.", "duration"),
        ("The storm left 19 dead in the valley.", "count"),
        ("The council pledged $20 million for the valley.", "money"),
        ("Turnout rose to 40 percent.", "percent"),
        ("The quake struck at a depth of 8 km.", "measure"),
    ],
)
def test_the_kind_of_a_figure(text: str, kind: str) -> None:
    assert only(text).kind == kind


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("At least 19 people were killed in the floods.", "dead"),
        ("The storm left 19 dead in the valley.", "dead"),
        ("The death toll from the floods rose to 21.", "dead"),
        ("Police detained 40 protesters in the square.", "detained"),
        ("There were 200 confirmed cases of the fever in Vessa.", "infected"),
        ("The well is leaking 5,000 barrels a day.", "flow"),
        ("Norland has sent 30 doctors to the province.", "sent"),
    ],
)
def test_what_is_said_of_what_is_counted(text: str, predicate: str) -> None:
    assert only(text).predicate == predicate


def test_whose_and_where() -> None:
    q = only("Norland has sent 30 doctors to the island.")
    assert (q.subject, q.unit) == ("norland", "doctor")
    assert only("At least 19 people were killed in the clashes in Vessa.").place == "vessa"


def test_depth_and_distance_are_two_measures() -> None:
    depth, distance = figures("The quake struck at a depth of 8 km, 15 km from the port.")
    assert depth.predicate == "depth" and distance.predicate != "depth"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("At least 90 people were killed.", 90.0, None),
        ("Up to 90 people were killed.", None, 90.0),
        ("About 200 people were killed.", 170.0, 230.0),
        ("The well leaks 12,000 to 19,000 barrels a day.", 12000.0, 19000.0),
        ("Between 40 and 60 people were hurt.", 40.0, 60.0),
        ("Exactly 12 people were hurt.", 12.0, 12.0),
    ],
)
def test_bounds_from_the_wording(text: str, low: float | None, high: float | None) -> None:
    q = only(text)
    assert q.low == pytest.approx(low) if low is not None else q.low is None
    assert q.high == pytest.approx(high) if high is not None else q.high is None


def test_a_rate_knows_its_period() -> None:
    assert only("The well is leaking 5,000 barrels a day.").per == "day"


def test_a_flattened_chronology_does_not_crash() -> None:
    found = figures("1994 - A blast kills hundreds 1998 - Another blast kills 200 in Vessa")
    assert [q.value for q in found] == [100.0, 200.0]


def test_a_figure_takes_the_date_its_sentence_names_not_a_period_start() -> None:
    text = (
        "More than 300 people have been killed since January 25, a rights group said. "
        "On Friday, police detained 40 people in the square."
    )
    article = Article(id="a", text=text, published=Published(date="2031-02-08", basis="header"))
    (ann,) = annotate_chunk([article])
    killed, detained = ann.quantities
    assert killed.when is None  # as of the report's day
    assert detained.when == "2031-02-07"


def test_a_figure_told_at_a_part_of_a_day_takes_that_day() -> None:
    # "Sunday afternoon" is a day (TIMEX3 writes it 2031-02-02TAF): a figure it dates holds
    # on that Sunday, not on the report's day.
    text = "The bodies of 50 people were brought to the hospital in Vessa on Sunday afternoon."
    article = Article(id="a", text=text, published=Published(date="2031-02-08", basis="header"))
    (ann,) = annotate_chunk([article])
    (bodies,) = ann.quantities
    assert bodies.when == "2031-02-02"  # the Saturday report's Sunday before


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The firm will put # 4bn into a fund for the coast.", 4e9, "GBP"),  # "£" lost
        ("The firm will put # 2.5 bn into a fund for the coast.", 2.5e9, "GBP"),
        ("So far, up to 80 are reported to have died of the fever.", 80.0, "person"),
        ("At least 37 died in the floods.", 37.0, "person"),
    ],
)
def test_what_a_figure_counts_where_the_parse_hides_it(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


def test_a_rank_is_no_sum() -> None:
    assert figures("The song was ranked #1 in the chart for a week.") == []


def test_a_part_of_the_counted_people_counts_them() -> None:
    part, whole = figures("Officials said 12 of the 90 reported deaths have been confirmed.")
    assert (part.text, part.unit, part.predicate) == ("12", "death", "dead")
    assert (whole.value, whole.unit) == (90.0, "death")
    wounded = only("A ship picked up more than 140 of the wounded fighters.")
    assert (wounded.text, wounded.predicate) == ("more than 140", "injured")


def test_what_befalls_people_is_read_through_a_reporting_verb() -> None:
    assert only("So far, up to 80 are reported to have died of the fever.").predicate == "dead"


def test_almost_and_nearly_reach_just_under_their_figure() -> None:
    q = only("Almost 200,000 people have fled the country.")
    assert (q.low, q.high) == (pytest.approx(190000.0), pytest.approx(200000.0))


def test_a_count_an_allegation_hangs_on_says_what_its_clause_tells() -> None:
    # The parse hangs "15 people" on "alleges" and "died" beside it: "alleges" only says
    # the figure, as "claims" does; what befell the people is in the clause it says.
    (people,) = [
        q
        for q in figures(
            "The government alleges 15 people, including three children, died in the raid on Vessa."
        )
        if q.value == 15
    ]
    assert people.predicate == "dead"


@pytest.mark.parametrize(
    ("text", "value", "predicate"),
    [
        pytest.param(
            "Officials allege 15 people, including two children, died in the raid on Vessa.",
            15,
            "dead",
            id="a conjunct with no subject or object of its own tells what befell the count",
        ),
        pytest.param(
            "Officials reported 40 deaths and arrested 12 people in Vessa.",
            40,
            "dead",
            id="a conjunct with an object of its own is another deed",
        ),
    ],
)
def test_a_conjunct_of_a_saying_verb(text: str, value: float, predicate: str) -> None:
    (q,) = [q for q in figures(text) if q.value == value]
    assert q.predicate == predicate
