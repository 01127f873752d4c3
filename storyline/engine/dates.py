"""Publication dates for undated articles, inferred from the other reports of their story."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from storyline import annotate as annotate_stage
from storyline import link as link_stage
from storyline.guard import failure, isolated
from storyline.model import Story
from storyline.settings import Settings
from storyline.store import Store

log = logging.getLogger(__name__)


def infer_dates(store: Store, settings: Settings, stories: Sequence[Story]) -> list[str]:
    """Give undated articles an inferred publication date from their story.

    Returns the ids of the articles that got a date. An article keeps an inferred
    date once given; a date from the source (header, byline, metadata) is never touched.
    An article (or story) this raises on is recorded as a failure of stage
    "infer_dates" and keeps no date; the others go on.
    """
    changed: list[str] = []
    version = annotate_stage.annotator_version(settings.embedder, settings.budget)
    failed_before = {f.id for f in store.failures(stage="infer_dates")}
    for story in stories:
        try:
            articles = store.articles(story.articles)
            undated = [a for a in articles if a.published.date is None]
            dated = [a for a in articles if a.published.date and a.published.basis != "inferred"]
            if undated and dated:
                pairs = list(zip(dated, store.get_annotations(a.id for a in dated), strict=True))
                anchors = link_stage.candidate_dates(dated)
        except Exception as exc:
            if not isolated(exc, settings.strict):
                raise
            log.warning("story %s failed at infer_dates: %r", story.id, exc)
            store.put_failure(failure("story", story.id, "infer_dates", exc, version=version))
            continue
        if story.id in failed_before:
            store.clear_failures("story", [story.id], "infer_dates")
        if not undated or not dated:
            continue
        for article in undated:
            try:
                readings = annotate_stage.timexes_for_anchors(article, anchors, settings.budget)
                annotation = store.get_annotations([article.id])[0]
                published = link_stage.infer_date(annotation, readings, pairs)
            except Exception as exc:
                if not isolated(exc, settings.strict):
                    raise
                log.warning("article %s failed at infer_dates: %r", article.id, exc)
                store.put_failure(
                    failure("article", article.id, "infer_dates", exc, article.path, version)
                )
                continue
            if article.id in failed_before:
                store.clear_failures("article", [article.id], "infer_dates")
            if published is None or published.date is None:
                continue
            article.published = published
            # The candidate's reading of the time expressions is the one the annotator
            # would make with this date: keep it rather than annotate the article again.
            annotation.timexes = readings[date.fromisoformat(published.date)]
            store.update_article(article)
            store.put_annotations([annotation])
            changed.append(article.id)
    return changed


def to_date(
    stale: list[Story], stories: list[Story], store: Store, retry_failed: bool
) -> list[Story]:
    """The stories to infer dates in: the out-of-date ones, and with ``retry_failed``
    the ones holding an article (or being a story) whose date inference failed."""
    todo = list(stale)
    if retry_failed:
        failed = {f.id for f in store.failures(stage="infer_dates")}
        todo += [
            s for s in stories if s not in todo and (s.id in failed or failed & set(s.articles))
        ]
    return todo
