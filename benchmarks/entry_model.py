"""A test of "this sentence tells a dated event of this story" (``_entry_cues.py``: a
logistic model over the cues the annotations give), fitted on the timeline audit and scored
leave-one-story-out.

    .venv/bin/python benchmarks/entry_model.py features --db T17 --topics EgyptianProtest,H1N1 \
        > t17.features.jsonl
    STORYLINE_CONFIG=use.toml .venv/bin/python benchmarks/entry_model.py features --db ES \
        --data ../shared/datasets/ml-crisis/es --topics yemen,syria --prefix es/ > es.features.jsonl
    .venv/bin/python benchmarks/entry_model.py loto t17.features.jsonl es.features.jsonl

``features`` finds, for every judged entry of the named stories, the candidate it stood for
(same day, report, sentence and text; else that sentence as a candidate of the day) and prints
its cues (``_entry_cues.FEATURES``) with the judgement: an event of the story (right, or a wrong
date) or not (``not-event``, ``off-story``). ``loto`` holds out each story in turn: a logistic
regression is fitted on the others' judgements, its operating point is the probability floor
that removes the most non-events net of events over the other stories' out-of-fold
probabilities (an inner leave-one-story-out), and the held-out story is scored at it: per story
the right share before and after, the wrong entries removed by kind and the right ones lost.
Last, the model fitted on every story and its floor chosen the same way. ``--target
right`` fits "right" against every wrong kind; ``--only lede`` tests only undated ledes;
``--missing`` is what removing an event costs against removing a non-event.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _clause_cues import CLAUSE
from _common import TIMELINE17, emit, parser
from _entry_cues import FEATURES, StoryReading, features
from timeline_audit import AUDIT, _index, _judgement, _read, digest, linked_topics

from storyline.model import Event, Evidence
from storyline.settings import load_settings
from storyline.store import open_store
from storyline.synthesize.timeline.candidates import story_candidates
from storyline.synthesize.timeline.config import DEFAULT_WEIGHTS
from storyline.synthesize.timeline.reading import body_only, roundups, story_terms

# Stories whose judgements a blind batch is making: never read here (none now).
BLIND: frozenset[str] = frozenset()
# The AQUAINT stories' judgements (``aquaint.py``; ``features --data`` its layout).
AQUAINT_AUDIT = Path(__file__).resolve().parent / "data" / "aquaint" / "entries.jsonl"
C = 1.0  # the regression's inverse regularization strength (sklearn's default)
# A non-event removed counts 1, an event removed this much. Not less than 1: a removed
# entry's place goes to the day's next candidate (or another day's), which is no surer, so
# a removal pays only where non-events outnumber events.
MISSING = 1.0
VECTORS = False  # add the sentence vectors to the cues (--vectors: features and loto)
CUES = FEATURES  # the cues a model reads (--no-clause: without the main clause's)


def _judgements(name: str) -> list[dict[str, object]]:
    """The audit's judgements of story ``name``, one per entry text (the latest reading)."""
    if name in BLIND:
        return []
    rows: dict[tuple[object, ...], dict[str, object]] = {}
    lines = [x for p in (AUDIT, AQUAINT_AUDIT) for x in p.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        r = json.loads(line)
        if r["topic"] == name and r.get("method", "storyline") == "storyline":
            rows[(r["date"], r["article"], r["sentence"], r.get("digest"))] = r
    return list(rows.values())


def _vector(e: Event, reading: StoryReading) -> list[float] | None:
    """The stored sentence vector of the sentence that stands for ``e`` (None unembedded)."""
    ev = e.evidence[0]
    m = reading.vectors.get(ev.article)
    if m is None or ev.sentence >= len(m) or not m.shape[1] or not m[ev.sentence].any():
        return None
    return [round(float(x), 5) for x in m[ev.sentence]]


def extract(root: Path, db: str, only: list[str], prefix: str = "", vectors: bool = False) -> int:
    """Print each judged entry's cues and judgement, one JSON line each; return how many."""
    settings = load_settings(db=db, read_sentences=16, embed_sentences=8)
    store = open_store(settings.db)
    printed = 0
    try:
        wanted = [t for t in only if _judgements(prefix + t)]
        for topic, (articles, annotations, links) in linked_topics(root, store, settings, wanted):
            name = prefix + topic
            judged = _judgements(name)
            annotations, events = body_only(articles, annotations, links.events)
            terms = story_terms(annotations, articles=articles)
            roundup, core = roundups(annotations, terms, articles, DEFAULT_WEIGHTS)
            reading = StoryReading(articles, annotations, terms, core, roundup)
            candidates = story_candidates(articles, annotations, events, terms)
            for r in judged:
                e = _candidate(r, candidates, annotations)
                if e is None:
                    continue
                row = {
                    "topic": name,
                    "key": [r["date"], r["article"], r["sentence"], r.get("digest")],
                    "batch": r.get("batch", ""),
                    "right": r["right"],
                    "why": r["why"],
                    "event": bool(r["right"]) or r["why"] == "wrong-date",
                    "features": features(e, reading),
                }
                if vectors:
                    row["vector"] = _vector(e, reading)
                print(json.dumps(row))
                printed += 1
    finally:
        store.close()
    return printed


def _candidate(r: dict[str, object], candidates: list[Event], annotations: list) -> Event | None:
    """The candidate judgement ``r`` was made on, or its sentence as a candidate of its day."""
    ours = [
        e
        for e in candidates
        if e.date == r["date"]
        and any(
            ev.article.startswith(str(r["article"])) and ev.sentence == r["sentence"]
            for ev in e.evidence
        )
    ]
    same = [e for e in ours if digest(e.text) == r.get("digest")]
    if same or ours:
        return (same or ours)[0]
    for ann in annotations:
        if ann.article.startswith(str(r["article"])):
            for s in ann.sentences:
                if s.index == r["sentence"]:
                    told = [Evidence(article=ann.article, sentence=s.index, text=s.text)]
                    return Event(date=str(r["date"]), granularity="day", status="occurred",
                                 text=s.text, evidence=told)  # fmt: skip
    return None


def _matrix(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[r["features"][f] for f in CUES] for r in rows], dtype=float)
    if VECTORS:
        # The sentence's stored vector (one encoder per run), zeros and a flag when unembedded.
        dim = max((len(r["vector"]) for r in rows if r.get("vector")), default=0)
        vec = np.array([r.get("vector") or [0.0] * dim for r in rows], dtype=float)
        has = np.array([[float(bool(r.get("vector")))] for r in rows])
        x = np.hstack([x, vec.reshape(len(rows), dim), has])
    return x, np.array([int(r["event"]) for r in rows])


