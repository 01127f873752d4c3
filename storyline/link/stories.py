"""Which articles report the same story, on a mixed stream of many stories.

Rule: articles are taken in publication order and each is compared only with the
stories a cheap lookup proposes (nearest neighbours in a time window, shared
entities), never with the whole archive; stories merge when an article links them
and split after the pass where their members fall apart. A story is named after its
earliest member by a date the sources give, so it keeps its id as it grows.
Why: a newsroom's archive is one mixed stream, and detection must stay linear in it.

The stream lives in :mod:`story_stream`, the splits in :mod:`story_split`, the tuned
constants in :mod:`story_config`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from storyline.errors import StorylineError
from storyline.link.story_config import SEGMENT_DAYS, SIGNATURE_ENTITIES, Weights
from storyline.link.story_stream import StreamDetector, _signal, _Story
from storyline.model import Annotation, Article, Story, StorySignature

__all__ = [
    "SEGMENT_DAYS",
    "StreamDetector",
    "Weights",
    "_signal",
    "detect_stories",
    "extend_stories",
    "story_id",
]


def detect_stories(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    threshold: float | None = None,
    window_days: int | None = None,
    weights: Weights | None = None,
) -> list[Story]:
    """Group ``articles`` into stories, taking them in publication order.

    ``threshold`` and ``window_days`` override the defaults in ``weights`` (``Weights``)."""
    by_id = {a.article: a for a in annotations}
    ordered = sorted(articles, key=lambda a: (a.published.date or "", a.id))
    detector = StreamDetector(threshold, window_days, weights)
    for article in ordered:
        detector.add(_signal(article, by_id[article.id]))
    detector.consolidate()
    arts = {a.id: a for a in articles}
    stories = [_story(g, arts, by_id) for g in detector.groups()]
    return sorted(stories, key=lambda s: s.id)


def extend_stories(
    previous: Sequence[Story],
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    threshold: float | None = None,
    window_days: int | None = None,
    weights: Weights | None = None,
) -> list[Story]:
    """Add new ``articles`` to the ``previous`` stories, or start new stories with them.

    Only the new articles are read: each stored story takes part through its
    signature (vector sum, key entities, dates). A story keeps its id as it
    grows; when a new article merges two stored stories, the older one's id
    (earliest first date) is kept. Stories are split only by a full detection.
    """
    missing = [s.id for s in previous if s.signature is None]
    if missing:
        raise StorylineError(
            f"stories {missing[:3]} have no signature and cannot be extended; "
            "detect the stories again over all articles"
        )
    by_id = {a.article: a for a in annotations}
    detector = StreamDetector(threshold, window_days, weights)
    for story in sorted(previous, key=lambda s: ((s.signature and s.signature.first) or "", s.id)):
        detector.seed(story)
    for article in sorted(articles, key=lambda a: (a.published.date or "", a.id)):
        detector.add(_signal(article, by_id[article.id]))
    arts = {a.id: a for a in articles}
    out = []
    for item in detector.groups(split=False):
        if item.seeded is None:
            out.append(_story(item, arts, by_id))
        else:
            out.append(
                Story(
                    id=item.seeded.id,
                    title=item.seeded.title,
                    articles=sorted(item.members),
                    signature=_signature(item),
                )
            )
    return sorted(out, key=lambda s: s.id)


def _signature(item: _Story) -> StorySignature:
    total = item.total if item.total is not None else np.zeros(0, dtype=np.float32)
    return StorySignature(
        dim=int(total.shape[0]),
        total=np.ascontiguousarray(total, dtype=np.float32).tobytes(),
        entities=dict(item.entities.most_common(SIGNATURE_ENTITIES)),
        first=item.first.isoformat() if item.first else None,
        last=item.last.isoformat() if item.last else None,
    )


def story_id(members: Sequence[str], arts: dict[str, Article]) -> str:
    """Named after the earliest member by a date the sources give (an inferred
    date may change between runs; the id must not), ties broken by article id."""
    first = min(
        members,
        key=lambda m: (
            arts[m].published.date if arts[m].published.basis not in (None, "inferred") else "9999",
            m,
        ),
    )
    return "s-" + hashlib.sha1(first.encode()).hexdigest()[:10]


def _story(item: _Story, arts: dict[str, Article], anns: dict[str, Annotation]) -> Story:
    members = item.members
    ordered = sorted(members, key=lambda m: (arts[m].published.date or "", m))
    return Story(
        id=story_id(members, arts),
        title=_title(ordered, arts, anns),
        articles=sorted(members),
        signature=_signature(item),
    )


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
