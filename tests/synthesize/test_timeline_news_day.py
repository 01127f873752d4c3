"""A report's undated opening sentences stand for its news day: invented reports."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Evidence, Published, Sentence
from storyline.synthesize.timeline import lede_events

MORNING = [
    "The council of Tessel voted down the harbour levy yesterday, sending ferry fares up.",
    "Council leaders vowed to bring a new levy to a vote within the month.",
    "After the vote, the harbour master tried to calm the ferry owners at the quay.",
]


def _report(texts: list[str]) -> tuple[Article, Annotation]:
    sents, start = [], 0
    for i, text in enumerate(texts):
        sents.append(Sentence(index=i, start=start, end=start + len(text), text=text))
        start += len(text) + 1
    article = Article(id="a", text=" ".join(texts), published=Published(date="2031-03-06"))
    return article, Annotation(article="a", sentences=sents)


def _dated(day: str, sentence: int, text: str) -> Event:
    return Event(
        date=day,
        granularity="day",
        status="occurred",
        text=text,
        evidence=[Evidence(article="a", sentence=sentence, text=text)],
    )


def test_a_lede_that_tells_the_day_before_dates_its_undated_sentences_to_it() -> None:
    article, ann = _report(MORNING)
    ledes = lede_events([article], [ann], [_dated("2031-03-05", 0, MORNING[0])])
    assert [(e.date, e.evidence[0].sentence) for e in ledes] == [
        ("2031-03-05", 1),
        ("2031-03-05", 2),
    ]


def test_a_lede_that_also_tells_the_days_own_news_keeps_the_publication_day() -> None:
    texts = [*MORNING[:2], "Ferry owners met the harbour master today at the quay of Tessel."]
    article, ann = _report(texts)
    events = [_dated("2031-03-05", 0, texts[0]), _dated("2031-03-06", 2, texts[2])]
    assert [(e.date, e.evidence[0].sentence) for e in lede_events([article], [ann], events)] == [
        ("2031-03-06", 1)
    ]


def test_a_lede_that_looks_further_back_keeps_the_publication_day() -> None:
    texts = [MORNING[0].replace("yesterday", "last week"), *MORNING[1:]]
    article, ann = _report(texts)
    ledes = lede_events([article], [ann], [_dated("2031-02-27", 0, texts[0])])
    assert {e.date for e in ledes} == {"2031-03-06"}


def test_a_dated_caption_opening_a_report_is_no_lede() -> None:
    texts = ["June 2: Divers inspect the hull of the ferry Marisol off Tessel Point.", *MORNING[1:]]
    article, ann = _report(texts)
    assert [e.evidence[0].sentence for e in lede_events([article], [ann], [])] == [1, 2]
