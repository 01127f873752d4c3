"""The date F1 ceiling ``eval_tls.py --ceiling`` reports: what perfect ranking of a method's
candidate days would score, so a row's loss splits into ranking and candidates."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _tls_ceiling import date_ceiling
from _tls_report import method_means
from datewise import Collection, coverable_days

DAY = datetime.date(2031, 3, 1)


def _days(*offsets: int) -> set[datetime.date]:
    return {DAY + datetime.timedelta(days=k) for k in offsets}


def test_candidates_holding_every_gold_day_leave_nothing_to_candidates() -> None:
    assert date_ceiling(_days(0, 1, 2, 3, 4, 5), _days(1, 3, 5), 3) == 1.0


def test_gold_days_without_a_candidate_cap_the_ceiling() -> None:
    # 4 gold days, 2 of them among the candidates, 4 shown: 2 hits of 4 shown and 4 gold.
    assert date_ceiling(_days(0, 1, 7, 8, 9), _days(0, 1, 2, 3), 4) == 0.5


def test_fewer_candidate_days_than_slots_show_only_those() -> None:
    # 2 candidate days, both gold, 4 asked for: 2 shown, 2 hits against 4 gold.
    assert date_ceiling(_days(0, 1), _days(0, 1, 2, 3), 4) == 2 * 2 / (2 + 4)


def test_datewise_covers_a_day_only_with_a_sentence_it_could_show() -> None:
    lede = "Cranes stood idle along the whole Velmora quay for a fifth day on Friday."
    mention = "Harbour workers in Velmora walked out on the first of March, the union said."
    coll = Collection(
        published={"a": DAY + datetime.timedelta(days=5)},
        sentences={"a": [lede, "Strike.", mention]},
        dated={"a": {1: DAY + datetime.timedelta(days=2), 2: DAY}},
    )
    span = (DAY, DAY + datetime.timedelta(days=10))
    # The long sentence's day and the publication day (its undated lede) can be written;
    # the day only a one-word sentence names cannot.
    assert coverable_days(coll, span) == _days(0, 5)


def test_the_summary_gives_each_method_its_mean_ceiling_beside_its_scores() -> None:
    def row(topic: str, mine: float, theirs: float) -> dict[str, object]:
        scores = {"ar1_f": 0.1, "ar2_f": 0.05, "date_f1": 0.5}
        return {
            "topic": topic,
            **scores,
            "ceiling": mine,
            "datewise": {**scores, "date_f1": 0.25, "ceiling": theirs},
        }

    out = method_means([row("a", 1.0, 0.5), row("b", 0.5, 0.5)], ("storyline", "datewise"))
    assert out["ceiling"] == {"storyline": 0.75, "datewise": 0.5}
    assert out["ratio"] == {"ar1_f": 1.0, "ar2_f": 1.0, "date_f1": 2.0}
