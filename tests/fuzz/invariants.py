"""What every annotator output must satisfy, whatever the input: checks for the properties."""

from __future__ import annotations

import datetime
import math
import re

from storyline.model import Mention, Quantity, Quote, Sentence, TimeExpr

REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_SHAPES = {
    "day": re.compile(r"[\dX]{4}-(?:[\dX]{2}-[\dX]{2}|W[\dX]{2}-[1-7])(?:T.+)?"),
    "week": re.compile(r"[\dX]{4}-W[\dX]{2}(?:-WE)?"),
    "month": re.compile(r"[\dX]{4}-[\dX]{2}"),
    "quarter": re.compile(r"[\dX]{4}-Q[1-4X]"),
    "season": re.compile(r"[\dX]{4}-(?:SP|SU|FA|WI)"),
    "year": re.compile(r"[\dX]{4}"),
    "decade": re.compile(r"[\dX]{3}"),
    "century": re.compile(r"[\dX]{2}"),
}


def check_value(value: str, granularity: str | None) -> None:
    """A DATE/TIME value is a valid ISO-like TimeML value at its granularity, in the calendar."""
    if value in REFS:
        return
    assert granularity in _SHAPES, (value, granularity)
    assert _SHAPES[granularity].fullmatch(value), (value, granularity)
    year = value[:4]
    if granularity not in ("decade", "century") and year.isdigit():
        assert 1 <= int(year) <= 9999, value
    if re.match(r"\d{4}-\d\d-\d\d", value):
        datetime.date.fromisoformat(value[:10])  # raises on a day no calendar has
    elif m := re.match(r"\d{4}-(\d\d)$", value):
        assert 1 <= int(m[1]) <= 12, value
    elif m := re.match(r"\d{4}-W(\d\d)", value):
        assert 1 <= int(m[1]) <= 53, value


def check_sentences(text: str, sentences: list[Sentence]) -> None:
    last = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert last <= s.start < s.end <= len(text), (s.start, s.end, len(text))
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        last = s.end


def _in_sentence(sentences: list[Sentence], i: int, start: int, end: int) -> None:
    assert 0 <= i < len(sentences)
    assert sentences[i].start <= start < sentences[i].end, (i, start, sentences[i])


def check_timexes(text: str, sentences: list[Sentence], timexes: list[TimeExpr]) -> None:
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        _in_sentence(sentences, t.sentence, t.start, t.end)
        if t.type in ("DATE", "TIME"):
            check_value(t.value, t.granularity)
        else:
            assert t.value and t.granularity is None, t


def check_mentions(text: str, sentences: list[Sentence], mentions: list[Mention]) -> None:
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        _in_sentence(sentences, m.sentence, m.start, m.end)
        assert m.label


def check_quantities(text: str, sentences: list[Sentence], quantities: list[Quantity]) -> None:
    for q in quantities:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        _in_sentence(sentences, q.sentence, q.start, q.end)
        assert math.isfinite(q.value), q


def check_quotes(sentences: list[Sentence], quotes: list[Quote]) -> None:
    for q in quotes:
        assert q.sentences == sorted(set(q.sentences)) and q.sentences
        assert q.sentence == q.sentences[0]
        assert all(0 <= i < len(sentences) for i in q.sentences)
        assert q.text.strip()
        assert q.speaker is None or q.speaker.strip()
