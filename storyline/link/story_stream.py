"""Articles taken in publication order, each joined to a story or starting one.

Each article is compared only with the stories that a cheap lookup proposes, never
with the whole archive:

* **approximate nearest neighbours**: the article vectors of the last
  ``window_days`` live in faiss HNSW indexes, one per time segment; a segment
  that falls out of the window is dropped, so the index stays the size of the window;
* **shared-entity blocking**: an inverted index from named entities to the
  stories that mention them, limited to stories seen within the window.

A candidate story is scored by text similarity (cosine to its centroid and to
the article's nearest members in it), plus a bonus for the share of the
article's key entities it already mentions (rare entities weigh more), minus a
penalty that grows with the time since the story's last article, and (``unshared``, off by
default) minus a penalty when its nearest members in the story name none of its entities.
The article joins the best story when the score passes ``threshold``, else it starts a new one.
When an article links two stories strongly and the two are close themselves, they
merge (the older story's id is kept).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import faiss
import numpy as np

from storyline.link.story_config import (
    ENTITY_LABELS,
    ENTITY_ONLY_SHARE,
    KEY_ENTITIES,
    MAX_BLOCK,
    NEIGHBOURS,
    SEGMENT_DAYS,
    Weights,
)
from storyline.link.story_split import _Splitter
from storyline.link.vectors import article_vector
from storyline.model import Annotation, Article, Story, StorySignature

log = logging.getLogger(__name__)


@dataclass
class _Signal:
    id: str
    vector: np.ndarray | None
    entities: Counter[str]
    day: date | None


@dataclass
class _Story:
    key: int
    members: list[str] = field(default_factory=list)
    total: np.ndarray | None = None  # sum of member vectors
    entities: Counter[str] = field(default_factory=Counter)
    last: date | None = None
    first: date | None = None
    seeded: Story | None = None  # the stored story it continues (incremental builds)

    def centroid(self) -> np.ndarray | None:
        if self.total is None:
            return None
        n = float(np.linalg.norm(self.total))
        return self.total / n if n else None


class _Segments:
    """HNSW indexes of article vectors, one per time segment; old segments are dropped."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.indexes: dict[int, faiss.Index] = {}
        self.owners: dict[int, list[tuple[int, str]]] = {}  # segment -> (story key, article)

    def add(self, segment: int, vector: np.ndarray, story: int, article: str = "") -> None:
        if segment not in self.indexes:
            index = faiss.IndexHNSWFlat(self.dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 64
            self.indexes[segment], self.owners[segment] = index, []
        self.indexes[segment].add(vector.reshape(1, -1))
        self.owners[segment].append((story, article))

    def search(self, segments: Sequence[int], vector: np.ndarray) -> list[tuple[int, str, float]]:
        """(story key, article, similarity) of the nearest indexed vectors."""
        hits: list[tuple[int, str, float]] = []
        query = vector.reshape(1, -1)
        for seg in segments:
            index = self.indexes.get(seg)
            if index is None or index.ntotal == 0:
                continue
            sims, rows = index.search(query, min(NEIGHBOURS, index.ntotal))
            hits += [
                (*self.owners[seg][r], float(s))
                for s, r in zip(sims[0], rows[0], strict=True)
                if r >= 0
            ]
        return hits

    def drop_before(self, segment: int) -> None:
        for seg in [s for s in self.indexes if s < segment]:
            del self.indexes[seg], self.owners[seg]


def _signal(article: Article, annotation: Annotation) -> _Signal:
    vec = article_vector(annotation)
    ok = vec.size > 1 and float(np.linalg.norm(vec)) > 0
    ents = Counter(
        " ".join(m.text.lower().split()) for m in annotation.mentions if m.label in ENTITY_LABELS
    )
    day = date.fromisoformat(article.published.date) if article.published.date else None
    return _Signal(
        article.id,
        vec.astype(np.float32) if ok else None,
        Counter(dict(ents.most_common(KEY_ENTITIES))),
        day,
    )


class StreamDetector(_Splitter):
    """Assigns articles, one at a time in publication order, to stories."""

    def __init__(
        self,
        threshold: float | None = None,
        window_days: int | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.w = weights or Weights()
        self.threshold = self.w.threshold if threshold is None else threshold
        self.window = self.w.window_days if window_days is None else window_days
        self.stories: dict[int, _Story] = {}
        self.parent: dict[int, int] = {}  # merged story key -> the key it merged into
        self.by_entity: dict[str, list[int]] = defaultdict(list)
        self.df: Counter[str] = Counter()  # articles seen per entity
        self.seen = 0
        self.segments: _Segments | None = None
        self.undated_segment = -1
        self.signals: dict[str, _Signal] = {}

    # -- lookups
    def _find(self, key: int) -> int:
        while key in self.parent:
            key = self.parent[key]
        return key

    def _segment(self, day: date | None) -> int:
        return day.toordinal() // SEGMENT_DAYS if day else self.undated_segment

    def _in_window(self, story: _Story, day: date | None) -> bool:
        if day is None or story.last is None:
            return True
        first = story.first or story.last
        return (first - day).days <= self.window and (day - story.last).days <= self.window

    def _candidates(self, sig: _Signal) -> dict[int, list[tuple[float, str]]]:
        """Story key -> (similarity, member) of the article's nearest members in it."""
        cands: dict[int, list[tuple[float, str]]] = defaultdict(list)
        if sig.vector is not None and self.segments is not None:
            segs = [self.undated_segment]
            if sig.day is not None:
                now = self._segment(sig.day)
                span = self.window // SEGMENT_DAYS + 1
                segs += list(range(now - span, now + 1))
            for key, member, sim in self.segments.search(segs, sig.vector):
                cands[self._find(key)].append((sim, member))
        for ent in sig.entities:
            for key in self.by_entity.get(ent, [])[-MAX_BLOCK:]:
                cands.setdefault(self._find(key), [])
        return {k: v for k, v in cands.items() if self._in_window(self.stories[k], sig.day)}

    def _score(
        self, sig: _Signal, story: _Story, near: list[tuple[float, str]]
    ) -> tuple[float, float]:
        """(score, text similarity) of the article against one story."""
        text = 0.0
        centroid = story.centroid()
        if sig.vector is not None and centroid is not None:
            csim = float(sig.vector @ centroid)
            top = sorted((sim for sim, _ in near), reverse=True)[:3]
            text = 0.5 * csim + 0.5 * (sum(top) / len(top)) if top else csim
        ent = self.w.entity_center  # neutral when the article names nothing
        if sig.entities:
            total = sum(self._idf(e) for e in sig.entities)
            support = max(1.0, self.w.entity_support * len(story.members))
            known = [e for e in sig.entities if story.entities[e] >= support]
            ent = sum(self._idf(e) for e in known) / total
        gap = abs((sig.day - story.last).days) if sig.day and story.last else 0
        time = self.w.time_penalty * min(gap / self.window, 1.0)
        if sig.vector is None or centroid is None:
            # No text to compare: joins when the story knows half its key entities.
            return self.threshold * ent / ENTITY_ONLY_SHARE - time, text
        alone = self.w.unshared if self._unshared(sig, story, near) else 0.0
        return text + self.w.entities * (ent - self.w.entity_center) - time - alone, text

    def _unshared(self, sig: _Signal, story: _Story, near: list[tuple[float, str]]) -> bool:
        """Whether the article names entities and its nearest members in the story name
        too few of them (a share of the article's key entities, rare ones weighing more):
        a likeness of wording alone (reports of one genre on different subjects, sharing
        at most a country or an exchange) does not make a story."""
        if not self.w.unshared or not sig.entities:
            return False
        ids = [m for _, m in sorted(near, reverse=True)[: self.w.unshared_near] if m]
        if self.w.unshared_scope == "story" or not ids:
            named = {e for e in sig.entities if story.entities[e]}
        else:
            named = {e for m in ids for e in self.signals[m].entities} & set(sig.entities)
        if not named:
            return True
        total = sum(self._idf(e) for e in sig.entities)
        return sum(self._idf(e) for e in named) / total < self.w.unshared_share

    # -- updates
    def add(self, sig: _Signal) -> int:
        self.signals[sig.id] = sig
        if sig.vector is not None and self.segments is None:
            self.segments = _Segments(sig.vector.shape[0])
        if sig.vector is not None and self.segments and sig.vector.shape[0] != self.segments.dim:
            sig.vector = None
        scored = sorted(
            (
                (self._score(sig, self.stories[k], near), k)
                for k, near in self._candidates(sig).items()
            ),
            key=lambda x: (-x[0][0], x[1]),
        )
        if scored and scored[0][0][0] >= self.threshold:
            key = scored[0][1]
            for (score, _), other in scored[1:3]:
                if score >= self.w.merge and self._close(key, other):
                    key = self._merge(key, other)
        else:
            key = len(self.stories) + len(self.parent)
            self.stories[key] = _Story(key)
        self._join(key, sig)
        return key

    def seed(self, story: Story) -> int:
        """Continue a stored story from its signature, without its members' vectors."""
        sig = story.signature or StorySignature()
        key = len(self.stories) + len(self.parent)
        total = np.frombuffer(sig.total, dtype=np.float32).copy() if sig.dim else None
        item = _Story(
            key,
            members=list(story.articles),
            total=total,
            entities=Counter(sig.entities),
            last=date.fromisoformat(sig.last) if sig.last else None,
            first=date.fromisoformat(sig.first) if sig.first else None,
            seeded=story,
        )
        self.stories[key] = item
        for ent, n in item.entities.items():
            self.by_entity[ent].append(key)
            self.df[ent] += n
        self.seen += len(story.articles)
        centroid = item.centroid()
        if centroid is not None:
            if self.segments is None:
                self.segments = _Segments(centroid.shape[0])
            if centroid.shape[0] == self.segments.dim:
                # The centroid stands in for the members in the nearest-neighbour index.
                self.segments.add(self._segment(item.last), centroid.astype(np.float32), key)
        return key

    def _close(self, a: int, b: int) -> bool:
        ca, cb = self.stories[a].centroid(), self.stories[b].centroid()
        return ca is not None and cb is not None and float(ca @ cb) >= self.w.merge

    def _merge(self, a: int, b: int) -> int:
        keep, gone = min(a, b), max(a, b)  # the older story absorbs the younger
        s, g = self.stories[keep], self.stories.pop(gone)
        s.members += g.members
        s.total = (
            g.total if s.total is None else (s.total if g.total is None else s.total + g.total)
        )
        s.entities.update(g.entities)
        s.last = max((d for d in (s.last, g.last) if d), default=None)
        s.first = min((d for d in (s.first, g.first) if d), default=None)
        s.seeded = s.seeded or g.seeded
        for ent in g.entities:
            self.by_entity[ent].append(keep)
        self.parent[gone] = keep
        log.debug("stories %d and %d merged", keep, gone)
        return keep

    def _join(self, key: int, sig: _Signal) -> None:
        story = self.stories[key]
        story.members.append(sig.id)
        if sig.vector is not None:
            story.total = sig.vector.copy() if story.total is None else story.total + sig.vector
            assert self.segments is not None
            self.segments.add(self._segment(sig.day), sig.vector, key, sig.id)
        for ent in sig.entities:
            if not story.entities[ent]:
                self.by_entity[ent].append(key)
            self.df[ent] += 1
        story.entities.update(set(sig.entities))  # articles per entity
        self.seen += 1
        if sig.day and (story.first is None or sig.day < story.first):
            story.first = sig.day
        if sig.day and (story.last is None or sig.day > story.last):
            story.last = sig.day
            if self.segments is not None:
                self.segments.drop_before(self._segment(sig.day) - self.window // SEGMENT_DAYS - 1)

    # -- after the pass
    def consolidate(self) -> None:
        """Stories that drifted apart while the stream ran, but whose centroids are
        close and whose main entities agree, become one (nearest stories only)."""
        keys = [k for k, s in self.stories.items() if s.centroid() is not None]
        if len(keys) < 2:
            return
        centroids = [self.stories[k].centroid() for k in keys]
        mat = np.vstack([c for c in centroids if c is not None]).astype(np.float32)
        index = faiss.IndexFlatIP(mat.shape[1])  # over story centroids, not articles
        index.add(mat)
        sims, rows = index.search(mat, min(NEIGHBOURS, len(keys)))
        profiles = {k: self._profile(self.stories[k]) for k in keys}
        pairs = []
        for i, k in enumerate(keys):
            for sim, j in zip(sims[i], rows[i], strict=True):
                if j <= i or sim < self.w.story_link:
                    continue
                other = keys[j]
                a, b = profiles[k], profiles[other]
                shared = sum(min(a[e], b[e]) for e in a.keys() & b.keys())
                overlap = shared / (min(sum(a.values()), sum(b.values())) or 1.0)
                if overlap >= self.w.story_entities and self._overlap_in_time(k, other):
                    pairs.append((-float(sim), k, other))
        for _, k, other in sorted(pairs):
            x, y = self._find(k), self._find(other)
            if x != y:
                self._merge(x, y)

    def _profile(self, story: _Story, top: int = 20) -> dict[str, float]:
        n = max(len(story.members), 1)
        return {e: c / n for e, c in story.entities.most_common(top)}

    def _overlap_in_time(self, a: int, b: int) -> bool:
        sa, sb = self.stories[a], self.stories[b]
        if not (sa.first and sa.last and sb.first and sb.last):
            return True
        gap = max((sb.first - sa.last).days, (sa.first - sb.last).days)
        return gap <= self.window

    def groups(self, split: bool = True) -> list[_Story]:
        """The stories, each split where its members fall apart (when ``split``)."""
        out: list[_Story] = []
        for story in self.stories.values():
            parts = self._split(story.members) if split and story.seeded is None else []
            if len(parts) < 2:
                out.append(story)
                continue
            for part in parts:
                out.append(self._aggregate(part))
        return out

    def _aggregate(self, members: list[str]) -> _Story:
        item = _Story(-1, members=members)
        for m in members:
            sig = self.signals[m]
            if sig.vector is not None:
                item.total = sig.vector.copy() if item.total is None else item.total + sig.vector
            item.entities.update(set(sig.entities))
            if sig.day:
                item.first = min(item.first or sig.day, sig.day)
                item.last = max(item.last or sig.day, sig.day)
        return item
