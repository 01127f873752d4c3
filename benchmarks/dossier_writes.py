"""What writing a dossier's files costs: the bundled example's dossier written again and again.

    .venv/bin/python benchmarks/dossier_writes.py [--writes 20] [--repeats 3]

Builds the bundled example once into a temporary store, then times
``storyline.render.write_dossier`` (render the three files and write them: temporary
file, fsync, rename, then the folder's stamp) into a new folder and over existing files.
Prints the median over ``--repeats`` runs of the milliseconds per write, as JSON on the
last line. Run it with ``PYTHONPATH`` pointing at another checkout to compare code.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from _common import EXAMPLE, emit, parser

from storyline import engine, render
from storyline.store import open_store


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--writes", type=int, default=20)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="storyline-writes-") as tmp:
        root = Path(tmp)
        report = engine.build([EXAMPLE], out_dir=root / "out", db=str(root / "s.sqlite"))
        store = open_store(str(root / "s.sqlite"))
        try:
            dossier = store.get_dossier(report.stories[0].id)
        finally:
            store.close()
        render.write_dossier(dossier, root / "warm")  # imports, caches
        fresh, over = [], []
        for r in range(args.repeats):
            started = time.perf_counter()
            for i in range(args.writes):
                render.write_dossier(dossier, root / f"new-{r}-{i}")
            fresh.append((time.perf_counter() - started) / args.writes * 1000)
            started = time.perf_counter()
            for _ in range(args.writes):
                render.write_dossier(dossier, root / "again")
            over.append((time.perf_counter() - started) / args.writes * 1000)
        size = sum(f.stat().st_size for f in (root / "again").iterdir())
    emit(
        {
            "bytes": size,
            "ms_per_write_new_folder": round(statistics.median(fresh), 2),
            "ms_per_write_over_files": round(statistics.median(over), 2),
            "runs": args.repeats,
            "writes_per_run": args.writes,
        }
    )


if __name__ == "__main__":
    main()
