"""How well storyline reads dates in Spanish and French reports, on a labelled sample.

    python benchmarks/date_reading.py [--data DIR] [--labels TSV] [--baseline SRC]

``benchmarks/data/date_reading/labels.tsv`` holds sentences of ML-Crisis reports (file,
character offset and length; no text) with the days, months and years each names, read
by hand against the report's publication day (its folder) before any fix they measured:
"jeudi" in a report of Sunday 17 June 2012 whose clause looks ahead is 2012-06-21; a
"hoy" meaning "nowadays" names nothing; "a|b" accepts either reading. The sample was
drawn at random (seed 19) from sentences holding a month, weekday or day word.

Two readers are scored on each sentence, per language:

* ``annotator``: the dates the annotator stores (``annotate.multilingual``: the report
  split into sentences, Recognizers-Text on each), those whose span lies in the
  labelled sentence; a value counts once per sentence;
* ``timeline``: the days ``date_refs.referenced_days`` finds in the sentence (days only,
  scored against the labelled days).

Precision is right values over values read, recall right values over labelled ones.
``--baseline SRC`` runs the same scoring on another checkout's ``storyline`` package
(e.g. main's, exported with ``git archive``) in a subprocess, in the same run. The last
line is one JSON object: ``ours`` and, with a baseline, ``baseline``, each per reader
and language with ``read``, ``right``, ``labelled``, ``precision``, ``recall``; and
``misses``: the sentences where ours differs from the labels.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from _common import DATASETS, emit, parser

LABELS = Path(__file__).parent / "data" / "date_reading" / "labels.tsv"


def _labels(path: Path) -> list[tuple[str, int, int, list[set[str]]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, offset, length, values = line.split("\t")
        gold = [set(v.split("|")) for v in values.split()] if values != "-" else []
        rows.append((file, int(offset), int(length), gold))
    return rows


def _matched(read: set[str], gold: list[set[str]]) -> int:
    """How many labelled values ``read`` holds (an either-or label counts once)."""
    return sum(bool(read & options) for options in gold)


def _right(read: set[str], gold: list[set[str]]) -> int:
    """How many values of ``read`` a label accepts."""
    return sum(any(v in options for options in gold) for v in read)


def score(data: Path, labels: Path) -> dict[str, object]:
    """Scores of the ``storyline`` package on the path (see the module docstring)."""
    from storyline import date_refs
    from storyline.annotate.multilingual.dates import find_dates
    from storyline.annotate.multilingual.sentences import split_sentences

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses = []
    cache: dict[str, tuple[str, list]] = {}
    for file, offset, length, gold in _labels(labels):
        language, day = file.split("/")[0], file.split("/")[3]
        anchor = datetime.date.fromisoformat(day)
        if file not in cache:
            text = (data / file).read_text(encoding="utf-8", errors="replace")
            sentences = split_sentences(text, language)
            cache[file] = (text, find_dates(text, sentences, language, anchor))
        text, timexes = cache[file]
        end = offset + length
        read = {t.value for t in timexes if offset <= t.start and t.end <= end and t.value}
        days = set(date_refs.referenced_days(text[offset:end], day, language))
        gold_days = [o for o in gold if all(len(v) == 10 for v in o)]
        for reader, got, want in (("annotator", read, gold), ("timeline", days, gold_days)):
            c = counts[f"{reader}/{language}"]
            c["read"] += len(got)
            c["right"] += _right(got, want)
            c["labelled"] += len(want)
            c["found"] += _matched(got, want)
        if _right(read, gold) != len(read) or _matched(read, gold) != len(gold):
            misses.append({"file": file, "offset": offset, "read": sorted(read),
                           "labelled": [sorted(o) for o in gold]})  # fmt: skip
    out: dict[str, object] = {}
    for key, c in sorted(counts.items()):
        out[key] = {
            **c,
            "precision": round(c["right"] / c["read"], 3) if c["read"] else None,
            "recall": round(c["found"] / c["labelled"], 3) if c["labelled"] else None,
        }
    return {"scores": out, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="--data", default=DATASETS / "ml-crisis")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labelled sentences")
    ap.add_argument("--baseline", type=Path, help="a checkout whose storyline/ to score too")
    ap.add_argument("--src", type=Path, help=argparse.SUPPRESS)  # the baseline's run
    args = ap.parse_args(argv)
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))  # before this checkout's storyline
        print(json.dumps(score(args.data, args.labels)))
        return 0
    ours = score(args.data, args.labels)
    result: dict[str, object] = {"ours": ours["scores"], "misses": ours["misses"]}
    if args.baseline is not None:
        run = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--data", str(args.data),
             "--labels", str(args.labels), "--src", str(args.baseline)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        result["baseline"] = json.loads(run.stdout.splitlines()[-1])["scores"]
    for side in ("baseline", "ours"):
        for key, s in (result.get(side) or {}).items():
            counts = f"{s['right']}/{s['read']} read right, {s['found']}/{s['labelled']} found"
            print(f"{side:8} {key:14} precision {s['precision']} recall {s['recall']} ({counts})")
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
