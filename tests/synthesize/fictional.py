"""Small fictional stories for the link and synthesize tests: articles written here,
annotated by the real annotator (spaCy, time expressions, MiniLM) and linked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Annotation, Article, Claim, Links, Published, Story

# Sentences of no particular fact, so that a story has a background to weigh words against.
FILLER = [
    "Tourists watched from the quay as the tugboats arrived.",
    "Local shops stayed open late for the families who came ashore.",
    "The weather turned colder during the night along the northern coast.",
    "Fishermen said the harbour had been busy for the whole week.",
    "Schools in the district reopened after the spring holiday.",
    "A choir from the old town sang at the evening market.",
]


def article(
    outlet: str | None,
    day: str | None,
    *sentences: str,
    credits: Sequence[str] = (),
    filler: int = 0,
) -> Article:
    """An article of ``sentences`` (and ``filler`` background sentences)."""
    from storyline.ingest.article import content_id

    body = " ".join([*sentences, *FILLER[filler : filler + 2]])
    return Article(
        id=content_id(body),
        text=body,
        outlet=outlet,
        credits=list(credits),
        published=Published(date=day, basis="header" if day else None),
    )


@dataclass
class Linked:
    articles: list[Article]
    annotations: list[Annotation]
    links: Links

    def sentence(self, article: Article, text: str) -> int:
        """The index of the sentence of ``article`` that starts with ``text``."""
        ann = next(a for a in self.annotations if a.article == article.id)
        return next(s.index for s in ann.sentences if s.text.startswith(text))

    def claim_of(self, text: str) -> Claim:
        """The one claim a sentence of this text is evidence of."""
        (hit,) = [c for c in self.links.claims if any(e.text == text for e in c.evidence)]
        return hit

    def figures(self) -> list[list[float]]:
        """The values of the figures read in each article, article by article: a test that
        no two figures pair shows first that the figures were read."""
        by_id = {a.article: a for a in self.annotations}
        return [sorted(q.value for q in by_id[a.id].quantities) for a in self.articles]


def link(articles: Sequence[Article]) -> Linked:
    from storyline.annotate import annotate_chunk
    from storyline.link import link_story

    annotations = annotate_chunk(articles)
    story = Story(id="s-fiction", title="fiction", articles=[a.id for a in articles])
    return Linked(list(articles), annotations, link_story(story, articles, annotations))


def three_days(first: str, second: str, third: str) -> Linked:
    """One sentence told by each of three outlets on three days of a week: the shape of a
    figure that moves (or does not) from report to report."""
    return link(
        [
            article("Strait Herald", "2031-05-06", first, filler=0),
            article("Karsholm Post", "2031-05-08", second, filler=2),
            article("Harbour Times", "2031-05-11", third, filler=4),
        ]
    )


def told_in_pairs(pairs: Sequence[tuple[str, str]]) -> Linked:
    """Two outlets' reports of one day: the first tells the first sentence of every pair,
    the second the other."""
    return link(
        [
            article("Strait Herald", "2031-05-06", *(a for a, _ in pairs), filler=0),
            article("Karsholm Post", "2031-05-06", *(b for _, b in pairs), filler=2),
        ]
    )
