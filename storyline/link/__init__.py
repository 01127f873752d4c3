"""Stage 3, link: across the articles of a story.

Needs annotated articles; adds near-duplicates and wire copies, stories, merged
entities, claims told by several sources, and dated events with a status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.link.claims import find_claims
from storyline.link.dates import candidate_dates, infer_date
from storyline.link.dedup import find_duplicates
from storyline.link.entities import resolve_entities
from storyline.link.events import find_events
from storyline.link.stories import detect_stories
from storyline.model import Annotation, Article, Links, Story

UNATTRIBUTED = "(unattributed)"
# Reports of unknown outlet sharing this many template lines (furniture, sidebars) with
# reports of one known outlet, and with no other, are that outlet's pages.
TEMPLATE_SHARED_LINES = 2
# ... and with at least this many times as many lines as with any other outlet's reports.
TEMPLATE_MARGIN = 2


def independent_source(article: Article, copies: dict[str, str], by_id: dict[str, Article]) -> str:
    """What an article counts as for independent confirmation.

    A copy counts as the article it copies; agency copy counts as the agency;
    otherwise the outlet. Reports whose outlet is unknown are unattributed: all of them
    together count as one source (``UNATTRIBUTED``), never one each.
    """
    original = by_id.get(copies.get(article.id, article.id), article)
    if original.credits:
        return original.credits[0]
    if original.outlet:
        return original.outlet
    return UNATTRIBUTED


def independent_sources(articles: Sequence[Article], copies: dict[str, str]) -> dict[str, str]:
    """The independent source of each article (see ``independent_source``), where a report
    of unknown outlet that shares its site's template with reports of one known outlet
    (``TEMPLATE_SHARED_LINES`` furniture or sidebar lines or more, and ``TEMPLATE_MARGIN``
    times as many as with any other outlet's) counts as that outlet: one site's pages are
    one source."""
    by_id = {a.id: a for a in articles}
    sources = {a.id: independent_source(a, copies, by_id) for a in articles}
    lines = {a.id: _template_lines(a) for a in articles}
    known: dict[str, set[str]] = defaultdict(set)  # template line -> known sources using it
    for a in articles:
        if sources[a.id] != UNATTRIBUTED:
            for line in lines[a.id]:
                known[line].add(sources[a.id])
    for a in articles:
        if sources[a.id] != UNATTRIBUTED:
            continue
        votes: dict[str, int] = defaultdict(int)
        for line in lines[a.id]:
            for source in known.get(line, ()):
                votes[source] += 1
        ranked = sorted(votes.values(), reverse=True)
        if ranked and ranked[0] >= TEMPLATE_SHARED_LINES and (
            len(ranked) == 1 or ranked[0] >= TEMPLATE_MARGIN * ranked[1]
        ):
            sources[a.id] = max(votes, key=lambda s: (votes[s], s))
    return sources


def _template_lines(article: Article) -> set[str]:
    """The article's furniture and sidebar lines, normalized (its site's template)."""
    found: set[str] = set()
    for zone in article.zones:
        if zone.kind not in ("furniture", "sidebar"):
            continue
        for line in article.text[zone.start : zone.end].split("\n"):
            words = re.findall(r"\w+", line.lower())
            if len(words) >= 3:
                found.add(" ".join(words))
    return found


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
        threshold=claim_similarity,
        entities_in=links.entities_in,
        people=frozenset(e.id for e in entities if e.type == "PERSON"),
    )
    links.events = find_events(articles, annotations, links.entities_in)
    return links


__all__ = [
    "candidate_dates",
    "detect_stories",
    "find_duplicates",
    "independent_source",
    "independent_sources",
    "infer_date",
    "link_story",
]
