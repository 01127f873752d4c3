"""Properties of the date arithmetic: time-expression rules and readers against any
anchor (years 1 and 9999 included), the chronology readers, date inference, the
calendar helpers, the reading budget and the cutting of long texts.

None of these runs the spaCy pipeline, so they take many examples.
"""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from storyline import date_refs
from storyline.annotate.budget import Budget, embedded_sentences, reading_text, rough_sentences
from storyline.annotate.nlp import pieces
from storyline.annotate.timex.fast import fast_matches
from storyline.annotate.timex.phrases import phrase_reading
from storyline.annotate.timex.recognizer import recognize, to_reading
from storyline.annotate.timex.rules import match_rule
from storyline.calendar_safe import in_calendar, shift_days
from storyline.link.dates import candidate_dates, infer_date
from storyline.model import Annotation, Article, Published, Sentence, TimeExpr
from tests.fuzz.invariants import check_value
from tests.fuzz.news import _DATES, anchors, heavy, hostile_text, news_line, news_text

phrases = st.one_of(
    st.sampled_from(_DATES),
    st.builds(
        lambda a, b: f"{a} {b}",
        st.sampled_from(["last", "next", "this", "early", "the"]),
        st.sampled_from(_DATES),
    ),
    news_line(),
    st.text(max_size=40),
)
futures = st.sampled_from([None, True, False])
# Publication dates as stores may hold them: real days, the ends, and strings that are none.
published = st.one_of(
    anchors.map(lambda d: d.isoformat() if d else None),
    st.sampled_from(["0000-00-00", "2031-02-30", "10000-01-01", "", "yesterday", "2031-13"]),
)


def _check_reading(reading) -> None:  # type: ignore[no-untyped-def]
    if reading is None:
        return
    if reading.type in ("DATE", "TIME"):
        check_value(reading.value, reading.granularity)


@given(text=phrases, anchor=anchors, future=futures, context=st.text(max_size=30))
def test_rules_read_any_phrase_against_any_anchor(text, anchor, future, context) -> None:  # type: ignore[no-untyped-def]
    _check_reading(match_rule(text, anchor, future, context))
    _check_reading(phrase_reading(" ".join(text.lower().split()), anchor, future))


@given(text=phrases, anchor=st.one_of(anchors.filter(lambda d: d is not None)), future=futures)
def test_fast_readers_give_matches_inside_the_text(text, anchor, future) -> None:  # type: ignore[no-untyped-def]
    found = fast_matches(text, anchor)
    for m in found or []:
        assert 0 <= m.start <= m.end <= len(text)
        _check_reading(to_reading(m, text[m.start : m.end], anchor, future))


@heavy(4)
@given(text=phrases, anchor=anchors, future=futures)
def test_the_library_reads_any_phrase_against_any_anchor(text, anchor, future) -> None:  # type: ignore[no-untyped-def]
    for m in recognize(text, anchor):
        assert 0 <= m.start < m.end <= len(text)
        _check_reading(to_reading(m, text[m.start : m.end], anchor, future))


def _is_day(value: str) -> bool:
    day = datetime.date.fromisoformat(value)
    return value == day.isoformat()


@given(text=st.one_of(hostile_text, news_text()), pub=published)
def test_chronology_readers(text: str, pub: str | None) -> None:
    assert all(_is_day(d) for d in date_refs.referenced_days(text, pub))
    assert all(_is_day(d) for d in date_refs.listed_days(text, pub))
    entries = date_refs.chronology_entries(text)
    last = 0
    for start, end in entries:
        assert last <= start < end <= len(text)
        last = end
    for day, start, end in date_refs.dated_entries(text, pub):
        assert _is_day(day) and 0 <= start < end <= len(text)
    for line in text.splitlines():
        day = date_refs.chronology_day(line, pub)
        assert day is None or (_is_day(day) and date_refs.is_chronology_line(line))


@given(day=st.dates(), days=st.integers(-4_000_000, 4_000_000))
def test_shift_days_is_none_exactly_outside_the_calendar(day: datetime.date, days: int) -> None:
    moved = shift_days(day, days)
    inside = 1 <= day.toordinal() + days <= datetime.date.max.toordinal()
    assert (moved is not None) == inside
    if moved is not None:
        assert moved.toordinal() == day.toordinal() + days
        assert in_calendar(moved.isoformat())


def _article(aid: str, day: str | None) -> Article:
    return Article(id=aid, text="...", path=f"{aid}.txt", published=Published(date=day))


def _days(values: list[str], sentence: int) -> list[TimeExpr]:
    """Relative day readings of ``values`` in one sentence."""
    return [
        TimeExpr(
            sentence=sentence,
            start=0,
            end=1,
            text="x",
            type="DATE",
            value=v,
            granularity="day",
            relative=True,
        )
        for v in values
    ]


def _annotation(aid: str, vectors: np.ndarray, timexes: list[TimeExpr]) -> Annotation:
    sentences = [Sentence(index=i, start=i, end=i + 1, text="x") for i in range(len(vectors))]
    return Annotation(
        article=aid,
        sentences=sentences,
        timexes=timexes,
        embedding_dim=vectors.shape[1],
        embeddings=vectors.astype(np.float32).tobytes(),
    )


@given(
    days=st.lists(published, min_size=0, max_size=5),
    seed=st.integers(0, 2**32 - 1),
    read_values=st.lists(
        st.one_of(st.dates().map(str), st.sampled_from(["XXXX-XX-XX", "0001-01-01"])), max_size=4
    ),
)
def test_date_inference_in_any_story(
    days: list[str | None], seed: int, read_values: list[str]
) -> None:
    rng = np.random.default_rng(seed)
    dated = []
    for i, day in enumerate(days):
        vectors = rng.normal(size=(2, 4))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        stamps = _days(read_values, sentence=0)
        dated.append((_article(f"d{i}", day), _annotation(f"d{i}", vectors, stamps)))
    candidates = candidate_dates([a for a, _ in dated])
    assert candidates == sorted(set(candidates))
    mine_vectors = rng.normal(size=(2, 4))
    mine_vectors /= np.linalg.norm(mine_vectors, axis=1, keepdims=True)
    mine = _annotation("u", mine_vectors, [])
    readings = {day: _days(read_values, sentence=1) for day in candidates}
    result = infer_date(mine, readings, dated)
    if result is not None:
        assert result.basis == "inferred" and result.date and _is_day(result.date)


@given(
    text=st.one_of(hostile_text, news_text(max_lines=12)),
    read=st.integers(0, 12),
    embed=st.integers(0, 6),
)
def test_the_reading_budget_keeps_length_and_lines(text: str, read: int, embed: int) -> None:
    budget = Budget(read=read, embed=embed)
    kept = reading_text(text, budget)
    assert len(kept) == len(text)
    assert [i for i, c in enumerate(kept) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    for start, end in rough_sentences(text):
        assert 0 <= start < end <= len(text)
    sentences = [Sentence(index=i, start=0, end=1, text="x") for i in range(read + 3)]
    chosen = embedded_sentences(sentences, {1}, {2}, budget)
    assert chosen == sorted(set(chosen)) and all(0 <= i < len(sentences) for i in chosen)


@given(text=st.one_of(hostile_text, news_text(max_lines=12)), limit=st.integers(1, 300))
def test_pieces_join_back_into_the_text(text: str, limit: int) -> None:
    parts = pieces(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(p) <= limit for p in parts) or text == ""
