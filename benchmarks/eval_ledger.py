"""The figure ledger on real news: disagreements, tracks and claims against a labelled audit set.

    .venv/bin/python benchmarks/eval_ledger.py --cache .cache/ann       # score the audit set
    .venv/bin/python benchmarks/eval_ledger.py --per-topic --db t17.sqlite   # per story
    .venv/bin/python benchmarks/eval_ledger.py --candidates out.jsonl   # pairs to label

The audit set (``benchmarks/data/ledger/``, see its README) holds figure pairs from the
visible Timeline17 topics, each labelled by reading both sentences: whether the two
figures measure one thing at one time and cannot both hold (a disagreement), and whether
they are values of one moving measure told on different days (a track); and multi-report
claims labelled one fact or not. It stores references, no text.

The share of multi-report claims that tell one fact is read, with ``--db``, on the blind
draws (``benchmarks/data/claims_s12/``, ``claims_s13/``, ``claims_s15/``; scored by
``eval_claims_s12.tally``: a claim tells one fact when every sentence is labelled ``F``;
furniture, captions and boilerplate, ``J``, are not one fact): the Timeline17 claims the
code forms now that those labels judge. The audit set's own claims (``claims``) were
sampled on an older build and count furniture repeated verbatim as one fact.

Disagreements are scored for main's rule before issue 15 (re-implemented in ``_ledger``),
for main at 5dd05ca (``MAIN``: its FiguresConfig, no revision rule), and for this code with
the thresholds of ``GRID`` chosen on the audit set: in-sample (chosen on all topics) and
leave-one-topic-out (chosen on the other topics, scored on the one left out; pooled, with
the spread over topics). A choice keeps precision >= ``PRECISION`` and maximizes recall.
``--per-topic`` prints disagreements and claims per story, main's code against this one,
on a store that holds the Timeline17 topics annotated (``_ledger_stories``).
The last line is one JSON object.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common
import _confirm
import _ledger as L

from storyline.synthesize.measures import FIGURES, FiguresConfig

# main at 5dd05ca: these values, and no revision rule (``revised``).
MAIN = FiguresConfig(related=0.35, alike=1.01, report_slack=0, list_figures=4, max_ratio=3.0)
GRID = {
    "related": (0.3, 0.35, 0.4, 0.45, 0.5),  # cosine with a shared entity
    "alike": (0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01),  # cosine with none (1.01: never)
    "alike_same_day": (0.5, 0.6, 0.7, 0.8, 1.01),  # ... reports of one day, no places apart
    "report_slack": (0, 1),  # days apart two reports may tell one moment
    "list_figures": (3, 4, 5),  # figures that make a sentence a list
    "max_ratio": (2.0, 3.0),  # sizes of two tellings of one count
}
# The tracks' reading windows, chosen leave-one-topic-out on the track labels alike.
TRACK_GRID = {
    "rate_after": (20, 40, 60),  # characters after a volume its period is read in
    "running_before": (40, 80, 120),  # characters before a figure its running cue is read in
    "running_after": (20, 40, 60),  # ... and after it
    "world_near": (40, 60, 80),  # characters around a figure "in 42 countries" is read in
}
PRECISION = 0.85  # a threshold choice keeps at least this precision on the topics it sees
MAX_BATCH = 99  # --max-batch: score the pairs of the batches up to this one (5: before batch 6)
log = logging.getLogger("eval_ledger")

Counts = tuple[int, int, int]  # true positives, false positives, false negatives


def configs(space: dict[str, tuple] = GRID) -> list[FiguresConfig]:
    keys = list(space)
    return [
        replace(FIGURES, **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(space[k] for k in keys))
    ]


def _pr(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def _add(*counts: Counts) -> Counts:
    return (sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts))


def _count(got: bool, gold: bool) -> Counts:
    return (int(got and gold), int(got and not gold), int(gold and not got))


# ----------------------------------------------------------------------------- pairs


class Audit:
    """The audited topics with their labelled pairs, the figures found for each pair."""

    def __init__(self, root: Path, pairs: list[dict], claims: list[dict]) -> None:
        files: dict[str, set[str]] = defaultdict(set)
        for p in pairs:
            files[p["topic"]] |= {p["a"]["path"], p["b"]["path"]}
        for c in claims:
            files[c["topic"]] |= {e["path"] for e in c["claim"]}
        self.topics = {
            name: L.Topic(root, name, [root / f for f in sorted(files[name])])
            for name in L.TOPICS
            if files[name]
        }
        self.pairs = pairs
        self.claims = claims
        self._found: dict[tuple[str, int], list[tuple]] = {}

    def found(self, name: str, cfg: FiguresConfig) -> list[tuple[dict, object, object]]:
        """(pair, figure a, figure b) of the topic's pairs, as ``cfg`` reads the figures."""
        key = (name, cfg.list_figures)
        if key not in self._found:
            topic = self.topics[name]
            figs = topic.figures(cfg)
            self._found[key] = [
                (p, L.find(figs, topic, p["a"]), L.find(figs, topic, p["b"]))
                for p in self.pairs
                if p["topic"] == name
            ]
        return self._found[key]

    def disagreements(self, name: str, cfg: FiguresConfig, main: bool = False) -> Counts:
        """Counts of the topic's flagged pairs against the labels (``main``: main's rule)."""
        total: Counts = (0, 0, 0)
        for p, a, b in self.found(name, cfg):
            got = a is not None and b is not None and L.flags(a, b, cfg, revisions=not main)
            total = _add(total, _count(got, p["label"] == "disagree"))
        return total

    def errors(self, cfg: FiguresConfig) -> list[str]:
        out = []
        for name in self.topics:
            for p, a, b in self.found(name, cfg):
                got = a is not None and b is not None and L.flags(a, b, cfg)
                if got != (p["label"] == "disagree"):
                    kind = "FP" if got else "FN"
                    out.append(f"{kind} {name} {p['a']['figure']!r} / {p['b']['figure']!r}")
        return out


