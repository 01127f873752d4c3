"""DATEWISE, the baseline of Gholipour Ghalandari & Ifrim (ACL 2020), on storyline's annotations.

"Examining the State-of-the-Art in News Timeline Summarization" ranks days with a supervised
model over per-day counts, then writes each chosen day from the sentences published on it or
mentioning it, picking those closest to the day's TF-IDF centroid. Written here from the
paper's description (and a reading of news-tls), for ``eval_tls.py --method datewise``; it
uses no part of ``storyline.synthesize``, only the same ingested and annotated records.

- **Date mentions** are storyline's own time expressions (``Annotation.timexes``, DATE values
  at day granularity); a sentence's date is its first such day, as in news-tls.
- **Features of a day** (per collection, each column L2-normalized across the collection's
  days): sentences mentioning it, of those how many were published after it and before it;
  reports mentioning it, after and before; reports published on it.
- **Ranker**: ridge regression of "the day is in the gold timeline" (1/0) on those features,
  trained on other topics only (``fit``); ``eval_tls.py`` trains it leave-one-topic-out.
- **Candidates for a day**: sentences mentioning it, and the first ``CLIP`` undated sentences
  of reports published on it or the next day (``PUB_END``); a day's centroid is the mean of
  the mention centroid and the publication centroid over the words both share, candidates
  above the knee of their similarity curve are kept (news-tls's "PM-Mean").
- **Summary**: greedily the sentence that brings the summary's TF-IDF vector closest to the
  centroid of the day's kept candidates, skipping exact repeats.
- **No query.** The paper filters summary sentences by a hand-given keyword list; storyline
  is given none, so neither is this baseline (its only text filter is the length bounds
  both methods use).
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyline.model import Annotation, Article

CLIP = 5  # opening sentences of a report that stand for its publication days
PUB_END = 2  # a report stands for its publication day and the day before
RIDGE = 1e-3
MIN_WORDS, MAX_WORDS = 6, 45  # the same length bounds as storyline's entries
FEATURES = (
    "sents_total",
    "sents_before",
    "sents_after",
    "docs_total",
    "docs_before",
    "docs_after",
    "docs_published",
)
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
    ]
)


@dataclass
class Collection:
    """The reports of one gold timeline's window, with each sentence's first mentioned day."""

    published: dict[str, datetime.date]
    sentences: dict[str, list[str]]  # article -> its sentences, in order
    dated: dict[str, dict[int, datetime.date]]  # article -> sentence index -> its first day


def collection(articles: Sequence[Article], annotations: Sequence[Annotation]) -> Collection:
    published = {
        a.id: datetime.date.fromisoformat(a.published.date[:10])
        for a in articles
        if a.published.date
    }
    sentences: dict[str, list[str]] = {}
    dated: dict[str, dict[int, datetime.date]] = {}
    for ann in annotations:
        if ann.article not in published:
            continue
        sentences[ann.article] = [s.text for s in ann.sentences]
        first: dict[int, datetime.date] = {}
        for t in sorted(ann.timexes, key=lambda t: t.start):
            if t.type != "DATE" or t.granularity != "day" or t.sentence in first:
                continue
            try:
                first[t.sentence] = datetime.date.fromisoformat(t.value[:10])
            except ValueError:
                continue
        dated[ann.article] = first
    return Collection(published, sentences, dated)


def features(coll: Collection, days: Sequence[datetime.date]) -> np.ndarray:
    """One row per day of ``days``: the seven counts, columns L2-normalized."""
    counts: dict[datetime.date, Counter[str]] = defaultdict(Counter)
    for art, pub in coll.published.items():
        counts[pub]["docs_published"] += 1
        mentioned = set()
        for d in coll.dated.get(art, {}).values():
            counts[d]["sents_total"] += 1
            side = "after" if pub > d else "before" if pub < d else ""
            if side:
                counts[d][f"sents_{side}"] += 1
            mentioned.add(d)
        for d in mentioned:
            counts[d]["docs_total"] += 1
            side = "after" if pub > d else "before" if pub < d else ""
            if side:
                counts[d][f"docs_{side}"] += 1
    x = np.array([[counts[d][f] for f in FEATURES] for d in days], dtype=float)
    norms = np.linalg.norm(x, axis=0)
    return x / np.where(norms > 0, norms, 1.0)


def candidate_days(
    coll: Collection, span: tuple[datetime.date, datetime.date]
) -> list[datetime.date]:
    days = set(coll.published.values())
    for first in coll.dated.values():
        days.update(first.values())
    return sorted(d for d in days if span[0] <= d <= span[1])


def fit(samples: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Ridge regression weights (with intercept) from (features, 0/1 labels) pairs."""
    x = np.vstack([s[0] for s in samples])
    y = np.concatenate([s[1] for s in samples])
    x1 = np.hstack([x, np.ones((len(x), 1))])
    return np.linalg.solve(x1.T @ x1 + RIDGE * np.eye(x1.shape[1]), x1.T @ y)


