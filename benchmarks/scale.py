"""How storyline grows with the archive, on the pooled Timeline17 stream.

For each size (500, 1,000, 2,000 and all articles by default) a fresh store is
built from that many articles of the mixed stream (spread evenly over the
stream in publication order, so every size has the same mix of topics): ingest,
annotate, detect stories, synthesize and render every dossier. Each size runs
in its own process, so its peak memory (max RSS) is its own. Printed per size:
seconds, seconds per article and its ratio to the smallest size's figure
(linear growth keeps it within ±30%), and peak memory.

Then the incremental path: on the largest store, ``--add`` articles held out of
it are added one at a time, each followed by a build (annotate the new article,
extend the stories, synthesize the story it joins); the median of those build
times is printed.

    python benchmarks/scale.py [--data DIR] [--sizes 500,1000,2000,all] [--add 10]
                               [--lede N] [--executor local|process]

``--lede N`` keeps each article's first N sentences (cheaper; for trial runs).
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timeline17 import DEFAULT_DIR, documents, topics, write_jsonl


def _stream(data: Path, lede: int | None) -> list[dict[str, str]]:
    docs = [d for dirs in topics(data).values() for d in documents(dirs)]
    docs.sort(key=lambda d: d["date"])
    if lede:
        docs = [{**d, "text": "\n".join(d["text"].splitlines()[:lede])} for d in docs]
    return docs


def _pick(docs: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    if n >= len(docs):
        return docs
    step = len(docs) / n
    return [docs[int(i * step)] for i in range(n)]


def _one(args: argparse.Namespace) -> dict[str, float]:
    """One size in this process: a fresh store, then optionally the add-one rebuilds."""
    from storyline import engine
    from storyline.settings import load_settings

    docs = _stream(args.data, args.lede)
    held = docs[1 :: max(1, len(docs) // max(args.add, 1))][: args.add] if args.add else []
    pool = [d for d in docs if not any(d is h for h in held)] if held else docs
    chosen = _pick(pool, args.one)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            None,
            db=str(Path(tmp) / "s.sqlite"),
            out=str(Path(tmp) / "out"),
            executor=args.executor,
        )
        src = write_jsonl(chosen, Path(tmp) / "stream.jsonl")
        t0 = time.perf_counter()
        report = engine.build([src], settings=settings)
        seconds = time.perf_counter() - t0
        result: dict[str, float] = {
            "articles": len(chosen),
            "stories": len(report.stories),
            "seconds": round(seconds, 2),
        }
        adds = []
        for i, doc in enumerate(held):
            one = write_jsonl([doc], Path(tmp) / f"new-{i}.jsonl")
            t0 = time.perf_counter()
            engine.build([one], settings=settings)
            adds.append(time.perf_counter() - t0)
        if adds:
            result["add_one_median_seconds"] = round(statistics.median(adds), 3)
            result["add_one_max_seconds"] = round(max(adds), 3)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--sizes", default="500,1000,2000,all")
    ap.add_argument("--add", type=int, default=10, help="add-one-article rebuilds on the largest")
    ap.add_argument("--lede", type=int, default=None, help="first N sentences of each article")
    ap.add_argument("--executor", default="local", choices=["local", "process"])
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.one is not None:
        print(json.dumps(_one(args)))
        return

    total = len(_stream(args.data, None))
    sizes = [total - args.add if s == "all" else int(s) for s in args.sizes.split(",")]
    rows = []
    for k, n in enumerate(sizes):
        cmd = [sys.executable, __file__, "--data", str(args.data), "--one", str(n)]
        cmd += ["--executor", args.executor, "--add", str(args.add if k == len(sizes) - 1 else 0)]
        if args.lede:
            cmd += ["--lede", str(args.lede)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["seconds_per_article"] = round(row["seconds"] / row["articles"], 4)
        rows.append(row)
        base = rows[0]["seconds_per_article"]
        spa = row["seconds_per_article"]
        print(
            f"{row['articles']:6d} articles {row['stories']:5d} stories {row['seconds']:9.1f} s "
            f"{spa:7.3f} s/article (x{spa / base:.2f}) peak {row['peak_mb']:7.1f} MB",
            flush=True,
        )
    last = rows[-1]
    if "add_one_median_seconds" in last:
        med, worst = last["add_one_median_seconds"], last["add_one_max_seconds"]
        print(
            f"add one article to {last['articles']} and rebuild: "
            f"median {med:.3f} s over {args.add} (max {worst:.3f} s)"
        )
    base = rows[0]["seconds_per_article"]
    linear = all(abs(r["seconds_per_article"] / base - 1) <= 0.30 for r in rows)
    print(
        json.dumps(
            {
                "sizes": rows,
                "linear_within_30pct": linear,
                "add_one_median_seconds": last.get("add_one_median_seconds"),
                "lede": args.lede,
            }
        )
    )


if __name__ == "__main__":
    main()
