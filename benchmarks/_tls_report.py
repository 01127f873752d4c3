"""How ``eval_tls.py`` prints its rows and rounds its summary."""

from __future__ import annotations

import statistics
from collections import defaultdict


def print_row(row: dict[str, object], g) -> None:  # type: ignore[no-untyped-def]
    parts = [f"{row['topic']:10s} {row['timeline']:22s} {g.dates:3d}x{g.per_date}"]
    if "ar1_f" in row:
        parts.append(
            f"storyline AR1 {row['ar1_f']:.3f} AR2 {row['ar2_f']:.3f} dF1 {row['date_f1']:.3f}"
            + (f" (ceiling {row['ceiling']:.3f})" if "ceiling" in row else "")
        )
    if "datewise" in row:
        d = row["datewise"]
        parts.append(
            f"datewise AR1 {d['ar1_f']:.3f} AR2 {d['ar2_f']:.3f} dF1 {d['date_f1']:.3f}"  # type: ignore[index]
            + (f" (ceiling {d['ceiling']:.3f})" if "ceiling" in d else "")  # type: ignore[operator,index]
        )
    if "pubcount" in row:
        c = row["pubcount"]
        parts.append(f"pubcount AR1 {c['ar1_f']:.3f} AR2 {c['ar2_f']:.3f} dF1 {c['date_f1']:.3f}")  # type: ignore[index]
    print("  ".join(parts), flush=True)


def print_topics(rows: list[dict[str, object]], methods: tuple[str, ...]) -> None:
    """Per topic, the mean of its timelines and the ratio to DATEWISE."""
    if not ("storyline" in methods and "datewise" in methods):
        return
    for topic in dict.fromkeys(str(r["topic"]) for r in rows):
        mine = [r for r in rows if r["topic"] == topic]
        ratios = []
        for k in ("ar1_f", "ar2_f", "date_f1"):
            a = statistics.fmean(float(r[k]) for r in mine)  # type: ignore[arg-type]
            b = statistics.fmean(r["datewise"][k] for r in mine)  # type: ignore[index]
            ratios.append(f"{k} {a:.3f}/{b:.3f}={a / b if b else float('inf'):.2f}x")
        print(f"topic {topic:10s} " + "  ".join(ratios), flush=True)


def method_means(rows: list[dict[str, object]], methods: tuple[str, ...]) -> dict[str, object]:
    """The summary's means over the rows: storyline's and DATEWISE's scores with their
    spread, their ratio, and each method's date F1 ceiling when the rows hold one."""
    keys = ("ar1_f", "ar2_f", "date_f1")
    out: dict[str, object] = {}
    getters = {"storyline": lambda r: r, "datewise": lambda r: r["datewise"]}
    if rows and "ceiling" in rows[0]:
        out["ceiling"] = {
            name: round(statistics.fmean(float(get(r)["ceiling"]) for r in rows), 4)
            for name, get in getters.items()
            if name in methods
        }
    if "storyline" in methods:
        out.update({k: round(statistics.fmean(float(r[k]) for r in rows), 4) for k in keys})  # type: ignore[arg-type]
        out["spread"] = spread(rows, keys, getters["storyline"])
    if "datewise" in methods:
        out["datewise"] = {
            k: round(statistics.fmean(r["datewise"][k] for r in rows), 4)  # type: ignore[index]
            for k in keys
        }
        out["datewise_spread"] = spread(rows, keys, getters["datewise"])
    if "storyline" in methods and "datewise" in methods:
        out["ratio"] = {
            k: round(float(out[k]) / out["datewise"][k], 3) if out["datewise"][k] else None  # type: ignore[index,arg-type]
            for k in keys
        }
    return out


def spread(rows, keys, get):  # type: ignore[no-untyped-def]
    """Per metric, the lowest and highest topic mean: how much the figure rests on one topic."""
    out = {}
    for k in keys:
        by_topic: dict[str, list[float]] = defaultdict(list)
        for r in rows:
            by_topic[str(r["topic"])].append(float(get(r)[k]))
        means = [statistics.fmean(v) for v in by_topic.values()]
        out[k] = [round(min(means), 4), round(max(means), 4)]
    return out


def rounded(row: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in row.items():
        if isinstance(v, float):
            out[k] = round(v, 4)
        elif isinstance(v, dict):
            out[k] = {kk: round(vv, 4) for kk, vv in v.items()}
        else:
            out[k] = v
    return out
