"""Days a report refers back to, read from its whole text."""

from __future__ import annotations

from storyline.date_refs import (
    chronology_day,
    chronology_entries,
    dated_entries,
    is_chronology_line,
    listed_days,
    referenced_days,
)


def test_month_and_day_without_a_year_look_back_unless_a_month_ahead() -> None:
    text = "The Tessel ferry ran aground on Dec. 30. Salvage began on 2 January."
    assert referenced_days(text, "2032-01-04") == {"2031-12-30", "2032-01-02"}
    # In an October report, "February 15" is last February, though next one is nearer;
    # a day a few weeks ahead is an upcoming one.
    text = "The strike began on February 15. Talks resume on November 2."
    assert referenced_days(text, "2031-10-20") == {"2031-02-15", "2031-11-02"}


def test_an_explicit_year_is_kept() -> None:
    text = "The harbour opened on March 5, 1998, and closed on 7th of May 2029."
    assert referenced_days(text, "2031-06-01") == {"1998-03-05", "2029-05-07"}


def test_weekdays_and_yesterday_look_back_from_publication() -> None:
    # 2031-03-06 is a Thursday.
    text = "Divers reached the hull on Monday. The inquiry opened yesterday. On Thursday, talks."
    assert referenced_days(text, "2031-03-06") == {"2031-03-03", "2031-03-05", "2031-03-06"}


def test_impossible_days_and_month_words_without_a_day_are_not_read() -> None:
    text = "No ship sails on April 31. The crew may return in May. Mayor Ilse Varn spoke."
    assert referenced_days(text, "2031-04-02") == frozenset()


def test_without_a_publication_day_nothing_is_dated() -> None:
    assert referenced_days("The ferry sank on March 3.", None) == frozenset()
    assert referenced_days("The ferry sank on March 3.", "someday") == frozenset()


def test_a_chronology_line_opens_with_a_day_and_a_dash_or_colon() -> None:
    for line in (
        "March 4 - The harbour of Tessel closes to ferries.",
        "* 4 March: Divers reach the hull of the Marisol.",
        "Aug. 3, 2031 — The inquiry opens in Varn.",
        "28 June 2031 Police in Varn interview the ferry's captain.",
    ):
        assert is_chronology_line(line), line
    for sentence in (
        "On March 4 the harbour of Tessel closed to ferries.",
        "The harbour closed on March 4 - and reopened a week later.",
        "March 2031: a month of storms.",  # a month, not a day
        "May I add - the ferry was late.",
        "28 June 2031 Last updated at 06:28 GMT",  # a page's stamp
        "March 4, 2031 at 8:05 am | Report abuse",  # a reader's comment
        "28 June Police interview the captain.",  # no dash, no year: a caption's start
    ):
        assert not is_chronology_line(sentence), sentence


def test_a_chronology_line_is_dated_by_the_day_it_opens_with() -> None:
    assert chronology_day("March 4 - Ferries stop after the March 2 storm.", "2031-10-20") == (
        "2031-03-04"
    )
    assert chronology_day("* 4 March 2029: Divers reach the hull.", "2031-10-20") == "2029-03-04"
    assert chronology_day("28 June 2030 Police interview the captain.", "2031-10-20") == (
        "2030-06-28"
    )
    assert chronology_day("On March 4 ferries stopped.", "2031-10-20") is None
    assert chronology_day("March 4 - Ferries stop.", None) is None


def test_a_report_lists_days_only_when_it_carries_a_chronology() -> None:
    chronology = "\n".join(
        [
            "Key dates in the Tessel harbour dispute:",
            "February 15 - Dockers walk out.",
            "March 4 - Ferries stop.",
            "Oct. 2 - Talks open in Varn.",
        ]
    )
    assert listed_days(chronology, "2031-10-20") == {"2031-02-15", "2031-03-04", "2031-10-02"}
    two_lines = "\n".join(chronology.split("\n")[:3])
    assert listed_days(two_lines, "2031-10-20") == frozenset()
    assert listed_days(chronology, None) == frozenset()


def test_a_chronology_entry_runs_on_until_the_next_day_or_a_blank_line() -> None:
    text = "\n".join(
        [
            "Key dates in the Tessel harbour dispute:",
            "February 15 - Dockers walk out.",
            "The port runs on a skeleton crew.",
            "March 4 - Ferries stop.",
            "Passengers are sent to Varn.",
            "Freight piles up on the quays.",
            "Hotels in Tessel empty.",  # a third line on: past CONTINUATION
            "Oct. 2 - Talks open in Varn.",
            "",
            "Reporting by the Tessel desk.",
        ]
    )
    entries = [text[a:b] for a, b in chronology_entries(text)]
    assert entries == [
        "February 15 - Dockers walk out.\nThe port runs on a skeleton crew.",
        "March 4 - Ferries stop.\nPassengers are sent to Varn.\nFreight piles up on the quays.",
        "Oct. 2 - Talks open in Varn.",
    ]
    assert chronology_entries("\n".join(text.split("\n")[:5])) == []  # two lines: none


def test_a_chronology_spanning_years_takes_each_entrys_year_from_the_list_order() -> None:
    """A list of losses from one spring to the next names no years: read entry by entry
    against publication, its first entry fell a year late, after the entries that follow it."""
    losses = "\n".join(
        [
            "March 21: A patrol boat sinks off Varn.",
            "June 24: Six wardens die in a fire at the Tessel depot.",
            "November 8: A ferry captain is killed at the pier.",
            "January 30: Ten crew die when a supply plane crashes.",
            "March 25: Two divers die in the harbour.",
        ]
    )
    days = [day for day, _, _ in dated_entries(losses, "2033-05-02")]
    # Newest first or oldest first, the list runs in order; a slip of a few days is no year.
    assert days == ["2032-03-21", "2032-06-24", "2032-11-08", "2033-01-30", "2033-03-25"]
    newest_first = "\n".join(reversed(losses.split("\n")))
    assert [d for d, _, _ in dated_entries(newest_first, "2033-05-02")] == list(reversed(days))
    slip = "\n".join(["May 4 - Talks open.", "May 2 - Dockers walk out.", "June 9 - Deal."])
    assert [d for d, _, _ in dated_entries(slip, "2033-07-01")] == [
        "2033-05-04",
        "2033-05-02",
        "2033-06-09",
    ]
