"""Publication dates inferred for undated articles: hand-built records, no models."""

from __future__ import annotations

from datetime import date

import numpy as np

from storyline.link.dates import candidate_dates, infer_date
from storyline.model import Annotation, Article, Published, Sentence, TimeExpr


def _ann(article: str, vectors: list[list[float]], timexes: list[TimeExpr]) -> Annotation:
    vecs = np.asarray(vectors, dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    sentences = [
        Sentence(index=i, start=i * 10, end=i * 10 + 9, text=f"s{i}") for i in range(len(vecs))
    ]
    return Annotation(
        article=article,
        sentences=sentences,
        timexes=timexes,
        embedding_dim=vecs.shape[1],
        embeddings=vecs.tobytes(),
    )


def _day(sentence: int, text: str, value: str, relative: bool = True) -> TimeExpr:
    return TimeExpr(sentence=sentence, start=0, end=len(text), text=text, type="DATE",
                    value=value, granularity="day", relative=relative)  # fmt: skip


def _dated(aid: str, day: str) -> Article:
    return Article(
        id=aid, text="...", path=f"{aid}.txt", published=Published(date=day, basis="header")
    )


# Two dated reports: A (2041-05-06) tells the ferry strike of Sunday 2041-05-05, and
# B (2041-05-09) the bridge vote of Wednesday 2041-05-08.
A = _dated("a", "2041-05-06")
B = _dated("b", "2041-05-09")
A_ANN = _ann("a", [[1, 0, 0], [0, 1, 0]], [_day(0, "Sunday", "2041-05-05")])
B_ANN = _ann("b", [[0, 0, 1], [0, 1, 0.1]], [_day(0, "Wednesday", "2041-05-08")])
DATED = [(A, A_ANN), (B, B_ANN)]


def test_candidates_are_the_dated_days_and_the_day_after() -> None:
    assert candidate_dates([A, B]) == [
        date(2041, 5, 6), date(2041, 5, 7), date(2041, 5, 9), date(2041, 5, 10),
    ]  # fmt: skip


def test_the_candidate_whose_reading_agrees_with_the_story_wins() -> None:
    # The undated report says "on Wednesday" in a sentence like B's bridge vote: read
    # against 2041-05-10 that is 2041-05-08, as B dates it; against 2041-05-07, it is not.
    mine = _ann("u", [[0, 0.1, 1], [0.2, 1, 0]], [])
    readings = {
        date(2041, 5, 7): [_day(0, "Wednesday", "2041-05-01")],
        date(2041, 5, 10): [_day(0, "Wednesday", "2041-05-08")],
    }
    published = infer_date(mine, readings, DATED)
    assert published is not None
    assert (published.date, published.basis) == ("2041-05-10", "inferred")
    assert published.note and "Wednesday" in published.note and "b.txt" in published.note


def test_with_nothing_to_match_the_most_similar_article_gives_the_day() -> None:
    mine = _ann("u", [[0.9, 0.1, 0], [1, 0, 0]], [])
    readings = {date(2041, 5, 7): [], date(2041, 5, 10): []}
    published = infer_date(mine, readings, DATED)
    assert published is not None
    assert (published.date, published.basis) == ("2041-05-06", "inferred")
    assert published.note and "a.txt" in published.note


def test_no_dated_article_no_inference() -> None:
    mine = _ann("u", [[1, 0, 0]], [])
    assert infer_date(mine, {date(2041, 5, 7): []}, []) is None


def test_candidates_stop_at_the_calendar_end() -> None:
    """A report dated 9999-12-31 (a "no date" placeholder) has no day after it."""
    last = _dated("z", "9999-12-31")
    assert candidate_dates([last]) == [date(9999, 12, 31)]
    assert candidate_dates([_dated("bad", "0000-00-00"), A]) == [date(2041, 5, 6), date(2041, 5, 7)]


def test_inference_in_a_story_with_a_placeholder_dated_report() -> None:
    first = _dated("p", "0001-01-01")
    first_ann = _ann("p", [[1, 0, 0]], [_day(0, "Monday", "0001-01-01")])
    mine = _ann("u", [[1, 0.1, 0]], [])
    readings = {day: [] for day in candidate_dates([first])}
    published = infer_date(mine, readings, [(first, first_ann)])
    assert published is not None and published.date == "0001-01-01"
    bad = _dated("q", "0000-00-00")
    assert infer_date(mine, readings, [(bad, first_ann)]) is None
