"""The in-process date-ranking harness (``benchmarks/date_ranking.py``): a variant keeps the
chronology's head first, a day the real run gave no entry stays unshown, and each topic is
scored with the variant chosen on the other topics only."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from date_ranking import _passed, date_f1, loto, ours, zsum

D = datetime.date(2031, 3, 1)


def _day(k: int) -> str:
    return (D + datetime.timedelta(days=k)).isoformat()


def _window(topic: str, gold: list[int], **over: object) -> dict[str, object]:
    w: dict[str, object] = {
        "topic": topic,
        "slots": 2,
        "gold": {D + datetime.timedelta(days=k) for k in gold},
        # our scores rank day 0, then 1, 2, 3; DATEWISE ranks them the other way round
        "scores": {_day(k): 10.0 - k for k in range(4)},
        "listed": {},
        "published": [_day(k) for k in range(4)],
        "passed": set(),
        "datewise": {D + datetime.timedelta(days=k): float(k) for k in range(4)},
        "coverable": set(),
    }
    w.update(over)
    return w


def test_a_day_the_real_run_passed_over_is_not_shown() -> None:
    w = _window("a", [1, 2], passed={_day(0)})
    # days 1 and 2 shown (day 0 had no entry): both gold
    assert date_f1(w, ours(w)) == 1.0


def test_a_month_date_stands_on_its_first_day() -> None:
    w = _window("a", [0], slots=1, scores={"2031-03": 5.0}, passed=set())
    assert date_f1(w, ["2031-03"]) == 1.0


def test_a_month_ranked_low_does_not_pass_over_the_days_above_it() -> None:
    # the month "2031-03" stands on 1 March, which the run showed for the day 2031-03-01
    ranked = [_day(1), _day(0), _day(2), _day(3), "2031-03"]
    assert _passed(ranked, {D, D + datetime.timedelta(days=2)}) == {_day(1)}


def test_fusion_keeps_the_listed_head_first() -> None:
    w = _window("a", [0, 3], listed={_day(0): 1.0})
    order = zsum(100.0)(w)
    # the listed day leads; below it DATEWISE's order (3, 2, 1) outweighs ours
    assert order == [_day(0), _day(3), _day(2), _day(1)]
    assert date_f1(w, order) == 1.0


def test_each_topic_is_scored_with_the_variant_best_on_the_others() -> None:
    # DATEWISE's order is best on topic a's two timelines and on the whole (in-sample), ours
    # on topic c; topic b ties. Held out, a gets the variant best on b and c: ours.
    windows = [
        _window("a", [2, 3]),
        _window("a", [2, 3]),
        _window("b", [0, 2]),
        _window("c", [0, 1]),
    ]
    result = loto(windows, {"main": ours, "datewise": zsum(100.0)})
    assert result["in_sample"]["variant"] == "datewise"
    assert result["chosen"] == {"a": "main", "b": "datewise", "c": "datewise"}
    assert result["rows"] == [0.0, 0.0, 0.5, 0.0]
