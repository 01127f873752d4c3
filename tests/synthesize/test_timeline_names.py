"""Timeline entries name this story's people as whole names, keep out what only its
off-story reports are about, and an event told in a run-on sentence by one report stands
in another report's shorter sentence."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Evidence, Mention, Published, Sentence
from storyline.synthesize.timeline import story_timeline
from storyline.synthesize.timeline.reading import others_names
from tests.synthesize.test_timeline_story import _source


def _report(
    article: str, day: str, lines: list[tuple[str, list[tuple[str, str]]]]
) -> tuple[Article, Annotation]:
    """A report of ``lines``, each a sentence and its (label, name) mentions."""
    sents, mentions, start = [], [], 0
    for i, (line, names) in enumerate(lines):
        sents.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        for label, name in names:
            at = line.index(name)
            mentions.append(
                Mention(
                    sentence=i, start=start + at, end=start + at + len(name), text=name, label=label
                )
            )
        start += len(line) + 1
    text = "\n".join(line for line, _ in lines)
    return (
        Article(id=article, text=text, published=Published(date=day)),
        Annotation(article=article, sentences=sents, mentions=mentions),
    )


def _event(date: str, text: str, *tellings: tuple[str, int, str]) -> Event:
    return Event(
        date=date,
        granularity="day",
        status="occurred",
        text=text,
        evidence=[Evidence(article=a, sentence=s, text=t) for a, s, t in tellings],
    )


def _strike(days: int = 6) -> tuple[list[Article], list[Annotation], list[Event]]:
    """Reports on a dockers' strike at Tessel led by Rami Okonde, one a day."""
    articles, anns, events = [], [], []
    for i in range(days):
        line = f"Dockers led by Rami Okonde stayed out for day {i + 2} of the strike at Tessel."
        day = f"2031-03-{i + 2:02d}"
        a, ann = _report(
            f"t{i}",
            day,
            [
                (line, [("PERSON", "Rami Okonde"), ("GPE", "Tessel")]),
                ("Tessel port was shut.", [("GPE", "Tessel")]),
            ],
        )
        articles.append(a)
        anns.append(ann)
        events.append(_event(day, line, (f"t{i}", 0, line)))
    return articles, anns, events


def _shown_with(
    report: tuple[Article, Annotation], event: Event, days: int = 6, strike: int = 6
) -> set[str]:
    """The entries of the strike's timeline with ``report`` and its ``event`` added."""
    articles, anns, events = _strike(strike)
    articles.append(report[0])
    anns.append(report[1])
    events.append(event)
    return {e.text for e in story_timeline(articles, anns, events, _source, dates=days, per_date=2)}


def test_another_person_who_shares_a_name_does_not_make_a_roundup_line_the_storys() -> None:
    articles, anns, events = _strike()
    other = "In Korvath, the exiled general Sami Rami returned to Osmar on Monday."
    for r, day in (("review", "2031-03-04"), ("recap", "2031-03-05")):
        a, ann = _report(
            r,
            day,
            [
                (
                    "Unrest spread across the region this spring, from Korvath to Tessel.",
                    [("GPE", "Korvath"), ("GPE", "Tessel")],
                ),
                (other, [("GPE", "Korvath"), ("PERSON", "Sami Rami"), ("GPE", "Osmar")]),
                (
                    "Korvath's council fled to Osmar's hills.",
                    [("GPE", "Korvath"), ("GPE", "Osmar")],
                ),
                (
                    "The Korvath rebels named a governor for Osmar.",
                    [("GPE", "Korvath"), ("GPE", "Osmar")],
                ),
                ("Osmar's market stayed closed for a week.", [("GPE", "Osmar")]),
            ],
        )
        articles.append(a)
        anns.append(ann)
        events.append(_event("2031-03-03", other, (r, 1, other)))
    assert others_names(anns)[("review", 1)] == {"rami"}
    assert ("t0", 0) not in others_names(anns)
    timeline = story_timeline(articles, anns, events, _source, dates=6, per_date=2)
    shown = {e.text for e in timeline}
    assert other not in shown
    assert "Dockers led by Rami Okonde stayed out for day 3 of the strike at Tessel." in shown


