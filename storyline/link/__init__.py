"""Stage 3, link: across the articles of a story.

Needs annotated articles; adds near-duplicates and wire copies, stories, merged
entities, claims told by several sources, and dated events with a status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.link.claims import find_claims
from storyline.link.dates import candidate_dates, infer_date
from storyline.link.dedup import find_duplicates
from storyline.link.entities import resolve_entities
from storyline.link.events import find_events
from storyline.link.stories import detect_stories
from storyline.model import Annotation, Article, Links, Story


def independent_source(article: Article, copies: dict[str, str], by_id: dict[str, Article]) -> str:
    """What an article counts as for independent confirmation.

    A copy counts as the article it copies; agency copy counts as the agency;
    otherwise the outlet (or the article itself when the outlet is unknown).
    """
    original = by_id.get(copies.get(article.id, article.id), article)
    if original.credits:
        return original.credits[0]
    if original.outlet:
        return original.outlet
    return f"(unknown outlet: {original.id})"


def link_story(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    duplicate_jaccard: float = 0.8,
    claim_similarity: float = 0.72,
) -> Links:
    by_id = {a.id: a for a in articles}
    duplicates = find_duplicates(articles, duplicate_jaccard)
    copies = {d.article: d.duplicate_of for d in duplicates}
    entities, mention_entity = resolve_entities(list(articles), list(annotations))
    sentence_entities: dict[tuple[str, int], list[str]] = defaultdict(list)
    for ann in annotations:
        for m in ann.mentions:
            eid = mention_entity.get(f"{ann.article}:{m.start}")
            if eid and eid not in sentence_entities[(ann.article, m.sentence)]:
                sentence_entities[(ann.article, m.sentence)].append(eid)
    claims = find_claims(
        annotations,
        source_of=lambda a: independent_source(by_id[a], copies, by_id),
        outlet_of=lambda a: by_id[a].outlet,
        threshold=claim_similarity,
    )
    events = find_events(articles, annotations, dict(sentence_entities))
    return Links(
        story=story.id,
        duplicates=duplicates,
        entities=entities,
        claims=claims,
        events=events,
        mention_entity=mention_entity,
    )


__all__ = [
    "candidate_dates",
    "detect_stories",
    "infer_date", "find_duplicates", "independent_source", "link_story"]
