"""A blind check on the TempEval-3 TimeBank reports: ``aquaint.py``'s harness on another corpus.

    .venv/bin/python benchmarks/timebank.py user --db STORE --out DIR
    .venv/bin/python benchmarks/timebank.py stories --db STORE [--year 1998]
    .venv/bin/python benchmarks/timebank.py dump --db STORE --weights W.json --out DIR
    .venv/bin/python benchmarks/timebank.py score --dump DIR [--draw-sample]

The 183 reports of ``../shared/datasets/tempeval3/TBAQ-cleaned/TimeBank`` (Wall Street Journal
items of 1989, five reports of 1990-91, broadcast and wire copy of 1998) are labelled by
story by hand in ``data/timebank/stories.jsonl``; each report is read as ``aquaint.py`` reads
one (``aquaint.select`` makes this corpus the one it reads), its outlet from its file name's
prefix (``ea``/``ed`` files name none: unattributed). Commands:

* ``user``: what a user meets: the reports as JSON lines (text, date, outlet) from the
  layout, ``storyline ingest`` then ``storyline build`` on them in a fresh process each,
  default settings (every sentence read), the exit codes, failures listed and CPU seconds
  (``--article-seconds`` sets the per-article limit through a config file);
* ``stories``: story detection on the stream beside the two baselines (``aquaint.stories``),
  ``--year`` only the reports of that year;
* ``dump``: ``aquaint.dump`` on the stories of four or more reports, plus each dossier's
  ledger: its conflicts, figure tracks and changes (``dossier.json`` keys), each figure
  traced to its report and sentence (``ledger.jsonl``), and story detection on the 1998
  reports (``stories-1998.json``);
* ``score``: ``aquaint.score`` on the labels of ``data/timebank/``, plus the ledger's labels
  (``ledger.jsonl``: disagreements right, track points that belong), 95% Wilson intervals.

Last line: one JSON object.
"""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aquaint
from _common import HERE, REPO, TEMPEVAL3, emit, parser

TIMEBANK = aquaint.Corpus(
    src=TEMPEVAL3 / "TimeBank",
    data=HERE / "data" / "timebank",
    stories=("gulf90", "iraq98"),  # the stories of four or more reports
    outlets=dict(
        ABC="ABC News",
        AP="Associated Press",
        CNN="CNN",
        NYT="New York Times",
        PRI="Public Radio International",
        SJMN="San Jose Mercury News",
        VOA="Voice of America",
        WSJ="Wall Street Journal",
        wsj_="Wall Street Journal",
    ),
    seed=14,
)


def year_files(year: int) -> frozenset[str]:
    """The TimeBank files whose CREATION_TIME falls in ``year``."""
    out = set()
    for path in TIMEBANK.src.glob("*.tml"):
        made = next(
            t.get("value", "")
            for t in ET.parse(path).getroot().iter("TIMEX3")
            if t.get("functionInDocument") == "CREATION_TIME"
        )
        if made.startswith(str(year)):
            out.add(path.name)
    return frozenset(out)


def use(year: int | None = None) -> None:
    """Make TimeBank (``year``'s reports only, when given) the corpus ``aquaint`` reads."""
    only = year_files(year) if year else None
    aquaint.select(TIMEBANK if only is None else dataclasses.replace(TIMEBANK, only=only))


