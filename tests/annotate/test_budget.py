"""Sentence budgets: what a long article's annotation reads closely and embeds."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.annotate import SpacyAnnotator, annotator_version
from storyline.annotate.budget import Budget, embedded_sentences, reading_text, rough_sentences
from storyline.errors import ConfigError
from storyline.model import Article, Published, Sentence
from storyline.settings import load_settings

FILLER = "The committee heard from residents of the valley about the road."


def _article_text(n_filler: int) -> str:
    lede = [
        "Flood barriers failed at Quorra harbour after a week of rain.",
        "Harbour master Lidia Voss ordered the lower quays cleared.",
    ]
    tail = [FILLER] * n_filler + [
        "The barrier had been inspected on March 3 and passed.",
        'Voss said: "We will rebuild it."',
    ]
    return "\n".join(lede + tail)


def test_rough_sentences_split_lines_and_sentence_ends() -> None:
    text = "One thing happened. Then another!\nA third line"
    spans = [text[s:e] for s, e in rough_sentences(text)]
    assert spans == ["One thing happened.", "Then another!", "A third line"]


def test_no_budget_reads_everything() -> None:
    text = _article_text(30)
    assert reading_text(text, Budget()) == text


def test_read_budget_keeps_lede_and_dated_sentences_and_blanks_the_rest() -> None:
    text = _article_text(30)
    read = reading_text(text, Budget(read=10))
    assert len(read) == len(text)
    assert [i for i, c in enumerate(read) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    kept = [line for line in read.split("\n") if line.strip()]
    assert kept[:2] == text.split("\n")[:2]
    assert "The barrier had been inspected on March 3 and passed." in kept
    assert 'Voss said: "We will rebuild it."' in kept
    assert len(kept) == 10  # lede (2) + dated (1) + quote (1) + first 6 fillers


def test_short_articles_are_read_whole_under_any_budget() -> None:
    text = _article_text(2)
    assert reading_text(text, Budget(read=10)) == text


def test_embedded_sentences_prefer_lede_then_dated_then_marked() -> None:
    sentences = [Sentence(index=i, start=i * 10, end=i * 10 + 5, text="x") for i in range(20)]
    chosen = embedded_sentences(sentences, dated={15}, marked={12, 18}, budget=Budget(embed=9))
    assert chosen == [0, 1, 2, 3, 4, 5, 12, 15, 18]
    assert embedded_sentences(sentences, set(), set(), Budget()) == list(range(20))


def test_budgets_are_part_of_the_annotator_version() -> None:
    assert annotator_version("minilm-int8") != annotator_version("minilm-int8", Budget(read=5))
    assert annotator_version("minilm-int8", Budget()) == annotator_version("minilm-int8")


def test_negative_budget_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="read_sentences"):
        load_settings(None, read_sentences=-1)
    assert load_settings(None, read_sentences=30, embed_sentences=12).budget == Budget(30, 12)


def test_annotator_embeds_within_budget_and_zero_fills_the_rest() -> None:
    article = Article(id="budget1", text=_article_text(12), published=Published(date="2031-03-20"))
    ann = SpacyAnnotator(budget=Budget(read=10, embed=8))([article])[0]
    texts = [s.text for s in ann.sentences]
    assert len(texts) == 10
    assert texts.count(FILLER) == 6  # lede 2, the dated sentence, the quote, then fillers
    vecs = ann.vectors()
    norms = np.linalg.norm(vecs, axis=1)
    assert int((norms > 0.5).sum()) == 8
    dated = texts.index("The barrier had been inspected on March 3 and passed.")
    assert norms[dated] > 0.5
    assert [t.value for t in ann.timexes] == ["2031-03-03"]
    assert ann.timexes[0].text == article.text[ann.timexes[0].start : ann.timexes[0].end]
    assert ann.annotator.endswith("+r10e8+chronology")


def test_a_chronology_is_read_beyond_the_budget() -> None:
    lines = [f"{FILLER}" for _ in range(12)] + [
        "Here are the main events at Quorra harbour:",
        "March 3 - Inspectors pass the flood barrier.",
        "March 9 - Rain begins over the valley.",
        "March 14 - The barrier fails and the lower quays flood.",
        "March 16 - Lidia Voss orders the quays cleared.",
        "Ferries are sent on to Varn.",
    ]
    text = "\n".join(lines)
    kept = [line for line in reading_text(text, Budget(read=8)).split("\n") if line.strip()]
    assert all(line in kept for line in lines[-5:])
    assert len(kept) == 8 + 5  # the lede fills the budget; the chronology is read beyond it


def test_one_or_two_dated_lines_are_not_a_chronology() -> None:
    lines = [FILLER] * 12 + [
        "March 3 - Inspectors pass the flood barrier.",
        "March 9 - Rain begins over the valley.",
    ]
    read = reading_text("\n".join(lines), Budget(read=5))
    assert len([line for line in read.split("\n") if line.strip()]) == 5
