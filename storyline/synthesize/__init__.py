"""Stage 4, synthesize: per story, the dossier.

Needs a story's articles, their annotations and the story's links; adds the
timeline, the cited summary, conflicts, corroboration counts, quotes by speaker
and coverage by outlet, assembled into a ``Dossier`` (the JSON contract).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from storyline.model import (
    Annotation,
    Article,
    Claim,
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    Links,
    Story,
    StoryInfo,
)
from storyline.synthesize.claims import rank_claims
from storyline.synthesize.coverage import build_coverage
from storyline.synthesize.ledger import build_ledger
from storyline.synthesize.measures import FIGURES, FiguresConfig
from storyline.synthesize.quotes import collect_quotes
from storyline.synthesize.summary import build_summary
from storyline.synthesize.timeline import dossier_timeline
from storyline.synthesize.timeline.config import DEFAULT_WEIGHTS, TimelineConfig
from storyline.synthesize.tracks import story_tracks

# What a dossier shows of each article: its own fields, all but its text and zones.
_ARTICLE_FIELDS = [f for f in DossierArticle.__struct_fields__ if f != "duplicate_of"]


def synthesize(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    links: Links,
    *,
    max_events: int,
    max_summary: int,
    key_claims: int,
    timeline_span: tuple[str, str] | None = None,
    timeline_config: TimelineConfig | None = None,
    figures_config: FiguresConfig | None = None,
) -> Dossier:
    copies = {d.article: d.duplicate_of for d in links.duplicates}
    order = {a.id: (a.published.date or "9999", a.id) for a in articles}

    def first_seen(claim: Claim) -> tuple[str, int]:
        first = min(claim.evidence, key=lambda e: (order[e.article], e.sentence))
        return (order[first.article][0] + order[first.article][1], first.sentence)

    quotes = collect_quotes(
        annotations, links.entities, links.mention_entity, {a.id: a.language for a in articles}
    )
    figures = figures_config or FIGURES
    conflicts = build_ledger(articles, annotations, links, quotes, figures)
    # A name spelled two ways is in the ledger, but it is no dispute about what happened.
    disputes = [c for c in conflicts if c.kind != "name"]
    ranked = rank_claims(links.claims, annotations, disputes, key_claims)

    dates = sorted(a.published.date for a in articles if a.published.date)
    dossier_articles = [
        DossierArticle(**{f: getattr(a, f) for f in _ARTICLE_FIELDS}, duplicate_of=copies.get(a.id))
        for a in sorted(articles, key=lambda a: order[a.id])
    ]
    timeline, timeline_rest = dossier_timeline(
        articles,
        annotations,
        links.events,
        links.sources.__getitem__,
        max_events,
        span=timeline_span,
        weights=timeline_config or DEFAULT_WEIGHTS,
    )
    return Dossier(
        story=StoryInfo(
            id=story.id,
            title=story.title,
            articles=len(articles),
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
        ),
        articles=dossier_articles,
        entities=[
            DossierEntity(**msgspec.structs.asdict(e))
            for e in sorted(links.entities, key=lambda e: (-e.mentions, e.name))
        ],
        timeline=timeline,
        timeline_rest=timeline_rest,
        summary=build_summary(
            [c for c, _ in ranked],
            first_seen,
            max_summary,
            disputes,
            {a.id: a.language or "en" for a in articles},
        ),
        claims=[
            DossierClaim(
                id=c.id,
                text=c.text,
                evidence=c.evidence,
                outlets=len(c.outlets),
                independent_outlets=len(c.independent_outlets),
                outlet_names=c.outlets,
                independent_outlet_names=c.independent_outlets,
                key=key,
                rank=n,
            )
            for n, (c, key) in enumerate(ranked, start=1)
        ],
        conflicts=conflicts,
        quotes=quotes,
        coverage=build_coverage(articles, links.claims),
        tracks=story_tracks(articles, annotations, links, figures),
    )


__all__ = ["synthesize"]
