"""Timeline entries are events of the story a report tells: not its writer's own views or
memories, nor another story's events told in a roundup."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Published
from storyline.synthesize.timeline import story_terms, story_timeline
from storyline.synthesize.timeline.reading import roundups
from storyline.synthesize.timeline.voice import in_writers_voice
from tests.synthesize.test_timeline_story import _annotate, _event, _source


def _report(article: str, text: str, day: str, language: str = "en") -> tuple[Article, Annotation]:
    return (
        Article(id=article, text=text, published=Published(date=day), language=language),
        _annotate(article, text),
    )


def _timeline(
    told: list[tuple[str, str, str]], dates: int, per_date: int, language: str = "en"
) -> list[tuple[str, str]]:
    """The timeline of one-sentence reports (id, text, day), each dating its sentence to
    its publication day: (date, text) per entry."""
    reports = [_report(a, text, day, language) for a, text, day in told]
    events = [_event(day, text, a) for a, text, day in told]
    timeline = story_timeline(
        [r for r, _ in reports],
        [n for _, n in reports],
        events,
        _source,
        dates=dates,
        per_date=per_date,
    )
    return [(e.date, e.text) for e in timeline]


def test_a_columnists_first_person_sentence_gives_way_to_the_days_news() -> None:
    column = "As someone who has run a ferry line for years, I watched the Tessel strike unfold."
    news = "Dockers at Tessel walked out over night shifts on Monday."
    told = [("column", column, "2031-03-03"), ("news", news, "2031-03-03")]
    assert _timeline(told, dates=1, per_date=2) == [("2031-03-03", news)]


def test_a_day_told_only_in_the_writers_voice_goes() -> None:
    column = "We now know the harbour board of Tessel had sold the cranes in secret."
    news = "Dockers at Tessel walked out over night shifts on Monday."
    told = [("column", column, "2031-03-09"), ("news", news, "2031-03-03")]
    assert _timeline(told, dates=2, per_date=1) == [("2031-03-03", news)]


def test_quoted_first_person_and_a_country_named_in_capitals_are_the_news() -> None:
    quoted = '"We will not sail until the shifts change," the Tessel dockers said on Monday.'
    country = "The US closed its consulate in Tessel on Monday."
    assert not in_writers_voice(quoted)
    assert not in_writers_voice(country)
    assert not in_writers_voice("The strike was the longest since World War I at Tessel.")
    assert in_writers_voice(
        "Before turning to the strike at Tessel, I would like to recall the past."
    )
    told = [("a", quoted, "2031-03-03"), ("b", country, "2031-03-03")]
    assert {text for _, text in _timeline(told, dates=1, per_date=2)} == {quoted, country}


def test_the_writers_voice_is_read_in_the_reports_language() -> None:
    note = "Esta entrada forma parte de nuestra cobertura especial de la huelga de Tessel."
    news = "Los estibadores de Tessel iniciaron una huelga el lunes."
    assert in_writers_voice(note, "es")
    assert in_writers_voice("Nous avons appris lundi la fermeture du port de Tessel.", "fr")
    assert not in_writers_voice("Le ministre a dit lundi : « nous allons agir ».", "fr")
    told = [("note", note, "2031-03-03"), ("news", news, "2031-03-03")]
    assert _timeline(told, dates=1, per_date=2, language="es") == [("2031-03-03", news)]


def _named(
    article: str, text: str, day: str, names: dict[int, list[str]]
) -> tuple[Article, Annotation]:
    return Article(id=article, text=text, published=Published(date=day)), _annotate(
        article, text, names
    )


def _harbour_story() -> tuple[list[Article], list[Annotation], list[Event]]:
    """Six reports on a strike at Tessel, and two regional reviews that name Tessel once."""
    articles, anns, events = [], [], []
    for i in range(6):
        text = f"Dockers at Tessel stayed out for day {i + 2} of the strike.\nTessel port was shut."
        a, ann = _named(f"t{i}", text, f"2031-03-0{i + 2}", {0: ["Tessel"], 1: ["Tessel"]})
        articles.append(a)
        anns.append(ann)
        events.append(_event(f"2031-03-0{i + 2}", text.split("\n")[0], f"t{i}"))
    for r, day in (("review", "2031-03-05"), ("recap", "2031-03-06")):
        review = "\n".join(
            [
                "Unrest spread across the region this spring, from Korvath to Tessel.",
                "In Korvath, rebels overran the garrison at Osmar on Monday.",
                "Korvath's council fled to Osmar's hills.",
                "The Korvath rebels named a governor for Osmar.",
            ]
        )
        names = {0: ["Korvath", "Tessel"], 1: ["Korvath", "Osmar"], 2: ["Korvath", "Osmar"]}
        a, ann = _named(r, review, day, {**names, 3: ["Korvath", "Osmar"]})
        articles.append(a)
        anns.append(ann)
        events.append(_event("2031-03-03", review.split("\n")[1], r, 1))
    return articles, anns, events


def test_another_storys_event_in_a_roundup_gives_way_to_this_storys() -> None:
    articles, anns, events = _harbour_story()
    other = "In Korvath, rebels overran the garrison at Osmar on Monday."
    roundup, core = roundups(anns, story_terms(anns, articles=articles), articles)
    assert roundup == {"review", "recap"} and "tessel" in core and "korvath" not in core
    timeline = story_timeline(articles, anns, events, _source, dates=6, per_date=2)
    assert other not in {e.text for e in timeline}
    assert "Dockers at Tessel stayed out for day 3 of the strike." in {e.text for e in timeline}


def test_a_roundups_sentence_that_names_the_story_still_stands() -> None:
    articles, anns, events = _harbour_story()
    own = "Unrest spread across the region this spring, from Korvath to Tessel."
    events.append(_event("2031-03-05", own, "review", 0))
    timeline = story_timeline(articles, anns, events, _source, dates=6, per_date=2)
    assert own in {e.text for e in timeline}


def test_in_a_story_of_many_names_no_report_is_a_roundup() -> None:
    # Most reports name the story's top names in few of their sentences: a low share
    # in one report says nothing about it.
    articles, anns = [], []
    for i in range(6):
        text = (
            "Tessel dockers met.\nVarn officials spoke.\nOsmar traders waited.\nBelk pilots sailed."
        )
        a, ann = _named(
            f"m{i}", text, "2031-03-02", {0: ["Tessel"], 1: ["Varn"], 2: ["Osmar"], 3: ["Belk"]}
        )
        articles.append(a)
        anns.append(ann)
    roundup, _ = roundups(anns, story_terms(anns, articles=articles), articles)
    assert roundup == frozenset()
