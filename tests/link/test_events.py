"""Event status from the governing verb: fictional sentences, read by the annotator."""

from __future__ import annotations

import datetime

import pytest

from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.timex import find_timexes
from storyline.link.events import parse_date, timex_status
from storyline.model import TimeExpr

pytestmark = pytest.mark.slow

ANCHOR = datetime.date(2031, 6, 18)  # a Wednesday


def _status(text: str, phrase: str) -> tuple[str, str | None]:
    doc = load_nlp()(text)
    found = [t for t in find_timexes(doc, split_sentences(doc), ANCHOR) if phrase in t.text]
    assert len(found) == 1, found
    t = found[0]
    parsed = parse_date(t.value)
    assert parsed is not None, t
    return parsed[0], timex_status(t, parsed[0], ANCHOR.isoformat())


@pytest.mark.parametrize(
    ("text", "phrase", "date", "status"),
    [
        ("The ferry captain retired in March.", "March", "2031-03", "occurred"),
        ("The ferry line will reopen in September.", "September", "2031-09", "planned"),
        ("The mayors are likely to sign the pact in September.", "September", "2031-09",
         "expected"),
        ("The festival was scheduled to open in February but organisers changed plans.",
         "February", "2031-02", "cancelled"),
        ("The guild called off the parade on June 20.", "June 20", "2031-06-20", "cancelled"),
        ("The baker hoped to meet the mill owner again after a long meeting in November.",
         "November", "2030-11", "occurred"),
        # A past tense over a date, with a modal verb later in another clause.
        ("Clerks said the roof leaked since the storm last month and that it could fail.",
         "last month", "2031-05", "occurred"),
    ],
)  # fmt: skip
def test_status_follows_tense_and_modality(text: str, phrase: str, date: str, status: str) -> None:
    assert _status(text, phrase) == (date, status)


def test_a_negated_past_dates_no_event() -> None:
    assert _status("The envoys did not meet on Monday.", "Monday") == ("2031-06-16", None)


def test_without_a_verb_reading_the_date_decides() -> None:
    bare = TimeExpr(sentence=0, start=0, end=4, text="2032", type="DATE", value="2032")
    assert timex_status(bare, "2032", "2031-06-18") == "planned"
    assert timex_status(bare, "2030", "2031-06-18") == "occurred"


def test_the_next_day_counts_from_the_day_named_before() -> None:
    text = "The sluice stuck on Monday. Crews worked all of the next day to free it."
    doc = load_nlp()(text)
    found = {t.text: t.value for t in find_timexes(doc, split_sentences(doc), ANCHOR)}
    assert found["Monday"] == "2031-06-16"
    assert found["the next day"] == "2031-06-17"


def test_a_story_without_dated_sentences_has_no_events() -> None:
    from storyline.link.events import find_events

    assert find_events([], [], lambda article, sentence: []) == []


def _events_of(text: str) -> list[tuple[str | None, str]]:
    from storyline.link.events import find_events
    from storyline.model import Annotation, Article, Published

    doc = load_nlp()(text)
    sentences = split_sentences(doc)
    ann = Annotation(article="a", sentences=sentences, timexes=find_timexes(doc, sentences, ANCHOR))
    art = Article(id="a", text=text, published=Published(date=ANCHOR.isoformat()))
    return [(e.date, e.text) for e in find_events([art], [ann], lambda a, s: [])]


def test_a_sentence_with_two_dated_clauses_gives_two_dated_events() -> None:
    text = (
        "The harbour master met the ferry owners on Monday, after talks with the port "
        "union on Sunday."
    )
    events = dict(_events_of(text))
    assert set(events) == {"2031-06-16", "2031-06-15"}, events
    assert "ferry owners" in events["2031-06-16"] and "union" not in events["2031-06-16"]
    assert "port union" in events["2031-06-15"] and "ferry owners" not in events["2031-06-15"]


def test_a_sentence_with_one_date_keeps_its_whole_text() -> None:
    text = "The harbour master met the ferry owners and the port union on Monday."
    assert _events_of(text) == [("2031-06-16", text)]


def test_a_list_inside_the_later_clause_stays_in_it() -> None:
    text = (
        "The harbour master met the ferry owners on Monday, after long, frank, and useful "
        "talks with the port union on Sunday."
    )
    events = dict(_events_of(text))
    assert events["2031-06-15"].startswith("long, frank, and useful talks"), events
