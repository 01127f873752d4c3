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
from datetime import date

import numpy as np

from storyline.calendar_safe import shift_days
from storyline.link.vectors import article_vector
from storyline.model import Annotation, Article, Published, TimeExpr

MATCH = 0.45  # sentence similarity for "the same event"
LAG_DAYS = (0, 1)


def _day_of(article: Article) -> date | None:
    """The article's publication day; None without one, or with one no calendar has
    ("0000-00-00", held by stores from before ingest checked dates)."""
    try:
        return date.fromisoformat((article.published.date or "")[:10])
    except ValueError:
        return None


def candidate_dates(dated: Sequence[Article]) -> list[date]:
    """The dated articles' days and the days after them; a day past 9999-12-31 is none."""
    days = {shift_days(day, lag) for a in dated if (day := _day_of(a)) for lag in LAG_DAYS}
    return sorted(d for d in days if d is not None)


def infer_date(
    annotation: Annotation,
    readings: dict[date, list[TimeExpr]],
    dated: Sequence[tuple[Article, Annotation]],
) -> Published | None:
    """The most consistent publication date for the article of ``annotation``.

    ``readings`` holds the article's time expressions read against each candidate
    date; ``dated`` the story's articles whose date is known from the source.
    """
    dated = [(a, n) for a, n in dated if _day_of(a) is not None]
    if not dated or not readings:
        return None
    vecs = annotation.vectors()
    mine = article_vector(annotation)
    nearest_art, nearest_sim = max(
        ((a, float(article_vector(n) @ mine)) for a, n in dated), key=lambda x: x[1]
    )
    nearest_day = _day_of(nearest_art)
    assert nearest_day is not None  # dated holds only articles with a day

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
