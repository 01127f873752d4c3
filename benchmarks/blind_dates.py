"""Dated dossier entries of stories no date rule was written on, drawn at random, read blind.

    .venv/bin/python benchmarks/timebank.py user --db TB.sqlite --out TBU
    .venv/bin/python benchmarks/timeline_audit.py dump --db AQ.sqlite --data AQROOT \\
        --topics embassy,slepian,nato,elian > AQ.jsonl        # AQROOT: aquaint.write_layout
    .venv/bin/python benchmarks/blind_dates.py pool --dossiers TBU/dossiers --aquaint AQ.jsonl \\
        > POOL.jsonl
    .venv/bin/python benchmarks/blind_dates.py draw --pool POOL.jsonl --n 60 --seed 15
    .venv/bin/python benchmarks/blind_dates.py score --pool POOL.jsonl

``pool`` writes, in ``timeline_audit.py dump``'s form, every timeline entry with a date of
the dossiers a user's build of the 183 TimeBank reports wrote (``timebank.py user``, topic
``timebank``) and of the AQUAINT stories' dossier timelines (``timeline_audit.py dump`` on
``aquaint.write_layout``, topics ``aquaint/<story>``). ``draw`` prints ``--n`` of them at
random (``--seed``), to be read by hand (``timeline_audit.py show`` prints each among its
report's sentences). ``score`` matches a later pool against the judgements in
``data/blind_dates/entries.jsonl`` (how they were made: the README there) as
``timeline_audit.py score --dump`` does: of the judged entries a build still shows, the
share right, the wrong ones by kind; the judged entries it no longer shows (``gone``), and
``moved``: entries of a judged report sentence now shown under another date, to be read.
Last line: one JSON object.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, parser
from timeline_audit import _index, _judgement, _read, digest

LABELS = Path(__file__).resolve().parent / "data" / "blind_dates" / "entries.jsonl"


def pool(dossiers: Path, aquaint: Path) -> list[dict[str, Any]]:
    """The dated entries of the TimeBank user build's dossiers and of an AQUAINT dump."""
    rows: list[dict[str, Any]] = []
    for path in sorted(dossiers.glob("*/dossier.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        published = {a["id"]: (a.get("published") or {}).get("date") for a in d["articles"]}
        for e in d["timeline"]:
            ev = next((x for x in e["evidence"] if x["text"] == e["text"]), e["evidence"][0])
            rows.append({
                "topic": "timebank", "date": e["date"], "article": ev["article"][:12],
                "sentence": ev["sentence"], "published": published.get(ev["article"]),
                "status": e["status"], "digest": digest(e["text"]), "text": e["text"],
            })  # fmt: skip
    for r in _read(aquaint):
        if "date" in r:
            rows.append({**r, "topic": f"aquaint/{r['topic']}"})
    return [r for r in rows if r["date"]]


def draw(rows: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` rows at random, in a fixed order (``seed``)."""
    return random.Random(seed).sample(rows, min(n, len(rows)))


def score(rows: list[dict[str, Any]], labels: Path = LABELS) -> dict[str, Any]:
    """The judged entries ``rows`` still shows: right, wrong by kind; those gone or moved."""
    judged_rows = _read(labels)
    judged = _index(judged_rows)
    found = [(r, _judgement(judged, r)) for r in rows]
    kept = [j for _, j in found if j is not None]
    kept_ids = {id(j) for j in kept}
    blind = [j for j in kept if j.get("read", "blind") == "blind"]
    shown_at = {(r["topic"], r["article"], r["sentence"]) for r in rows}
    gone = [j for j in judged_rows if id(j) not in kept_ids]
    moved = [
        {k: j[k] for k in ("topic", "date", "article", "sentence")}
        for j in gone
        if (j["topic"], j["article"], j["sentence"]) in shown_at
    ]
    return {
        "labelled": len(judged_rows),
        "shown": len(kept),
        "right": sum(bool(j["right"]) for j in kept),
        "share": round(sum(bool(j["right"]) for j in kept) / len(kept), 3) if kept else 0.0,
        "blind_right": f"{sum(bool(j['right']) for j in blind)}/{len(blind)}",
        "wrong_kinds": dict(Counter(str(j["why"]) for j in kept if not j["right"])),
        "gone_right": sum(bool(j["right"]) for j in gone),
        "gone_wrong": dict(Counter(str(j["why"]) for j in gone if not j["right"])),
        "moved": moved,
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("command", choices=("pool", "draw", "score"))
    ap.add_argument("--dossiers", type=Path, help="timebank.py user's OUT/dossiers (pool)")
    ap.add_argument("--aquaint", type=Path, help="timeline_audit.py dump of AQUAINT (pool)")
    ap.add_argument("--pool", type=Path, help="a pool written by pool (draw, score)")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args(argv)
    if args.command == "pool":
        if not (args.dossiers and args.aquaint):
            ap.error("pool needs --dossiers and --aquaint")
        for row in pool(args.dossiers, args.aquaint):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if args.pool is None:
        ap.error(f"{args.command} needs --pool")
    rows = _read(args.pool)
    if args.command == "draw":
        for row in draw(rows, args.n, args.seed):
            print(json.dumps(row, ensure_ascii=False))
    else:
        emit(score(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
