"""Timeline entries are events a report tells, not its writer's own views or memories."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Evidence, Published, Sentence
from storyline.synthesize.timeline import story_timeline
from storyline.synthesize.timeline.voice import in_writers_voice


def _report(article: str, text: str, day: str, language: str = "en") -> tuple[Article, Annotation]:
    sents, start = [], 0
    for i, line in enumerate(text.split("\n")):
        sents.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return (
        Article(id=article, text=text, published=Published(date=day), language=language),
        Annotation(article=article, sentences=sents),
    )


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


def test_a_columnists_first_person_sentence_gives_way_to_the_days_news() -> None:
    column = "As someone who has run a ferry line for years, I watched the Tessel strike unfold."
    news = "Dockers at Tessel walked out over night shifts on Monday."
    a, ann_a = _report("column", column, "2031-03-03")
    b, ann_b = _report("news", news, "2031-03-03")
    events = [_event("2031-03-03", column, "column"), _event("2031-03-03", news, "news")]
    timeline = story_timeline([a, b], [ann_a, ann_b], events, _source, dates=1, per_date=2)
    assert [e.text for e in timeline] == [news]


def test_a_day_told_only_in_the_writers_voice_goes() -> None:
    column = "We now know the harbour board of Tessel had sold the cranes in secret."
    news = "Dockers at Tessel walked out over night shifts on Monday."
    a, ann_a = _report("column", column, "2031-03-09")
    b, ann_b = _report("news", news, "2031-03-03")
    events = [_event("2031-03-09", column, "column"), _event("2031-03-03", news, "news")]
    timeline = story_timeline([a, b], [ann_a, ann_b], events, _source, dates=2, per_date=1)
    assert [(e.date, e.text) for e in timeline] == [("2031-03-03", news)]


def test_quoted_first_person_and_a_country_named_in_capitals_are_the_news() -> None:
    quoted = '"We will not sail until the shifts change," the Tessel dockers said on Monday.'
    country = "The US closed its consulate in Tessel on Monday."
    assert not in_writers_voice(quoted)
    assert not in_writers_voice(country)
    assert not in_writers_voice("The strike was the longest since World War I at Tessel.")
    assert in_writers_voice("Before turning to the strike at Tessel, I would like to recall the past.")
    a, ann_a = _report("a", quoted, "2031-03-03")
    b, ann_b = _report("b", country, "2031-03-03")
    events = [_event("2031-03-03", quoted, "a"), _event("2031-03-03", country, "b")]
    timeline = story_timeline([a, b], [ann_a, ann_b], events, _source, dates=1, per_date=2)
    assert {e.text for e in timeline} == {quoted, country}


def test_the_writers_voice_is_read_in_the_reports_language() -> None:
    note = "Esta entrada forma parte de nuestra cobertura especial de la huelga de Tessel."
    news = "Los estibadores de Tessel iniciaron una huelga el lunes."
    assert in_writers_voice(note, "es")
    assert in_writers_voice("Nous avons appris lundi la fermeture du port de Tessel.", "fr")
    assert not in_writers_voice("Le ministre a dit lundi : « nous allons agir ».", "fr")
    a, ann_a = _report("note", note, "2031-03-03", "es")
    b, ann_b = _report("news", news, "2031-03-03", "es")
    events = [_event("2031-03-03", note, "note"), _event("2031-03-03", news, "news")]
    timeline = story_timeline([a, b], [ann_a, ann_b], events, _source, dates=1, per_date=2)
    assert [e.text for e in timeline] == [news]