def rank_days(
    coll: Collection, days: Sequence[datetime.date], w: np.ndarray
) -> list[datetime.date]:
    x = features(coll, days)
    score = np.hstack([x, np.ones((len(x), 1))]) @ w
    return [days[i] for i in sorted(range(len(days)), key=lambda i: (-score[i], days[i]))]


def timeline(
    coll: Collection,
    span: tuple[datetime.date, datetime.date],
    w: np.ndarray,
    dates: int,
    per_date: int,
) -> dict[datetime.date, list[str]]:
    """The DATEWISE timeline: ``dates`` days, up to ``per_date`` sentences each."""
    days = candidate_days(coll, span)
    idf = _idf(coll)
    ment, pub = _day_sentences(coll)
    out: dict[datetime.date, list[str]] = {}
    for d in rank_days(coll, days, w):
        if len(out) >= dates:
            break
        summary = _summarize(_candidates(ment[d], pub[d], idf), idf, per_date)
        if summary:
            out[d] = summary
    return out


def coverable_days(
    coll: Collection, span: tuple[datetime.date, datetime.date]
) -> set[datetime.date]:
    """The candidate days DATEWISE can write an entry for: a sentence mentioning the day or
    standing for it (``_day_sentences``) within the length bounds."""
    ment, pub = _day_sentences(coll)
    return {
        d
        for d in candidate_days(coll, span)
        if any(MIN_WORDS <= len(s.split()) <= MAX_WORDS for s in ment[d] + pub[d])
    }


def _day_sentences(
    coll: Collection,
) -> tuple[dict[datetime.date, list[str]], dict[datetime.date, list[str]]]:
    """Per day, the sentences mentioning it (first day timex) and the first ``CLIP`` undated
    sentences of reports that stand for it (published on it or ``PUB_END`` - 1 days after)."""
    ment: dict[datetime.date, list[str]] = defaultdict(list)
    pub: dict[datetime.date, list[str]] = defaultdict(list)
    for art, sents in coll.sentences.items():
        first = coll.dated.get(art, {})
        for i, text in enumerate(sents):
            if i in first:
                ment[first[i]].append(text)
            elif i < CLIP:
                for k in range(PUB_END):
                    pub[coll.published[art] - datetime.timedelta(days=k)].append(text)
    return ment, pub


def _candidates(ment: list[str], pub: list[str], idf: dict[str, float]) -> list[str]:
    """news-tls's PM-Mean: candidates near the centroid both kinds of sentence share."""
    if not ment or not pub:
        return ment or pub
    xm = [_vec(t, idf) for t in ment]
    xp = [_vec(t, idf) for t in pub]
    cm, cp = _sum(xm), _sum(xp)
    centroid = {t: cm[t] / len(ment) + cp[t] / len(pub) for t in cm.keys() & cp.keys()}
    sims = [_cos(centroid, v) for v in xm + xp]
    ordered = sorted(sims, reverse=True)
    cut = ordered[_knee(ordered)]
    kept = [t for t, s in zip(ment + pub, sims, strict=True) if s > 0 and s > cut]
    return kept or ment + pub


def _summarize(sents: list[str], idf: dict[str, float], k: int) -> list[str]:
    sents = [s for s in dict.fromkeys(sents) if MIN_WORDS <= len(s.split()) <= MAX_WORDS]
    if not sents:
        return []
    vecs = [_vec(s, idf) for s in sents]
    centroid = _sum(vecs)
    chosen: list[int] = []
    summary: Counter[str] = Counter()
    while len(chosen) < min(k, len(sents)):
        best, best_score = -1, -1.0
        for i, v in enumerate(vecs):
            if i in chosen:
                continue
            score = _cos(summary + v, centroid)  # type: ignore[operator]
            if score > best_score:
                best, best_score = i, score
        chosen.append(best)
        summary.update(vecs[best])
    return [sents[i] for i in chosen]


def _idf(coll: Collection) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for sents in coll.sentences.values():
        for s in sents:
            df.update(set(_tokens(s)))
            n += 1
    return {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def _vec(text: str, idf: dict[str, float]) -> Counter[str]:
    tf = Counter(_tokens(text))
    v = Counter({w: c * idf.get(w, 0.0) for w, c in tf.items()})
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return Counter({w: x / norm for w, x in v.items()})


def _sum(vecs: Sequence[Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for v in vecs:
        out.update(v)
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items()) / (na * nb)


def _knee(values: Sequence[float]) -> int:
    """The index of the point farthest from the line joining the curve's two ends."""
    n = len(values)
    if n < 3:
        return 0
    pts = np.column_stack([np.arange(n, dtype=float), np.asarray(values, dtype=float)])
    line = pts[-1] - pts[0]
    norm = float(np.linalg.norm(line)) or 1.0
    rel = pts - pts[0]
    dist = np.abs(rel[:, 0] * line[1] - rel[:, 1] * line[0]) / norm
    return int(np.argmax(dist))