def choose(
    counts: dict[int, dict[str, Counts]],
    topics: Iterable[str],
    grid: list,
    space: dict[str, tuple] = GRID,
) -> int:
    """The grid index whose pooled counts over ``topics`` keep precision >= PRECISION with
    the highest recall (then precision, then the fewest changes from FIGURES)."""
    names = list(topics)

    def rank(i: int) -> tuple:
        tp, fp, fn = _add(*(counts[i][t] for t in names))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        changed = sum(getattr(grid[i], k) != getattr(FIGURES, k) for k in space)
        return (p >= PRECISION, r if p >= PRECISION else p, p, -changed)

    return max(range(len(grid)), key=rank)


def tune(audit: Audit) -> dict:
    """In-sample and leave-one-topic-out choices of the GRID thresholds."""
    grid = configs()
    counts = {
        i: {t: audit.disagreements(t, cfg) for t in audit.topics} for i, cfg in enumerate(grid)
    }
    return _tuned(audit, grid, counts, GRID)


def tune_tracks(audit: Audit) -> dict:
    """In-sample and leave-one-topic-out choices of the TRACK_GRID thresholds."""
    grid = configs(TRACK_GRID)
    return _tuned(audit, grid, {i: track_counts(audit, c) for i, c in enumerate(grid)}, TRACK_GRID)


def _tuned(
    audit: Audit, grid: list, counts: dict[int, dict[str, Counts]], space: dict[str, tuple]
) -> dict:
    best = choose(counts, audit.topics, grid, space)
    held: dict[str, dict] = {}
    for t in audit.topics:
        i = choose(counts, (u for u in audit.topics if u != t), grid, space)
        held[t] = {**_pr(*counts[i][t]), "config": {k: getattr(grid[i], k) for k in space}}
    pooled = _add(*((h["tp"], h["fp"], h["fn"]) for h in held.values()))
    scored = [h for h in held.values() if h["tp"] + h["fn"]]  # topics with a disagreement
    spread = {
        stat: [min(h[stat] for h in scored), max(h[stat] for h in scored)]
        for stat in ("precision", "recall")
    }
    return {
        "in_sample": {
            **_pr(*_add(*counts[best].values())),
            "config": {k: getattr(grid[best], k) for k in space},
        },
        "loto": {**_pr(*pooled), "spread_over_topics": spread, "by_topic": held},
    }


def track_counts(audit: Audit, cfg: FiguresConfig) -> dict[str, Counts]:
    """Per topic, track membership of the pairs told on different days (labels true or
    false) as ``cfg`` builds the tracks."""
    out: dict[str, Counts] = {}
    for name, topic in audit.topics.items():
        members = L.track_members(topic, cfg)
        total: Counts = (0, 0, 0)
        for p, a, b in audit.found(name, cfg):
            if p["track"] is None:
                continue  # one moment: a question for the ledger, not for a track
            got = a is not None and b is not None and L.new_track(members, a, b)
            total = _add(total, _count(got, p["track"]))
        out[name] = total
    return out