def test_a_line_about_what_only_the_off_story_reports_name_is_no_entry() -> None:
    articles, anns, events = _strike(8)
    review = [
        (
            "The year began with the fall of Ilse Varn in Korvath.",
            [("PERSON", "Ilse Varn"), ("GPE", "Korvath")],
        ),
        ("Belk's floods drowned the Osmar delta.", [("GPE", "Belk"), ("GPE", "Osmar")]),
        ("Korvath voted for a new council in the summer.", [("GPE", "Korvath")]),
    ]
    a, ann = _report("review", "2031-03-09", review)
    articles.append(a)
    anns.append(ann)
    borrowed = "In Korvath, Ilse Varn resigned on Friday after a month of marches."
    a, ann = _report(
        "retro",
        "2031-03-09",
        [
            (
                "The strike at Tessel led by Rami Okonde followed a season of unrest.",
                [("GPE", "Tessel"), ("PERSON", "Rami Okonde")],
            ),
            (borrowed, [("GPE", "Korvath"), ("PERSON", "Ilse Varn")]),
        ],
    )
    articles.append(a)
    anns.append(ann)
    events.append(_event("2031-03-07", borrowed, ("retro", 1, borrowed)))
    timeline = story_timeline(articles, anns, events, _source, dates=8, per_date=2)
    shown = {e.text for e in timeline}
    assert borrowed not in shown
    assert "Dockers led by Rami Okonde stayed out for day 8 of the strike at Tessel." in shown


def test_an_event_whose_first_telling_is_a_run_on_stands_in_a_shorter_one() -> None:
    articles, anns, events = _strike()
    long = (
        "Rami Okonde, a crane driver of twenty years who had become the face of the dockers "
        "at Tessel in the spring, was arrested on the night of March 1 as he left the union "
        "hall near the old ferry quay with two of his deputies and a lawyer."
    )
    short = "Police arrested Rami Okonde at Tessel on Sunday night."
    a, ann = _report("late", "2031-03-05", [(long, [("PERSON", "Rami Okonde"), ("GPE", "Tessel")])])
    b, bnn = _report(
        "early", "2031-03-02", [(short, [("PERSON", "Rami Okonde"), ("GPE", "Tessel")])]
    )
    articles += [a, b]
    anns += [ann, bnn]
    events.append(_event("2031-03-01", long, ("late", 0, long), ("early", 0, short)))
    timeline = story_timeline(articles, anns, events, _source, dates=7, per_date=1)
    assert ("2031-03-01", short) in {(e.date, e.text) for e in timeline}


def test_the_lines_that_open_a_table_are_no_entries() -> None:
    header = "These are the counts as of Monday of the dockers on strike at Tessel and Varn."
    lines = [
        (header, [("GPE", "Tessel"), ("GPE", "Varn")]),
        ("TESSEL:", [("GPE", "TESSEL")]),
        ("On strike: 1,200", []),
        ("At work: 300", []),
        ("VARN:", [("GPE", "VARN")]),
        ("On strike: 450", []),
    ]
    shown = _shown_with(
        _report("table", "2031-03-03", lines), _event("2031-03-03", header, ("table", 0, header))
    )
    assert header not in shown
    assert "Dockers led by Rami Okonde stayed out for day 3 of the strike at Tessel." in shown


def test_an_editorials_sentences_are_no_entries() -> None:
    view = (
        "The shameful arrest of the strike's leaders at Tessel on Monday shows how little "
        "the harbour board has learned."
    )
    lines = [
        ("The Tessel Courier said in an editorial on Tuesday:", [("GPE", "Tessel")]),
        (view, [("GPE", "Tessel")]),
    ]
    shown = _shown_with(
        _report("leader", "2031-03-03", lines), _event("2031-03-03", view, ("leader", 1, view))
    )
    assert view not in shown
    assert "Dockers led by Rami Okonde stayed out for day 3 of the strike at Tessel." in shown
