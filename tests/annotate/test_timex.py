"""Time expressions: fictional sentences for each rule, and the real seed sample."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.timex import find_timexes
from storyline.model import TimeExpr

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# A Thursday.
ANCHOR = datetime.date(2031, 3, 13)


def timexes(text: str, anchor: datetime.date | None = ANCHOR) -> list[TimeExpr]:
    doc = load_nlp()(text)
    return find_timexes(doc, split_sentences(doc), anchor)


def one(text: str, phrase: str, anchor: datetime.date | None = ANCHOR) -> TimeExpr:
    found = [t for t in timexes(text, anchor) if phrase in t.text or t.text in phrase]
    assert len(found) == 1, f"{phrase!r} in {text!r}: {timexes(text, anchor)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "granularity"),
    [
        ("The mayor and the baker met last November in Rivertown.", "last November",
         "2030-11", "month"),
        ("The mayor is expected to visit Lakeside in early April.", "early April",
         "2031-04", "month"),
        ("The two ministers first met in Harbor City late last year.", "late last year",
         "2030", "year"),
        ("The council met with the mayor on Monday.", "Monday", "2031-03-10", "day"),
        ("The mayor will travel to Lakeside on Monday.", "Monday", "2031-03-17", "day"),
        ("Officials argued about the bridge last Wednesday.", "last Wednesday",
         "2031-03-05", "day"),
        ("The envoy informed reporters this Sunday that talks went well.", "this Sunday",
         "2031-03-09", "day"),
        ("The envoy will fly home this Sunday.", "this Sunday", "2031-03-16", "day"),
        ("Both mayors are likely to attend the harvest fair in September.", "September",
         "2031-09", "month"),
        ("The minister said the summit would open on April 6.", "April 6",
         "2031-04-06", "day"),
        ("The mill burned down on February 6, workers said.", "February 6",
         "2031-02-06", "day"),
        ("The ferry is running again today.", "today", "2031-03-13", "day"),
        ("The bakers union went on strike last week.", "last week", "2031-W10", "week"),
        ("Lakeside has been ruled by the same family since 1979.", "1979", "1979", "year"),
        ("The bridge was built in 2018 by a local firm.", "2018", "2018", "year"),
        ("The harbor closed a year ago after the storm.", "a year ago", "2030", "year"),
        ("Rents doubled in the 1990s across Rivertown.", "the 1990s", "199", "decade"),
        ("Such mills were common in the 19th century.", "the 19th century", "18", "century"),
        ("Sales rose in the third quarter of 2029.", "the third quarter of 2029",
         "2029-Q3", "quarter"),
        ("The mill earned less in the latest quarter than in the year-ago quarter.",
         "the latest quarter", "2030-Q4", "quarter"),
        ("The mill earned less in the latest quarter than in the year-ago quarter.",
         "the year-ago quarter", "2029-Q4", "quarter"),
        ("The mill's profit fell two years ago.", "two years ago", "2029", "year"),
        ("The rally was held last June in the square.", "last June", "2030-06", "month"),
        ("The rally was held last February in the square.", "last February", "2031-02",
         "month"),
        ("The ferry sank in March, the captain said.", "March", "2031-03", "month"),
    ],
)  # fmt: skip
def test_dates_resolve_against_the_anchor(
    text: str, phrase: str, value: str, granularity: str
) -> None:
    t = one(text, phrase)
    assert (t.type, t.value, t.granularity) == ("DATE", value, granularity)
    assert t.text == t.text.strip() and text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "phrase", "type_", "value"),
    [
        ("The mayor will visit the mill in the coming weeks.", "coming weeks", "DURATION", "PXW"),
        ("Repairs will take the next several months.", "next several months", "DURATION", "PXM"),
        ("Prices rose in the past three years.", "past three years", "DURATION", "P3Y"),
        ("The strike lasted three months.", "three months", "DURATION", "P3M"),
        ("The ferry now runs twice a day.", "now", "DATE", "PRESENT_REF"),
        ("The baker recently opened a second shop.", "recently", "DATE", "PAST_REF"),
        ("The talks ended at 10 a.m. with no deal.", "10 a.m.", "TIME", "2031-03-13T10:00"),
        ("The council voted on Thursday night.", "Thursday night", "DATE", "2031-03-13TNI"),
        ("The council voted this morning.", "this morning", "TIME", "2031-03-13TMO"),
        ("Prices have climbed in recent years.", "recent years", "DURATION", "PXY"),
        ("The mill closed several years ago.", "several years ago", "DATE", "PAST_REF"),
    ],
)  # fmt: skip
def test_durations_references_and_times(text: str, phrase: str, type_: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.type, t.value) == (type_, value)


def test_relative_flag_marks_what_needed_the_anchor() -> None:
    found = {t.text: t for t in timexes("The mill opened in 2018 and closed last November.")}
    assert found["2018"].relative is False
    assert found["last November"].relative is True


def test_prepositions_stay_outside_the_span() -> None:
    t = one("Lakeside has had the same mayor since 1979.", "1979")
    assert t.text == "1979"


@pytest.mark.parametrize(
    "text",
    [
        "The 52-year-old baker lives in Lakeside.",
        "May Tanaka said the bridge was safe.",
        "Protesters will march to the town hall.",
        "The home side won the match 3-1.",
        "One of the workers said 42 people attended.",
        # A bare plural not after "for"/"within"/"in"/"over" is no duration.
        "After weeks of talks, the guild signed.",
        "The mill's new owner predates the guild by decades.",
        # "that day" with no day named before it is a generic day.
        "Bakers suffer losses on bread baked that day and not sold.",
    ],
)  # fmt: skip
def test_no_false_positives(text: str) -> None:
    assert timexes(text) == []


def test_no_day_is_invented() -> None:
    found = timexes(
        "The mayor visited in early April, late last year, a year ago, last month and in May 2030."
    )
    # each is read, at the granularity it names: none gets a day
    assert {t.text: t.granularity for t in found} == {
        "early April": "month",
        "late last year": "year",
        "a year ago": "year",
        "last month": "month",
        "May 2030": "month",
    }


def test_without_anchor_relative_values_stay_unresolved() -> None:
    found = {
        t.text: t.value
        for t in timexes(
            "The mill opened in 2018, closed last November and reopened on Monday.", None
        )
    }
    assert found["2018"] == "2018"
    assert found["last November"] == "XXXX-11"
    assert found["Monday"] == "XXXX-WXX-1"


def test_sentence_index_points_at_the_sentence() -> None:
    text = "The mill opened in 2018. It closed last November."
    found = timexes(text)
    assert [t.sentence for t in found] == [0, 1]


# --------------------------------------------------------------------------- seeds


def _seed(prefix: str) -> tuple[str, datetime.date]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    m = re.search(r"\bdate (\d{4}-\d\d-\d\d)", text)
    assert m is not None
    return text, datetime.date.fromisoformat(m.group(1))


def _seed_values(prefix: str) -> list[tuple[str, str, str]]:
    text, anchor = _seed(prefix)
    doc = load_nlp()(text)
    found = find_timexes(doc, split_sentences(doc), anchor)
    return [(t.text, t.value, text[t.start - 40 : t.start]) for t in found]


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed sample is not checked out next to the repo"
)
def test_seed_dates_before_and_after_the_anchor() -> None:
    found = _seed_values("000")
    values = {(t, v) for t, v, _ in found}
    assert ("early February", "2023-02") in values
    assert ("February 6", "2023-02-06") in values
    assert ("late last year", "2022") in values
    assert ("last year", "2022") in values
    assert all(not re.fullmatch(r"\d{4}-\d\d-\d\d", v) or t == "February 6" or "day" in t.lower()
               or t.endswith("day") for t, v, _ in found)  # fmt: skip


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed sample is not checked out next to the repo"
)
def test_seed_last_weekday_and_last_month() -> None:
    values = {(t, v) for t, v, _ in _seed_values("003")}
    assert ("last Wednesday", "2023-06-14") in values
    assert ("last November", "2022-11") in values


# --------------------------------------------------------------------------- issue 3 rules


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # Holidays, and months by tense.
        ("The orchard flooded in June last year.", "June last year", "2030-06"),
        ("The ferry stopped for the holidays on Christmas Day.", "Christmas Day", "2030-12-25"),
        ("The guild will parade again at Thanksgiving.", "Thanksgiving", "2031-11-27"),
        ("Turnout fell on Election Day last autumn, clerks said.", "Election Day", "2030-11-05"),
        # A month named under a past verb but hanging on a noun: the one before.
        ("The mayor hoped to talk again after a tense meeting in November.", "November",
         "2030-11"),
        # "early", "late", "earlier", "later" before a day: the day itself.
        ("The mayor spoke to reporters late yesterday.", "late yesterday", "2031-03-12"),
        ("The baker said it first. Later Tuesday, the mayor agreed.", "Later Tuesday",
         "2031-03-11"),
        ("Boats began gathering in the harbor early Monday.", "early Monday", "2031-03-10"),
        # "that day", "that year": the day or year last named.
        ("The mill burned on Feb. 2, 2031. Earlier that day, a guard saw smoke.",
         "Earlier that day", "2031-02-02"),
        ("The baker moved to Lakeside in May 2019 and left later that year.",
         "later that year", "2019"),
        ("The guild sold 400 loaves in 2027, half the town's bread that year.", "that year",
         "2027"),
        # Seasons, in the year the text and the tense point to.
        ("The ferry was busy well into the summer, its captain said.", "the summer", "2030-SU"),
        ("The dock was rebuilt this past spring.", "this past spring", "2030-SP"),
        ("The guild will hold its fair next summer.", "next summer", "2031-SU"),
        ("The bridge opened in the winter of 2028.", "the winter of 2028", "2028-WI"),
        # Years spelled out, as transcripts write them.
        ("The mill has stood since nineteen eighty-four.", "nineteen eighty-four", "1984"),
        ("The mayor promised a new bridge by the year two thousand and forty.",
         "the year two thousand", "2040"),
        # Halves of a year; the year the report names for a quarter.
        ("Profit will fall in the second half of 2031.", "the second half of 2031", "2031-H2"),
        ("Sales rose in the fourth quarter. The mill earned less in the 2029 quarter.",
         "the 2029 quarter", "2029-Q4"),
        ("The mill earned 3 million in the year-ago fourth quarter.",
         "the year-ago fourth quarter", "2029-Q4"),
        # A deadline: "by year-end" is the anchor's year.
        ("The sale should close by year-end.", "year-end", "2031"),
        # The object of a plan carries the plan's date: the coming day, not the past one.
        ("Protesters planned a large march in the square on Saturday.", "Saturday",
         "2031-03-15"),
        ("The mayor has scheduled a news conference Friday.", "Friday", "2031-03-14"),
        # A postponement puts the new date ahead.
        ("The council postponed until Tuesday any vote on the bridge.", "Tuesday",
         "2031-03-18"),
        # A deadline set in the past: the nearer such month.
        ("The bank extended the mill's loans through May.", "May", "2031-05"),
        ("The bank froze the mill's loans through January.", "January", "2031-01"),
        # A modal passive ("could be found") and an infinitive under a past verb tell
        # of either side: the nearer day (Wednesday 2031-03-12, a day back).
        ("Neither baker could be found Wednesday in Lakeside.", "Wednesday", "2031-03-12"),
        ("The town staged parades to mark the bridge's opening on Wednesday.", "Wednesday",
         "2031-03-12"),
        # Under a present verb, an infinitive looks ahead.
        ("The mayor hopes to open the bridge on Wednesday.", "Wednesday", "2031-03-19"),
        # "year-earlier" as an adjective: in a report on a quarter, that quarter a year
        # before; otherwise the year before.
        ("The mill earned 2 million in the fourth quarter, against a year-earlier loss.",
         "year-earlier", "2029-Q4"),
        ("Rents rose, against year-earlier levels, the guild said.", "year-earlier", "2030"),
        ("Sales rose 3% from the year-ago period, the mill said.", "the year-ago period",
         "2029-Q4"),
        # A quarter the report only looks ahead to is not the one "a year earlier" means.
        ("The mill lost 2 million in the fourth quarter. It sees losses through the third "
         "quarter of 2032, twice those of a year earlier.", "a year earlier", "2029-Q4"),
    ],
)  # fmt: skip
def test_the_value_of_a_time_expression_in_its_sentence(text: str, phrase: str, value: str) -> None:
    assert one(text, phrase).value == value


def test_a_range_is_two_expressions() -> None:
    found = [(t.text, t.value) for t in timexes("The fair ran from Aug. 26 to Oct. 20.")]
    assert found == [("Aug. 26", "2030-08-26"), ("Oct. 20", "2030-10-20")]


def test_a_year_earlier_in_a_report_on_a_quarter_is_that_quarter() -> None:
    text = "The mill earned more in the fourth quarter. A year earlier, it lost money."
    assert one(text, "A year earlier").value == "2029-Q4"
    assert one("The mill lost money a year earlier.", "a year earlier").value == "2030"


def test_every_day_is_a_set() -> None:
    t = one("The ferry crosses the bay every day.", "every day")
    assert (t.type, t.value) == ("SET", "P1D")


@pytest.mark.parametrize(
    ("text", "phrase", "tense", "modality", "cancelled"),
    [
        ("The council met with the mayor on Monday.", "Monday", "past", None, False),
        ("The mayor will travel to Lakeside on Monday.", "Monday", "future", None, False),
        ("The mayor is expected to visit Lakeside in early April.", "early April", "future",
         "expected", False),
        ("The board called off the vote on April 4.", "April 4", "past", None, True),
    ],
)  # fmt: skip
def test_the_governing_verb_is_recorded(
    text: str, phrase: str, tense: str, modality: str | None, cancelled: bool
) -> None:
    t = one(text, phrase)
    assert (t.tense, t.modality, t.cancelled) == (tense, modality, cancelled)


# --------------------------------------------------------------------------- issue 3, round 2


@pytest.mark.parametrize(
    ("text", "phrase", "type_", "value"),
    [
        ("The mill has been losing money for years.", "years", "DURATION", "PXY"),
        ("Troops are expected within weeks, officials said.", "weeks", "DURATION", "PXW"),
        ("For the year ended June 30, the mill earned 2 million.", "the year", "DURATION",
         "P1Y"),
        ("For the year, the mill earned 2 million.", "the year", "DATE", "2031"),
        ("The offer runs until 5 p.m. EST, March 20.", "5 p.m. EST, March 20", "TIME",
         "2031-03-20T17:00"),
        ("The banks must wait at least 30 days.", "at least 30 days", "DURATION", "P30D"),
        ("Membership shrank through the nineties.", "the nineties", "DATE", "199"),
        ("The slump will last for a couple of years.", "a couple of years", "DURATION", "P2Y"),
        ("The lease may run for an additional year.", "an additional year", "DURATION", "P1Y"),
        ("Prices may fall in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
        ("Over the years the mill grew.", "the years", "DURATION", "PXY"),
        ("The mill lost money in its fourth quarter.", "its fourth quarter", "DATE", "2030-Q4"),
        ("The mill expects a profit for the full year.", "the full year", "DATE", "2031"),
        # "later" is a signal, outside the duration.
        ("Three days later, the bridge reopened.", "Three days", "DURATION", "P3D"),
        ("The mill pays interest every quarter.", "every quarter", "SET", "P1Q"),
        ("The mill was sold on May 2, 2027, and the following year it closed.",
         "the following year", "DATE", "2028"),
    ],
)  # fmt: skip
def test_durations_periods_and_clock_days(text: str, phrase: str, type_: str, value: str) -> None:
    t = one(text, phrase)
    assert (t.text, t.type, t.value) == (phrase, type_, value)


@pytest.mark.parametrize(
    "text",
    [
        "The two fires broke out just minutes apart.",
        "The guard saw the car in the days before the fire.",
        "The baker said it would be the year of the bridge.",
    ],
)
def test_no_false_positives_round_three(text: str) -> None:
    assert [t.text for t in timexes(text) if t.type == "DURATION"] == []


# --------------------------------------------------------------------------- fast path

_FAST_PHRASES = [
    "1949", "since 1949", "the 1956", "Friday", "on Friday", "Friday night", "Sunday morning",
    "today", "tonight", "tomorrow", "yesterday", "last week", "this month", "next year",
    "earlier this week", "later this year", "last Monday", "last Saturday", "last November",
    "Aug. 13", "sept. 2", "the Jan. 14", "February 29", "March 5, 1946", "Oct. 23, 1999",
    "June", "December", "June 1998", "the October 1998", "six months", "two weeks", "a day",
    "24 hours", "one minute", "100 days", "two-day", "24-hour", "the 14-day",
    "about five hours", "nearly five months", "only 14 days", "10 p.m.", "6 a.m.", "noon",
    "10:35 a.m.", "Thursday, April 6", "the past four years", "the last 24 hours",
    "next two weeks", "the coming three months",
]  # fmt: skip


@pytest.mark.parametrize(
    "anchor",
    [datetime.date(1998, 8, 12), datetime.date(2000, 1, 1), datetime.date(2024, 2, 29),
     datetime.date(2023, 1, 5)],
)  # fmt: skip
def test_the_fast_path_reads_as_the_recognizer_does(anchor: datetime.date) -> None:
    """Every shape read without the library gives the reading the library leads to."""
    from storyline.annotate.timex.fast import fast_matches
    from storyline.annotate.timex.recognizer import recognize, to_reading

    for phrase in _FAST_PHRASES:
        fast = fast_matches(phrase, anchor)
        assert fast is not None and len(fast) == 1, phrase
        library = recognize(phrase, anchor)
        assert len(library) == 1, phrase
        piece = phrase[fast[0].start :]
        for future in (True, False, None):
            assert to_reading(fast[0], piece, anchor, future) == to_reading(
                library[0], piece, anchor, future
            ), (phrase, future)


@pytest.mark.parametrize(
    "phrase",
    ["early June", "late Monday", "the weekend", "last week's", "Friday at noon",
     "mid-November", "three days later", "the day before", "may", "2250", "February 30"],
)  # fmt: skip
def test_the_fast_path_leaves_other_shapes_to_the_library(phrase: str) -> None:
    from storyline.annotate.timex.fast import fast_matches

    assert fast_matches(phrase, ANCHOR) is None


@pytest.mark.parametrize(
    "text", ["Prices will stay high in the near term.", "The mill will decide at a later date."]
)
def test_the_time_ahead_is_a_future_reference(text: str) -> None:
    assert [(t.type, t.value) for t in timexes(text)] == [("DATE", "FUTURE_REF")]


def test_short_term_as_an_adjective_is_no_time() -> None:
    assert timexes("The mill repaid the short-term notes.") == []


def test_a_count_of_decades_back_without_a_date_keeps_its_granularity() -> None:
    """Found by tests/fuzz: "a decade ago" in an undated report had no granularity."""
    t = one("The mill closed a decade ago, the mayor said.", "a decade ago", anchor=None)
    assert (t.value, t.granularity) == ("XXX", "decade")