def tracks(audit: Audit, cfg: FiguresConfig) -> dict[str, dict]:
    """Track membership as shipped (``new``), by main's rule before issue 15 (``old``)."""
    old: Counts = (0, 0, 0)
    for name, topic in audit.topics.items():
        for p, _, _ in audit.found(name, cfg):
            if p["track"] is None:
                continue
            oa, ob = L.find(topic.old, topic, p["a"]), L.find(topic.old, topic, p["b"])
            was = oa is not None and ob is not None and L.old_track(oa, ob)
            old = _add(old, _count(was, p["track"]))
    shipped = track_counts(audit, cfg)
    return {
        "new": {
            **_pr(*_add(*shipped.values())),
            "by_topic": {t: _pr(*c) for t, c in shipped.items()},
        },
        "old": _pr(*old),
        "tuned": tune_tracks(audit),
    }


def claims(audit: Audit) -> dict:
    """The labelled multi-report claims the code still groups, and how many tell one fact."""
    kept = []
    for name, topic in audit.topics.items():
        grouped = [
            {(topic.path_of[e.article], L.sentence_hash(e.text)) for e in c.evidence}
            for c in topic.links.claims
            if len({e.article for e in c.evidence}) >= 2
        ]
        for c in (c for c in audit.claims if c["topic"] == name):
            told = {(e["path"], e["sentence"]) for e in c["claim"]}
            if any(len(told & g) >= 2 for g in grouped):
                kept.append(c["one_fact"])
    one = [c["one_fact"] for c in audit.claims]
    return {
        "labelled": len(one),
        "one_fact_as_sampled": round(sum(one) / len(one), 3) if one else None,
        "still_grouped": len(kept),
        "still_grouped_one_fact": round(sum(kept) / len(kept), 3) if kept else None,
    }


def blind_claims(stories: list, draws: Sequence | None = None) -> dict:
    """The stories' multi-report claims judged on the blind draws' labels (``multi`` sets,
    pooled, blind readings first): how many the code forms, how many are judged and the
    share that tells one fact, with the after-merge labels too, and per draw."""
    import eval_claims_s12 as blind

    draws = list(blind.DRAWS.values()) if draws is None else draws
    claims = {s.topic: blind.multi_report(s) for s in stories}
    rows = {d.folder: blind.read_rows("multi", d) for d in draws}
    pooled = [r for d in draws for r in rows[d.folder]]
    keys = ("formed", "judged", "good", "share", "wilson95", "apparatus")
    out = {read: {k: blind.tally(claims, pooled, read)[k] for k in keys} for read in blind.READS}
    out["by_draw"] = {
        f: {k: blind.tally(claims, r, "blind")[k] for k in keys} for f, r in rows.items()
    }
    return out


def evaluate(root: Path, shown: Path | None = None, db: str | None = None) -> dict:
    pairs = [p for p in _jsonl(L.DATA / "pairs.jsonl") if p["batch"] <= MAX_BATCH]
    labelled_claims = _jsonl(L.DATA / "claims.jsonl")
    audit = Audit(root, pairs, labelled_claims)
    if shown is not None:
        with shown.open("w", encoding="utf-8") as fh:
            for topic in audit.topics.values():
                L.show(topic, fh)
    old: Counts = (0, 0, 0)
    for name, topic in audit.topics.items():
        for p, _, _ in audit.found(name, FIGURES):
            oa, ob = L.find(topic.old, topic, p["a"]), L.find(topic.old, topic, p["b"])
            got = oa is not None and ob is not None and L.old_flags(oa, ob)
            old = _add(old, _count(got, p["label"] == "disagree"))
    shipped = {t: audit.disagreements(t, FIGURES) for t in audit.topics}
    return {
        "pairs": len(pairs),
        "pairs_disagree": sum(p["label"] == "disagree" for p in pairs),
        "pairs_by_topic": {t: sum(p["topic"] == t for p in pairs) for t in audit.topics},
        "disagree_old_rule": _pr(*old),
        "disagree_main": _main(root),
        "disagree_main_thresholds": _pr(
            *_add(*(audit.disagreements(t, MAIN, main=True) for t in audit.topics))
        ),
        "disagree_shipped": {
            **_pr(*_add(*shipped.values())),
            "config": {k: getattr(FIGURES, k) for k in GRID},
            "by_topic": {t: _pr(*c) for t, c in shipped.items()},
        },
        "disagree_tuned": tune(audit),
        "shipped_errors": audit.errors(FIGURES),
        "tracks": tracks(audit, FIGURES),
        "claims": claims(audit),
        "claims_blind": blind_claims(_confirm.timeline17(db)) if db else None,
    }


