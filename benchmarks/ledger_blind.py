"""The ledger on stories nobody tuned for: every entry read and labelled, precision per kind.

    .venv/bin/python benchmarks/ledger_blind.py user --corpus timebank --db STORE --out DIR
    .venv/bin/python benchmarks/ledger_blind.py store --db STORE --name t17 \\
        --story bpoil/reuters --story H1N1/guardian --out DIR
    .venv/bin/python benchmarks/ledger_blind.py score --dump DIR [DIR ...]

Stories whose ledgers no audit set labels (``data/ledger/README.md``, "The blind set"):

* ``user``: what a user meets on the TempEval-3 AQUAINT or TimeBank reports
  (``aquaint.select``): the reports as JSON lines, ``storyline build`` in a fresh process
  with default settings (every sentence read), every dossier it writes;
* ``store``: one dossier per ``--story TOPIC[/OUTLET]`` from a store ``eval_tls.py --db``
  annotated (one topic's reports, or one outlet's of them), built as ``storyline build``
  builds one (``engine.dossier_for``), read 16 / embed 8 as the store was annotated; the
  ML-Crisis stores need ``STORYLINE_CONFIG`` naming their embedder's settings.

Both write ``ledger.jsonl`` in ``--out`` (each dossier's conflicts of every kind, figure
tracks and changes, every figure with its report and sentence: text, keep it out of the
project), each row under the story ``NAME/STORY`` with its label key. ``score`` reads the
labels of ``data/ledger/blind.jsonl``: per kind, the entries right among those judged
(quantity disagreements, quantity entries noted as both may hold, spelling, date and
attribution conflicts, tracks, track points, changes), 95% Wilson intervals, and the
entries per story. Last line: one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aquaint
import timebank
from _common import HERE, REPO, emit, parser

LABELS = HERE / "data" / "ledger" / "blind.jsonl"
READS = ("blind", "after")  # labels made on the start code, then those added after a change
CORPORA = {
    "aquaint": aquaint.AQUAINT_CORPUS,
    "timebank": timebank.TIMEBANK,
}


def kind_of(row: dict[str, Any]) -> str:
    """The kind a row is scored under: a conflict by its type (a quantity one noted as
    both may hold apart), else ``track`` or ``change``."""
    if row["kind"] != "conflict":
        return row["kind"]
    if row["type"] == "quantity" and row["explained"]:
        return "quantity_noted"
    return row["type"]


def keyed(story: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ledger rows under the story name, each with its label key (and its points')."""
    out = []
    for row in rows:
        row = {**row, "topic": story}
        # a track by its measure and scope (its points are labelled one by one)
        track = row["kind"] == "track"
        row["key"] = (
            json.dumps([story, "track", row["about"]]) if track else timebank.ledger_key(row)
        )
        for p in row.get("points", []):
            p["key"] = timebank.point_key(story, p)
        out.append(row)
    return out


def user(corpus: str, db: str, out: Path) -> dict[str, Any]:
    """``storyline build`` on every report of ``corpus`` as a user runs it; the ledgers
    of the dossiers it writes."""
    import msgspec
    from _timeline17 import documents, topics, write_jsonl

    from storyline.model import Dossier

    aquaint.select(CORPORA[corpus])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = aquaint.write_layout(Path(tmp) / corpus)
        docs = documents([d for dirs in topics(root).values() for d in dirs])
        reports = write_jsonl(docs, Path(tmp) / f"{corpus}.jsonl")
        args = ["build", str(reports), "--db", db, "-o", str(out / "dossiers"), "--json"]
        done = subprocess.run(
            [sys.executable, "-m", "storyline", *args], capture_output=True, text=True, cwd=REPO
        )
        (out / "build.out").write_text(done.stdout + "\n--- stderr\n" + done.stderr)
    rows = []
    for path in sorted((out / "dossiers").glob("*/dossier.json")):
        d = msgspec.json.decode(path.read_bytes(), type=Dossier)
        rows += keyed(f"{corpus}/{d.story.id}", timebank.ledger_of("", d))
    aquaint._write(out / "ledger.jsonl", rows)
    return {"exit": done.returncode, "reports": len(docs), "rows": len(rows)}


