"""A timeline entry is a sentence shaped like an account of what happened in the story: the
entry test (``eventness``) weighs the cues the annotations give, and a candidate it finds
too unlike one gives way to the day's next candidate."""

from __future__ import annotations

from storyline.model import (
    Annotation,
    Article,
    Event,
    Evidence,
    Mention,
    Published,
    Quote,
    Sentence,
    TimeExpr,
)
from storyline.synthesize.timeline import story_timeline
from storyline.synthesize.timeline.config import DEFAULT_WEIGHTS
from storyline.synthesize.timeline.eventness import StoryReading, eventness
from tests.synthesize.test_timeline_story import _event, _source
from tests.synthesize.test_timeline_voice import _harbour_story

NEWS = "Dockers at Tessel walked out on Monday over night shifts, the union said."
CAPTION = "A docker walks past the closed gates of Tessel harbour on Monday."
OPINION = "Few expected Tessel to become the centre of a national quarrel."


def _annotated(article: str, lines: list[str], **extra: list) -> Annotation:
    sentences, start = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    names = [
        Mention(sentence=s.index, start=s.start + s.text.find("Tessel"),
                end=s.start + s.text.find("Tessel") + 6, text="Tessel", label="GPE")
        for s in sentences
        if "Tessel" in s.text
    ]  # fmt: skip
    return Annotation(article=article, sentences=sentences, mentions=names, **extra)


def _monday(sentence: int, tense: str) -> TimeExpr:
    return TimeExpr(sentence=sentence, start=0, end=6, text="Monday", type="DATE",
                    value="2031-03-03", granularity="day", relative=True, tense=tense)  # fmt: skip


def _candidate(article: str, sentence: int, text: str, day: str) -> Event:
    told = [Evidence(article=article, sentence=sentence, text=text)]
    return Event(date=day, granularity="day", status="occurred", text=text, evidence=told)


def test_a_reported_dated_event_reads_more_like_news_than_a_caption_or_a_view() -> None:
    gallery = ["Tessel harbour strike enters second week", CAPTION, OPINION]
    articles = [
        Article(id="news", text=NEWS, published=Published(date="2031-03-04")),
        Article(id="gallery", text="\n".join(gallery), published=Published(date="2031-03-04")),
    ]
    said = Quote(sentence=0, sentences=[0], text=NEWS, speaker="the union", direct=False)
    annotations = [
        _annotated("news", [NEWS], timexes=[_monday(0, "past")], quotes=[said]),
        _annotated("gallery", gallery, timexes=[_monday(1, "present")]),
    ]
    story = StoryReading(articles, annotations, frozenset({"tessel"}), frozenset({"tessel"}))
    weights = dict(DEFAULT_WEIGHTS.eventness)
    news = eventness(_candidate("news", 0, NEWS, "2031-03-03"), story, weights)
    caption = eventness(_candidate("gallery", 1, CAPTION, "2031-03-03"), story, weights)
    opinion = eventness(_candidate("gallery", 2, OPINION, "2031-03-04"), story, weights)
    assert news > 0.5 > max(caption, opinion)
    assert min(news, caption, opinion) >= DEFAULT_WEIGHTS.event_floor  # ranked, not all refused


def test_a_roundups_passing_line_about_the_story_gives_way_to_the_storys_news() -> None:
    articles, anns, events = _harbour_story()
    passing = "Unrest spread across the region this spring, from Korvath to Tessel."
    events.append(_event("2031-03-05", passing, "review", 0))
    timeline = story_timeline(articles, anns, events, _source, dates=6, per_date=2)
    shown = {e.text for e in timeline}
    assert passing not in shown
    assert "Dockers at Tessel stayed out for day 5 of the strike." in shown
