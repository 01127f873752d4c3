"""End to end: the bundled example story, built by the engine, shows every planted hard case.

The story (a fictional dam failure) and the table of hard cases are in
``examples/README.md``; its ids A1..A8 are used in the comments here.
Each test reads the dossier JSON (the public contract of DESIGN.md), never the
internal records, so it checks what a user of the dossier sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow  # runs the whole pipeline: spaCy, time expressions, embeddings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dravenmoor-dam"

Json = dict[str, Any]

# Keys for the articles: a file name, or the url of a JSON-lines record (two share one file).
A1 = "01_valdmark-courier.txt"
A2 = "https://brennick-herald.example/news/2024/03/13/dravenmoor-dam-gives-way"
A3 = "03_northgate-ledger.html"
A4 = "04_kurier-doliny.txt"
A5 = "05_undated.txt"
A6 = "06_aurelian-times.txt"
A7 = "https://kelsby-evening-post.example/local/dravenmoor-hearing-called-off"
A8 = "08_valdmark-repairs.txt"


# --------------------------------------------------------------------------- building


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> list[Json]:
    from storyline.engine import build  # the pipeline's public entry point

    work = tmp_path_factory.mktemp("example")
    # The files one by one: the folder also holds README.md, which is not a news report.
    paths = sorted(p for p in EXAMPLE.iterdir() if p.suffix in {".txt", ".jsonl", ".html"})
    assert len(paths) == 7, paths
    report = build(paths, work / "out", str(work / "store.sqlite"))
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in report.dossiers]


@pytest.fixture(scope="module")
def dossier(dossiers: list[Json]) -> Json:
    """The dossier holding the most articles (there should be exactly one; see test_one_story)."""
    assert dossiers, "the build wrote no dossier"
    return max(dossiers, key=lambda d: len(d["articles"]))


# --------------------------------------------------------------------------- helpers


def article(d: Json, key: str) -> Json:
    hits = [
        a
        for a in d["articles"]
        if a["url"] == key or (a["path"] is not None and Path(a["path"]).name == key)
    ]
    where = [(a["path"], a["url"]) for a in d["articles"]]
    assert len(hits) == 1, f"{key}: {len(hits)} articles match among {where}"
    return hits[0]


def person(d: Json, full_name: str) -> Json:
    """The one PERSON entity with ``full_name`` as its name or an alias."""
    hits = [e for e in d["entities"] if e["type"] == "PERSON" and full_name in names(e)]
    found = sorted((e["name"], tuple(e["aliases"])) for e in d["entities"] if e["type"] == "PERSON")
    assert len(hits) == 1, f"{full_name}: {len(hits)} PERSON entities; persons are {found}"
    return hits[0]


def names(entity: Json) -> set[str]:
    return {entity["name"], *entity["aliases"]}


def plain(text: str) -> str:
    """Typographic quotes and apostrophes as ASCII, whitespace collapsed, for matching."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return " ".join(text.translate(table).split())


def cites(entry: Json, article_id: str, fragment: str) -> bool:
    """True if ``entry`` rests on a sentence of ``article_id`` containing ``fragment``."""
    return any(
        ev["article"] == article_id and fragment in plain(ev["text"]) for ev in entry["evidence"]
    )


def quotes_with(d: Json, fragment: str) -> list[Json]:
    return [q for q in d["quotes"] if fragment in plain(q["text"])]


def digits(value: str) -> str:
    return value.replace(",", "")


def timeline_about(d: Json, word: str) -> Iterator[Json]:
    for entry in d["timeline"]:
        texts = [entry["text"], *(ev["text"] for ev in entry["evidence"])]
        if any(word in plain(t).lower() for t in texts):
            yield entry


# --------------------------------------------------------------------------- story and articles


def test_one_story_with_every_article(dossiers: list[Json], dossier: Json) -> None:
    assert len(dossiers) == 1, [d["story"]["articles"] for d in dossiers]
    assert dossier["schema_version"] == 1
    assert dossier["story"]["articles"] == 8
    assert len(dossier["articles"]) == 8
    assert dossier["story"]["first_published"] == "2024-03-13"
    assert dossier["story"]["last_published"] == "2024-04-22"


