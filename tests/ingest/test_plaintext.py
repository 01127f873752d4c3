"""The plain-text format: date header, byline, headline, body."""

from __future__ import annotations

from storyline.ingest.plaintext import parse_byline, parse_plain

BODY = "The river ferry resumed service on Monday after a week of repairs, the operator said."


def test_header_date_and_byline_on_one_line() -> None:
    parts = parse_plain(f" date 2021-05-02 By Tamsin Roe, Harbour Gazette\n\n{BODY}\n")
    assert (parts.date, parts.basis) == ("2021-05-02", "header")
    assert parts.authors == ["Tamsin Roe"]
    assert parts.outlet == "Harbour Gazette"
    assert parts.title is None
    assert parts.body == BODY


def test_body_starting_on_the_header_line() -> None:
    parts = parse_plain(f"date 2021-05-02 {BODY}\n\nSecond paragraph here.")
    assert parts.date == "2021-05-02"
    assert parts.body.startswith("The river ferry resumed")
    assert parts.authors == [] and parts.outlet is None


def test_headline_is_the_title_and_leaves_the_body() -> None:
    parts = parse_plain(f"Ferry Back on the River After Repairs\n\n{BODY}")
    assert parts.title == "Ferry Back on the River After Repairs"
    assert parts.body == BODY
    assert parts.date is None and parts.basis is None


def test_a_first_sentence_is_not_a_headline() -> None:
    parts = parse_plain(f"{BODY}\n\nPassengers cheered.")
    assert parts.title is None
    assert parts.body.startswith(BODY)


def test_a_lone_paragraph_is_body_not_title() -> None:
    parts = parse_plain("Ferry back on the river")
    assert parts.title is None
    assert parts.body == "Ferry back on the river"


def test_headline_then_byline_with_its_own_date() -> None:
    text = f"Ferry Back on the River\n\nBy Tamsin Roe, Harbour Gazette, June 3, 2021\n\n{BODY}"
    parts = parse_plain(text)
    assert parts.title == "Ferry Back on the River"
    assert (parts.date, parts.basis) == ("2021-06-03", "byline")
    assert parts.outlet == "Harbour Gazette"
    assert parts.body == BODY


def test_header_date_wins_over_byline_date() -> None:
    parts = parse_plain(f"date 2021-05-02 By Tamsin Roe, Harbour Gazette, 4 May 2021\n\n{BODY}")
    assert (parts.date, parts.basis) == ("2021-05-02", "header")


def test_impossible_header_date_is_not_taken() -> None:
    parts = parse_plain(f"date 2021-13-40 {BODY}")
    assert parts.date is None
    assert parts.body.startswith("date 2021-13-40")


def test_byline_shapes() -> None:
    three = parse_byline("By Ana Ruiz, Bo Lind and Cy Mott, The Evening Ledger")
    assert three is not None
    assert three.authors == ["Ana Ruiz", "Bo Lind", "Cy Mott"]
    assert three.outlet == "The Evening Ledger"
    two = parse_byline("By Ana Ruiz and Bo Lind")
    assert two is not None and two.authors == ["Ana Ruiz", "Bo Lind"] and two.outlet is None
    role = parse_byline("By Ana Ruiz, Senior Correspondent, Valley Post | Updated Mar 9, 2020")
    assert role is not None
    assert (role.authors, role.outlet, role.date) == (["Ana Ruiz"], "Valley Post", "2020-03-09")


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    assert parse_byline("By the time the ferry arrived, the pier was closed.") is None
    parts = parse_plain("By noon, the river had risen two metres, officials said.\n\nMore.")
    assert parts.authors == [] and parts.body.startswith("By noon")


def test_markdown_heading_is_the_title() -> None:
    parts = parse_plain(f"# Ferry Back on the River\n\n{BODY}")
    assert parts.title == "Ferry Back on the River"
    assert parts.body == BODY