def _fit(rows: list[dict]) -> LogisticRegression:
    x, y = _matrix(rows)
    return LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(x, y)


def _floor(rows: list[dict], missing: float = MISSING) -> float:
    """The floor that removes the most non-events net of events, on out-of-fold
    probabilities (each story scored by a model fitted on the others)."""
    by_story = defaultdict(list)
    for r in rows:
        by_story[r["topic"]].append(r)
    scored = []
    for story, held in by_story.items():
        model = _fit([r for r in rows if r["topic"] != story])
        p = model.predict_proba(_matrix(held)[0])[:, 1]
        scored.extend(zip(p, (r["event"] for r in held), strict=True))
    best, gain = 0.0, 0.0
    for floor in np.arange(0.05, 0.96, 0.025):
        net = sum((1.0 if not ev else -missing) for p, ev in scored if p < floor)
        if net > gain:
            best, gain = float(floor), net
    return best


def loto(
    paths: list[Path],
    dump: Path | None = None,
    missing: float = MISSING,
    only: str = "",
    target: str = "event",
) -> dict[str, object]:
    """Each story scored by the model and floor chosen on the others; with ``dump``, over
    the entries that dump shows (else over every judged entry)."""
    rows = [json.loads(line) for p in paths for line in p.read_text().splitlines() if line]
    rows = [r for r in rows if r["topic"] not in BLIND]
    if target == "right":
        rows = [{**r, "event": bool(r["right"])} for r in rows]
    shown = _shown(rows, dump) if dump else rows
    if only:
        # The test judges only these candidates (the others always stand): fit on them.
        rows = [r for r in rows if r["features"][only]]
    return _loto(rows, shown, missing, only)


