"""How many Timeline17 reports, read as plain files, get an outlet, and how many are right.

    .venv/bin/python benchmarks/eval_outlets.py [TIMELINE17_DIR]

Reads every ``InputDocs`` file of every topic with ``storyline.ingest.read_inputs``
(as ``storyline ingest`` does: no metadata passed) and compares the outlet found
with the one the topic's folder names (``bpoil_reuters`` -> Reuters). Also counts
the furniture, comment, caption and sidebar lines zoned out (one report at a time,
then with each topic read as one ingest batch). Last line: one JSON object.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from storyline.ingest import read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "timeline17"


def _norm(name: str) -> str:
    name = re.sub(r"[^a-z]", "", name.lower())
    return name.removeprefix("the")


def main(root: Path) -> dict[str, object]:
    totals: Counter[str] = Counter()
    rows = {}
    for topic in sorted(p for p in root.iterdir() if (p / "InputDocs").is_dir()):
        truth = _norm(topic.name.split("_")[-1])
        c: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        for item in read_inputs([topic / "InputDocs"]):
            if not hasattr(item, "outlet"):
                continue
            c["reports"] += 1
            if item.outlet:
                c["with_outlet"] += 1
                if truth in _norm(item.outlet) or _norm(item.outlet) in truth:
                    c["right"] += 1
                else:
                    wrong[item.outlet] += 1
        rows[topic.name] = {**c, "wrong": dict(wrong.most_common(5))}
        totals.update(c)
        print(f"{topic.name:24} reports {c['reports']:4}  outlet {c['with_outlet']:4}  "
              f"right {c['right']:4}  wrong {dict(wrong.most_common(3))}")
    summary = {
        "reports": totals["reports"],
        "with_outlet": totals["with_outlet"],
        "right": totals["right"],
        "precision": round(totals["right"] / max(1, totals["with_outlet"]), 3),
        "coverage": round(totals["with_outlet"] / max(1, totals["reports"]), 3),
    }
    print(json.dumps({**summary, "topics": rows}))
    return summary


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