@pytest.mark.parametrize(
    ("key", "day", "basis"),
    [
        (A1, "2024-03-13", "header"),
        (A2, "2024-03-13", "metadata"),
        (A3, "2024-03-14", "metadata"),
        (A4, "2024-03-18", "header"),
        (A6, "2024-03-20", "header"),
        (A7, "2024-04-03", "metadata"),
        (A8, "2024-04-22", "header"),  # the date line runs straight into the first sentence
    ],
)
def test_publication_date_and_basis(dossier: Json, key: str, day: str, basis: str) -> None:
    published = article(dossier, key)["published"]
    assert (published["date"], published["basis"]) == (day, basis)


def test_undated_article_gets_an_inferred_date(dossier: Json) -> None:
    a5 = article(dossier, A5)
    assert a5["title"] == "Ostley residents return home as Dravenmoor reservoir drops"
    # INFERRED DATE. A5 has no date anywhere; its text says residents returned "on Monday"
    # and the board spoke "today". A6 dates the return absolutely (March 18, a Monday), so
    # A5 was published in the week after it. The pipeline must infer a date in that
    # window, or leave it null: it must never take a date from nowhere.
    assert a5["published"]["basis"] == "inferred", a5["published"]
    assert "2024-03-18" <= a5["published"]["date"] <= "2024-03-24", a5["published"]
    # ... and once A5 has its date, its "on Monday" is read against it.
    assert any(
        e["date"] == "2024-03-18" and cites(e, a5["id"], "began returning to their homes on Monday")
        for e in dossier["timeline"]
    )


@pytest.mark.parametrize(
    ("key", "outlet", "authors"),
    [
        (A1, "Valdmark Courier", ["Mirela Sandqvist"]),  # byline in the date line
        (A4, "Kurier Doliny", ["Jan Wieczorek"]),
        (A6, "Aurelian Times", ["Daniel Ashworth"]),
        (A2, "Brennick Herald", ["Lena Okafor"]),  # JSON-lines fields
        (A7, "Kelsby Evening Post", ["Ruth Obando"]),
        (A3, "Northgate Ledger", ["Lena Okafor"]),  # HTML meta author and site name
        (A5, None, []),  # no byline at all
        (A8, None, []),  # a date line without a byline
    ],
)
def test_outlet_and_authors(
    dossier: Json, key: str, outlet: str | None, authors: list[str]
) -> None:
    a = article(dossier, key)
    assert (a["outlet"], a["authors"]) == (outlet, authors)


def test_agency_credit_on_both_copies(dossier: Json) -> None:
    assert article(dossier, A2)["credits"] == ["CPW"]
    assert article(dossier, A3)["credits"] == ["CPW"]
    assert article(dossier, A1)["credits"] == []
    # A4: "..., the Valdmark Courier reported."
    assert "Valdmark Courier" in article(dossier, A4)["cites"]


def test_agency_copy_is_one_duplicate_of_the_other(dossier: Json) -> None:
    a2, a3 = article(dossier, A2), article(dossier, A3)
    pair = (a2["duplicate_of"], a3["duplicate_of"])
    assert pair in {(a3["id"], None), (None, a2["id"])}, pair
    others = [a["duplicate_of"] for a in dossier["articles"] if a["id"] not in {a2["id"], a3["id"]}]
    assert others == [None] * 6


# --------------------------------------------------------------------------- claims


def test_collapse_is_confirmed_with_the_agency_copy_counted_once(dossier: Json) -> None:
    a1 = article(dossier, A1)
    claims = [
        c for c in dossier["claims"] if cites(c, a1["id"], "partly collapsed on Tuesday evening")
    ]
    assert len(claims) == 1, [c["text"] for c in claims]
    claim = claims[0]
    # Told by the Valdmark Courier, the CPW copy (Brennick Herald and Northgate Ledger),
    # the Aurelian Times and (translated) Kurier Doliny: the two CPW outlets are one source,
    # and Kurier Doliny tells it as "the Valdmark Courier reported": the Courier's telling.
    assert claim["independent_outlets"] >= 3, claim
    assert claim["outlets"] == claim["independent_outlets"] + 2, claim


def test_agency_copy_counts_once(dossier: Json) -> None:
    a2 = article(dossier, A2)
    # A sentence that both CPW copies carry word for word: two outlets, one source.
    claims = [c for c in dossier["claims"] if cites(c, a2["id"], "Emergency crews worked through")]
    assert len(claims) == 1, [c["text"] for c in claims]
    assert (claims[0]["outlets"], claims[0]["independent_outlets"]) == (2, 1), claims[0]


