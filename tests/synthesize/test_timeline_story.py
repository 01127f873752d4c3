"""A timeline of this story: its body, its chronologies, its days in the order told."""

from __future__ import annotations

from storyline.date_refs import is_chronology_line, listed_days, named_as_reference
from storyline.link.events import find_events
from storyline.model import (
    Annotation,
    Article,
    Event,
    Evidence,
    Mention,
    Published,
    Sentence,
    TimeExpr,
    Zone,
)
from storyline.synthesize.timeline import (
    auto_dates,
    chronology_events,
    dossier_timeline,
    listed_by_hindsight,
    story_chronologies,
    story_terms,
    story_timeline,
)


def _annotate(article: str, text: str, names: dict[int, list[str]] | None = None) -> Annotation:
    sents, start = [], 0
    for i, line in enumerate(text.split("\n")):
        sents.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    mentions = [
        Mention(sentence=i, start=0, end=len(n), text=n, label="GPE")
        for i, ns in (names or {}).items()
        for n in ns
    ]
    return Annotation(article=article, sentences=sents, mentions=mentions)


def _event(date: str, text: str, article: str, sentence: int = 0) -> Event:
    return Event(
        date=date,
        granularity="day",
        status="occurred",
        text=text,
        evidence=[Evidence(article=article, sentence=sentence, text=text)],
    )


def _source(article: str) -> str:
    return article


COMMENTS = "\n".join(
    [
        "The harbour of Tessel reopened to ferries after a week of talks.",
        "22nd March 2031 - 20:25 It is awful that nobody asked the dockers first.",
        "23rd March 2031 - 08:10 Well done to the negotiators in Varn.",
        "24th March 2031 - 11:42 What about the night shifts, then?",
    ]
)


def test_reader_comment_timestamps_are_not_a_chronology() -> None:
    assert not is_chronology_line("22nd March 2031 - 20:25 It is awful that nobody asked.")
    assert is_chronology_line("22nd March 2031 - Dockers at Tessel walk out.")
    assert listed_days(COMMENTS, "2031-03-25") == frozenset()


OTHER_WAR = "\n".join(
    [
        "Across the region this week:",
        "Aug. 23 - Rebels overrun the garrison at Korvath.",
        "Aug. 25 - The Korvath council flees to Osmar.",
        "Aug. 28 - Osmar falls after a two-day siege.",
    ]
)
THIS_STORY = "\n".join(
    [
        "Key dates in the Tessel harbour dispute:",
        "Aug. 20 - Dockers at Tessel walk out over night shifts.",
        "Aug. 24 - The Tessel harbour authority closes the port.",
        "Aug. 27 - Talks open in Varn.",
    ]
)


def test_another_storys_chronology_in_a_roundup_does_not_count() -> None:
    roundup = Article(id="roundup", text=OTHER_WAR, published=Published(date="2031-09-01"))
    own = Article(id="own", text=THIS_STORY, published=Published(date="2031-09-02"))
    reports = [
        _annotate(
            f"r{i}", "Dockers at Tessel met the harbour authority in Varn.", {0: ["Tessel", "Varn"]}
        )
        for i in range(3)
    ]
    terms = story_terms(reports)
    assert {"tessel", "varn"} <= terms
    kept = story_chronologies([roundup, own], terms)
    assert [a.id for a, _ in kept] == ["own"]
    listed = listed_by_hindsight([roundup, own], terms)
    assert "2031-08-23" not in listed and "2031-08-24" in listed
    # Without the story's terms (no names read), both count, as before.
    assert len(story_chronologies([roundup, own])) == 2


def test_sentences_in_a_comment_zone_are_never_entries() -> None:
    body = "The harbour of Tessel reopened to ferries on Monday."
    comment = "Reader: the harbour of Tessel reopened far too late on Monday."
    text = body + "\n" + comment
    zoned = Article(
        id="a",
        text=text,
        published=Published(date="2031-03-26"),
        zones=[Zone(start=len(body) + 1, end=len(text), kind="comments")],
    )
    ann = _annotate("a", text)
    events = [_event("2031-03-24", body, "a", 0), _event("2031-03-22", comment, "a", 1)]
    timeline = story_timeline([zoned], [ann], events, _source, dates=5, per_date=2)
    assert [e.text for e in timeline] == [body]
    # The same report without zones offers both.
    plain = Article(id="a", text=text, published=Published(date="2031-03-26"))
    assert len(story_timeline([plain], [ann], events, _source, dates=5, per_date=2)) == 2


def test_entries_within_a_day_come_in_the_order_they_were_told() -> None:
    first = "Zealous divers reach the hull of the Marisol at dawn."
    second = "A crane barge from Varn lifts the Marisol's stern by noon."
    articles = [
        Article(id="early", text=first, published=Published(date="2031-03-02")),
        Article(id="late", text=second, published=Published(date="2031-03-03")),
    ]
    anns = [_annotate("early", first), _annotate("late", second)]
    events = [_event("2031-03-02", second, "late"), _event("2031-03-02", first, "early")]
    timeline = story_timeline(articles, anns, events, _source, dates=1, per_date=2)
    assert [e.text for e in timeline] == [first, second]  # not alphabetical


