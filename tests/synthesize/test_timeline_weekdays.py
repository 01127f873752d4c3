"""A report's opening sentence holding a weekday of either week stands for no day: invented
reports."""

from __future__ import annotations

from storyline.model import Annotation, Article, Published, Sentence, TimeExpr
from storyline.synthesize.timeline import lede_events

LEDE = [
    "The harbour master of Tessel headed Friday to the northern locks to inspect the gates.",
    "Ferry owners said the gates had jammed twice since the spring floods began.",
]


def _report(weekday_value: str) -> tuple[Article, Annotation]:
    sents, start = [], 0
    for i, text in enumerate(LEDE):
        sents.append(Sentence(index=i, start=start, end=start + len(text), text=text))
        start += len(text) + 1
    at = LEDE[0].index("Friday")
    friday = TimeExpr(
        sentence=0, start=at, end=at + 6, text="Friday", type="DATE", value=weekday_value,
        relative=True, verb="head", tense="past",
    )  # fmt: skip
    # A Thursday report: the Friday six days back is also tomorrow.
    article = Article(id="a", text=" ".join(LEDE), published=Published(date="2031-03-06"))
    return article, Annotation(article="a", sentences=sents, timexes=[friday])


def test_a_lede_holding_a_weekday_six_days_back_is_not_the_reports_news() -> None:
    article, ann = _report("2031-02-28")
    ledes = lede_events([article], [ann], [])
    assert [(e.date, e.evidence[0].sentence) for e in ledes] == [("2031-03-06", 1)]


def test_a_lede_holding_a_weekday_read_as_tomorrow_stays_a_lede() -> None:
    article, ann = _report("2031-03-07")  # "Friday" read as tomorrow: the annotator chose
    ledes = lede_events([article], [ann], [])
    assert [e.evidence[0].sentence for e in ledes] == [0, 1]
