"""The server store and the Dask executor against their embedded defaults.

1. ingest (stage 1 only) of N Timeline17 articles into SQLite and, with
   ``--postgres URL`` (an empty database), PostgreSQL: one process, then two
   processes ingesting the same articles at once (each article must end up stored
   exactly once); articles/s.
2. annotate (stage 2) of M articles in this process and on Dask (a LocalCluster of
   ``--workers`` processes, started and stopped inside the timing, models loaded by
   each worker), and whether the annotations are identical.

    python benchmarks/scale_out.py [--articles 1000] [--annotate 40] [--postgres URL]

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import TIMELINE17, emit, parser
from _timeline17 import documents, topics, write_jsonl

INGEST = """
import sys
from storyline.engine import ingest
from storyline.settings import Settings
from storyline.store import open_store
store = open_store(sys.argv[1])
report = ingest([sys.argv[2]], store, Settings())
store.close()
print(len(report.added))
"""


def _clear(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("dossiers", "stories", "annotations", "articles", "meta"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)


def _ingest(url: str, feed: Path, processes: int) -> tuple[float, int, list[int]]:
    """Seconds, articles stored, and how many each process added."""
    from storyline.store import open_store

    _clear(url)
    open_store(url).close()  # the schema, outside the timing
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", INGEST, url, str(feed)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    added = [int(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    seconds = time.perf_counter() - start
    store = open_store(url)
    count = store.article_count()
    store.close()
    return seconds, count, added


def main() -> None:
    ap = parser(__doc__, data="--data", default=TIMELINE17, workers=2)
    ap.add_argument("--articles", type=int, default=1000, help="ingested; 0 skips part 1")
    ap.add_argument("--annotate", type=int, default=40)
    ap.add_argument("--postgres", help="URL of an empty PostgreSQL database")
    args = ap.parse_args()

    docs = [d for dirs in topics(args.data).values() for d in documents(dirs)]
    docs = docs[: max(args.articles, args.annotate)]
    results: dict[str, object] = {"articles": args.articles}
    with tempfile.TemporaryDirectory() as tmp:
        feed = write_jsonl(docs[: args.articles], Path(tmp) / "feed.jsonl")
        sample = write_jsonl(docs[: args.annotate], Path(tmp) / "sample.jsonl")
        stores = {"sqlite": str(Path(tmp) / "bench.sqlite")}
        if args.postgres:
            stores["postgres"] = args.postgres
        for name, url in stores.items() if args.articles else ():
            for processes in (1, 2):
                seconds, count, added = _ingest(url, feed, processes)
                key = f"ingest_{name}_{processes}p"
                results[key] = {
                    "seconds": round(seconds, 2),
                    "articles_per_s": round(count / seconds, 1),
                    "stored": count,
                    "added_by_each": added,
                }
                print(f"{key}: {results[key]}", file=sys.stderr)
            _clear(url)

        from storyline.annotate import annotate_chunk
        from storyline.executors import dask_map
        from storyline.ingest import read_inputs
        from storyline.model import Article
        from storyline.settings import Settings

        articles = [a for a in read_inputs([sample]) if isinstance(a, Article)][: args.annotate]
        chunk = max(1, len(articles) // (2 * args.workers))
        chunks = [articles[i : i + chunk] for i in range(0, len(articles), chunk)]
        start = time.perf_counter()
        on_dask = [
            a
            for anns in dask_map(
                annotate_chunk, chunks, Settings(executor="dask", workers=args.workers)
            )
            for a in anns
        ]
        dask_s = time.perf_counter() - start
        start = time.perf_counter()
        here = [a for c in chunks for a in annotate_chunk(c)]
        local_s = time.perf_counter() - start
        same = sorted(on_dask, key=lambda a: a.article) == sorted(here, key=lambda a: a.article)
        results["annotate"] = {
            "articles": len(articles),
            "local_seconds_with_model_load": round(local_s, 2),
            "dask_seconds_with_cluster_start": round(dask_s, 2),
            "dask_workers": args.workers,
            "identical": same,
        }
        print(f"annotate: {results['annotate']}", file=sys.stderr)
    emit(results)


if __name__ == "__main__":
    main()