def test_fact_from_one_outlet_only(dossier: Json) -> None:
    a6 = article(dossier, A6)
    claims = [c for c in dossier["claims"] if cites(c, a6["id"], "reported cracks in the concrete")]
    assert len(claims) == 1, [c["text"] for c in claims]
    assert (claims[0]["outlets"], claims[0]["independent_outlets"]) == (1, 1)


# --------------------------------------------------------------------------- entities and quotes


def test_misspelled_name_is_merged_into_one_person(dossier: Json) -> None:
    engineer = person(dossier, "Petra Halvorsen")
    assert "Petra Halvorsan" in names(engineer)  # A4's spelling
    assert article(dossier, A4)["id"] in engineer["articles"]
    # A4 then calls her "Petra": no person of her own.
    strays = [
        e["name"]
        for e in dossier["entities"]
        if e["id"] != engineer["id"] and names(e) & {"Petra", "Halvorsan", "Halvorsen"}
    ]
    assert strays == []


def test_two_people_with_one_surname_stay_apart(dossier: Json) -> None:
    tomas, agnes = person(dossier, "Tomas Reyland"), person(dossier, "Agnes Reyland")
    assert tomas["id"] != agnes["id"]
    assert any("spokesman" in t.lower() for t in tomas["titles"]), tomas
    assert any("minister" in t.lower() for t in agnes["titles"]), agnes
    spoken = {q["speaker_entity"] for q in dossier["quotes"]}
    assert {tomas["id"], agnes["id"]} <= spoken


@pytest.mark.parametrize(
    "town",
    [
        "Brennick",
        "Kelsby",
        "Ostley",
    ],
)
def test_towns_are_places(dossier: Json, town: str) -> None:
    kinds = {e["type"] for e in dossier["entities"] if town in names(e)}
    assert kinds and kinds <= {"GPE", "LOC"}, kinds


@pytest.mark.parametrize(
    ("fragment", "speaker", "direct"),
    [
        ("The water came faster than anyone expected", "Ilse Marwick", True),  # "...," X said
        ("We are not out of danger", "Ilse Marwick", True),  # split around its cue ...
        ("next two days will decide a great deal", "Ilse Marwick", True),  # ... second half
        ("The state will pay for every night", "Agnes Reyland", True),  # X said: "..."
        ("I want a full account", "Agnes Reyland", True),  # "...," she said
        ("remaining gates are under constant watch", "Tomas Reyland", True),  # said X, the ...
        ("two remaining gates were being watched", "Tomas Reyland", False),  # in a statement
        ("jammed half-open on Monday", "Petra Halvorsen", False),  # according to X
        ("We tried to free the gate", "Petra Halvorsen", True),  # multi-sentence
        ("worst day of my professional life", "Petra Halvorsen", True),  # misspelled, "Petra said"
        ("The gate is where it started", "Petra Halvorsen", True),  # she said
        ("If there were warnings", "Agnes Reyland", True),  # surname only: "Reyland said"
        ("We owe residents answers", "Tomas Reyland", True),  # spokesman X told reporters
    ],
)
def test_quote_has_its_speaker(dossier: Json, fragment: str, speaker: str, direct: bool) -> None:
    expected = person(dossier, speaker)["id"]
    found = quotes_with(dossier, fragment)
    assert found, f"no quote contains {fragment!r}"
    assert [(q["speaker_entity"], q["direct"]) for q in found] == [(expected, direct)] * len(found)


def test_multi_sentence_quote_is_whole(dossier: Json) -> None:
    (quote,) = quotes_with(dossier, "We tried to free the gate")
    assert "The pressure on the wall kept rising." in plain(quote["text"])
    assert "there was nothing more we could do" in plain(quote["text"])
    assert len(quote["evidence"]) >= 1


# --------------------------------------------------------------------------- conflicts


