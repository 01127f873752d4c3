"""What the benchmarks share: where the data is, the common options, settings, and the last line.

Every benchmark prints what it likes while it runs and ends with one line: a JSON object
holding every figure it measured (``emit``), so that runs can be compared by a script
(``make bench`` runs each on a small slice). Nothing here imports storyline at import
time: ``who_real.py`` runs under an older commit's code for ``eval_who.py``'s baseline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.settings import Settings

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATASETS = REPO.parent / "shared" / "datasets"
TIMELINE17 = DATASETS / "timeline17"
TEMPEVAL3 = DATASETS / "tempeval3" / "TBAQ-cleaned"
EXAMPLE = REPO / "examples" / "dravenmoor-dam"

# the benchmarks import the test suite's fixtures (tests/crashes.py, tests/hostile/)
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def parser(
    doc: str | None,
    *,
    data: str | None = None,
    default: Path | None = None,
    budget: bool = False,
    workers: int | None = None,
    repeat: int | None = None,
) -> argparse.ArgumentParser:
    """An argument parser whose help is the script's docstring, with the shared options asked for.

    ``data``: ``"--data"`` for an option or a name for a positional argument (optional when
    ``default`` is given) holding the dataset folder; ``budget``: ``--read`` and ``--embed``,
    the sentence budgets per article of the Timeline17 benchmarks (16 and 8); ``workers``:
    ``--workers`` with that default; ``repeat``: ``--repeat`` (runs timed) with that default.
    """
    ap = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    if data == "--data":
        ap.add_argument("--data", type=Path, default=default, help="the dataset folder")
    elif data is not None:
        nargs = "?" if default is not None else None
        ap.add_argument(data, type=Path, nargs=nargs, default=default, help="the dataset folder")
    if budget:
        ap.add_argument("--read", type=int, default=16, help="sentences read per article (0: all)")
        ap.add_argument("--embed", type=int, default=8, help="sentences embedded per article")
    if workers is not None:
        ap.add_argument("--workers", type=int, default=workers, help="annotation processes")
    if repeat is not None:
        ap.add_argument("--repeat", type=int, default=repeat, help="runs timed")
    return ap


def settings(args: argparse.Namespace, root: Path | None = None, **overrides: Any) -> Settings:
    """Storyline's settings for a benchmark run: no config file, the store and dossiers under
    ``root`` (when given), the options of ``parser`` that were asked for, then ``overrides``."""
    from storyline.settings import load_settings

    values: dict[str, Any] = {}
    if root is not None:
        values.update(db=str(root / "s.sqlite"), out=str(root / "out"))
    if hasattr(args, "read"):
        values.update(read_sentences=args.read, embed_sentences=args.embed)
    if hasattr(args, "workers"):
        values.update(workers=args.workers)
    return load_settings(None, **{**values, **overrides})


def emit(result: Mapping[str, Any], **dumps: Any) -> None:
    """The benchmark's last line: one JSON object with every figure."""
    print(json.dumps(result, **dumps), flush=True)
