"""Stage 2, annotate: per article, pure and parallel.

Needs an ``Article``; reads its body only (``Article.body_text()``: the zones of
page furniture, comments, captions and sidebars blanked to spaces, so they yield
no sentence at all and every offset still indexes ``Article.text``); adds
sentences, entity mentions, time expressions
anchored on the article's publication date, quotes, quantities, each sentence's main
clause (English and French, from the parse) and sentence embeddings
(one ``Annotation`` per article). Records in, records out: no store, no other
stage, so that it runs the same in-process, in a process pool or on a Dask worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

import numpy as np

from storyline.annotate.budget import Budget, embedded_sentences, reading_text
from storyline.annotate.clause import find_clauses
from storyline.annotate.embed import get_embedder
from storyline.annotate.figures import refer_dates
from storyline.annotate.mentions import find_mentions
from storyline.annotate.multilingual import read as read_other
from storyline.annotate.multilingual import readable
from storyline.annotate.nlp import load_nlp, parse, split_sentences, text_of
from storyline.annotate.quantities import find_quantities
from storyline.annotate.quotes import find_quotes
from storyline.annotate.timex import find_timexes
from storyline.languages.words import name_of
from storyline.model import Annotation, Article
from storyline.model.defaults import EMBEDDER

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Bump when what the annotator produces changes: stored annotations of another
# version are made again on the next run.
# 13: the two changes below together (two branches each wrote "12": a store either made
# holds only one of them);
# 12: each sentence's main clause from the parse (``Annotation.clauses``: the root
# predicate, under a speech root the told clause's predicate and the speaker, its subject,
# object, negation and morphology), English and French;
# 12 (also): French and Spanish: a weekday with "dernier"/"pasado" is the last one before the
# report (the library read a Thursday's "mardi dernier" as the week before's); "il y a deux
# jours", "hace dos días" date the day they count back to;
# 11: "alleges" only says a figure ("the government alleges 15 people ... died": died);
# 10: reports in other languages: a line break ends a sentence unless the next line starts
# in lower case; Recognizers-Text's missed dates read again on the date word alone; a part
# of a day ("mardi soir") dates its day; "février 2011" one month; a weekday must fit its day;
# 9: what a figure counts where the parse hides it: "# 20bn" (a pound sign some encodings
# write "#") is pounds, a bare number that died or was killed counts people ("up to 149
# are reported to have died"), "20 of the 149 deaths" counts deaths; "almost" and
# "nearly" reach just under their figure (5%, was 15%);
# 8: reported speech without quote marks in es, fr, it, de, pt, nl; place and organisation
# names without their particles; the read budget ranks a report's sentences by its own
# language's date words; "on Monday 19 civilians" is a count, not a date; "hoy (25)";
# 7: each report is read in its own language (detected at ingest): Spanish, French,
# Italian, German, Dutch and Portuguese by their own rules, Chinese and Arabic for
# sentences and dates; before, they were read as English;
# 6: only the body is read (``Article.body_text()``: zones blanked, offsets kept), so
# furniture, comments, captions and sidebars give no sentence, mention, date, quote or
# figure; quotes and names on real text; what a figure measures (kind, predicate, bounds,
# date); dates outside the calendar dropped, years below 1000 in four digits, texts over
# 100,000 characters read in pieces, flattened chronologies ("hundreds 1998") read;
# 3: sentence budgets; 2: time expressions carry their verb's tense
ANNOTATOR_VERSION = "13"


class Annotator(Protocol):
    """Stage-2 contract: articles in, one annotation each out, in the same order."""

    version: str

    def __call__(self, articles: Sequence[Article]) -> list[Annotation]: ...


class SpacyAnnotator:
    """spaCy (sentences, entities) + Recognizers-Text (time) + MiniLM (embeddings)."""

    version = ANNOTATOR_VERSION

    def __init__(
        self, embedder: str = EMBEDDER, batch_size: int = 16, budget: Budget | None = None
    ) -> None:
        self.nlp = load_nlp()
        self.embedder = get_embedder(embedder)
        self.batch_size = batch_size
        self.budget = budget or Budget()

    def __call__(
        self, articles: Sequence[Article], on_progress: Callable[[int], None] | None = None
    ) -> list[Annotation]:
        """Annotate ``articles``; their sentences are embedded together, in batches of
        similar length (a batch pads to its longest sentence)."""
        english = [a for a in articles if a.language == "en"]
        texts = (reading_text(a.body_text(), self.budget) for a in english)
        docs = parse(texts, batch_size=self.batch_size)  # in the order of ``english``
        parts: list[tuple[Annotation, list[int]]] = []
        for article in articles:
            if article.language == "en":
                parts.append(self._annotate(article, next(docs)))
            else:
                parts.append(self._other(article))
            if on_progress:
                on_progress(1)
        wanted = [ann.sentences[i].text for ann, chosen in parts for i in chosen]
        vectors = self.embedder.embed(wanted) if wanted else None
        out: list[Annotation] = []
        row = 0
        for ann, chosen in parts:
            matrix = np.zeros((len(ann.sentences), self.embedder.dim), dtype=np.float32)
            if chosen and vectors is not None:
                matrix[chosen] = vectors[row : row + len(chosen)]
                row += len(chosen)
            ann.embedding_dim = self.embedder.dim
            ann.embeddings = np.ascontiguousarray(matrix, dtype=np.float32).tobytes()
            out.append(ann)
        return out

    def _annotate(self, article: Article, doc: Doc) -> tuple[Annotation, list[int]]:
        """The annotation without its vectors, and the sentences to embed."""
        sentences = split_sentences(doc)
        timexes = find_timexes(doc, sentences, _anchor(article))
        quotes = find_quotes(doc, sentences)
        quantities = refer_dates(find_quantities(doc, sentences), timexes, text_of(doc))
        chosen = embedded_sentences(
            sentences,
            dated={t.sentence for t in timexes},
            marked={q.sentence for q in quantities} | {i for q in quotes for i in q.sentences},
            budget=self.budget,
        )
        mentions = find_mentions(doc, sentences)
        annotation = Annotation(
            article=article.id,
            sentences=sentences,
            mentions=mentions,
            timexes=timexes,
            quotes=quotes,
            quantities=quantities,
            clauses=find_clauses(doc, sentences, mentions),
            annotator=annotator_version(self.embedder.name, self.budget),
        )
        return annotation, chosen

    def _other(self, article: Article) -> tuple[Annotation, list[int]]:
        """An article in another language, read by its own rules (``multilingual``), or
        (a language storyline does not read) left unread, with a warning naming it."""
        annotation = Annotation(
            article=article.id,
            sentences=[],
            annotator=annotator_version(self.embedder.name, self.budget),
        )
        if not readable(article.language):
            log.warning(
                "%s: written in %s, a language storyline does not read: stored, but no "
                "sentence, name, date or quote is read from it",
                article.path or article.url or article.id,
                name_of(article.language),
            )
            return annotation, []
        read = read_other(
            reading_text(article.body_text(), self.budget, article.language),
            article.language,
            _anchor(article),
        )
        annotation.sentences, annotation.mentions = read.sentences, read.mentions
        annotation.timexes, annotation.quotes = read.timexes, read.quotes
        annotation.clauses = read.clauses
        chosen = embedded_sentences(
            read.sentences,
            dated={t.sentence for t in read.timexes},
            marked={i for q in read.quotes for i in q.sentences},
            budget=self.budget,
        )
        return annotation, chosen


def _anchor(article: Article) -> date | None:
    """The publication day time expressions are read against; None if there is none.

    A store may hold a date no calendar has ("0000-00-00", from before ingest checked
    them): the article is then read as undated rather than not at all.
    """
    if not article.published.date:
        return None
    try:
        return date.fromisoformat(article.published.date[:10])
    except ValueError:
        log.warning(
            "article %s: publication date %r is not a calendar day; its time expressions "
            "are read as undated",
            article.id,
            article.published.date,
        )
        return None


def annotate_chunk(
    articles: Iterable[Article], embedder: str = EMBEDDER, budget: Budget | None = None
) -> list[Annotation]:
    """Annotate a chunk with a per-process annotator (what a pool or Dask worker runs)."""
    return _annotator(embedder, budget or Budget())(list(articles))


_ANNOTATORS: dict[tuple[str, Budget], SpacyAnnotator] = {}


def _annotator(embedder: str, budget: Budget) -> SpacyAnnotator:
    if (embedder, budget) not in _ANNOTATORS:
        _ANNOTATORS[embedder, budget] = SpacyAnnotator(embedder, budget=budget)
    return _ANNOTATORS[embedder, budget]


def timexes_for_anchors(
    article: Article, anchors: Sequence[date], budget: Budget | None = None
) -> dict[date, list]:  # type: ignore[type-arg]
    """The article's time expressions read against each candidate publication date."""
    text = reading_text(article.body_text(), budget or Budget(), article.language)
    if article.language != "en":
        if not readable(article.language):
            return {d: [] for d in anchors}
        return {d: read_other(text, article.language, d).timexes for d in anchors}
    doc = next(parse([text]))
    sentences = split_sentences(doc)
    return {d: find_timexes(doc, sentences, d) for d in anchors}


def annotator_version(embedder: str = EMBEDDER, budget: Budget | None = None) -> str:
    return f"{ANNOTATOR_VERSION}+{embedder}{(budget or Budget()).tag}"


__all__ = [
    "ANNOTATOR_VERSION",
    "Annotator",
    "Budget",
    "SpacyAnnotator",
    "annotate_chunk",
    "timexes_for_anchors",
]
