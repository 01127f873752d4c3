"""A blind check on real stories nobody tuned for: the TempEval-3 AQUAINT reports.

    .venv/bin/python benchmarks/aquaint.py stories --db STORE
    .venv/bin/python benchmarks/aquaint.py dump --db STORE --t17 T17_STORE --out DIR
    .venv/bin/python benchmarks/aquaint.py dump --db STORE --weights W.json --out DIR
    .venv/bin/python benchmarks/aquaint.py score --dump DIR [--draw-sample]

The 73 reports of ``../shared/datasets/tempeval3/TBAQ-cleaned/AQUAINT`` (AP, Xinhua, New York
Times, 1998-2000) tell four stories and a few others; ``data/aquaint/stories.jsonl`` labels
each file by hand. Each report is read as a user would hand it over: the text of its
``TEXT`` element, tags stripped, dated by its ``CREATION_TIME`` time expression, its outlet
from the file name's prefix. The reports are written in the Timeline17 layout to a
temporary folder (``STORY_OUTLET/InputDocs/DAY/FILE.txt``; a report labelled ``other`` is a
story of its own) and go through the benchmarks that read that layout:

* ``stories``: ``eval_stories.py`` on all 73 together (story detection on the stream,
  B-cubed against the labels), beside two baselines scored on the same labels: every
  report a story of its own, and all reports one story;
* ``dump``: per story, the dossier's timeline entries (``timeline_audit.py dump``), the
  claims of two or more reports and those confirmed by 2+ independent outlets (linked as
  ``eval_confirm.py`` links a topic), and DATEWISE's timeline (``benchmarks/datewise.py``,
  its ranker trained on every Timeline17 topic of ``--t17`` (its weights written to
  ``DIR/datewise_weights.json``; ``--weights`` reuses them), given the story's span and
  the dossier's number of days and entries per day), each sentence traced to its report.
  Files written to ``--out`` (they hold text: keep them out of the project);
* ``score``: the hand labels of ``data/aquaint/`` (how labelled: its README) on a dump:
  the share of timeline entries right (dossier and DATEWISE), of multi-report claims that
  tell one fact, of confirmed claims right, with 95% Wilson intervals; ``--draw-sample``
  prints the DATEWISE entries drawn for reading (up to 20 a story, seed 13).

Sentence budgets read 16 / embed 8, as the other audits. Last line: one JSON object.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common
from _common import HERE, TEMPEVAL3, emit, parser

AQUAINT = TEMPEVAL3 / "AQUAINT"
DATA = HERE / "data" / "aquaint"
STORIES = ("embassy", "slepian", "nato", "elian")
OUTLETS = {"APW": "Associated Press", "NYT": "New York Times", "XIE": "Xinhua"}
SEED = 13
# Reports a build at the session's start could not annotate: left out unless ``--all``.
HANGS = {
    "NYT19981025.0216.tml": "annotation never ends on main at bee3a01: a 'said' set off by "
    "commas under a noun root makes reported._clause_of climb heads forever",
}
DATEWISE_PER_STORY = 20  # DATEWISE entries drawn for reading, per story
ONLY: frozenset[str] | None = None  # the files read (None: every labelled file)


@dataclasses.dataclass(frozen=True)
class Corpus:
    """A folder of TimeML reports with its hand labels, read here once ``select`` picks it;
    ``outlets``: file-name prefix -> outlet (none that fits: the report is unattributed)."""

    src: Path
    data: Path
    stories: tuple[str, ...]
    outlets: dict[str, str]
    seed: int
    hangs: dict[str, str] = dataclasses.field(default_factory=dict)
    only: frozenset[str] | None = None


# This module's own corpus, as ``select`` takes it (``timebank.TIMEBANK`` is the other).
AQUAINT_CORPUS = Corpus(AQUAINT, DATA, STORIES, OUTLETS, SEED, HANGS)


def select(corpus: Corpus) -> None:
    """Make ``corpus`` the one every function of this module reads."""
    global AQUAINT, DATA, STORIES, OUTLETS, SEED, HANGS, ONLY
    AQUAINT, DATA, STORIES, OUTLETS = corpus.src, corpus.data, corpus.stories, corpus.outlets
    SEED, HANGS, ONLY = corpus.seed, corpus.hangs, corpus.only


def outlet_of(name: str) -> str | None:
    """The outlet the longest prefix of ``OUTLETS`` that fits a file name names, or None."""
    return OUTLETS.get(max((p for p in OUTLETS if name.startswith(p)), key=len, default=""))


def read_tml(path: Path) -> tuple[str, str | None, list[str]]:
    """A report's publication day (its CREATION_TIME), outlet and lines of text (the TEXT
    element with its tags stripped, blank lines dropped)."""
    root = ET.parse(path).getroot()
    made = next(
        t.get("value", "")
        for t in root.iter("TIMEX3")
        if t.get("functionInDocument") == "CREATION_TIME"
    )
    text = "".join(root.find("TEXT").itertext())  # type: ignore[union-attr]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return made[:10], outlet_of(path.name), lines


def labels(everything: bool = False) -> dict[str, str]:
    """File name -> its story, ``other`` for a report of no story of the four; the
    reports of ``HANGS`` left out unless ``everything``, and those not in ``ONLY``."""
    rows = _jsonl(DATA / "stories.jsonl")
    keep = [r for r in rows if everything or r["file"] not in HANGS]
    return {r["file"]: r["story"] for r in keep if ONLY is None or r["file"] in ONLY}


def folder_of(name: str, story: str, outlet: str | None) -> str:
    """The Timeline17-layout source folder of a report: ``embassy_Xinhua``; a report of
    ``other`` is a topic of its own (``other-APW19990206.0090_Associated Press``; a ``_``
    of the file name becomes ``-``, as the layout splits the topic from the outlet at it);
    no outlet: the topic alone (``other-ea980120.1830.0071``), the report unattributed."""
    topic = story if story != "other" else f"other-{Path(name).stem.replace('_', '-')}"
    return f"{topic}_{outlet}" if outlet else topic


def write_layout(root: Path, src: Path | None = None, everything: bool = False) -> Path:
    """Every labelled report of ``src`` (``AQUAINT``: the selected corpus) written under
    ``root`` in the Timeline17 layout."""
    src = src or AQUAINT
    for name, story in labels(everything).items():
        day, outlet, lines = read_tml(src / name)
        out = root / folder_of(name, story, outlet) / "InputDocs" / day / f"{Path(name).stem}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _run(script: str, *args: str) -> list[dict[str, Any]]:
    """Run a benchmark of this folder; its printed JSON lines (the last one its summary)."""
    cmd = [sys.executable, str(HERE / script), *args]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(x) for x in out.splitlines() if x.startswith("{")]


def bcubed_baselines(everything: bool = False) -> dict[str, dict[str, float]]:
    """B-cubed of the two trivial groupings against the labels (every ``other`` report its
    own story): each report alone, and all reports in one story."""
    from eval_stories import bcubed

    texts: dict[str, str] = {}  # a report whose text another holds is ingested once
    for f in labels(everything):
        texts.setdefault("\n".join(read_tml(AQUAINT / f)[2]), f)
    kept = set(texts.values())
    gold = {f: (s if s != "other" else f) for f, s in labels(everything).items() if f in kept}
    out = {}
    for name, predicted in (
        ("singletons", {f: f for f in gold}),
        ("one_story", dict.fromkeys(gold, "all")),
    ):
        p, r, f = bcubed(gold, predicted)
        out[name] = {"bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4)}
    return out


def stories(db: str, everything: bool = False, story_weights: str | None = None) -> dict[str, Any]:
    """Story detection on the 73 reports (``eval_stories.py`` on the layout), baselines."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_layout(Path(tmp) / "aquaint", everything=everything)
        cmd = [sys.executable, str(HERE / "eval_stories.py"), str(root), "--db", db]
        cmd += ["--workers", "1", *(["--weights", story_weights] if story_weights else [])]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    for line in lines[:-1]:
        print(line)
    return {"storyline": json.loads(lines[-1]), **bcubed_baselines(everything)}