def store(db: str, name: str, stories: list[str], out: Path) -> dict[str, Any]:
    """One dossier per ``TOPIC[/OUTLET]`` of the store ``db``; their ledgers."""
    from storyline import engine
    from storyline.model import Story
    from storyline.settings import load_settings
    from storyline.store import open_store

    settings = load_settings(db=db, workers=1, read_sentences=16, embed_sentences=8)
    st = open_store(settings.db)
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    try:
        for a in st.articles():
            topic = Path(a.path or "unknown").stem
            groups[(topic, None)].append(a.id)
            groups[(topic, (a.outlet or "").casefold())].append(a.id)
        rows = []
        for s in stories:
            topic, _, outlet = s.partition("/")
            ids = sorted(groups.get((topic, outlet.casefold() or None), []))
            if not ids:
                raise SystemExit(f"{s}: no report of that topic and outlet in {db}")
            story = Story(id=s.replace("/", "_"), title=s, articles=ids)
            rows += keyed(
                f"{name}/{story.id}",
                timebank.ledger_of("", engine.dossier_for(story, st, settings)),
            )
    finally:
        st.close()
    out.mkdir(parents=True, exist_ok=True)
    aquaint._write(out / "ledger.jsonl", rows)
    return {"rows": len(rows), "stories": len(stories)}


def score(dumps: list[Path], labels: Path = LABELS) -> dict[str, Any]:
    """Per kind, entries right among those judged, by the labels of each read."""
    marks = aquaint._jsonl(labels)
    shown = [row for d in dumps for row in aquaint._jsonl(d / "ledger.jsonl")]
    per_story: dict[str, Counter[str]] = defaultdict(Counter)
    result: dict[str, Any] = {}
    for upto in READS:
        reads = READS[: READS.index(upto) + 1]
        mine = [m for m in marks if m.get("read", "blind") in reads]
        by_key = {m["key"]: m["right"] for m in mine if "key" in m}
        by_point = {m["point"]: m["member"] for m in mine if "point" in m}
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in shown:
            kind = kind_of(row)
            if upto == READS[0]:
                per_story[row["topic"]][kind] += 1
            timebank._count(tally[kind], by_key.get(row["key"]))
            for p in row.get("points", []):
                timebank._count(tally["track_point"], by_point.get(p["key"]))
        result[upto] = {
            kind: {"right": k, "judged": n, "unjudged": u,
                   "share": round(k / n, 3) if n else None, "wilson95": aquaint.wilson(k, n)}
            for kind, (k, n, u) in sorted(tally.items())
        }  # fmt: skip
    result["per_story"] = {s: dict(c) for s, c in sorted(per_story.items())}
    return result


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("command", choices=("user", "store", "score"))
    ap.add_argument("--corpus", choices=sorted(CORPORA), help="user: the TempEval-3 corpus")
    ap.add_argument("--db", help="user: a fresh store; store: an annotated store (a copy)")
    ap.add_argument("--name", help="store: the name its stories are listed under")
    ap.add_argument("--story", action="append", default=[], help="store: TOPIC or TOPIC/OUTLET")
    ap.add_argument("--out", type=Path, help="where user and store write ledger.jsonl")
    ap.add_argument("--dump", type=Path, nargs="+", default=[], help="score: folders written")
    ap.add_argument("--labels", type=Path, default=LABELS, help="score: the labels")
    args = ap.parse_args(argv)
    if args.command == "user":
        if not (args.corpus and args.db and args.out):
            ap.error("user needs --corpus, --db and --out")
        emit(user(args.corpus, args.db, args.out))
    elif args.command == "store":
        if not (args.db and args.name and args.story and args.out):
            ap.error("store needs --db, --name, --story and --out")
        emit(store(args.db, args.name, args.story, args.out))
    else:
        result = score(args.dump, args.labels)
        for read, kinds in result.items():
            if read == "per_story":
                continue
            for kind, r in kinds.items():
                print(f"{read:6} {kind:15} {r['right']}/{r['judged']} = {r['share']} "
                      f"(unjudged {r['unjudged']})")  # fmt: skip
        emit(result)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
