"""SIGKILL trials: how many killed builds a re-run recovers from completely.

    .venv/bin/python benchmarks/crash_trials.py [--trials 30] [--seed 1] [--db URL]

Each trial starts a real ``storyline build`` on a small fictional corpus (three stories,
fifteen reports in five batches; ``tests/crashes.py``), kills it with SIGKILL at a random
moment of a stage drawn at random (ingest, annotate, synthesize, render), runs the same
build again and checks: exit 0, every article stored once and annotated, every story's
files on disk whole and holding its stored dossier (article count, fingerprint), nothing
committed before the kill lost, no temporary file left. Five trials share a store (each
adds a batch), then a new store starts. One JSON line per trial on stderr; the last line
of stdout is the summary as JSON.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
from pathlib import Path

from _common import emit, parser

from tests.crashes import trials


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--trials", type=int, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--db", help="a PostgreSQL URL for the first five trials (default: SQLite)")
    args = p.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storyline-crash-") as root:
        done = trials(Path(root), args.trials, args.seed, db=args.db, log=True)
    survived = [t for t in done if t.survived]
    for t in done:
        if not t.survived:
            print(f"FAILED {t}", file=sys.stderr)
    summary = {
        "trials": len(done),
        "survived": len(survived),
        "killed": sum(t.killed for t in done),
        "killed_in": dict(collections.Counter(t.stage for t in done if t.killed)),
        "stale_after_kill": sum(t.stale > 0 for t in done),
        "seconds": round(time.perf_counter() - started, 1),
    }
    emit(summary)


if __name__ == "__main__":
    main()