def test_evacuation_figures_conflict_but_the_compatible_one_does_not(dossier: Json) -> None:
    a1 = article(dossier, A1)
    wire = {article(dossier, A2)["id"], article(dossier, A3)["id"]}
    evacuations = [
        c
        for c in dossier["conflicts"]
        if c["kind"] == "quantity"
        and any("1200" in digits(p["value"]) for p in c["positions"])
        and any("2100" in digits(p["value"]) for p in c["positions"])
    ]
    assert len(evacuations) == 1, dossier["conflicts"]
    positions = evacuations[0]["positions"]
    low = next(p for p in positions if "1200" in digits(p["value"]))
    high = next(p for p in positions if "2100" in digits(p["value"]))
    assert any(ev["article"] == a1["id"] for ev in low["evidence"])
    assert any(ev["article"] in wire for ev in high["evidence"])
    # "More than 1,000" (A6) agrees with both figures: it is no side of any conflict.
    compatible = [
        p["value"]
        for c in dossier["conflicts"]
        for p in c["positions"]
        if re.search(r"(?<![\d,])1000(?!\d)", digits(p["value"]))
        or any("More than 1,000" in ev["text"] for ev in p["evidence"])
    ]
    assert compatible == []


# --------------------------------------------------------------------------- timeline


def test_planned_hearing_and_its_cancellation(dossier: Json) -> None:
    hearing = list(timeline_about(dossier, "hearing"))
    planned = [e for e in hearing if e["status"] == "planned"]
    cancelled = [e for e in hearing if e["status"] == "cancelled"]
    assert planned, hearing
    assert {e["date"] for e in planned} == {"2024-04-04"}, planned
    # A cancellation may be dated by the day it was called off (Tuesday, April 2)
    # or by the day the hearing was to be held (April 4); DESIGN.md fixes neither.
    assert cancelled, hearing
    assert {e["date"] for e in cancelled} <= {"2024-04-02", "2024-04-04"}, cancelled
    # The hearing never took place.
    assert not [e for e in hearing if e["status"] == "occurred" and e["date"] == "2024-04-04"]


@pytest.mark.parametrize(
    ("key", "fragment", "day", "granularity"),
    [
        (A1, "partly collapsed on Tuesday evening", "2024-03-12", "day"),
        (A1, "jammed half-open on Monday", "2024-03-11", "day"),
        (A4, "in the evening of last Tuesday", "2024-03-12", "day"),
        (A4, "On Friday, the engineers opened", "2024-03-15", "day"),
        (A6, "reported cracks in the concrete", "2023", "year"),  # "last year"
        (A6, "expected to begin early next month", "2024-04", "month"),
        (A7, "visited the site on Monday", "2024-04-01", "day"),
        (A8, "Repair work began on the Dravenmoor Dam on Monday", "2024-04-22", "day"),  # same day
    ],
)
def test_relative_date_is_resolved(
    dossier: Json, key: str, fragment: str, day: str, granularity: str
) -> None:
    source = article(dossier, key)["id"]
    # Every dated event: the timeline's chosen days and the others it lists (issue 17).
    dated = dossier["timeline"] + dossier["timeline_rest"]
    entries = [e for e in dated if cites(e, source, fragment)]
    assert entries, f"no timeline entry rests on {fragment!r}"
    assert (day, granularity) in {(e["date"], e["granularity"]) for e in entries}, entries


def test_vague_dates_get_no_day(dossier: Json) -> None:
    a6 = article(dossier, A6)
    for fragment in ("expected in the coming weeks", "expected to begin early next month"):
        for entry in dossier["timeline"]:
            if cites(entry, a6["id"], fragment):
                assert entry["granularity"] != "day", entry


def test_expected_repairs_are_not_reported_as_done(dossier: Json) -> None:
    a6 = article(dossier, A6)
    entries = [
        e for e in dossier["timeline"] if cites(e, a6["id"], "expected to begin early next month")
    ]
    assert entries and all(e["status"] in {"expected", "planned"} for e in entries), entries


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        # Monday night and "the next day" (Tuesday) in a Wednesday report: past, not a plan.
        (A1, "We tried to free the gate through the night and all of the next day"),
        # "since the dam partly collapsed last month": it happened.
        (A7, "received threats since the dam partly collapsed last month"),
    ],
)
def test_past_narration_is_not_a_plan(dossier: Json, key: str, fragment: str) -> None:
    a = article(dossier, key)
    every = dossier["timeline"] + dossier["timeline_rest"]
    entries = [e for e in every if cites(e, a["id"], fragment)]
    assert entries, f"no dated event cites {fragment!r}"
    # Told in the past tense: it happened, and no later than the report.
    assert all(e["status"] == "occurred" for e in entries), entries
    assert all(e["date"] <= a["published"]["date"] for e in entries), entries