def _loto(rows: list[dict], shown: list[dict], missing: float, only: str) -> dict[str, object]:
    """Per story held out: its ``shown`` rows scored by a model and floor from ``rows`` of
    the other stories (a candidate without the cue ``only``, when given, always stands)."""
    stories = sorted({r["topic"] for r in rows})
    out: dict[str, object] = {}
    totals: dict[str, int] = defaultdict(int)
    scored: list[tuple[float, bool]] = []
    for story in stories:
        train = [r for r in rows if r["topic"] != story]
        held = [r for r in shown if r["topic"] == story]
        floor = _floor(train, missing)
        p = _fit(train).predict_proba(_matrix(held)[0])[:, 1]
        if only:
            p = np.where([bool(r["features"][only]) for r in held], p, 1.0)
        scored.extend(zip(p, (r["event"] for r in held), strict=True))
        kept = [r for r, q in zip(held, p, strict=True) if q >= floor]
        removed: dict[str, int] = defaultdict(int)
        for r, q in zip(held, p, strict=True):
            if q < floor:
                removed[r["why"] or "right"] += 1
        right_before = sum(r["right"] for r in held)
        right_after = sum(r["right"] for r in kept)
        out[story] = {
            "floor": round(floor, 3),
            "before": f"{right_before}/{len(held)}",
            "after": f"{right_after}/{len(kept)}",
            "removed": dict(removed),
        }
        totals["judged"] += len(held)
        totals["right"] += right_before
        totals["kept"] += len(kept)
        totals["kept_right"] += right_after
        for k, v in removed.items():
            totals["removed_" + k] += v
    model, floor = _fit(rows), _floor(rows, missing)
    out["totals"] = dict(totals)
    out["auc"] = round(_auc(scored), 3)
    out["model"] = {
        "floor": round(floor, 3),
        "weights": {
            "bias": round(float(model.intercept_[0]), 3),
            **{f: round(float(w), 3) for f, w in zip(CUES, model.coef_[0], strict=False)},
        },
    }
    return out


def _auc(scored: list[tuple[float, bool]]) -> float:
    """The chance that an event's probability is above a non-event's."""
    pos = [p for p, ev in scored if ev]
    neg = [p for p, ev in scored if not ev]
    if not pos or not neg:
        return 0.0
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def _shown(rows: list[dict], dump: Path) -> list[dict]:
    """The feature rows of the entries ``dump`` shows (those a judgement covers)."""
    judged = _index(_read(AUDIT) + _read(AQUAINT_AUDIT))
    by_key = {(r["topic"], *r["key"]): r for r in rows}
    out = []
    for entry in _read(dump):
        j = _judgement(judged, entry) if "date" in entry else None
        if j is not None:
            key = (j["topic"], j["date"], j["article"], j["sentence"], j.get("digest"))
            if key in by_key:
                out.append(by_key[key])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="--data", default=TIMELINE17)
    ap.add_argument("command", choices=("features", "loto"))
    ap.add_argument("--missing", type=float, default=MISSING, help="an event removed's cost")
    ap.add_argument("--c", type=float, default=C, help="the regression's inverse regularization")
    ap.add_argument("--target", default="event", choices=("event", "right"))
    ap.add_argument("--only", default="", help="test only candidates with this cue: lede")
    ap.add_argument("paths", nargs="*", type=Path, help="features files (loto)")
    ap.add_argument("--db", help="a store holding the stories' annotations (features)")
    ap.add_argument("--topics", default="EgyptianProtest,H1N1,LibyaWar")
    ap.add_argument("--dump", type=Path, help="score the entries of this audit dump (loto)")
    ap.add_argument("--vectors", action="store_true", help="add each sentence's vector")
    ap.add_argument("--no-clause", action="store_true", help="leave the main clause's cues out")
    ap.add_argument("--prefix", default="", help="the stories' prefix in the judgements: es/")
    args = ap.parse_args(argv)
    globals()["C"] = args.c
    globals()["VECTORS"] = args.vectors and args.command == "loto"
    if args.no_clause:
        globals()["CUES"] = tuple(f for f in FEATURES if f not in CLAUSE)
    if args.command == "features":
        if not args.db:
            ap.error("features needs --db, a store that holds the stories' annotations")
        n = extract(args.data, args.db, args.topics.split(","), args.prefix, args.vectors)
        print(json.dumps({"judged": n}), file=sys.stderr)
    else:
        emit(loto(args.paths, args.dump, args.missing, args.only, args.target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
