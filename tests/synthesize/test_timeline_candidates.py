"""Which tellings become candidates for a day: an event told by one clause of its sentence."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Evidence, Published, Sentence
from storyline.synthesize.timeline import dossier_timeline, story_timeline

TWO_DAYS = "The Tessel ferry sank off Varn on March 3, and the harbour closed on Friday."
STAMPED = "Ferry sinks off Varn on March 3 | Harbour closes Friday | More from the ports desk"


def _story(sentence: str, clause: str) -> tuple[list[Article], list[Annotation], list[Event]]:
    article = Article(id="a", text=sentence, published=Published(date="2031-03-08"))
    ann = Annotation(
        article="a", sentences=[Sentence(index=0, start=0, end=len(sentence), text=sentence)]
    )
    event = Event(
        date="2031-03-03",
        granularity="day",
        status="occurred",
        text=clause,
        evidence=[Evidence(article="a", sentence=0, text=sentence)],
    )
    return [article], [ann], [event]


def test_an_event_told_by_the_first_clause_of_a_sentence_is_an_entry_of_its_day() -> None:
    # The link stage dates March 3 by its own clause, which ends without the full stop.
    articles, anns, events = _story(TWO_DAYS, "The Tessel ferry sank off Varn on March 3")
    timeline = story_timeline(articles, anns, events, str, dates=1, per_date=1)
    assert [(e.date, e.text) for e in timeline] == [
        ("2031-03-03", "The Tessel ferry sank off Varn on March 3.")
    ]


def test_the_clause_of_a_line_that_is_no_statement_stays_out() -> None:
    # A strip of headlines ends without a full stop: neither it nor a clause of it is news.
    articles, anns, events = _story(STAMPED, "Ferry sinks off Varn on March 3")
    assert story_timeline(articles, anns, events, str, dates=1, per_date=1) == []


def test_a_clause_shown_in_the_timeline_is_not_listed_again_among_the_rest() -> None:
    articles, anns, events = _story(TWO_DAYS, "The Tessel ferry sank off Varn on March 3")
    shown, rest = dossier_timeline(articles, anns, events, str)
    assert [e.date for e in shown] == ["2031-03-03"]
    assert rest == []
