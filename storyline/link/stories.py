"""Which articles report the same story.

Articles are taken in publication order; each joins the existing story it is
most similar to (lede vector similarity, plus a bonus for shared named entities)
when that similarity passes the threshold and the story has an article within
the time window; otherwise it starts a new story. Comparisons are against story
centroids, not all article pairs, so the cost grows with articles x open stories.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from storyline.link.vectors import article_vector
from storyline.model import Annotation, Article, Story

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "EVENT", "FAC", "LOC"}


@dataclass
class _Open:
    members: list[str]
    centroid: np.ndarray
    entities: Counter[str] = field(default_factory=Counter)
    last: date | None = None


def _entities(annotation: Annotation) -> set[str]:
    return {m.text.lower() for m in annotation.mentions if m.label in ENTITY_LABELS}


def _day(article: Article) -> date | None:
    return date.fromisoformat(article.published.date) if article.published.date else None


def detect_stories(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    threshold: float = 0.45,
    window_days: int = 365,
) -> list[Story]:
    by_id = {a.article: a for a in annotations}
    ordered = sorted(articles, key=lambda a: (a.published.date or "", a.id))
    open_: list[_Open] = []
    for article in ordered:
        ann = by_id[article.id]
        vec = article_vector(ann)
        ents = _entities(ann)
        day = _day(article)
        best, best_score = None, -1.0
        for story in open_:
            if day and story.last and abs((day - story.last).days) > window_days:
                continue
            sim = float(vec @ story.centroid) if vec.shape == story.centroid.shape else 0.0
            shared = sum(1 for e in ents if story.entities[e] >= 1)
            score = sim + 0.05 * min(shared, 4)
            if score > best_score:
                best, best_score = story, score
        if best is not None and best_score >= threshold:
            n = len(best.members)
            c = best.centroid * n + vec
            best.centroid = c / (np.linalg.norm(c) or 1.0)
            best.members.append(article.id)
            best.entities.update(ents)
            if day and (best.last is None or day > best.last):
                best.last = day
        else:
            open_.append(_Open([article.id], vec, Counter(ents), day))
    arts = {a.id: a for a in articles}
    return [_story(s.members, arts, by_id) for s in open_]


def _story(members: list[str], arts: dict[str, Article], anns: dict[str, Annotation]) -> Story:
    # Named after its earliest article by a date the sources give (an inferred date
    # may change between runs; the id must not).
    first = min(
        members,
        key=lambda m: (
            arts[m].published.date if arts[m].published.basis not in (None, "inferred") else "9999",
            m,
        ),
    )
    sid = "s-" + hashlib.sha1(first.encode()).hexdigest()[:10]
    return Story(id=sid, title=_title(members, arts, anns), articles=sorted(members))


def _title(members: list[str], arts: dict[str, Article], anns: dict[str, Annotation]) -> str:
    """The headline of the story's first titled article, else its first sentence, shortened."""
    for m in members:
        if arts[m].title:
            return _shorten(arts[m].title or "")
    sents = anns[members[0]].sentences
    return _shorten(sents[0].text) if sents else members[0]


def _shorten(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
