"""Texts longer than spaCy reads at once: read in pieces, offsets still index the text.

Every fixture is fictional text written for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from storyline.annotate import nlp as nlp_module
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp, parse, pieces, split_sentences
from storyline.annotate.quantities import find_quantities
from storyline.annotate.quotes import find_quotes
from storyline.annotate.timex import find_timexes

PARAGRAPH = (
    "Mayor Elena Ostrova said on Tuesday that 1,200 homes in Port Kessel had lost power. "
    '"We will restore every line by Friday," she told reporters. '
    "The storm cost about $40 million, officials in Varnholm said."
)


def _check_offsets(text: str) -> tuple[int, int]:
    """Annotate ``text`` as the annotator does; every offset indexes ``text``."""
    doc = next(parse([text]))
    assert doc.text == text
    sentences = split_sentences(doc)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    mentions = find_mentions(doc, sentences)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert sentences[m.sentence].start <= m.start < sentences[m.sentence].end
    for t in find_timexes(doc, sentences, datetime.date(2031, 3, 13)):
        assert text[t.start : t.end] == t.text
    for q in find_quantities(doc, sentences):
        assert text[q.start : q.end] == q.text
    for quote in find_quotes(doc, sentences):
        assert quote.sentences and all(0 <= i < len(sentences) for i in quote.sentences)
    return len(sentences), len(mentions)


def test_pieces_join_back_and_cut_at_paragraph_breaks() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 30 for i in range(200))
    parts = pieces(text, 1_000)
    assert "".join(parts) == text
    assert all(len(p) <= 1_000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    line = "One sentence here. " * 500  # no line break at all
    parts = pieces(line, 1_000)
    assert "".join(parts) == line and all(p.endswith(". ") for p in parts[:-1])
    blob = "x" * 2_500  # nowhere to cut: cut at the limit
    assert [len(p) for p in pieces(blob, 1_000)] == [1_000, 1_000, 500]


@pytest.mark.slow
def test_a_text_read_in_pieces_keeps_its_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 2_000)
    text = "\n\n".join([PARAGRAPH] * 30) + " " + " ".join([PARAGRAPH] * 12)
    n_sentences, n_mentions = _check_offsets(text)
    assert n_sentences >= 3 * 42
    assert n_mentions >= 3 * 42


@pytest.mark.slow
def test_a_text_over_spacys_limit_is_annotated() -> None:
    """spaCy refuses texts over nlp.max_length (1,000,000 characters)."""
    filler = "\n".join(" " * 999 for _ in range(1_100))  # page furniture blanked out
    text = PARAGRAPH + "\n" + filler + "\n" + PARAGRAPH
    assert len(text) > load_nlp().max_length
    n_sentences, _ = _check_offsets(text)
    assert n_sentences == 6


def test_a_lone_surrogate_is_a_clear_error() -> None:
    """Found by tests/fuzz: spaCy raised UnicodeEncodeError on "\\ud800"; no store can hold
    such a text, so the annotator says what is wrong with it and where."""
    from storyline.errors import StorylineError

    with pytest.raises(StorylineError, match=r"lone surrogate .* at offset 4"):
        next(parse(["Port\ud800 Kessel flooded."]))
