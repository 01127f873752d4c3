"""Timeline selection: dates from the whole story, sentences by support and centrality."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotation, Article, Event, Evidence, Published, Sentence
from storyline.synthesize.timeline import (
    build_timeline,
    chronology_events,
    date_scores,
    lede_events,
    listed_by_hindsight,
    story_timeline,
    tells_something,
    within_span,
)


def _event(date: str, text: str, *articles: str, status: str = "occurred") -> Event:
    return Event(
        date=date,
        granularity="day" if len(date) == 10 else "month",
        status=status,  # type: ignore[arg-type]
        text=text,
        evidence=[Evidence(article=a, sentence=0, text=text) for a in articles],
    )


def _source(article: str) -> str:
    return article.split("-")[0]  # "wire-1" and "wire-2" are one agency's copy


def test_dates_told_by_more_independent_sources_come_first() -> None:
    events = [
        _event("2031-03-01", "The ferry Marisol ran aground off Tessel Point.", "a", "b", "c"),
        _event("2031-03-02", "Divers reached the hull of the Marisol.", "wire-1", "wire-2"),
        _event("2031-03-05", "The harbour master of Tessel resigned.", "d", "e"),
    ]
    timeline = build_timeline(events, _source, dates=2, per_date=1)
    assert [t.date for t in timeline] == ["2031-03-01", "2031-03-05"]
    scores = date_scores(events, _source)
    assert scores["2031-03-02"] < scores["2031-03-05"]  # two copies of one wire count once


def test_a_day_one_outlet_comes_back_to_in_many_reports_outranks_a_day_named_once() -> None:
    # One outlet (every article's source is "gazette"): sources cannot tell the days apart.
    events = [
        _event("2031-03-01", "The ferry Marisol ran aground off Tessel Point.", "g1", "g2", "g3"),
        _event("2031-03-02", "A tug from Varn joined the salvage.", "g4"),
    ]
    published = {g: "2031-03-04" for g in ("g1", "g2", "g3", "g4")}
    scores = date_scores(events, lambda article: "gazette", published)
    assert scores["2031-03-01"] > scores["2031-03-02"]
    timeline = build_timeline(
        events, lambda article: "gazette", published=published, dates=1, per_date=1
    )
    assert [t.date for t in timeline] == ["2031-03-01"]


def test_a_day_later_reports_look_back_to_outranks_a_busy_news_day() -> None:
    # Four reports appear on 03-02; three later reports refer back to 03-01 in text
    # the annotator did not read (``references``), none of them on 03-02.
    events = [
        _event("2031-03-01", "The ferry Marisol ran aground off Tessel Point.", "a"),
        _event("2031-03-02", "Divers reached the hull of the Marisol.", "b"),
    ]
    published = {"a": "2031-03-02", "b": "2031-03-02", "c": "2031-03-02", "d": "2031-03-02"}
    published |= {"x": "2031-03-09", "y": "2031-03-12", "z": "2031-03-20"}
    refs = {k: frozenset({"2031-03-01"}) for k in ("x", "y", "z")}
    refs["w"] = frozenset({"2031-03-02"})  # a report with no publication day: not later
    scores = date_scores(events, _source, published, refs)
    assert scores["2031-03-01"] > scores["2031-03-02"]
    timeline = build_timeline(
        events, _source, published=published, references=refs, dates=1, per_date=1
    )
    assert [t.date for t in timeline] == ["2031-03-01"]
    # Referring to a day on that same day is not looking back.
    same_day = {k: frozenset({"2031-03-02"}) for k in ("a", "b", "c", "d")}
    assert date_scores(events, _source, published, same_day) == date_scores(
        events, _source, published
    )


def test_publication_bursts_raise_a_date() -> None:
    events = [
        _event("2031-03-01", "The ferry Marisol ran aground off Tessel Point.", "a"),
        _event("2031-03-02", "Divers reached the hull of the Marisol.", "b"),
    ]
    published = {"x": "2031-03-02", "y": "2031-03-02", "z": "2031-03-02"}
    timeline = build_timeline(events, _source, published=published, dates=1, per_date=1)
    assert [t.date for t in timeline] == ["2031-03-02"]


def test_days_are_preferred_to_months_named_as_often() -> None:
    events = [
        _event("2031-03", "Storms battered the coast of Tessel all month.", "a", "b"),
        _event("2031-03-04", "The Marisol was refloated by two tugs.", "c", "d"),
    ]
    timeline = build_timeline(events, _source, dates=1, per_date=1)
    assert [t.date for t in timeline] == ["2031-03-04"]


def test_the_central_sentence_of_a_date_is_chosen_and_repeats_are_dropped() -> None:
    vecs = {
        ("a", 0): np.array([1.0, 0.0, 0.0], np.float32),
        ("b", 0): np.array([0.98, 0.199, 0.0], np.float32),
        ("c", 0): np.array([0.0, 0.0, 1.0], np.float32),
        ("d", 0): np.array([0.6, 0.8, 0.0], np.float32),
    }
    events = [
        _event("2031-03-01", "The Marisol ran aground off Tessel Point.", "a"),
        _event("2031-03-01", "The ferry Marisol grounded near Tessel Point.", "b"),
        _event("2031-03-01", "A bakery in Tessel reopened.", "c"),
        _event("2031-03-01", "The ferry hit the rocks of Tessel Point.", "d"),
    ]
    timeline = build_timeline(
        events, _source, vector_of=lambda a, s: vecs[(a, s)], dates=1, per_date=2
    )
    texts = [t.text for t in timeline]
    assert len(texts) == 2
    # a and b say the same thing: only one of them; the off-topic bakery is not chosen.
    assert len({"The Marisol ran aground off Tessel Point.",
                "The ferry Marisol grounded near Tessel Point."} & set(texts)) == 1  # fmt: skip
    assert "A bakery in Tessel reopened." not in texts


_NOTICES = "crane gate pier buoy lamp ramp dock mast rope siren bell hut"


def test_what_several_reports_of_a_day_say_outweighs_one_reports_many_sentences() -> None:
    # One report's four sentences about the quay's souvenir trade share their words with
    # each other; three reports tell the grounding. The day's entry is the grounding.
    blog = ["Souvenir shops on the quay sold out of ferry postcards.",
            "Souvenir sellers on the quay doubled their postcard prices.",
            "Quay souvenir stalls stayed open late for the postcard rush.",
            "Postcard and souvenir stands lined the quay by noon."]  # fmt: skip
    tellings = [
        ("wire", "The ferry Marisol ran aground at Tessel Point with 300 passengers."),
        ("paper", "The Marisol hit rocks off Tessel Point."),
        ("radio", "Coastguards said the Marisol was stuck near the point."),
    ]
    # Other days' notices, so that the story's word weights are not the day's alone.
    notices = [_event(f"2031-02-{d:02d}", f"Harbour notice {d}: the {w} was repaired.", f"n{d}")
               for d, w in enumerate(_NOTICES.split(), 1)]  # fmt: skip
    events = [
        *notices,
        *(_event("2031-03-01", t, "blog") for t in blog),
        *(_event("2031-03-01", t, a) for a, t in tellings),
    ]
    (entry,) = build_timeline(events, _source, dates=1, per_date=1)
    assert entry.text in {t for _, t in tellings}


def test_a_plan_and_its_cancellation_are_both_kept() -> None:
    v = np.array([1.0, 0.0], np.float32)
    events = [
        _event("2031-04-02", "The inquiry into the grounding was set for April 2.", "a",
               status="planned"),
        _event("2031-04-02", "The inquiry into the grounding set for April 2 was called off.",
               "b", status="cancelled"),
    ]  # fmt: skip
    timeline = build_timeline(events, _source, vector_of=lambda a, s: v)
    assert {t.status for t in timeline} == {"planned", "cancelled"}


def test_default_timeline_keeps_every_event_of_a_busy_day_up_to_the_limit() -> None:
    events = [_event("2031-03-01", f"Event number {i} happened in Tessel today.", "a")
              for i in range(5)]  # fmt: skip
    assert len(build_timeline(events, _source, max_events=40)) == 5
    assert len(build_timeline(events, _source, max_events=3)) == 3


def test_lede_sentences_without_a_date_stand_for_the_publication_day() -> None:
    text = (
        "Two tugs freed the ferry Marisol from the rocks of Tessel Point. "
        "On Monday the harbour master said the channel would reopen soon. "
        "Tessel has three harbours."
    )
    sents, start = [], 0
    for i, piece in enumerate(text.split(". ")):
        piece = piece if piece.endswith(".") else piece + "."
        s = text.index(piece, start)
        sents.append(Sentence(index=i, start=s, end=s + len(piece), text=piece))
        start = s + len(piece)
    article = Article(id="a", text=text, published=Published(date="2031-03-06", basis="header"))
    undated = Article(id="b", text=text)
    ann = Annotation(article="a", sentences=sents)
    dated_event = _event("2031-03-04", sents[1].text, "a")
    dated_event.evidence[0].sentence = 1
    ledes = lede_events([article, undated], [ann, Annotation(article="b", sentences=sents)],
                        [dated_event])  # fmt: skip
    assert [(e.date, e.text) for e in ledes] == [("2031-03-06", sents[0].text)]
    assert ledes[0].evidence == [Evidence(article="a", sentence=0, text=sents[0].text)]


def test_a_telling_from_the_days_reports_is_preferred_to_a_later_passing_mention() -> None:
    # Same sources, same words: only when each was published tells them apart.
    events = [
        _event("2031-03-01", "Weeks later the Marisol wreck still blocked Tessel Point.", "late"),
        _event("2031-03-01", "The ferry Marisol ran aground at Tessel Point.", "early"),
    ]
    fresh = {"early": "2031-03-02", "late": "2031-03-29"}
    (entry,) = build_timeline(events, _source, published=fresh, dates=1, per_date=1)
    assert entry.evidence[0].article == "early"
    swapped = {"early": "2031-03-29", "late": "2031-03-02"}
    (entry,) = build_timeline(events, _source, published=swapped, dates=1, per_date=1)
    assert entry.evidence[0].article == "late"


def test_a_window_reads_only_its_reports_and_keeps_its_dates() -> None:
    def article(id_: str, day: str) -> Article:
        return Article(id=id_, text="x", published=Published(date=day, basis="header"))

    articles = [
        article("early", "2031-02-27"),
        article("in", "2031-03-02"),
        Article(id="undated", text="x"),
    ]
    first = "The ferry Marisol ran aground off Tessel Point, a harbour official said."
    second = "The Marisol ran aground off Tessel Point on Sunday."
    told_twice = Event(
        date="2031-03-01",
        granularity="day",
        status="occurred",
        text=first,
        evidence=[
            Evidence(article="early", sentence=0, text=first),
            Evidence(article="in", sentence=2, text=second),
        ],
    )
    events = [
        told_twice,
        _event("2031-02-26", "Tessel's harbour master warned of low tides.", "in"),
        _event("2031-03", "March storms battered the coast of Tessel and Varn.", "in"),
        _event("2031-03-02", "Divers reached the hull of the Marisol off Tessel.", "undated"),
    ]
    anns = [Annotation(article=a.id, sentences=[]) for a in articles]
    kept, kept_anns, in_span = within_span(articles, anns, events, ("2031-03-01", "2031-03-31"))
    assert [a.id for a in kept] == ["in"] and [a.article for a in kept_anns] == ["in"]
    assert [(e.date, [ev.article for ev in e.evidence]) for e in in_span] == [
        ("2031-03-01", ["in"]),  # the early report's telling is not read ...
        ("2031-03", ["in"]),  # ... a month overlapping the window stays
    ]
    assert in_span[0].text == second  # ... so the entry reads the kept one
    timeline = story_timeline(articles, anns, events, _source, span=("2031-03-01", "2031-03-31"))
    assert {e.date for e in timeline} <= {"2031-03-01", "2031-03"}
    assert {ev.article for e in timeline for ev in e.evidence} == {"in"}


def test_a_line_of_a_reports_chronology_is_preferred_for_its_day() -> None:
    # Same support and freshness; the chronology line is an editor's account of the day.
    told = "The harbour authority of Tessel closed the port to ferries after the grounding."
    line = "March 4 - Tessel closes its port to ferries after the grounding."
    events = [_event("2031-03-04", told, "a"), _event("2031-03-04", line, "b")]
    (entry,) = build_timeline(events, _source, dates=1, per_date=1)
    assert entry.text == line


def test_a_chronology_line_in_the_storys_own_language_is_preferred_for_its_day() -> None:
    # The same preference for a Spanish story: its chronology lines are read in Spanish.
    told = "La autoridad portuaria de Tessel cerró el puerto a los transbordadores."
    line = "4 de marzo: Tessel cierra su puerto a los transbordadores tras el encallamiento."
    events = [_event("2031-03-04", told, "a"), _event("2031-03-04", line, "b")]
    (entry,) = build_timeline(events, _source, dates=1, per_date=1, languages=("es",))
    assert entry.text == line
    # read as English only, the Spanish line has no edge
    (entry,) = build_timeline(events, _source, dates=1, per_date=1)
    assert entry.text == told


def _lines(article: str, text: str) -> Annotation:
    sents, start = [], 0
    for i, line in enumerate(text.split("\n")):
        sents.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return Annotation(article=article, sentences=sents)


CHRONOLOGY = "\n".join(
    [
        "Key dates in the Tessel harbour dispute:",
        "February 15 - Dockers at Tessel walk out over night shifts.",
        "March 4 - The harbour authority closes the port to ferries.",
        "March 20 - Talks between dockers and the authority open in Varn.",
        "Ferry passengers are sent on to the port of Varn instead.",
    ]
)


def test_a_day_a_reports_chronology_lists_outranks_a_busier_news_day() -> None:
    events = [
        _event("2031-03-04", "The harbour authority closed the port of Tessel to ferries.", "a"),
        _event("2031-03-10", "Ferry passengers queued at Tessel for a second day.", "b", "c"),
    ]
    busy = {f"r{i}": "2031-03-10" for i in range(6)}
    (entry,) = build_timeline(events, _source, published=busy, dates=1, per_date=1)
    assert entry.date == "2031-03-10"
    (entry,) = build_timeline(
        events, _source, published=busy, listed={"2031-03-04": 1}, dates=1, per_date=1
    )
    assert entry.date == "2031-03-04"


def test_a_day_any_chronology_lists_comes_before_a_day_only_mentioned_often() -> None:
    # 03-04 is listed by the earliest of four chronologies only (weight 1/4); 60 later
    # reports look back to 03-10. No weight trades one against the other: listed first.
    events = [
        _event("2031-03-04", "The harbour authority closed the port of Tessel to ferries.", "a"),
        _event("2031-03-10", "Ferry passengers queued at Tessel for a second day.", "b"),
    ]
    published = {"a": "2031-03-04", "b": "2031-03-10"}
    published |= {f"r{i}": "2031-04-01" for i in range(60)}
    refs = {f"r{i}": frozenset({"2031-03-10"}) for i in range(60)}
    timeline = build_timeline(events, _source, published=published, references=refs, dates=1)
    assert [e.date for e in timeline] == ["2031-03-10"]
    listed = {"2031-03-04": 0.25}
    (entry,) = build_timeline(
        events, _source, published=published, references=refs, listed=listed, dates=1
    )
    assert entry.date == "2031-03-04"


def test_the_lines_of_a_reports_chronology_are_candidates_for_their_days() -> None:
    chron = Article(id="k", text=CHRONOLOGY, published=Published(date="2031-10-20"))
    short = "\n".join(CHRONOLOGY.split("\n")[:3])  # two dated lines: not a chronology
    other = Article(id="s", text=short, published=Published(date="2031-10-20"))
    anns = [_lines("k", CHRONOLOGY), _lines("s", short)]
    line = anns[0].sentences[2].text
    told = _event("2031-03-04", line, "k")
    told.evidence[0].sentence = 2  # already an event of its day: left to it
    found = chronology_events([chron, other], anns, [told])
    assert [(e.date, e.text) for e in found] == [
        ("2031-02-15", anns[0].sentences[1].text),
        ("2031-03-20", anns[0].sentences[3].text),
        ("2031-03-20", anns[0].sentences[4].text),  # the entry's next line tells its day
    ]
    assert found[0].evidence == [Evidence(article="k", sentence=1, text=anns[0].sentences[1].text)]
    # A chronology in the story puts its days and its lines on the timeline.
    timeline = story_timeline([chron], anns[:1], [], _source, dates=3, per_date=1)
    assert [e.date for e in timeline] == ["2031-02-15", "2031-03-04", "2031-03-20"]


def test_a_later_chronology_counts_more_than_an_earlier_one() -> None:
    def report(id_: str, day: str, *lines: str) -> Article:
        return Article(
            id=id_, text="\n".join(["Key dates:", *lines]), published=Published(date=day)
        )

    early = report(
        "early",
        "2031-03-10",
        "February 15 - Dockers walk out.",
        "March 1 - A ferry is turned back.",
        "March 4 - The port closes.",
    )
    late = report(
        "late",
        "2031-06-01",
        "February 15 - Dockers walk out.",
        "March 4 - The port closes.",
        "May 20 - Talks open in Varn.",
    )
    listed = listed_by_hindsight([late, early, Article(id="plain", text="No dates here.")])
    assert listed == {
        "2031-02-15": 1.5,
        "2031-03-04": 1.5,
        "2031-05-20": 1.0,  # listed by the latest chronology alone
        "2031-03-01": 0.5,  # dropped from the later one
    }


def test_near_copies_of_one_line_are_not_both_chosen_without_vectors() -> None:
    # Two agencies' chronologies word the day almost alike; neither has a vector.
    events = [
        _event("2031-03-04", "March 4 - The harbour authority closes Tessel port to ferries.", "a"),
        _event(
            "2031-03-04", "March 4 - The harbour authority closes the Tessel port to ferries.", "b"
        ),
        _event("2031-03-04", "Ferry passengers are sent on to Varn by coach.", "c"),
    ]
    texts = {e.text for e in build_timeline(events, _source, dates=1, per_date=2)}
    assert "Ferry passengers are sent on to Varn by coach." in texts
    assert len(texts) == 2


def test_a_window_holds_for_the_lines_of_a_chronology_too() -> None:
    """A chronology published within the window can list days before it; its lines are
    no entries of a window that starts later (they were, before candidates were held to it)."""
    chron = Article(id="k", text=CHRONOLOGY, published=Published(date="2031-03-25"))
    anns = [_lines("k", CHRONOLOGY)]
    timeline = story_timeline([chron], anns, [], _source, span=("2031-03-10", "2031-03-31"))
    assert "2031-03-20" in {e.date for e in timeline}
    assert all("2031-03-10" <= e.date <= "2031-03-31" for e in timeline)


def test_transcript_speaker_tags_and_live_page_stamps_are_no_entries() -> None:
    assert not tells_something(
        "ANNA VOSS, TESSEL RADIO HOST: Just some of what we saw in the harbour today."
    )
    # The weekday next to an update stamp dates the update, in another time zone.
    assert not tells_something(
        "Tuesday in Varn, 8:11 p.m. ET Monday) Our guest discusses the strike."
    )
    assert not tells_something("Update 12:30 a.m. in Varn, 5:30 p.m. The mayor spoke on Saturday.")
    # A clock time inside a report's own sentence, or a dateline, is not a stamp.
    assert tells_something("The harbour council voted at 10:30 a.m. on Tuesday to close the port.")
    # words that merely begin like a month ("marched", "mayor", "novel") are words of the event
    assert tells_something("Protesters marched on Varn.")
    assert tells_something("Mayor Ostrid resigned.")
    assert tells_something(
        "TESSEL (Reuters) - The harbour council voted on Friday to close the port."
    )


def test_the_tail_of_a_sentence_split_inside_brackets_is_no_entry() -> None:
    assert not tells_something("Council -RRB- and under fire from the harbour guns.")
    assert not tells_something("Tessel) and its ferries stayed in port all week.")
    # Brackets opened and closed within the sentence, or a dateline, are the report's own.
    assert tells_something("The council (its nine members) voted to close the port.")
    assert tells_something("TESSEL -LRB- Reuters -RRB- - The council voted to close the port.")
