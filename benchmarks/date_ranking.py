"""Date-ranking variants scored in-process, leave-one-topic-out (issue 17, sixth round).

    .venv/bin/python benchmarks/date_ranking.py cache [DIR] --db COPY.sqlite --out inputs.pkl
    .venv/bin/python benchmarks/date_ranking.py families inputs.pkl

``cache`` makes storyline's timeline once for every gold window of DIR (the windows, days
and sentences per day of ``eval_tls.py``) and keeps what ``ranked_dates`` is given (the
scores of the days that have a candidate, the listed days, the slots, the publication
days), the days the timeline showed, DATEWISE's score per candidate day from its ranker
fitted on the other topics (as ``eval_tls.py`` fits it) and the days DATEWISE could write
an entry for. ``families`` then scores date F1 without ROUGE or a rerun: a variant reorders
the days below the listed-chronology head, and the first T days with an entry are shown (a
day the real run passed over, its entries all repeats, stays passed over). Each variant's
parameter is chosen leave-one-topic-out (best mean date F1 on the other topics' timelines).

Variants: the z-score sum of our log score and DATEWISE's (weight w), reciprocal-rank fusion
(k, w), DATEWISE's order below the first m T counted days, and the union of candidates (the
days DATEWISE could show and we have no candidate for, ranked by the z-score sum and assumed
to get an entry: an upper bound, since the dossier shows a day only with a sentence of its
own). The last line is one JSON object: per variant the LOTO and in-sample date F1, the
parameter chosen per topic and the lowest and highest topic mean.
"""

from __future__ import annotations

import argparse
import datetime
import math
import pickle
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datewise
import eval_tls
import numpy as np
from _common import TIMELINE17, emit

from storyline.synthesize.timeline import entries
from storyline.synthesize.timeline.dates import listed_reach, ranked_dates

Window = dict[str, Any]  # one gold window's cached inputs (see ``cache``)
Order = Callable[[Window], list[str]]


