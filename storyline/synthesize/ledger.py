"""The ledger of disagreements: every kind of conflict, each position with its evidence.

* quantity: one figure told with incompatible values (``conflicts``);
* date: one fact dated differently by two sources (``date_conflicts``);
* name: one entity spelled differently by different outlets (``name_conflicts``);
* attribution: one statement given to different speakers (``attribution``).

Compatible readings are not flagged: a range and a figure inside it, a month and a day
in it, a spelling that only differs in case or punctuation. An entry whose text says
why both may hold is kept with ``explained`` and a note.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Annotation, Article, Conflict, Links, QuoteEntry
from storyline.synthesize.attribution import find_attribution_conflicts
from storyline.synthesize.conflicts import find_conflicts
from storyline.synthesize.date_conflicts import find_date_conflicts
from storyline.synthesize.measures import FIGURES, FiguresConfig
from storyline.synthesize.name_conflicts import find_name_conflicts
from storyline.synthesize.quotes import translated_pairs

# Cosine of the multilingual vectors of two quotes in two languages above which they are
# one statement given to two speakers: stricter than the merge of one speaker's
# translations (0.75), as a wrong dispute is worse than a missed one.
SAME_SPEECH = 0.85


def build_ledger(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    links: Links,
    quotes: Sequence[QuoteEntry],
    cfg: FiguresConfig = FIGURES,
) -> list[Conflict]:
    outlets = {a.id: a.outlet for a in articles}

    def source_of(article: str) -> str:
        return links.sources.get(article, article)

    def outlet_of(article: str) -> str | None:
        return outlets.get(article)

    names = {e.id: e.name for e in links.entities}
    # An outlet named in its own bylines and datelines ("CNN") is no subject two figures
    # share: two reports of one outlet would otherwise always name one entity.
    press = {o.casefold() for o in outlets.values() if o}
    told_by_press = {e.id for e in links.entities if e.name.casefold() in press}

    def subjects_in(article: str, sentence: int) -> list[str]:
        return [e for e in links.entities_in(article, sentence) if e not in told_by_press]

    return [
        *find_conflicts(
            annotations,
            subjects_in,
            names,
            {a.id: a.published.date for a in articles},
            {a.id for a in articles if a.published.basis == "inferred"},
            cfg,
        ),
        *find_date_conflicts(links.claims, articles, annotations, source_of),
        *find_name_conflicts(
            links.entities, annotations, links.mention_entity, source_of, outlet_of
        ),
        *find_attribution_conflicts(
            quotes,
            links.entities,
            source_of,
            translated_pairs(
                quotes, annotations, {a.id: a.language for a in articles}, SAME_SPEECH
            ),
        ),
    ]