def test_a_dossier_timeline_adapts_to_the_story_and_keeps_the_rest() -> None:
    days = [f"2031-03-{d:02d}" for d in range(1, 29)]
    articles, anns, events = [], [], []
    for i, day in enumerate(days):
        texts = [
            f"Crews at Tessel pumped {i + 10} tonnes of water from dock {i} overnight.",
            f"The harbour board of Varn met {i + 3} shipping firms about berth {i} today.",
        ]
        text = "\n".join(texts)
        articles.append(Article(id=f"a{i}", text=text, published=Published(date=day)))
        anns.append(_annotate(f"a{i}", text))
        events += [_event(day, t, f"a{i}", j) for j, t in enumerate(texts)]
    assert auto_dates(articles) == round(4 * 28**0.5)  # 21 days of 28
    shown, rest = dossier_timeline(articles, anns, events, _source, 40)
    assert 1 < len(shown) <= 40
    assert len({e.date for e in shown}) <= auto_dates(articles)
    assert len(shown) + len(rest) == len(events)
    assert not {e.text for e in shown} & {e.text for e in rest}
    assert [e.date for e in rest] == sorted(e.date for e in rest)
    small, _ = dossier_timeline(articles, anns, events, _source, 6)
    assert len(small) <= 6


def test_a_date_named_as_a_reference_does_not_date_the_sentence() -> None:
    def ref(sentence: str, date: str) -> bool:
        start = sentence.index(date)
        return named_as_reference(sentence, start, start + len(date))

    assert ref("Donors pledged $2m after Tuesday's earthquake.", "Tuesday")
    assert ref("Turnout fell since last year's vote.", "last year")
    assert ref("Investigators studied the April 20 explosion.", "April 20")
    assert ref("Prices have doubled since March 3.", "March 3")
    assert ref("His first appearance since April 30.", "since April 30")
    assert not ref("The earthquake struck on Tuesday.", "Tuesday")
    assert not ref("Voters went to the polls on April 20 in Varn.", "April 20")
    assert not ref("The ferry sank on the 3rd of March.", "the 3rd of March")


def test_an_event_is_not_dated_by_the_day_of_another_event_it_mentions() -> None:
    text = (
        "Donors pledged $2m to Tessel after Tuesday's earthquake.\n"
        "The quake struck Tessel on Tuesday."
    )
    ann = _annotate("a", text)
    second = text.index("Tuesday", text.index("\n"))
    first = text.index("Tuesday")
    ann.timexes = [
        TimeExpr(sentence=0, start=first, end=first + 7, text="Tuesday", type="DATE",
                 value="2031-03-18", granularity="day", relative=True),
        TimeExpr(sentence=1, start=second, end=second + 7, text="Tuesday", type="DATE",
                 value="2031-03-18", granularity="day", relative=True),
    ]  # fmt: skip
    article = Article(id="a", text=text, published=Published(date="2031-03-21"))
    events = find_events([article], [ann], lambda article, sentence: [])
    assert [(e.date, e.text) for e in events] == [
        ("2031-03-18", "The quake struck Tessel on Tuesday.")
    ]


def test_a_sentence_that_names_none_of_the_storys_names_is_not_an_entry() -> None:
    on = "Dockers at Tessel walked out over night shifts on Monday."
    off = "Two men were charged over a robbery in a distant city on Monday."
    articles, anns = [], []
    for i in range(3):
        text = f"{on}\nThe Tessel harbour board met in Varn."
        articles.append(Article(id=f"t{i}", text=text, published=Published(date="2031-03-05")))
        anns.append(_annotate(f"t{i}", text, {0: ["Tessel"], 1: ["Tessel", "Varn"]}))
    articles.append(Article(id="x", text=off, published=Published(date="2031-03-05")))
    anns.append(_annotate("x", off))
    events = [_event("2031-03-03", on, "t0"), _event("2031-03-03", off, "x")]
    shown, _ = dossier_timeline(articles, anns, events, _source, 10)
    assert {on, off} <= {e.text for e in shown}  # four reports: too few to tell a query
    for i in range(3, 5):
        text = f"{on}\nThe Tessel harbour board met in Varn."
        articles.append(Article(id=f"t{i}", text=text, published=Published(date="2031-03-05")))
        anns.append(_annotate(f"t{i}", text, {0: ["Tessel"], 1: ["Tessel", "Varn"]}))
    shown, _ = dossier_timeline(articles, anns, events, _source, 10)
    assert off not in {e.text for e in shown}
    assert on in {e.text for e in shown}


def test_a_sentence_that_runs_into_the_next_chronology_entry_is_not_this_days() -> None:
    text = "\n".join(
        [
            "Key dates:",
            'Aug 21 - Dockers at Tessel walk out, saying "enough."',
            '"',
            "Aug 23 - The harbour board of Tessel closes the port.",
            "Aug 25 - Talks on the Tessel port open in Varn.",
        ]
    )
    article = Article(id="k", text=text, published=Published(date="2031-09-01"))
    lines = text.split("\n")
    joined = "\n".join(lines[2:4])  # the sentence splitter joined the stray quote and a line
    start = text.index(joined)
    ann = Annotation(
        article="k",
        sentences=[
            Sentence(index=0, start=0, end=len(lines[0]), text=lines[0]),
            Sentence(index=1, start=len(lines[0]) + 1, end=start - 1, text=lines[1]),
            Sentence(index=2, start=start, end=start + len(joined), text=joined),
            Sentence(index=3, start=text.index(lines[4]), end=len(text), text=lines[4]),
        ],
    )
    found = chronology_events([article], [ann], [])
    assert ("2031-08-21", joined) not in {(e.date, e.text) for e in found}
    assert ("2031-08-21", lines[1]) in {(e.date, e.text) for e in found}
