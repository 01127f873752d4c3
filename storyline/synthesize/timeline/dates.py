"""Which days a story's timeline shows, and how many."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from storyline.model import Article, Event

from .config import DEFAULT_WEIGHTS, GRANULARITIES, TimelineConfig


def date_scores(
    events: Sequence[Event],
    source_of: Callable[[str], str],
    published: Mapping[str, str] | None = None,
    references: Mapping[str, frozenset[str]] | None = None,
    listed: Mapping[str, float] | None = None,
    *,
    weights: TimelineConfig = DEFAULT_WEIGHTS,
    relevance: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """How much each date matters to the story by counts (see the module docstring).

    Every date of ``events``, every publication day and every day in ``listed`` gets a
    score. ``references`` maps article id to the days its whole text refers to
    (``date_refs.referenced_days``); with ``published`` it tells which reports
    look back at a day. ``relevance`` (article id -> 0..1, default 1) scales what a
    report adds by publishing on a day or looking back at it. A listed day's
    chronology weight is not added here: ``ranked_dates`` puts listed days first.
    """
    listed = listed or {}
    published = published or {}
    relevance = relevance or {}
    tellers: dict[str, set[str]] = defaultdict(set)
    naming: dict[str, set[str]] = defaultdict(set)
    granularity: dict[str, str] = {}
    for e in events:
        if not e.date or e.granularity not in GRANULARITIES:
            continue
        granularity[e.date] = e.granularity
        tellers[e.date].update(source_of(ev.article) for ev in e.evidence)
        naming[e.date].update(ev.article for ev in e.evidence)
    looking_back: dict[str, set[str]] = defaultdict(set)
    for article, days in (references or {}).items():
        for d in days:
            looking_back[d].add(article)
    for d, arts in naming.items():
        if granularity.get(d) == "day":
            looking_back[d].update(arts)
    later = {
        d: sum(relevance.get(a, 1.0) for a in arts if published.get(a, "") > d)
        for d, arts in looking_back.items()
    }
    on_day: dict[str, float] = defaultdict(float)
    for a, day in published.items():
        on_day[day] += relevance.get(a, 1.0)
    return {
        d: weights.coarse(granularity.get(d, "day"))
        * (
            weights.teller * len(tellers.get(d, ()))
            + weights.published * on_day.get(d, 0)
            + weights.later * later.get(d, 0)
        )
        for d in set(tellers) | set(on_day) | set(later) | set(listed)
    }


def ranked_dates(
    scores: Mapping[str, float],
    listed: Mapping[str, float],
    *,
    slots: int | None = None,
    published: Iterable[str] = (),
) -> list[str]:
    """The dates of ``scores``, most important first: the days the story's chronologies
    list (``listed_by_hindsight``: later chronologies weigh more) ahead of every day only
    counted, then by score.

    An editor's chronology is a choice of days made with hindsight; counts only say
    how often a day came up. Ranking listed days first leaves no weight to tune between
    the two (a weight did not survive leave-one-topic-out: docs/experiments.md,
    "Timelines: issue 17, third round"). With ``slots`` (the days the timeline shows)
    and ``published`` (its reports' publication days), listed days take at most the
    share of the slots that ``listed_reach`` gives (at least one): a chronology written in
    the story's first months speaks for those months, not for the whole timeline (the
    listed days beyond it rank by score with the rest).
    """
    counted = sorted(scores, key=lambda d: (-scores[d], -len(d), d))
    first = sorted(
        (d for d in scores if listed.get(d, 0.0) > 0),
        key=lambda d: (-listed[d], -scores[d], -len(d), d),
    )
    if slots is not None:
        first = first[: max(1, math.ceil(listed_reach(listed, published) * slots))]
    head = set(first)
    return first + [d for d in counted if d not in head]


def listed_reach(listed: Mapping[str, float], published: Iterable[str]) -> float:
    """The share of the story's publication days (ISO days or timestamps) up to the
    latest day its chronologies list: how much of the story they were written about
    (1.0 without publication days)."""
    days = {p[:10] for p in published if p}
    if not listed or not days:
        return 1.0
    last = max(listed)
    return sum(d <= last for d in days) / len(days)


def auto_dates(articles: Sequence[Article], config: TimelineConfig = DEFAULT_WEIGHTS) -> int:
    """How many days a story's timeline shows: ``config.auto_dates`` times the square root of
    the number of days its reports were published on.

    Chosen leave-one-topic-out on the Timeline17 gold timelines: the median of gold
    dates over the square root of publication days in the window was 4.0 to 4.3 on
    every six topics out of seven (1.1 to 10.7 per timeline), and gold days hold a
    median 2.1 to 2.7 sentences (``config.auto_per_date``). A 20-day burst of 260 reports gets
    18 days, a 10-month story with 300 publication days 69 (under the cap).
    """
    days = {a.published.date[:10] for a in articles if a.published.date}
    return max(1, round(config.auto_dates * math.sqrt(len(days))))
