"""Time per article on the hostile corpus (tests/hostile/corpus.py): ingest, then annotation.

Each input file is read on its own (ingest seconds per file), and each article
it yields is annotated on its own, in this process, with a warmed-up annotator
(annotation seconds per article). An article whose annotation raises is listed
with the error and its time, and the run goes on. The last line printed is
JSON: the worst ingest time per file, the worst annotation time per article,
and the failures.

    python benchmarks/hostile.py [--big-bytes 1500000] [--budget 64,32]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from _common import emit, parser


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--big-bytes", type=int, default=1_500_000, help="size of the big report")
    ap.add_argument(
        "--budget", default="0,0", help="read,embed sentence budget per article (0,0: all)"
    )
    args = ap.parse_args()

    from storyline.annotate import annotate_chunk
    from storyline.annotate.budget import Budget
    from storyline.ingest import read_inputs
    from storyline.ingest.files import walk
    from storyline.model import Article, Rejection
    from tests.hostile.corpus import build_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        build_corpus(folder, big_bytes=args.big_bytes)
        ingest: dict[str, float] = {}
        articles: list[Article] = []
        for item in walk([folder]):
            if isinstance(item, Rejection):
                continue
            start = time.perf_counter()
            found = [a for a in read_inputs([item]) if isinstance(a, Article)]
            ingest[Path(item).relative_to(folder).as_posix()] = time.perf_counter() - start
            articles += found
        read, embed = (int(x) for x in args.budget.split(","))
        budget = Budget(read=read, embed=embed)
        annotate_chunk([articles[0]], budget=budget)  # load the models outside the timings
        annotate: dict[str, float] = {}
        failures = []
        for article in articles:
            name = f"{Path(str(article.path)).relative_to(folder).as_posix()}#{article.id}"
            start = time.perf_counter()
            try:
                annotate_chunk([article], budget=budget)
            except Exception as exc:  # the benchmark records what the build would die on
                failures.append({"article": name, "error": f"{type(exc).__name__}: {exc}"[:200]})
            annotate[name] = time.perf_counter() - start
            print(f"{annotate[name]:8.2f} s  {name}", file=sys.stderr, flush=True)

    worst_file = max(ingest, key=ingest.__getitem__)
    worst_article = max(annotate, key=annotate.__getitem__)
    emit(
        {
            "files": len(ingest),
            "articles": len(articles),
            "ingest_worst_s": round(ingest[worst_file], 3),
            "ingest_worst_file": worst_file,
            "ingest_total_s": round(sum(ingest.values()), 3),
            "annotate_worst_s": round(annotate[worst_article], 3),
            "annotate_worst_article": worst_article,
            "annotate_median_s": round(sorted(annotate.values())[len(annotate) // 2], 3),
            "failures": failures,
        }
    )


if __name__ == "__main__":
    main()
