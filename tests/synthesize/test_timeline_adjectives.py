"""A French or Spanish sentence names its story's country by the country's lower-case
adjective ("l'armée quorrienne"): it is still the story's (invented reports)."""

from __future__ import annotations

from storyline.model import Annotation, Article, Event, Evidence, Mention, Published, Sentence
from storyline.synthesize.timeline import story_timeline

LEDES = [
    "La Quorrie a fermé ses frontières après les manifestations de Varn.",
    "Des milliers de manifestants ont défilé en Quorrie contre le gouvernement.",
    "La Quorrie a rappelé son ambassadeur après les heurts de Varn.",
    "Le parlement de Quorrie a voté l'état d'urgence pour trois mois.",
    "La police de Quorrie a arrêté des dizaines d'étudiants à Varn.",
]


def _report(i: int, text: str, dated: str | None) -> tuple[Article, Annotation, list[Event]]:
    article = Article(
        id=f"r{i}", text=text, published=Published(date=f"2031-03-{10 + i:02d}"), language="fr"
    )
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    names = [
        Mention(sentence=0, start=m, end=m + len(w), text=w, label="GPE")
        for w in ("Quorrie", "Varn")
        if (m := text.find(w)) >= 0
    ]
    ann = Annotation(article=article.id, sentences=[sentence], mentions=names)
    events = []
    if dated:
        events.append(
            Event(
                date=dated,
                granularity="day",
                status="occurred",
                text=text,
                evidence=[Evidence(article=article.id, sentence=0, text=text)],
            )
        )
    return article, ann, events


def _timeline(told: str) -> list[str]:
    reports = [_report(i, t, None) for i, t in enumerate(LEDES)]
    reports.append(_report(len(LEDES), told, "2031-03-04"))
    articles = [a for a, _, _ in reports]
    anns = [n for _, n, _ in reports]
    events = [e for _, _, es in reports for e in es]
    timeline = story_timeline(articles, anns, events, str, dates=8, per_date=1)
    return [e.text for e in timeline if e.date == "2031-03-04"]


def test_a_sentence_naming_the_story_by_its_adjective_is_an_entry() -> None:
    told = "L'armée quorrienne a pris le port mercredi après trois jours de combats."
    assert _timeline(told) == [told]


def test_a_sentence_naming_neither_the_story_nor_its_adjective_is_not() -> None:
    told = "Le ministre a démissionné mercredi après trois jours de débats au parlement."
    assert _timeline(told) == []
