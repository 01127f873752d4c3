"""Publication dates for undated articles, inferred from the story.

An undated article still says "on Monday" or "last Wednesday". Read against a
candidate publication date, those expressions name days; the candidate that makes
them agree with the days the story's dated articles give for the same events
(similar sentences) wins. Candidates are the dated articles' publication days and
the day after each (a report often runs the next day). Ties go to the day of the
dated article most similar to this one. With nothing to match, that most similar
article's day is used, and the note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

from storyline.link.vectors import article_vector
from storyline.model import Annotation, Article, Published, TimeExpr

MATCH = 0.45  # sentence similarity for "the same event"
LAG_DAYS = (0, 1)


def candidate_dates(dated: Sequence[Article]) -> list[date]:
    days = {
        date.fromisoformat(a.published.date) + timedelta(days=lag)
        for a in dated
        if a.published.date
        for lag in LAG_DAYS
    }
    return sorted(days)


def infer_date(
    annotation: Annotation,
    readings: dict[date, list[TimeExpr]],
    dated: Sequence[tuple[Article, Annotation]],
) -> Published | None:
    """The most consistent publication date for the article of ``annotation``.

    ``readings`` holds the article's time expressions read against each candidate
    date; ``dated`` the story's articles whose date is known from the source.
    """
    if not dated or not readings:
        return None
    vecs = annotation.vectors()
    mine = article_vector(annotation)
    nearest_art, nearest_sim = max(
        ((a, float(article_vector(n) @ mine)) for a, n in dated), key=lambda x: x[1]
    )
    nearest_day = date.fromisoformat(nearest_art.published.date or "")

    refs: dict[str, list[tuple[np.ndarray, str]]] = {}
    for art, ann in dated:
        rv = ann.vectors()
        for t in ann.timexes:
            if t.type == "DATE" and len(t.value) == 10 and t.value[4] == "-":
                refs.setdefault(t.value, []).append((rv[t.sentence], art.path or art.id))

    best: tuple[float, int, int] | None = None
    best_why: list[str] = []
    for day, timexes in readings.items():
        score, why = 0.0, []
        for t in timexes:
            if t.type != "DATE" or not t.relative or t.value not in refs:
                continue
            sim = max(float(vecs[t.sentence] @ v) for v, _ in refs[t.value])
            if sim >= MATCH:
                score += sim
                src = max(refs[t.value], key=lambda r: float(vecs[t.sentence] @ r[0]))[1]
                why.append(f"'{t.text}' = {t.value} as in {src}")
        key = (round(score, 6), -abs((day - nearest_day).days), -day.toordinal())
        if best is None or key > best:
            best, best_why = key, why
    assert best is not None
    day = date.fromordinal(-best[2])
    if best[0] > 0:
        note = "inferred from " + "; ".join(best_why)
    else:
        day = nearest_day
        note = (
            f"no relative date matched; the date of the most similar dated article "
            f"({nearest_art.path or nearest_art.id}, similarity {nearest_sim:.2f})"
        )
    return Published(date=day.isoformat(), basis="inferred", note=note)
