"""Articles dated on the calendar's ends (0001-01-01, 9999-12-31: "no date" placeholders
in real feeds) whose text counts days from there.

What the annotator does: a reading that falls outside the calendar is dropped (the
expression gets no date), never clamped; whatever stays inside is read as usual.
Every fixture is fictional text written for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from storyline.annotate import timexes_for_anchors
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.timex import find_timexes
from storyline.calendar_safe import in_calendar
from storyline.date_refs import chronology_day, dated_entries, referenced_days
from storyline.model import Article, Published, TimeExpr

FIRST, LAST = datetime.date(1, 1, 1), datetime.date(9999, 12, 31)

# One phrase per kind of arithmetic: days, weeks, months, years, decades, centuries,
# weekdays, holidays, seasons, quarters, anaphora.
TEXT = (
    "The council said yesterday that the ferry would sail tomorrow. "
    "On Monday the harbour master met the mayor, and last Friday the pier closed. "
    "Christmas was quiet, as it was last Christmas; next Christmas the market returns. "
    "Last year fares rose, and next year they fall. The vote is due next week, in 3 days. "
    "Last month the tolls changed, next month they change again, last November too. "
    "Two centuries ago the town was founded; two decades ago the bridge fell; "
    "five years ago the port opened. In the '90s the mill closed. "
    "Last winter the river froze, and the previous quarter was weak. "
    "A year earlier, sales had doubled. The weekend was calm. "
    "On Sunday the crew rested. The next day they sailed, and the following year they returned."
)


def _read(text: str, anchor: datetime.date | None) -> list[TimeExpr]:
    doc = load_nlp()(text)
    return find_timexes(doc, split_sentences(doc), anchor)


@pytest.mark.parametrize(
    "anchor",
    [FIRST, datetime.date(1, 1, 3), datetime.date(1, 6, 30), LAST, datetime.date(9999, 12, 26)],
)
def test_every_reading_stays_inside_the_calendar(anchor: datetime.date) -> None:
    found = _read(TEXT, anchor)
    assert found, "the text names many dates"
    for t in found:
        assert TEXT[t.start : t.end] == t.text
        assert in_calendar(t.value), (t.text, t.value)
        if t.type == "DATE" and t.value[:1].isdigit() and len(t.value) >= 4:
            assert 1 <= int(t.value[:4]) <= 9999


def test_a_day_outside_the_calendar_is_dropped_not_clamped() -> None:
    at_first = {t.text.lower(): t.value for t in _read(TEXT, FIRST)}
    assert "yesterday" not in at_first  # 0000-12-31 does not exist
    assert "last year" not in at_first
    assert at_first.get("tomorrow") == "0001-01-02"
    assert at_first.get("next year") == "0002"
    at_last = {t.text.lower(): t.value for t in _read(TEXT, LAST)}
    assert "tomorrow" not in at_last
    assert "next year" not in at_last
    assert at_last.get("yesterday") == "9999-12-30"
    assert at_last.get("last year") == "9998"


def test_years_below_1000_keep_four_digits() -> None:
    """Year 150's "last year" is 0149, a year; "149" would read as the 1490s."""
    found = {t.text.lower(): t for t in _read(TEXT, datetime.date(150, 6, 15))}
    assert found["last year"].value == "0149"
    assert found["last year"].granularity == "year"
    assert found["last month"].value == "0150-05"


def test_date_inference_reads_an_undated_report_against_placeholder_days() -> None:
    """What date inference does for a story holding a 0001-01-01 report."""
    article = Article(id="u", text="The pier reopened yesterday, officials said on Monday.")
    readings = timexes_for_anchors(article, [FIRST, datetime.date(1, 1, 2), LAST])
    assert set(readings) == {FIRST, datetime.date(1, 1, 2), LAST}
    assert "yesterday" not in {t.text for t in readings[FIRST]}
    assert [t.value for t in readings[datetime.date(1, 1, 2)] if t.text == "yesterday"] == [
        "0001-01-01"
    ]


def test_an_article_whose_stored_date_is_no_day_is_read_as_undated() -> None:
    from storyline.annotate import _anchor

    article = Article(id="x", text="...", published=Published(date="0000-00-00", basis="header"))
    assert _anchor(article) is None


def test_chronology_readers_at_the_calendar_ends() -> None:
    text = "The bridge shut on Monday; yesterday it reopened, after the storm of December 30."
    # 0001-01-01 is a Monday; the day before it and a yearless December 30 are no days.
    assert referenced_days(text, "0001-01-01") == frozenset({"0001-01-01"})
    assert referenced_days(text, "9999-12-31") >= {"9999-12-30", "9999-12-27"}
    lines = "\n".join(
        ["January 2 - The ferry stops.", "January 5 - The pier shuts.", "January 9 - Talks."]
    )
    assert chronology_day("January 2 - The ferry stops.", "0001-01-01") == "0001-01-02"
    assert [day for day, _, _ in dated_entries(lines, "9999-12-31")] == [
        "9999-01-02", "9999-01-05", "9999-01-09",
    ]  # fmt: skip


def test_days_no_calendar_has_get_no_date() -> None:
    """Found by tests/fuzz: "February 29" read against a common year gave 2031-02-29,
    and the library's reading of "31/02/2031" a February 31."""
    anchor = datetime.date(2031, 3, 13)
    leap = {t.text: t.value for t in _read("The council met on February 29.", anchor)}
    assert leap.get("February 29") == "2028-02-29"
    found = _read("The levy fell due on 31/02/2031, the clerk wrote.", anchor)
    assert all(in_calendar(t.value) for t in found)
    assert not any(t.value.startswith("2031-02-31") for t in found)