def _main(root: Path) -> dict | None:
    """Main at 5dd05ca's own ledger on the pairs (its code and script, this run's cache)."""
    if L.CACHE is None:
        return None  # it reads the annotations this run cached
    import tempfile

    import _ledger_main

    with tempfile.TemporaryDirectory() as tmp:
        told = Path(tmp, "pairs.jsonl")  # the pairs of this run's batches
        rows = [p for p in _jsonl(L.DATA / "pairs.jsonl") if p["batch"] <= MAX_BATCH]
        told.write_text("".join(json.dumps(p) + "\n" for p in rows))
        return _pr(**_ledger_main.run("5dd05ca", L.CACHE.resolve(), told, root))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _common.parser(__doc__, data="--data", default=_common.TIMELINE17)
    parser.add_argument("--candidates", type=Path, help="write pairs to label here and stop")
    parser.add_argument("--show", type=Path, help="write the code's ledger and tracks here")
    parser.add_argument("--cache", type=Path, help="keep annotations here between runs")
    parser.add_argument("--per-topic", action="store_true", help="per story, main and now")
    parser.add_argument("--db", help="a store holding the annotated topics (--per-topic; claims)")
    parser.add_argument("--before", default="5dd05ca", help="--per-topic: the code before")
    parser.add_argument("--max-batch", type=int, default=99, help="score batches up to this")
    args = parser.parse_args(argv)
    L.CACHE = args.cache
    global MAX_BATCH
    MAX_BATCH = args.max_batch
    logging.basicConfig(level=logging.WARNING)
    if args.candidates:
        L.candidates(args.data, args.candidates, args.show)
        return 0
    if args.per_topic:
        import _ledger_stories

        _common.emit(_ledger_stories.compare(args.data, args.db, args.before), sort_keys=True)
        return 0
    result = evaluate(args.data, args.show, args.db)
    for key in ("disagree_old_rule", "disagree_main", "disagree_main_thresholds"):
        if result[key]:
            print(f"{key:24s} {_short(result[key])}")
    print(f"{'disagree_shipped':24s} {_short(result['disagree_shipped'])}")
    tuned = result["disagree_tuned"]
    print(f"{'tuned in-sample':18s} {_short(tuned['in_sample'])} {tuned['in_sample']['config']}")
    print(
        f"{'tuned LOTO':18s} {_short(tuned['loto'])} spread {tuned['loto']['spread_over_topics']}"
    )
    for t, h in tuned["loto"]["by_topic"].items():
        print(f"  held out {t:16s} {_short(h)} {h['config']}")
    for method in ("new", "old"):
        print(f"{'tracks ' + method:18s} {_short(result['tracks'][method])}")
    tt = result["tracks"]["tuned"]
    print(f"{'tracks in-sample':18s} {_short(tt['in_sample'])} {tt['in_sample']['config']}")
    print(f"{'tracks LOTO':18s} {_short(tt['loto'])} spread {tt['loto']['spread_over_topics']}")
    for t, h in tt["loto"]["by_topic"].items():
        print(f"  held out {t:16s} {_short(h)} {h['config']}")
    print(f"{'claims':18s} {_claims_line(result['claims_blind'])}")
    print(f"{'claims (old set)':18s} {result['claims']}")
    _common.emit(result, sort_keys=True)
    return 0


def _claims_line(b: dict | None) -> str:
    if b is None:
        return "one fact: pass --db (the annotated Timeline17 topics) to read the blind draws"
    x, y = b["blind"], b["after-merge"]
    draws = ", ".join(f"{f} {c['good']}/{c['judged']}" for f, c in b["by_draw"].items())
    return (
        f"one fact {x['share']} {x['wilson95']}: {x['good']} of {x['judged']} judged "
        f"on blind labels ({draws}) of {x['formed']} multi-report claims formed, "
        f"{x['apparatus']} all apparatus; with after-merge labels "
        f"{y['good']}/{y['judged']} = {y['share']}"
    )


def _short(s: dict) -> str:
    return f"P {s['precision']:.3f} R {s['recall']:.3f} (tp {s['tp']} fp {s['fp']} fn {s['fn']})"


if __name__ == "__main__":
    raise SystemExit(main())
