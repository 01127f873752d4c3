"""Merging dated sentences across articles into events."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from storyline.link.predicates import Side, opposed, sides_of
from storyline.memo import Memo
from storyline.model import Event, EventStatus, Evidence, Granularity

from .config import EVENTS, EventsConfig
from .status import STATUS_RANK

_TOKEN = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "been",
        "will",
        "would",
        "their",
        "there",
        "about",
        "after",
        "before",
        "which",
        "when",
        "where",
        "while",
        "said",
        "says",
        "also",
        "into",
        "over",
        "than",
        "they",
        "them",
        "what",
        "last",
        "next",
        "early",
        "late",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "today",
        "yesterday",
        "tomorrow",
    ]
)


def _window(sentence: str, start: int, end: int, config: EventsConfig = EVENTS) -> frozenset[str]:
    """Content-word stems within ``config.window_words`` words of the time expression,
    itself left out.

    A five-letter prefix is a crude stem ("meeting"/"meets"), enough to compare two
    short windows; a full lemmatizer would need the spaCy doc, which this stage does not have.
    """
    before = _TOKEN.findall(sentence[:start])[-config.window_words :]
    after = _TOKEN.findall(sentence[end:])[: config.window_words]
    return frozenset(w.lower()[:5] for w in before + after if w.lower() not in _STOP)


@dataclass
class _Raw:
    article: str
    sentence: int
    text: str
    date: str
    granularity: Granularity
    status: EventStatus
    published: str
    vector: np.ndarray
    entities: frozenset[str]
    window: frozenset[str]
    clause: str | None = None  # the clause its date governs, when the sentence dates several
    # What the merge test reads of it besides its date, as one hashable value (article,
    # sentence, a digest of its article's vectors and their size, status, entities,
    # window); None: its blocks are not kept (``_BLOCKS``).
    token: tuple[object, ...] | None = None


# What happened, what was planned or expected, and what was called off stay apart:
# a plan and its cancellation are two entries of the timeline ("will hold a hearing
# on April 4", then "called off the hearing planned for April 4"), not one.
_KIND: dict[str, str] = {
    "occurred": "occurred",
    "cancelled": "cancelled",
    "planned": "plan",
    "expected": "plan",
}


def _merge(raws: list[_Raw], config: EventsConfig = EVENTS) -> list[list[_Raw]]:
    """Union events with compatible dates and similar sentences (blocked by year).

    Dates are compatible when they can be one: the same, or one a prefix of the
    other ("2010-05-03", "2010-05", "2010"). Each year's events are compared with
    matrix products: a story of a thousand reports has tens of thousands of dated
    sentences in one year, too many to compare pair by pair in Python.
    """
    if not raws:
        return []  # a story with no dated sentence
    from scipy.cluster.hierarchy import DisjointSet

    joined = DisjointSet(range(len(raws)))
    by_year: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(raws):
        by_year[r.date[:4]].append(i)
    # The sides each group's sentences take on contrary verb axes ("opened" / "closed",
    # "raised" / "cut": ``predicates``): two groups that take opposite sides are two
    # events however alike their words, as they are two claims.
    sides: dict[int, set[frozenset[Side]]] = {}
    for i, r in enumerate(raws):
        taken = sides_of(r.text)
        if taken:
            sides[i] = {taken}
    table = _PairTable(raws, config)
    for members in by_year.values():
        for a, b in table.pairs(members):
            ra, rb = joined[a], joined[b]
            if ra == rb:
                continue
            sa, sb = sides.pop(ra, set()), sides.pop(rb, set())
            if sa and sb and any(opposed(x, y) for x in sa for y in sb):
                sides[ra], sides[rb] = sa, sb
                continue
            joined.merge(a, b)
            if sa | sb:
                sides[joined[a]] = sa | sb
    groups: dict[int, list[_Raw]] = defaultdict(list)
    for i, r in enumerate(raws):
        groups[joined[i]].append(r)
    out = []
    for g in groups.values():
        out.extend(_split_inconsistent(g))
    return out


# The pairs of one block of ``_PairTable`` (one date's events against one of its
# prefixes'), as positions in the block, keyed by everything the test reads of the
# block's events: a story that gains a report compares again only the blocks of the
# dates its sentences name.
_BLOCKS: Memo[list[tuple[int, int]]] = Memo("link.event_blocks", size=5000)


class _PairTable:
    """The merge test of ``_merge`` for whole blocks of events at once."""

    CHUNK = 512

    def __init__(self, raws: list[_Raw], config: EventsConfig = EVENTS) -> None:
        self.config = config
        from scipy import sparse

        dim = max(r.vector.shape[0] for r in raws)
        tokens = [r.token for r in raws]
        self.tokens = None if any(t is None for t in tokens) else tokens
        self.dim = dim
        self.vectors = np.vstack(
            [r.vector if r.vector.shape[0] == dim else np.zeros(dim, np.float32) for r in raws]
        ).astype(np.float32)
        self.kinds = np.array([_KIND[r.status] for r in raws])
        sentence_ids: dict[tuple[str, int], int] = {}
        self.sentences = np.array(
            [sentence_ids.setdefault((r.article, r.sentence), len(sentence_ids)) for r in raws]
        )

        def incidence(sets: list[frozenset[str]]) -> sparse.csr_matrix:
            vocab: dict[str, int] = {}
            cols = [vocab.setdefault(x, len(vocab)) for s in sets for x in s]
            indptr = np.cumsum([0, *(len(s) for s in sets)])
            data = np.ones(len(cols), dtype=np.float32)
            return sparse.csr_matrix((data, cols, indptr), shape=(len(sets), max(1, len(vocab))))

        self.entities = incidence([r.entities for r in raws])
        self.windows = incidence([r.window for r in raws])
        self.window_sizes = np.array([len(r.window) for r in raws], dtype=np.float32)
        dates = {d: k for k, d in enumerate(sorted({r.date for r in raws}))}
        self.date_ids = np.array([dates[r.date] for r in raws])
        # date_prefixes[d]: the dates of the story that are date d or a prefix of it.
        self.date_prefixes = {
            k: [dates[d[:n]] for n in range(4, len(d) + 1) if d[:n] in dates]
            for d, k in dates.items()
        }

    def pairs(self, members: list[int]) -> list[tuple[int, int]]:
        """Pairs of ``members`` (each pair once) that are one event.

        Members are compared date by date: those of one date with each other and with
        those of the dates that are a prefix of it ("2010-05-03" with "2010-05" and
        "2010"), the only dates compatible with it that a year's members can have; a
        year of a big story holds thousands of events over hundreds of dates.
        """
        out: list[tuple[int, int]] = []
        by_date: dict[int, list[int]] = defaultdict(list)
        for m in members:
            by_date[int(self.date_ids[m])].append(m)
        for date, group in by_date.items():
            rows = np.array(group)
            for prefix in self.date_prefixes[date]:
                if prefix in by_date:
                    out.extend(self._kept_block(rows, np.array(by_date[prefix]), prefix == date))
        return out

    def _kept_block(self, rows: np.ndarray, cols: np.ndarray, same: bool) -> list[tuple[int, int]]:
        """``_block``, taken from ``_BLOCKS`` when its events were compared before."""
        if self.tokens is None:
            return self._block(rows, cols, same)
        tokens = self.tokens
        key = (
            same,
            self.dim,
            self.config,
            tuple(tokens[i] for i in rows),
            () if same else tuple(tokens[j] for j in cols),
        )

        def make() -> list[tuple[int, int]]:
            at_row = {int(r): n for n, r in enumerate(rows)}
            at_col = {int(c): n for n, c in enumerate(cols)}
            return [(at_row[a], at_col[b]) for a, b in self._block(rows, cols, same)]

        return [(int(rows[a]), int(cols[b])) for a, b in _BLOCKS.get(key, make)]

    def _block(self, rows: np.ndarray, cols: np.ndarray, same: bool) -> list[tuple[int, int]]:
        """The pairs of ``rows`` x ``cols`` that are one event (of ``rows`` alone, each
        pair once, when ``same``), a chunk of rows at a time."""
        out: list[tuple[int, int]] = []
        for start in range(0, len(rows), self.CHUNK):
            part = rows[start : start + self.CHUNK]
            rest = cols[start:] if same else cols
            ok = self.kinds[part][:, None] == self.kinds[rest][None, :]
            ok &= self.sentences[part][:, None] != self.sentences[rest][None, :]
            if same:
                ok &= np.arange(len(part))[:, None] < np.arange(len(rest))[None, :]
            keep = np.flatnonzero(ok.any(axis=0))
            if not len(keep):
                continue
            rest, ok = rest[keep], ok[:, keep]
            sims = self.vectors[part] @ self.vectors[rest].T
            shared = (self.entities[part] @ self.entities[rest].T).toarray()
            inter = (self.windows[part] @ self.windows[rest].T).toarray()
            union = self.window_sizes[part][:, None] + self.window_sizes[rest][None, :] - inter
            near = inter / np.maximum(union, 1.0)
            c = self.config
            ok &= (sims >= c.merge_similarity) | (
                (shared >= c.entity_merge)
                & ((sims >= c.entity_merge_similarity) | (near >= c.near))
            )
            for i, j in zip(*np.nonzero(ok), strict=True):
                out.append((int(part[i]), int(rest[j])))
        return out


def _split_inconsistent(group: list[_Raw]) -> list[list[_Raw]]:
    """Keep the finest date only if every member is consistent with it; split the rest off."""
    finest = max(group, key=lambda r: (len(r.date), -len(r.text)))
    keep = [r for r in group if finest.date.startswith(r.date)]
    rest = [r for r in group if not finest.date.startswith(r.date)]
    return [keep, *(_split_inconsistent(rest) if rest else [])]


def _event(group: list[_Raw], entities_in: Callable[[str, int], list[str]]) -> Event:
    finest = max(group, key=lambda r: len(r.date))
    at_finest = [r for r in group if r.date == finest.date]
    latest = max(group, key=lambda r: (r.published, STATUS_RANK[r.status]))
    status = latest.status
    if any(r.status == "cancelled" for r in group) and status in ("planned", "expected"):
        status = "cancelled"
    if any(r.status == "occurred" for r in group) and status in ("planned", "expected"):
        status = "occurred"
    # The event's text: the most central sentence that gives the finest date and
    # tells it with the event's status.
    pool = [r for r in at_finest if r.status == status] or at_finest
    centroid = np.mean([r.vector for r in group], axis=0)
    rep = max(pool, key=lambda r: (float(r.vector @ centroid), -len(r.text)))
    seen: set[tuple[str, int]] = set()
    evidence = []
    entities: list[str] = []
    for r in sorted(group, key=lambda r: (r.published, r.article, r.sentence)):
        if (r.article, r.sentence) in seen:
            continue
        seen.add((r.article, r.sentence))
        evidence.append(Evidence(article=r.article, sentence=r.sentence, text=r.text))
        for e in entities_in(r.article, r.sentence):
            if e not in entities:
                entities.append(e)
    return Event(
        date=finest.date,
        granularity=finest.granularity,
        status=status,
        text=rep.clause or rep.text,
        entities=entities,
        evidence=evidence,
    )
