"""How storyline grows with the archive, on the pooled Timeline17 stream.

One store grows through the sizes (500, 1,000, 2,000 and all articles by
default), the way a newsroom's archive does: at each step the articles that take
it to the next size are built into it (ingest, annotate, extend the stories,
synthesize and render every story they touch). Each size holds the same mix of
topics: the stream is taken in an evenly spread order (every size is a sample of
the whole stream), and each step's articles arrive in publication order.

Printed per size: the step's seconds and seconds per article, their ratio to the
first step's figure (linear growth keeps it within ±30%: a step that has to
compare each new article with the whole archive would grow with it), the
cumulative seconds to reach that size, and peak memory (max RSS of this process
and of the largest annotation worker).

Then the incremental path on the full store: ``--add`` articles held out of the
stream are added one at a time, each followed by a build (annotate the new
article, extend the stories, synthesize the story it joins); the median of those
build times is printed.

    python benchmarks/scale.py [--data DIR] [--sizes 500,1000,2000,all] [--add 10]
                               [--read 16] [--embed 8] [--executor process]
                               [--keep DIR | --reuse DIR]

``--keep DIR`` builds the store in DIR (``DIR/store``: the SQLite file and the
dossiers) and keeps it, with the held-out articles left out of it; the
add-one-article part then runs on a copy of it. ``--reuse DIR`` skips the sizes
and runs only the add-one-article part, on a fresh copy of a store kept that way
(with the same ``--data``, ``--add``, ``--read`` and ``--embed``), so that it can
be repeated in seconds; the sizes' figures it prints are those of the run that kept
the store.

``--read``/``--embed`` are storyline's sentence budgets per article (settings
``read_sentences``/``embed_sentences``; 0 = all). The last line is one JSON object
with every figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from _common import TIMELINE17, emit, parser, settings
from _timeline17 import documents, topics, write_jsonl

if TYPE_CHECKING:
    from storyline.settings import Settings


def _spread(n: int) -> list[int]:
    """0..n-1 in van der Corput order: every prefix is spread evenly over the range."""

    def radical_inverse(i: int) -> float:
        out, base = 0.0, 0.5
        while i:
            out += base * (i & 1)
            i >>= 1
            base /= 2
        return out

    return sorted(range(n), key=lambda i: (radical_inverse(i), i))


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _settings(root: Path, args: argparse.Namespace) -> Settings:
    return settings(args, root, executor=args.executor)


def _kept_as(args: argparse.Namespace) -> dict[str, object]:
    """What a kept store was built from: --reuse refuses a store built otherwise."""
    return {
        "data": str(Path(args.data).resolve()),
        "add": args.add,
        "read": args.read,
        "embed": args.embed,
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    from storyline import engine

    docs = [d for dirs in topics(args.data).values() for d in documents(dirs)]
    docs.sort(key=lambda d: (d["date"], d["text"][:80]))
    order = [docs[i] for i in _spread(len(docs))]
    held, stream = order[: args.add], order[args.add :]
    sizes = [len(stream) if s == "all" else min(int(s), len(stream)) for s in args.sizes.split(",")]
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        kept = Path(args.keep or args.reuse or tmp)
        store_dir = kept / "store" if (args.keep or args.reuse) else Path(tmp)
        if args.reuse:
            meta = json.loads((kept / "kept.json").read_text())
            if meta != _kept_as(args):
                raise SystemExit(f"{kept} was kept for {meta}, not {_kept_as(args)}")
            rows = json.loads((kept / "rows.json").read_text())
        else:
            if args.keep:
                shutil.rmtree(store_dir, ignore_errors=True)
                store_dir.mkdir(parents=True)
            settings = _settings(store_dir, args)
            done, cumulative = 0, 0.0
            for size in sizes:
                step = sorted(stream[done:size], key=lambda d: d["date"])
                src = write_jsonl(step, Path(tmp) / f"to-{size}.jsonl")
                t0 = time.perf_counter()
                report = engine.build([src], settings=settings)
                seconds = time.perf_counter() - t0
                cumulative += seconds
                done = size
                row = {
                    "articles": size,
                    "step_articles": len(step),
                    "stories": len(report.stories),
                    "step_seconds": round(seconds, 2),
                    "seconds_per_article": round(seconds / max(1, len(step)), 4),
                    "cumulative_seconds": round(cumulative, 1),
                    "peak_mb": _peak_mb(resource.RUSAGE_SELF),
                    "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
                }
                rows.append(row)
                ratio = row["seconds_per_article"] / rows[0]["seconds_per_article"]
                print(
                    f"{size:6d} articles (+{len(step):5d}) {row['stories']:5d} stories "
                    f"{seconds:8.1f} s {row['seconds_per_article']:7.3f} s/article (x{ratio:.2f}) "
                    f"total {cumulative:7.1f} s  peak {row['peak_mb']:.0f} MB "
                    f"(worker {row['worker_peak_mb']:.0f} MB)",
                    flush=True,
                )
            if args.keep:
                (kept / "kept.json").write_text(json.dumps(_kept_as(args)))
                (kept / "rows.json").write_text(json.dumps(rows))
        if args.keep or args.reuse:
            # the adds change the store: they run on a copy, the kept one stays as built
            work = Path(tmp) / "work"
            shutil.copytree(store_dir, work)
            settings = _settings(work, args)
        adds = []
        for i, doc in enumerate(held):
            one = write_jsonl([doc], Path(tmp) / f"new-{i}.jsonl")
            t0 = time.perf_counter()
            engine.build([one], settings=settings)
            adds.append(time.perf_counter() - t0)
            if args.verbose:
                print(f"add {i + 1}: {adds[-1]:.3f} s", flush=True)
    base = rows[0]["seconds_per_article"]
    result: dict[str, object] = {
        "sizes": rows,
        "linear_within_30pct": all(abs(r["seconds_per_article"] / base - 1) <= 0.30 for r in rows),
        "full_seconds": rows[-1]["cumulative_seconds"],
        "peak_mb": max(max(r["peak_mb"], r["worker_peak_mb"]) for r in rows),
        "budget": {"read": args.read, "embed": args.embed},
    }
    if adds:
        result["add_one_median_seconds"] = round(statistics.median(adds), 3)
        result["add_one_max_seconds"] = round(max(adds), 3)
        print(
            f"add one article to {rows[-1]['articles']} and rebuild: median "
            f"{statistics.median(adds):.3f} s over {len(adds)} (max {max(adds):.3f} s)"
        )
    return result


def main() -> None:
    ap = parser(__doc__, data="--data", default=TIMELINE17, budget=True, workers=2)
    ap.add_argument("--sizes", default="500,1000,2000,all")
    ap.add_argument("--add", type=int, default=10, help="add-one-article rebuilds at the end")
    ap.add_argument("--executor", default="process", choices=["local", "process"])
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--keep", type=Path, help="build the store in DIR/store and keep it")
    where.add_argument("--reuse", type=Path, help="only add articles, to a copy of a kept store")
    ap.add_argument("--verbose", action="store_true", help="print each add-one build's time")
    args = ap.parse_args()
    emit(run(args))


if __name__ == "__main__":
    main()