def as_day(key: str) -> datetime.date:
    """tilse compares days: a month or year date stands on its first day."""
    parts = [int(p) for p in key.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def cache(root: Path, db: str) -> list[Window]:
    """Every gold window's date-ranking inputs and DATEWISE's LOTO scores."""
    data = eval_tls.prepare(root, db, (16, 8), 2, None)
    out: list[Window] = []
    for t in data:
        model = eval_tls.datewise_model([u for u in data if u.name != t.name])
        for g in t.golds:
            seen, shown = _ranking_inputs(t, g)
            coll, span = eval_tls._window(t, g)
            days = datewise.candidate_days(coll, span)
            x = datewise.features(coll, days)
            dw = np.hstack([x, np.ones((len(x), 1))]) @ model
            out.append(
                {
                    "topic": t.name,
                    "timeline": g.name,
                    "slots": g.dates,
                    "gold": set(eval_tls._gold(g.path).get_dates()),
                    "scores": seen["scores"],
                    "listed": seen["listed"],
                    "published": list(seen["published"]),
                    "passed": _passed(seen["ranked"], shown),
                    "datewise": dict(zip(days, dw.tolist(), strict=True)),
                    "coverable": datewise.coverable_days(coll, span),
                }
            )
    return out


def _ranking_inputs(
    t: eval_tls.Topic, g: eval_tls.Gold
) -> tuple[dict[str, Any], set[datetime.date]]:
    """What ``ranked_dates`` was given and returned in gold ``g``'s timeline, and the days
    the timeline showed."""
    seen: dict[str, Any] = {}

    def ranked(scores, listed, **kw):  # type: ignore[no-untyped-def]
        seen.update(scores=dict(scores), listed=dict(listed), **kw)
        seen["ranked"] = ranked_dates(scores, listed, **kw)
        return seen["ranked"]

    with mock.patch.object(entries, "ranked_dates", ranked):
        shown = set(eval_tls.storyline_pred(t, g, eval_tls.DEFAULT_WEIGHTS))
    return seen, shown


def _passed(ranked: list[str], shown: set[datetime.date]) -> set[str]:
    """The days the real run ranked ahead of its last shown day but gave no entry (a month
    shares its first day with a day: the first of them in the order is the one shown)."""
    taken: dict[datetime.date, int] = {}
    for i, key in enumerate(ranked):
        if as_day(key) in shown:
            taken.setdefault(as_day(key), i)
    firsts = set(taken.values())
    return {ranked[i] for i in range(max(firsts, default=-1)) if i not in firsts}


def head_and_rest(w: Window) -> tuple[list[str], list[str]]:
    """``ranked_dates``' order split into the listed head and the counted days below it."""
    order = ranked_dates(w["scores"], w["listed"], slots=w["slots"], published=w["published"])
    listed = sum(w["listed"].get(d, 0.0) > 0 for d in w["scores"])
    reach = listed_reach(w["listed"], w["published"])
    head = min(listed, max(1, math.ceil(reach * w["slots"])))
    return order[:head], order[head:]


def ours(w: Window) -> list[str]:
    """main's order."""
    first, rest = head_and_rest(w)
    return first + rest


def datewise_score(w: Window, key: str) -> float:
    """DATEWISE's score of a day; a date it has no row for (a month) ranks below all."""
    lowest = min(w["datewise"].values(), default=0.0) - 1e-3
    return float(w["datewise"].get(as_day(key), lowest)) if len(key) == 10 else lowest


def _z(values: list[float]) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    return (a - a.mean()) / (a.std() or 1.0)


def zsum(weight: float, union: bool = False) -> Order:
    """Below the head: z(log(1 + our score)) + weight z(DATEWISE's score)."""

    def order(w: Window) -> list[str]:
        first, rest = head_and_rest(w)
        if union:
            ours = {as_day(d) for d in w["scores"]}
            rest = rest + sorted(d.isoformat() for d in w["coverable"] - ours)
        ours_z = _z([math.log1p(w["scores"].get(d, 0.0)) for d in rest])
        theirs_z = _z([datewise_score(w, d) for d in rest])
        fused = dict(zip(rest, (ours_z + weight * theirs_z).tolist(), strict=True))
        return first + sorted(rest, key=lambda d: (-fused[d], d))

    return order


def rrf(k: int, weight: float) -> Order:
    """Below the head: 1 / (k + our rank) + weight / (k + DATEWISE's rank)."""

    def order(w: Window) -> list[str]:
        first, rest = head_and_rest(w)
        theirs = sorted(rest, key=lambda d: (-datewise_score(w, d), d))
        rank = {d: i for i, d in enumerate(theirs)}
        fused = {d: 1 / (k + i) + weight / (k + rank[d]) for i, d in enumerate(rest)}
        return first + sorted(rest, key=lambda d: (-fused[d], d))

    return order


def tail(share: float) -> Order:
    """Our order for the first ``share`` x T counted days, DATEWISE's below them."""

    def order(w: Window) -> list[str]:
        first, rest = head_and_rest(w)
        cut = int(share * w["slots"])
        below = sorted(rest[cut:], key=lambda d: (-datewise_score(w, d), d))
        return first + rest[:cut] + below

    return order


def date_f1(w: Window, order: Iterable[str]) -> float:
    """Date F1 of the first T days of ``order`` that get an entry."""
    shown: list[datetime.date] = []
    for key in order:
        day = as_day(key)
        if key not in w["passed"] and day not in shown:
            shown.append(day)
        if len(shown) >= w["slots"]:
            break
    hits = len(set(shown) & w["gold"])
    return 2 * hits / (len(shown) + len(w["gold"])) if shown else 0.0


def loto(windows: list[Window], variants: dict[str, Order]) -> dict[str, Any]:
    """Each topic scored with the variant best (mean date F1) on the other topics."""
    per = {name: [date_f1(w, o(w)) for w in windows] for name, o in variants.items()}
    topics = [w["topic"] for w in windows]
    held: list[float] = [0.0] * len(windows)
    chosen: dict[str, str] = {}
    for t in dict.fromkeys(topics):
        others = [i for i, u in enumerate(topics) if u != t]
        chosen[t] = max(per, key=lambda n: statistics.fmean(per[n][i] for i in others))
        for i, u in enumerate(topics):
            if u == t:
                held[i] = per[chosen[t]][i]
    by_topic: dict[str, list[float]] = defaultdict(list)
    for t, v in zip(topics, held, strict=True):
        by_topic[t].append(v)
    means = [statistics.fmean(v) for v in by_topic.values()]
    best = max(per, key=lambda n: statistics.fmean(per[n]))
    return {
        "loto": round(statistics.fmean(held), 4),
        "in_sample": {"variant": best, "date_f1": round(statistics.fmean(per[best]), 4)},
        "chosen": chosen,
        "spread": [round(min(means), 3), round(max(means), 3)],
        "rows": [round(v, 3) for v in held],
    }


def families() -> dict[str, dict[str, Order]]:
    """Every variant tried, the first of each family being main's own order."""
    main: dict[str, Order] = {"main": ours}
    return {
        "main": main,
        "z-score sum": main | {f"w {w}": zsum(w) for w in (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)},
        "reciprocal-rank fusion": main
        | {f"k {k} w {w}": rrf(k, w) for k in (5, 20, 60) for w in (0.25, 0.5, 1.0, 2.0)},
        "DATEWISE below m T": main | {f"m {m}": tail(m) for m in (0.5, 0.75, 1.0, 1.5, 2.0)},
        "union (upper bound)": {f"w {w}": zsum(w, union=True) for w in (0.0, 0.5, 1.0, 2.0)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cache", help="cache every gold window's ranking inputs")
    c.add_argument("dir", nargs="?", type=Path, default=TIMELINE17)
    c.add_argument("--db", required=True, help="a copy of an annotated store")
    c.add_argument("--out", required=True, type=Path)
    f = sub.add_parser("families", help="score every variant leave-one-topic-out")
    f.add_argument("inputs", type=Path)
    args = ap.parse_args(argv)
    if args.command == "cache":
        windows = cache(args.dir, args.db)
        with args.out.open("wb") as fh:
            pickle.dump(windows, fh)
        emit({"windows": len(windows), "out": str(args.out)})
        return 0
    with args.inputs.open("rb") as fh:
        windows = pickle.load(fh)  # a cache this script wrote
    result = {name: loto(windows, variants) for name, variants in families().items()}
    for name, r in result.items():
        print(f"{name:26s} LOTO {r['loto']:.4f}  in-sample {r['in_sample']}  spread {r['spread']}")
    emit({"timelines": len(windows), "families": result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
