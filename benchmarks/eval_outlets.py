"""How many Timeline17 reports, read as plain files, get an outlet, and how many are right.

    .venv/bin/python benchmarks/eval_outlets.py [TIMELINE17_DIR] [--topics MJ,H1N1]

Reads every ``InputDocs`` file of every topic with ``storyline.ingest.read_inputs``
(as ``storyline ingest`` does: no metadata passed) and compares the outlet found
with the one the topic's folder names (``bpoil_reuters`` -> Reuters). Also counts
the furniture, comment, caption and sidebar lines zoned out (one report at a time,
then with each topic read as one ingest batch). Last line: one JSON object.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from _common import TIMELINE17, emit, parser

from storyline.ingest import read_inputs


def _norm(name: str) -> str:
    name = re.sub(r"[^a-z]", "", name.lower())
    return name.removeprefix("the")


def run(root: Path, names: list[str] | None = None) -> dict[str, object]:
    totals: Counter[str] = Counter()
    rows = {}
    for topic in sorted(p for p in root.iterdir() if (p / "InputDocs").is_dir()):
        if names and topic.name.split("_")[0] not in names:
            continue
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
        print(
            f"{topic.name:24} reports {c['reports']:4}  outlet {c['with_outlet']:4}  "
            f"right {c['right']:4}  wrong {dict(wrong.most_common(3))}"
        )
    summary = {
        "reports": totals["reports"],
        "with_outlet": totals["with_outlet"],
        "right": totals["right"],
        "precision": round(totals["right"] / max(1, totals["with_outlet"]), 3),
        "coverage": round(totals["with_outlet"] / max(1, totals["reports"]), 3),
    }
    emit({**summary, "topics": rows})
    return summary


def main() -> None:
    ap = parser(__doc__, data="dir", default=TIMELINE17)
    ap.add_argument("--topics", help="comma-separated topic names (default: all)")
    args = ap.parse_args()
    run(args.dir, args.topics.split(",") if args.topics else None)


if __name__ == "__main__":
    main()
