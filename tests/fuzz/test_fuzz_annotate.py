"""Properties of the annotator's spaCy-backed entry points on hostile text.

Sentences, mentions, time expressions (against any anchor, the calendar's ends
included), quantities, quotes and speakers: never raise, every offset indexes the
text, every date is a valid ISO value at its granularity. Texts come from
``tests/fuzz/news.py`` (news-like lines, mutated) and from arbitrary unicode.
"""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate import nlp as nlp_module
from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import parse, split_sentences
from storyline.annotate.quantities import find_quantities
from storyline.annotate.quotes import find_quotes
from storyline.annotate.timex import find_timexes
from storyline.errors import StorylineError
from tests.fuzz.invariants import (
    check_mentions,
    check_quantities,
    check_quotes,
    check_sentences,
    check_timexes,
)
from tests.fuzz.news import anchors, flattened_chronology, heavy, hostile_text, news_text

pytestmark = pytest.mark.slow


def _annotate_and_check(text: str, anchor: datetime.date | None) -> None:
    if re.search("[\ud800-\udfff]", text):
        with pytest.raises(StorylineError, match="lone surrogate"):  # the documented error
            next(parse([text]))
        return
    doc = next(parse([text]))
    assert doc.text == text
    sentences = split_sentences(doc)
    check_sentences(text, sentences)
    check_timexes(text, sentences, find_timexes(doc, sentences, anchor))
    check_mentions(text, sentences, find_mentions(doc, sentences))
    check_quantities(text, sentences, find_quantities(doc, sentences))
    check_quotes(sentences, find_quotes(doc, sentences))


@heavy(4)
@given(text=hostile_text, anchor=anchors)
def test_every_annotator_on_hostile_text(nlp, text: str, anchor: datetime.date | None) -> None:  # type: ignore[no-untyped-def]
    _annotate_and_check(text, anchor)


@heavy(4)
@given(text=news_text(max_lines=4), anchor=anchors)
def test_every_annotator_on_news_lines(nlp, text: str, anchor: datetime.date | None) -> None:  # type: ignore[no-untyped-def]
    _annotate_and_check(text, anchor)


@heavy(6)
@given(text=flattened_chronology(), anchor=anchors)
def test_flattened_chronologies(nlp, text: str, anchor: datetime.date | None) -> None:  # type: ignore[no-untyped-def]
    _annotate_and_check(text, anchor)


@heavy(8)
@given(
    lines=st.lists(news_text(max_lines=3), min_size=2, max_size=6),
    separator=st.sampled_from(["\n\n", "\n", " ", ""]),
    limit=st.integers(20, 400),
    anchor=anchors,
)
def test_a_text_read_in_pieces_still_indexes_itself(  # type: ignore[no-untyped-def]
    nlp, lines: list[str], separator: str, limit: int, anchor: datetime.date | None
) -> None:
    """What a report over the pipeline's limit goes through, on a small limit."""
    text = separator.join(lines)
    with mock.patch.object(nlp_module, "PIECE_CHARS", limit):
        _annotate_and_check(text, anchor)
