"""A timeline of the story's own span: no history list's decades, no other story's year,
no month line under the day before it."""

from __future__ import annotations

from storyline.date_refs import dated_entries
from storyline.model import Annotation, Article, Event, Evidence, Published
from storyline.synthesize.timeline import chronology_events, story_timeline
from tests.synthesize.test_timeline_story import _annotate, _source


def _event(date: str, text: str, *tellings: tuple[str, int]) -> Event:
    return Event(
        date=date,
        granularity="day",
        status="occurred",
        text=text,
        evidence=[Evidence(article=a, sentence=s, text=text) for a, s in tellings],
    )


HISTORY = "\n".join(
    [
        "Key dates in the history of Tessel harbour:",
        "2 May 1961: Tessel harbour opens to ocean ferries.",
        "The first ferry from Tessel carries four hundred passengers to Varn.",
        "1974: Dockers at Tessel form their first union.",
        "1988: A storm wrecks the Tessel breakwater.",
        "9 June 1990: The Tessel harbour board is founded.",
        "March-April 2031: Dockers at Tessel strike over night shifts.",
        "6 April 2031: The Tessel harbour board closes the port.",
    ]
)


def test_a_line_dated_by_a_month_or_a_year_is_not_the_day_before_it() -> None:
    days = {day: HISTORY[a:b] for day, a, b in dated_entries(HISTORY, "2031-04-07")}
    assert days["1961-05-02"].endswith("four hundred passengers to Varn.")
    assert days["1990-06-09"] == "9 June 1990: The Tessel harbour board is founded."
    assert days["2031-04-06"].startswith("6 April 2031")
    history = Article(id="h", text=HISTORY, published=Published(date="2031-04-07"))
    found = chronology_events([history], [_annotate("h", HISTORY)], [])
    assert not [e for e in found if "union" in e.text or "strike" in e.text]
    # Spanish and French lines of a month or a year alone, the same.
    es = "\n".join(
        [
            "3 de mayo de 1990: Abre el puerto de Tessel al tráfico de ferris.",
            "1995: Los estibadores de Tessel fundan un sindicato propio.",
            "Enero-febrero de 2031: Huelgas en el puerto de Tessel cada semana.",
            "6 de abril de 2031: La autoridad portuaria de Tessel cierra el puerto.",
        ]
    )
    assert all(
        "1995" not in es[a:b] and "Enero" not in es[a:b]
        for _, a, b in dated_entries(es, "2031-04-07", "es")
    )


def _story_reports(n: int, first_day: int) -> tuple[list[Article], list[Annotation], list[Event]]:
    articles, anns, events = [], [], []
    for i in range(n):
        day = f"2031-03-{first_day + i:02d}"
        text = f"Dockers at Tessel kept the harbour gates shut for a {i + 2}th day on Monday."
        articles.append(Article(id=f"r{i}", text=text, published=Published(date=day)))
        anns.append(_annotate(f"r{i}", text, {0: ["Tessel"]}))
        events.append(_event(day, text, (f"r{i}", 0)))
    return articles, anns, events


def test_a_history_list_gives_no_entries_decades_before_the_story() -> None:
    articles, anns, events = _story_reports(6, 10)
    history = Article(id="h", text=HISTORY, published=Published(date="2031-03-12"))
    hist = _annotate("h", HISTORY, {i: ["Tessel"] for i in range(1, 8)})
    both = (
        "The Tessel harbour board, founded on 9 June 1990 by the dockers' union, met again "
        "on its founding day."
    )
    timeline = story_timeline([*articles, history], [*anns, hist], events, _source, dates=8)
    # Not even the line that goes on telling 1961's day, though it names the story's core.
    assert timeline and all(e.date >= "2031-02-20" for e in timeline)
    # A day far back that two reports tell is part of the story.
    told = _event("1990-06-09", both, ("r0", 0), ("r1", 0))
    timeline = story_timeline(
        [*articles, history], [*anns, hist], [*events, told], _source, dates=8
    )
    assert "1990-06-09" in {e.date for e in timeline}


REVIEW = "\n".join(
    [
        "The year in review:",
        "- 14 Mar: KORVATH - The president of Korvath flees to Osmar as crowds march.",
        "- 20 Mar: OSMAR - The Osmar parliament dissolves itself after a vote.",
        "- 24 Mar: BRILL - Brill floods its lowlands after a storm.",
        "- 27 Mar: KORVATH - Korvath's new council meets in Osmar.",
    ]
)
RECAP = "Korvath and Osmar were where the wave of protests began, years before."


def test_a_report_about_other_things_gives_no_entries_of_other_stories() -> None:
    articles, anns, events = [], [], []
    for i in range(8):
        day = f"2031-03-{10 + 2 * i:02d}"
        lines = [
            f"Dockers at Tessel kept the harbour gates shut for a {i + 2}th day.",
            f"Union leader Person{i}a spoke to crowds at the gates.",
            f"Shipping firm Firm{i}b moved its ferries away.",
            f"Mayor Person{i}c asked for calm.",
        ]
        text = "\n".join(lines)
        articles.append(Article(id=f"r{i}", text=text, published=Published(date=day)))
        names = {0: ["Tessel"], 1: [f"Person{i}a"], 2: [f"Firm{i}b"], 3: [f"Person{i}c"]}
        anns.append(_annotate(f"r{i}", text, names))
        events.append(_event(day, lines[0], (f"r{i}", 0)))
    review = Article(id="rev", text=REVIEW, published=Published(date="2031-03-30"))
    rev = _annotate(
        "rev",
        REVIEW,
        {1: ["Korvath", "Osmar"], 2: ["Osmar"], 3: ["Brill"], 4: ["Korvath", "Osmar"]},
    )
    recap = Article(id="rec", text=RECAP, published=Published(date="2031-03-29"))
    rec = _annotate("rec", RECAP, {0: ["Korvath", "Osmar"]})
    timeline = story_timeline(
        [*articles, review, recap], [*anns, rev, rec], events, _source, dates=12, per_date=1
    )
    assert timeline
    # The review's lines about other countries name the story's key terms (the recap
    # shares them) but not its core: none is an entry.
    assert not [e for e in timeline if e.evidence[0].article == "rev"]