def _cpu() -> float:
    """CPU seconds (user + system) the finished child processes have used so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def user_run(db: str, out: Path, article_seconds: float | None = None) -> dict[str, Any]:
    """``storyline ingest`` then ``storyline build`` on every report, as a user runs them."""
    from _timeline17 import documents, topics, write_jsonl

    use()
    out.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "storyline"]
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = aquaint.write_layout(Path(tmp) / "timebank")
        docs = documents([d for dirs in topics(root).values() for d in dirs])
        reports = write_jsonl(docs, Path(tmp) / "timebank.jsonl")
        extra = []
        if article_seconds is not None:
            config = Path(tmp) / "config.toml"
            config.write_text(f"[annotate]\narticle_seconds = {article_seconds}\n")
            extra = ["--config", str(config)]
        for name, args in (
            ("ingest", ["ingest", str(reports), "--db", db, "--json", "--workers", "1"]),
            ("build", ["build", str(reports), "--db", db, "-o", str(out / "dossiers"), "--json",
                       "--workers", "1"]),
        ):  # fmt: skip
            before = _cpu()
            done = subprocess.run([*cli, *args, *extra], capture_output=True, text=True, cwd=REPO)
            (out / f"{name}.out").write_text(done.stdout + "\n--- stderr\n" + done.stderr)
            result[name] = {"exit": done.returncode, "cpu_seconds": round(_cpu() - before, 1)}
        result["reports"] = len(docs)
    return result


def ledger_rows(db: str, linked: list[Any]) -> list[dict[str, Any]]:
    """Each linked story's dossier (``engine.dossier_for``, as ``storyline build`` makes it)
    as ``ledger_of`` rows."""
    from storyline import engine
    from storyline.model import Story
    from storyline.settings import load_settings
    from storyline.store import open_store

    settings = load_settings(db=db, workers=1, read_sentences=16, embed_sentences=8)
    store = open_store(settings.db)
    try:
        return [
            row
            for s in linked
            for row in ledger_of(
                s.topic,
                engine.dossier_for(
                    Story(id=s.topic, title=s.topic, articles=sorted(a.id for a in s.articles)),
                    store,
                    settings,
                ),
            )
        ]
    finally:
        store.close()


def _refs(evidence: list[Any]) -> list[list[Any]]:
    return [[e.article[:12], e.sentence, e.text] for e in evidence]


def ledger_of(topic: str, d: Any) -> list[dict[str, Any]]:
    """A dossier's conflicts, tracks and changes, every figure with its evidence (article,
    sentence, text)."""
    rows: list[dict[str, Any]] = []
    for c in d.conflicts:
        rows.append({
            "topic": topic, "kind": "conflict", "about": c.about, "type": c.kind,
            "explained": c.explained, "note": c.note,
            "positions": [{"value": p.value, "refs": _refs(p.evidence)} for p in c.positions],
        })  # fmt: skip
    for t in d.tracks:
        rows.append({
            "topic": topic, "kind": "track", "about": t.about, "unit": t.unit,
            "points": [{"date": p.date, "value": p.value, "text": p.text, "outlet": p.outlet,
                        "refs": _refs(p.evidence)} for p in t.points],
        })  # fmt: skip
    for ch in d.changes:
        rows.append({
            "topic": topic, "kind": "change", "type": ch.kind, "text": ch.text,
            "about": ch.about, "before": ch.before, "after": ch.after,
            "refs": _refs(ch.evidence), "before_refs": _refs(ch.before_evidence),
        })  # fmt: skip
    return rows


STREAM = "stream"  # the topic of what the stream's own stories show


def stream(dossiers: Path, out: Path) -> dict[str, int]:
    """The dossiers ``storyline build`` wrote for the stories it found in the whole stream
    (``user``): their claims of two or more reports (``claims-stream.jsonl``, confirmed
    when 2+ independent outlets tell them), their ledgers (``ledger-stream.jsonl``) and the
    timelines of stories of two or more reports (``entries-stream.jsonl``), all under the
    topic ``stream``."""
    import msgspec
    from _confirm import claim_key, refs_of
    from timeline_audit import _telling, digest

    from storyline.model import Dossier

    claims, ledger, entries = [], [], []
    for path in sorted(dossiers.glob("*/dossier.json")):
        d = msgspec.json.decode(path.read_bytes(), type=Dossier)
        outlet = {a.id: a.outlet or "" for a in d.articles}
        for c in d.claims:
            if len({e.article for e in c.evidence}) < 2:
                continue
            claims.append({
                "topic": STREAM, "story": d.story.id, "key": claim_key(refs_of(c)),
                "confirmed": c.independent_outlets >= 2,
                "outlets": sorted(c.independent_outlet_names),
                "refs": [[e.article, e.sentence, outlet.get(e.article, ""), e.text]
                         for e in sorted(c.evidence, key=lambda e: (e.article, e.sentence))],
            })  # fmt: skip
        ledger += [{**r, "story": d.story.id} for r in ledger_of(STREAM, d)]
        if d.story.articles >= 2:
            day = {a.id: a.published.date[:10] for a in d.articles}
            told = [(e, _telling(e.evidence, e.text)) for e in d.timeline]
            entries += [
                {"topic": STREAM, "story": d.story.id, "date": e.date, "status": e.status,
                 "article": ev.article[:12], "sentence": ev.sentence,
                 "published": day.get(ev.article), "digest": digest(e.text), "text": e.text}
                for e, ev in told
            ]  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    aquaint._write(out / "claims-stream.jsonl", claims)
    aquaint._write(out / "ledger-stream.jsonl", ledger)
    aquaint._write(out / "entries-stream.jsonl", entries)
    return {"stream_claims": len(claims), "stream_confirmed": sum(c["confirmed"] for c in claims),
            "stream_ledger": len(ledger), "stream_entries": len(entries)}  # fmt: skip


def dump(db: str, weights: str | Path, out: Path) -> dict[str, Any]:
    """``aquaint.dump`` on TimeBank, the dossiers' ledgers, and the 1998 stream's stories."""
    from _confirm import timeline17

    use()
    counts: dict[str, Any] = aquaint.dump(db, weights, out)
    with tempfile.TemporaryDirectory() as tmp:
        root = aquaint.write_layout(Path(tmp) / "timebank")
        with aquaint._timeline17_at(root):
            linked = timeline17(db, list(TIMEBANK.stories))
    ledger = ledger_rows(db, linked)
    aquaint._write(out / "ledger.jsonl", ledger)
    use(1998)
    (out / "stories-1998.json").write_text(json.dumps(aquaint.stories(db)), encoding="utf-8")
    use()
    kinds = [r["kind"] for r in ledger]
    return {**counts, **{k: kinds.count(k) for k in ("conflict", "track", "change")}}


def ledger_key(row: dict[str, Any]) -> str:
    """What a ledger label names: the story, the kind and every figure's article and
    sentence (a conflict's positions, a track's points, a change's two sides)."""
    if row["kind"] == "conflict":
        parts = [r[:2] for p in row["positions"] for r in p["refs"]]
    elif row["kind"] == "track":
        parts = [r[:2] for p in row["points"] for r in p["refs"]]
    else:
        parts = [r[:2] for r in row["refs"] + row["before_refs"]]
    return json.dumps([row["topic"], row["kind"], sorted(parts)])


def point_key(topic: str, point: dict[str, Any]) -> str:
    """A track point's label key: its story, date, value and evidence."""
    return json.dumps([topic, point["date"], point["value"], sorted(r[:2] for r in point["refs"])])


def score_ledger(dump_dir: Path) -> dict[str, Any]:
    """Disagreements right (``right`` on a conflict not ``explained``), changes right, and
    track points that belong to their track's measure (``member``), per read."""
    labels = aquaint._jsonl(TIMEBANK.data / "ledger.jsonl")
    shown = aquaint._jsonl(dump_dir / "ledger.jsonl") + aquaint._jsonl(
        dump_dir / "ledger-stream.jsonl"
    )
    out: dict[str, Any] = {}
    for upto in aquaint.READS:
        reads = aquaint.READS[: aquaint.READS.index(upto) + 1]
        mine = [x for x in labels if x.get("read", "blind") in reads]
        by_key = {x["key"]: x for x in mine if "key" in x}
        by_point = {x["point"]: x for x in mine if "point" in x}
        tally: dict[str, list[int]] = {"disagreements": [0, 0, 0], "changes": [0, 0, 0],
                                       "track_points": [0, 0, 0]}  # fmt: skip
        for row in shown:
            if row["kind"] == "track":
                for p in row["points"]:
                    lab = by_point.get(point_key(row["topic"], p))
                    _count(tally["track_points"], lab and lab["member"])
            elif row["kind"] == "conflict" and not row["explained"]:
                lab = by_key.get(ledger_key(row))
                _count(tally["disagreements"], lab and lab["right"])
            elif row["kind"] == "change":
                lab = by_key.get(ledger_key(row))
                _count(tally["changes"], lab and lab["right"])
        out[upto] = {
            name: {"right": k, "judged": n, "unjudged": u,
                   "share": round(k / n, 3) if n else None, "wilson95": aquaint.wilson(k, n)}
            for name, (k, n, u) in tally.items()
        }  # fmt: skip
    return out


def _count(cell: list[int], verdict: bool | None) -> None:
    """Add one verdict (None: no label judges it) to ``[right, judged, unjudged]``."""
    if verdict is None:
        cell[2] += 1
    else:
        cell[0] += bool(verdict)
        cell[1] += 1


def score(dump_dir: Path) -> dict[str, Any]:
    """``aquaint.score`` on TimeBank's labels, the ledger's, and the 1998 stream's stories."""
    use()
    result = aquaint.score(dump_dir)
    result["ledger"] = score_ledger(dump_dir)
    result["stream_claims"] = aquaint.score_claims(dump_dir, "claims-stream.jsonl", (STREAM,))
    result["stream_timeline"] = {
        read: aquaint.score_timeline(dump_dir, "storyline", read, "entries-stream.jsonl")
        for read in aquaint.READS
    }
    path = dump_dir / "stories-1998.json"
    result["stories_1998"] = json.loads(path.read_text()) if path.exists() else None
    return result


def summary(result: dict[str, Any]) -> None:
    """``aquaint.summary`` and one line per ledger figure and 1998 story figure."""
    aquaint.summary(result)
    for read, figures in result["ledger"].items():
        for name, r in figures.items():
            print(f"{name:14} {read:11} {r['right']}/{r['judged']} = {r['share']} "
                  f"{r['wilson95']} unjudged {r['unjudged']}")  # fmt: skip
    aquaint.print_stories(result["stories_1998"], "stories98")
    for name, by_read in result["stream_claims"].items():
        for read, r in by_read.items():
            print(f"stream {name:9} {read:11} {r['good']}/{r['judged']} = {r['share']} "
                  f"{r['wilson95']} (formed {r['formed']})")  # fmt: skip
    for read, r in result["stream_timeline"].items():
        print(f"stream timeline {read:11} {r['right']}/{r['entries']} = {r['share']} "
              f"{r['wilson95']} unjudged {r['unjudged']} {r['wrong_kinds']}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("command", choices=("user", "stories", "dump", "stream", "score"))
    for flag, kind, what in (
        ("--db", str, "the store the reports are annotated into (kept)"),
        ("--weights", str, "DATEWISE's weights (.json) or a Timeline17 store to train on"),
        ("--out", Path, "where user and dump write their files"),
        ("--dump", Path, "a folder dump wrote (score; stream writes there)"),
        ("--dossiers", Path, "stream: the dossiers folder user wrote"),
        ("--year", int, "stories: only the reports of this year"),
        ("--story-weights", str, "stories: a JSON file of story Weights overrides"),
        ("--article-seconds", float, "user: the per-article time limit"),
    ):
        ap.add_argument(flag, type=kind, help=what)
    ap.add_argument("--draw-sample", action="store_true", help="print the DATEWISE entries to read")
    args = ap.parse_args(argv)
    if args.command in ("user", "stories", "dump") and not args.db:
        ap.error(f"{args.command} needs --db, where the reports are annotated")
    if args.command in ("user", "dump") and not args.out:
        ap.error(f"{args.command} needs --out")
    if args.command == "user":
        emit(user_run(args.db, args.out, args.article_seconds))
    elif args.command == "stories":
        use(args.year)
        emit(aquaint.stories(args.db, story_weights=args.story_weights))
    elif args.command == "dump":
        if not args.weights:
            ap.error("dump needs --weights (a .json of weights or a Timeline17 store)")
        emit(dump(args.db, args.weights, args.out))
    elif not args.dump:
        ap.error(f"{args.command} needs --dump, a folder dump wrote")
    elif args.command == "stream":
        if not args.dossiers:
            ap.error("stream needs --dossiers, the folder user wrote its dossiers to")
        emit(stream(args.dossiers, args.dump))
    elif args.draw_sample:
        use()
        print(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in aquaint.draw_datewise(args.dump))
        )
    else:
        summary(result := score(args.dump))
        emit(result)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    raise SystemExit(main())
