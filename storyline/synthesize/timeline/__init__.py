"""The story's timeline, chosen from the whole story rather than article by article.

1. **Dates.** The days this story's chronologies list come first (``dates.ranked_dates``:
   an editor's choice made with hindsight), up to the share of the timeline's days that
   the stretch of the story they cover takes (``dates.listed_reach``); then a day matters
   when later reports come back to it, independent sources date events to it and reports
   burst on it (``dates.date_scores``): what reporters keep returning to is what a
   timeline holds.
2. **Entries.** For each chosen day, its most told and most central events (cosine to
   the day's MiniLM centroid, and to the TF-IDF centroid of the day's other candidates
   over the words several of its reports use; fresh tellings and chronology lines
   preferred; ``entries._pick``), so an entry reads like what most reports say happened.
3. **No repeats.** A sentence too close to one already chosen is skipped.
4. **This story only.** Only report bodies count (``Article.zones`` are left out); the
   story's key names (``reading.story_terms``) are its query: reader comments, sidebars
   and another story's chronology do not date it.
5. **Events, not views.** A sentence in its writer's own voice (``voice``: "I", "we"
   outside a quotation) and a roundup's sentence about another story
   (``reading.roundups``) are no entry; they still count for their day's score.

Weights and limits: ``config.TimelineConfig``, chosen leave-one-topic-out on Timeline17
(``benchmarks/eval_tls.py --loto``; history in docs/experiments.md, "Timelines"). The
dossier and the benchmark run this same function; the benchmark only sets how many
dates, how many sentences per date and the window (``span``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypedDict, Unpack

from storyline.date_refs import referenced_days
from storyline.model import Annotation, Article, Event, Evidence, TimelineEntry

from .candidates import (
    chronology_events,
    is_table,
    lede_events,
    listed_by_hindsight,
    story_candidates,
    story_chronologies,
)
from .config import DEFAULT_WEIGHTS, GRANULARITIES, TimelineConfig, Weights
from .dates import auto_dates, date_scores
from .entries import _entry, _told_at, build_timeline, sentence_vectors, tells_something
from .reading import (
    body_only,
    not_borrowed,
    off_story,
    on_story,
    others_names,
    relevance,
    roundups,
    stop_words_of,
    story_terms,
    telling_of,
    within_span,
    within_story,
)
from .voice import is_editorial, tells_as_reporter

__all__ = [
    "DEFAULT_WEIGHTS",
    "TimelineConfig",
    "Weights",
    "auto_dates",
    "body_only",
    "build_timeline",
    "chronology_events",
    "date_scores",
    "dossier_timeline",
    "lede_events",
    "listed_by_hindsight",
    "relevance",
    "sentence_vectors",
    "story_candidates",
    "story_chronologies",
    "story_terms",
    "story_timeline",
    "tells_something",
    "within_span",
]


class TimelineOptions(TypedDict, total=False):
    """The keywords ``story_timeline`` passes on to ``dossier_timeline``."""

    max_events: int | None
    dates: int | None
    per_date: int | None
    span: tuple[str, str] | None
    weights: TimelineConfig


def story_timeline(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    source_of: Callable[[str], str],
    **options: Unpack[TimelineOptions],
) -> list[TimelineEntry]:
    """The timeline of a story: what every dossier shows and what the benchmark scores.

    With ``span`` (first and last ISO day, inclusive) the timeline covers that window
    only: it is read from the reports published within it, and its dates fall within it.
    Without ``dates`` the number of days adapts to the story (``auto_dates``), each with
    up to ``per_date`` entries (``TimelineConfig.auto_per_date``); ``max_events`` caps the entries.
    ``options`` (``max_events``, ``dates``, ``per_date``, ``span``, ``weights``) are
    ``dossier_timeline``'s.
    """
    return dossier_timeline(articles, annotations, events, source_of, **options)[0]


def dossier_timeline(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    source_of: Callable[[str], str],
    max_events: int | None = None,
    *,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[str, str] | None = None,
    weights: TimelineConfig = DEFAULT_WEIGHTS,
) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """``story_timeline`` and the story's other dated events (by date, in the order told),
    for a reader who wants more than the chosen days."""
    if span is not None:
        articles, annotations, events = within_span(articles, annotations, events, span)
    annotations, events = body_only(articles, annotations, events)
    terms = story_terms(annotations, articles=articles)
    if dates is None:
        dates = auto_dates(articles, weights)
        per_date = per_date or weights.auto_per_date
        if max_events is not None:
            dates = max(1, min(dates, max_events // per_date))
    published = {a.id: a.published.date for a in articles if a.published.date}
    candidates = story_candidates(articles, annotations, events, terms, span, weights)
    shown = build_timeline(
        candidates,
        source_of,
        max_events or 10**9,
        published=published,
        references={
            a.id: referenced_days(a.body_text(), a.published.date, a.language) for a in articles
        },
        listed=listed_by_hindsight(articles, terms, weights),
        vector_of=sentence_vectors(annotations),
        dates=dates,
        per_date=per_date,
        weights=weights,
        relevance=relevance(annotations, terms) if weights.relevance else None,
        stop_words=stop_words_of(articles),
        languages=sorted({a.language or "en" for a in articles}),
        pickable=_entry_test(articles, annotations, terms, weights),
    )
    # An entry's text can be its event's clause ended as a statement: an event is shown
    # when an entry of its day has its tellings.
    texts = {(e.date, e.text) for e in shown}
    told = {(e.date, _tellings(e.evidence)) for e in shown}
    rest = sorted(
        (
            e
            for e in events
            if e.date
            and e.granularity in GRANULARITIES
            and (e.date, e.text) not in texts
            and (e.date, _tellings(e.evidence)) not in told
            and weights.min_words <= len(e.text.split()) <= weights.max_words
        ),
        key=lambda e: (e.date or "", _told_at(e, published)),
    )
    return shown, [_entry(e) for e in rest]


def _entry_test(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    terms: frozenset[str],
    weights: TimelineConfig,
) -> Callable[[Event], bool]:
    """Which candidates may stand as entries: told in a reporter's voice, not in an
    editorial (``voice.is_editorial``); in a roundup of
    other stories or a report about something else, naming this story's core
    (``reading.roundups``, ``reading.off_story``); naming what only the reports about
    something else name, also naming what the others do (``reading.not_borrowed``); long
    before the story's first report, told by more than one report or naming its core
    (``reading.within_story``); not in a report that is a table (``candidates.is_table``).
    A word of another person's name is not the story's (``reading.others_names``)."""
    editorials = {a.id for a in articles if is_editorial(a.body_text())}
    reporter = tells_as_reporter({a.id: a.language or "en" for a in articles}, editorials)
    roundup, core = roundups(annotations, terms, articles, weights)
    stops = stop_words_of(articles)
    others = others_names(annotations, stops)
    story = on_story(roundup, core, stops, others)
    aside = off_story(annotations, articles, weights)
    # A report about something else gives what names the key terms of the other reports.
    own = story_terms([a for a in annotations if a.article not in aside], articles=articles)
    about = on_story(aside, own, stops, others)
    lent = not_borrowed(annotations, aside, terms, own, stops, others)
    span = within_story(articles, core, weights, others)
    # The whole text: a table's lines can be zones apart from the body.
    tables = {a.id for a in articles if is_table(a.text)}

    def table(e: Event) -> bool:
        telling = telling_of(e)
        return telling is None or telling.article not in tables

    return lambda e: reporter(e) and story(e) and about(e) and lent(e) and span(e) and table(e)


def _tellings(evidence: Sequence[Evidence]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((ev.article, ev.sentence) for ev in evidence))
