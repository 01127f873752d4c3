"""A date whose words do not give the day it was read as dates no event, or moves to the
day its words give: invented one-sentence reports of Wednesday 2031-06-18, their time
expressions placed by hand as the annotator reads them."""

from __future__ import annotations

import pytest

from tests.link.test_event_references import _events, _report_events


@pytest.mark.parametrize(
    ("language", "sentence", "dates", "kept"),
    [
        # A bare weekday read six days back is also tomorrow: copy filed for the next day.
        (
            "en",
            "The harbour master headed Thursday to the northern locks, officials said.",
            {"Thursday": "2031-06-12"},
            [],
        ),
        (
            "en",
            "Two ferries carrying evacuees landed Thursday morning, a spokesman said.",
            {"Thursday morning": "2031-06-12"},
            [],
        ),
        ("fr", "Les dockers ont manifesté jeudi devant la mairie.", {"jeudi": "2031-06-12"}, []),
        # "the day before <date>": the day next to that date, not to the report's.
        (
            "en",
            "The day before last Monday's hearing, the mayor went to the docks.",
            {"The day before": "2031-06-17", "last Monday's": "2031-06-16"},
            ["2031-06-15"],
        ),
        # "the day before" an undated event: no day.
        (
            "en",
            "The day before the vote, the mayor went to the docks.",
            {"The day before": "2031-06-17"},
            [],
        ),
        # A deadline set is no event.
        (
            "en",
            "The court set Friday as the deadline for the ferry's return.",
            {"Friday": "2031-06-20"},
            [],
        ),
        # A plan denied: nothing happened that day.
        (
            "en",
            "Port officials said they did not plan to seize the ferry on Thursday morning.",
            {"Thursday morning": "2031-06-19"},
            [],
        ),
        (
            "en",
            "The mayor has no plans to visit the locks on Friday.",
            {"Friday": "2031-06-20"},
            [],
        ),
        # A date decades back in an English relative clause is background, not the rally's.
        (
            "en",
            "The marchers waved flags on the quay at Ostrel, where the first ferry docked on "
            "May 2, 1956, with 80 passengers aboard.",
            {"May 2, 1956": "1956-05-02"},
            [],
        ),
        (
            "en",
            "The mayor, who was born in Ostrel and left the port just after the great flood in "
            "1961, praised the new locks.",
            {"1961": "1961"},
            [],
        ),
    ],
)
def test_a_date_that_gives_no_quotable_day_dates_no_event_or_moves(
    language: str, sentence: str, dates: dict[str, str], kept: list[str]
) -> None:
    assert _events(sentence, dates, language) == kept


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        # "last <weekday>" says which week.
        ("The harbour master flew north last Thursday.", {"last Thursday": "2031-06-12"}),
        ("The harbour master flew north on Thursday last.", {"Thursday": "2031-06-12"}),
        # Five days back is no tomorrow.
        ("The harbour master flew north on Friday.", {"Friday": "2031-06-13"}),
        # A plan not denied keeps its day.
        ("The mayor plans to visit the locks on Friday.", {"Friday": "2031-06-20"}),
        # A relative clause telling recent news keeps its day.
        (
            "The council, which voted on Monday to close the locks, met again.",
            {"Monday": "2031-06-16"},
        ),
        # "the day before" with nothing after it is the annotator's reading.
        ("The mayor had visited the docks the day before.", {"the day before": "2031-06-17"}),
    ],
)
def test_a_date_whose_words_give_its_day_keeps_it(sentence: str, dates: dict[str, str]) -> None:
    assert _events(sentence, dates) == sorted(set(dates.values()))


def test_a_day_that_year_takes_the_year_last_written_or_dates_nothing() -> None:
    lines = [
        "The ferry Marisol sank off Tessel in March 2028.",
        "Its captain died on 25 June that year, the inquiry found.",
    ]
    events = _report_events(lines, {"March 2028": "2028-03", "25 June that year": "2031-06-25"})
    assert [d for d, _ in events] == ["2028-03", "2028-06-25"]
    alone = _report_events(lines[1:], {"25 June that year": "2031-06-25"})
    assert alone == []


def test_a_date_read_in_with_its_article_before_a_noun_names_that_thing() -> None:
    lines = ["The 8 October concert at the harbour was announced by its promoters on Monday."]
    events = _report_events(lines, {"The 8 October": "2030-10-08", "Monday": "2031-06-16"})
    assert [d for d, _ in events] == ["2031-06-16"]
