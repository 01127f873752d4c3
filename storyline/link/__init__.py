"""Stage 3, link: across the articles of a story.

Needs annotated articles; adds near-duplicates and wire copies, stories, merged
entities, claims told by several sources, and dated events with a status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import msgspec

from storyline.link.claims import CLAIMS, ClaimsConfig, find_claims, sort_claims
from storyline.link.dates import candidate_dates, infer_date
from storyline.link.dedup import find_duplicates
from storyline.link.entities import resolve_entities
from storyline.link.events import EVENTS, EventsConfig, find_events
from storyline.link.events.references import opening_caption
from storyline.link.sources import (
    UNATTRIBUTED,
    confirming,
    independent_source,
    independent_sources,
)
from storyline.link.stories import detect_stories
from storyline.model import Annotation, Article, Links, Story


def link_story(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    duplicate_jaccard: float | None = None,  # None: dedup.JACCARD
    claim_similarity: float = CLAIMS.similarity,
    unattributed_confirms: bool = False,
    claims: ClaimsConfig | None = None,
    events: EventsConfig | None = None,
) -> Links:
    """The links between one story's articles; ``claims`` (the claims stage's tuned
    constants) takes the place of ``claim_similarity`` when given."""
    by_id = {a.id: a for a in articles}
    duplicates = find_duplicates(articles, duplicate_jaccard)
    copies = {d.article: d.duplicate_of for d in duplicates}
    sources = independent_sources(articles, copies)
    entities, mention_entity = resolve_entities(list(articles), list(annotations))
    sentence_entities: dict[str, list[str]] = defaultdict(list)
    for ann in annotations:
        for m in ann.mentions:
            eid = mention_entity.get(f"{ann.article}:{m.start}")
            key = f"{ann.article}:{m.sentence}"
            if eid and eid not in sentence_entities[key]:
                sentence_entities[key].append(eid)
    links = Links(
        story=story.id,
        duplicates=duplicates,
        entities=entities,
        mention_entity=mention_entity,
        sentence_entities=dict(sentence_entities),
        sources=sources,
    )
    links.claims = find_claims(
        annotations,
        source_of=sources.__getitem__,
        outlet_of=lambda a: by_id[a].outlet,
        config=claims or ClaimsConfig(similarity=claim_similarity),
        entities_in=links.entities_in,
        people=frozenset(e.id for e in entities if e.type == "PERSON"),
        language_of=lambda a: by_id[a].language,
        published_of=lambda a: by_id[a].published.date,
        # the events stage reads the same days with the same caption: read once, kept
        caption_of=lambda a: opening_caption(by_id[a].text, by_id[a].language or "en"),
    )
    # Unattributed reports count once together; beside a known outlet, only when asked.
    links.claims = sort_claims(
        [
            msgspec.structs.replace(
                c,
                independent_outlets=confirming(c.independent_outlets, unattributed_confirms),
            )
            for c in links.claims
        ]
    )
    links.events = find_events(articles, annotations, links.entities_in, events or EVENTS)
    return links


__all__ = [
    "UNATTRIBUTED",
    "candidate_dates",
    "confirming",
    "detect_stories",
    "find_duplicates",
    "independent_source",
    "independent_sources",
    "infer_date",
    "link_story",
]