@contextlib.contextmanager
def _timeline17_at(root: Path) -> Iterator[None]:
    """``_confirm.timeline17`` reads the folder ``_common.TIMELINE17`` names: ``root`` here."""
    was = _common.TIMELINE17
    _common.TIMELINE17 = root
    try:
        yield
    finally:
        _common.TIMELINE17 = was


def dump(db: str, t17: str | Path, out: Path, everything: bool = False) -> dict[str, int]:
    """Write each story's timeline entries, claims and DATEWISE entries under ``out``."""
    from _confirm import claim_key, refs_of, timeline17
    from eval_claims_s12 import multi_report
    from eval_confirm import _confirmed

    out.mkdir(parents=True, exist_ok=True)
    # eval_stories ingests and annotates every report; the dossiers reuse the annotations
    (out / "stories.json").write_text(json.dumps(stories(db, everything)), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        root = write_layout(Path(tmp) / "aquaint", everything=everything)
        rows = _run("timeline_audit.py", "dump", "--db", db, "--data", str(root),
                    "--topics", ",".join(STORIES))  # fmt: skip
        entries = [r for r in rows if "date" in r]
        with _timeline17_at(root):
            linked = timeline17(db, list(STORIES))
        datewise = datewise_rows(linked, entries, _datewise_weights(t17, out))
        file_of = _files(root, [a for s in linked for a in s.articles])
    claims = []
    for story in linked:
        confirmed = {claim_key(refs_of(c)) for c in _confirmed(story)}
        for c in multi_report(story):
            refs = refs_of(c)
            key = claim_key(refs)
            claims.append({
                "topic": story.topic, "key": key, "confirmed": key in confirmed,
                "outlets": sorted(c.independent_outlets),
                "refs": [[a, s, story.links.sources.get(a, ""), story.sentence((a, s))]
                         for a, s in refs],
            })  # fmt: skip
    _write(out / "entries.jsonl", entries)
    _write(out / "datewise.jsonl", datewise)
    _write(out / "claims.jsonl", claims)
    articles = [
        {"topic": s.topic, "article": a.id, "published": a.published.date, "outlet": a.outlet,
         "credits": a.credits, "file": file_of.get(a.id)}
        for s in linked for a in s.articles
    ]  # fmt: skip
    _write(out / "articles.jsonl", articles)
    return {"entries": len(entries), "datewise": len(datewise), "claims": len(claims),
            "confirmed": sum(c["confirmed"] for c in claims)}  # fmt: skip


def _files(root: Path, articles: list[Any]) -> dict[str, str]:
    """Article id -> the file it was read from (the one whose longest line it holds)."""
    from _timeline17 import detokenize

    out = {}
    for f in root.glob("*/InputDocs/*/*.txt"):
        longest = detokenize(max(f.read_text(encoding="utf-8").splitlines(), key=len))
        for a in articles:
            if longest in a.text:
                out.setdefault(a.id, f.stem)
    return out


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")


def datewise_rows(linked: list[Any], entries: list[dict[str, Any]], w: Any) -> list[dict[str, Any]]:
    """DATEWISE's timeline of each story (its ranker's weights ``w``) over the story's
    publication span, with as many days as the dossier's timeline and its entries per day
    (rounded), each sentence traced to its report as ``timeline_audit`` traces it."""
    import datewise
    from timeline_audit import _source, digest

    out = []
    for story in linked:
        mine = [e for e in entries if e["topic"] == story.topic]
        days = len({e["date"] for e in mine}) or 1
        per_date = max(1, round(len(mine) / days))
        published = {a.id: a.published.date[:10] for a in story.articles}
        span = (datetime.date.fromisoformat(min(published.values())),
                datetime.date.fromisoformat(max(published.values())))  # fmt: skip
        coll = datewise.collection(story.articles, story.annotations)
        chosen = datewise.timeline(coll, span, w, days, per_date)
        for day, sentences in sorted(chosen.items()):
            for text in sentences:
                article, at = _source(coll, day, text)
                out.append({
                    "topic": story.topic, "method": "datewise", "date": day.isoformat(),
                    "article": article[:12], "sentence": at, "published": published.get(article),
                    "digest": digest(text), "text": text,
                })  # fmt: skip
    return out


def _datewise_weights(source: str | Path, out: Path) -> Any:
    """DATEWISE's ranker: trained on every Timeline17 topic of store ``source``, or read from
    a ``.json`` file an earlier dump wrote; written to ``out`` either way."""
    import numpy as np

    if str(source).endswith(".json"):
        w = np.array(json.loads(Path(source).read_text()))
    else:
        import eval_tls

        train = eval_tls.prepare(_common.TIMELINE17, str(source), (16, 8), 1, None)
        w = eval_tls.datewise_model(train)
    (out / "datewise_weights.json").write_text(json.dumps([float(x) for x in w]))
    return w


def wilson(k: int, n: int) -> list[float] | None:
    from eval_claims_s12 import _wilson

    return _wilson(k, n)


def draw_datewise(dump_dir: Path) -> list[dict[str, Any]]:
    """Up to ``DATEWISE_PER_STORY`` DATEWISE entries of each story, drawn at random
    (``SEED``: 13 for AQUAINT)."""
    rows = _jsonl(dump_dir / "datewise.jsonl")
    rng = random.Random(SEED)
    drawn = []
    for story in STORIES:
        mine = [r for r in rows if r["topic"] == story]
        picked = sorted(rng.sample(range(len(mine)), min(DATEWISE_PER_STORY, len(mine))))
        drawn += [mine[i] for i in picked]
    return drawn


READS = ("blind", "after-merge")
# Timeline entries are read again after each change that shows new ones (session 14: dates).
TIMELINE_READS = (*READS, "after-s14-dates", "after-s14-event")


def score_timeline(
    dump_dir: Path, method: str, upto: str = TIMELINE_READS[-1], name: str | None = None
) -> dict[str, Any]:
    """The timeline labels read up to ``upto`` (blind only, or with those read after the
    merge) on a dump's entries (its file ``name``, else the method's; ``timeline_audit.score``),
    per story; entries no label judges are counted apart (``unjudged``), never right or wrong."""
    from timeline_audit import score

    reads = TIMELINE_READS[: TIMELINE_READS.index(upto) + 1]
    rows = [r for r in _jsonl(DATA / "entries.jsonl") if r.get("read", "blind") in reads]
    name = name or ("entries.jsonl" if method == "storyline" else "datewise.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        labels_path = Path(tmp) / "labels.jsonl"
        _write(labels_path, rows)
        result = score(labels_path, dump_dir / name, method)
    unjudged = result.pop("unjudged", [])
    k, n = result["right"], result["entries"]
    return {**result, "wilson95": wilson(k, n), "unjudged": len(unjudged)}


def score_claims(
    dump_dir: Path, name: str = "claims.jsonl", topics: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Multi-report claims telling one fact, and confirmed claims right, on the labels of
    ``data/aquaint/claims.jsonl`` (``eval_claims_s12.tally``: blind labels first), of the
    dump's file ``name`` and the stories ``topics`` (``STORIES`` when None)."""
    from types import SimpleNamespace

    from eval_claims_s12 import tally

    rows = _jsonl(DATA / "claims.jsonl")
    formed = _jsonl(dump_dir / name)

    def claim(c: dict[str, Any]) -> Any:
        return SimpleNamespace(
            evidence=[SimpleNamespace(article=a, sentence=s) for a, s, *_ in c["refs"]]
        )

    out = {}
    for name, pick, right in (
        ("multi", lambda c: True, False),
        ("confirmed", lambda c: c["confirmed"], True),
    ):
        claims = {
            s: [claim(c) for c in formed if c["topic"] == s and pick(c)] for s in topics or STORIES
        }
        sets = [r for r in rows if r["set"] == name]
        out[name] = {read: tally(claims, sets, read, right) for read in READS}
    return out


def score(dump_dir: Path) -> dict[str, Any]:
    """Every figure of a dump: timelines (dossier, DATEWISE) and claims on the blind labels
    and with the later ones, and story detection as ``dump`` measured it."""
    stories_path = dump_dir / "stories.json"
    return {
        "timeline": {r: score_timeline(dump_dir, "storyline", r) for r in TIMELINE_READS},
        "datewise": {r: score_timeline(dump_dir, "datewise", r) for r in TIMELINE_READS},
        "claims": score_claims(dump_dir),
        "stories": json.loads(stories_path.read_text()) if stories_path.exists() else None,
    }


def summary(result: dict[str, Any]) -> None:
    """One line a figure: share, interval, counts."""
    for name in ("timeline", "datewise"):
        for read, r in result[name].items():
            counts = f"{r['right']}/{r['entries']} = {r['share']} {r['wilson95']}"
            print(f"{name:9} {read:11} {counts} unjudged {r['unjudged']} {r['wrong_kinds']}")
    for name, by_read in result["claims"].items():
        for read, r in by_read.items():
            print(f"{name:9} {read:11} {r['good']}/{r['judged']} = {r['share']} {r['wilson95']} "
                  f"(formed {r['formed']})")  # fmt: skip
    print_stories(result["stories"])


def print_stories(figures: dict[str, Any] | None, label: str = "stories") -> None:
    """One line per grouping (storyline, the two baselines): B-cubed P, R, F1."""
    for name, r in (figures or {}).items():
        print(f"{label:9} {name:11} P {r['bcubed_p']} R {r['bcubed_r']} F1 {r['bcubed_f1']}")


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    ap.add_argument("command", choices=("stories", "dump", "score"))
    ap.add_argument("--db", help="the store the AQUAINT reports are annotated into (kept)")
    ap.add_argument("--t17", help="a copy of the annotated Timeline17 store (DATEWISE's training)")
    ap.add_argument("--weights", type=Path, help="DATEWISE's weights from an earlier dump")
    ap.add_argument("--out", type=Path, help="where dump writes its files")
    ap.add_argument("--dump", type=Path, help="a folder dump wrote (score)")
    ap.add_argument("--all", action="store_true", help="also the reports of HANGS")
    ap.add_argument("--story-weights", help="stories: a JSON file of story Weights overrides")
    ap.add_argument("--draw-sample", action="store_true", help="print the DATEWISE entries to read")
    args = ap.parse_args(argv)
    if args.command == "stories":
        if not args.db:
            ap.error("stories needs --db, where the reports are annotated")
        result = stories(args.db, args.all, args.story_weights)
        for name, r in result.items():
            print(f"{name:12} P {r['bcubed_p']:.3f} R {r['bcubed_r']:.3f} F1 {r['bcubed_f1']:.3f}")
        emit(result)
    elif args.command == "dump":
        if not (args.db and (args.t17 or args.weights) and args.out):
            ap.error("dump needs --db, --out and --t17 (or --weights)")
        emit(dump(args.db, args.weights or args.t17, args.out, args.all))
    elif args.draw_sample:
        for row in draw_datewise(args.dump):
            print(json.dumps(row, ensure_ascii=False))
    else:
        if not args.dump:
            ap.error("score needs --dump, a folder dump wrote")
        result = score(args.dump)
        summary(result)
        emit(result)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
