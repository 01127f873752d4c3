"""Timeline summarization on Timeline17, scored with tilse as the literature scores it.

    .venv/bin/python benchmarks/eval_tls.py [DIR] [--db cache.sqlite] [--topics bpoil,MJ]
        [--method both|storyline|datewise] [--loto] [--train VISIBLE_DIR] [--ceiling]

Two methods run on the same ingested and annotated records, in the same run:
storyline's ``story_timeline`` and DATEWISE (``benchmarks/datewise.py``, Gholipour
Ghalandari & Ifrim, ACL 2020), whose date ranker is trained leave-one-topic-out (on the
other topics of DIR) or, with ``--train``, on every topic of VISIBLE_DIR (a release check on
unseen topics). Neither is given a keyword query. Rows print both, then per topic the
ratio storyline / DATEWISE. ``--loto`` also chooses storyline's weights (``GRID``)
leave-one-topic-out: each topic is scored with the weights best on the six others; the
JSON then holds the weights chosen per topic and, for reference only, the in-sample best.
The last JSON line holds the means, ``spread`` (lowest and highest topic mean),
``datewise`` and ``ratio``, and ``rows``: per gold timeline ``topic``, ``timeline``,
``ar1_f``, ``ar2_f``, ``date_f1`` and DATEWISE's. ``--ceiling`` adds each method's date F1
with its candidate days ranked perfectly (``_tls_ceiling.py``), per row and as ``ceiling``.

DIR has the layout of ../shared/datasets/timeline17: ``TOPIC_SOURCE/InputDocs/<date>/<file>``
and ``TOPIC_SOURCE/timelines/*.txt``. The sources of one topic are pooled into one story.
Every article goes through storyline's own stages (ingest, annotate, link) and the
timeline is ``storyline.synthesize.timeline.story_timeline``, the function every dossier
uses; the benchmark tells it how many dates (as many as the gold timeline), how many
sentences per date (the gold timeline's average, rounded) and the window, from the gold
timeline's first date to its last: as in news-tls (``get_input_time_span`` with no
extension for Timeline17), only reports published within it are read and only dates
within it are chosen. A user asks the same with ``storyline build --from DAY --until DAY``.

Scores (tilse 0.2.1, its bundled ROUGE-1.5.5, as news-tls computes them): alignment-based
ROUGE-1 and ROUGE-2 F1 with date-content costs, many-to-one
(``evaluate_align_date_content_costs_many_to_one``), and date-selection F1. Means are over
timelines. The last line printed is one JSON object with ``ar1_f``, ``ar2_f``, ``date_f1``,
``topics``, ``timelines`` and ``seconds`` (wall clock of the whole run, annotation included
unless ``--db`` names a store that already holds it). Chosen sentences are scored in the
corpus' own tokenization, like the gold (see ``_as_corpus``).

Annotation cost: the corpus holds ~3,700 articles and ~5 million words; annotating every
sentence (spaCy ~4 ms, a MiniLM vector ~9 ms, a time expression ~20 ms) does not fit in ten
minutes on two cores. The run uses storyline's own sentence budgets (settings
``read_sentences`` and ``embed_sentences``, see ``storyline/annotate/budget.py``): per
article, the lede, then the sentences that name a date, then those with a figure or a
quote are read, up to ``--read``; of those, up to ``--embed`` get a vector. ``--read 0
--embed 0`` reads and embeds everything.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import json
import logging
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datewise
import pubcount
from _common import TIMELINE17, emit, parser
from _timeline17 import corpus_lines, documents, topics, write_jsonl
from _tls_ceiling import ALL_DAYS, date_ceiling, day_of
from _tls_report import method_means, print_row, print_topics, rounded

from storyline import engine
from storyline.model import Story
from storyline.settings import load_settings
from storyline.store import open_store
from storyline.synthesize.timeline import DEFAULT_WEIGHTS, Weights, story_timeline, within_span

log = logging.getLogger("eval_tls")


def _gold(gold_path: Path):  # type: ignore[no-untyped-def]
    """The gold timeline as tilse reads it (blocks without a date line are dropped)."""
    from tilse.data.timelines import Timeline

    with gold_path.open(encoding="utf-8", errors="replace") as fh:
        gold = Timeline.from_file(fh)
    return Timeline({d: s for d, s in gold.dates_to_summaries.items() if d is not None})


def _score(pred: dict[datetime.date, list[str]], gold_path: Path) -> dict[str, float]:
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    gold = _gold(gold_path)
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    truth = GroundTruth([gold])
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(pred), truth)
    pred_dates, gold_dates = set(pred), set(gold.get_dates())
    shared = len(pred_dates & gold_dates)
    p = shared / len(pred_dates) if pred_dates else 0.0
    r = shared / len(gold_dates) if gold_dates else 0.0
    return {
        "ar1_f": scores["rouge_1"]["f_score"],
        "ar2_f": scores["rouge_2"]["f_score"],
        "date_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def _as_corpus(text: str, lines: dict[str, str]) -> str:
    """A timeline sentence in the corpus' tokenization, as the gold timelines are written.

    The articles were detokenized for storyline ("does n't" -> "doesn't", "-LRB-" -> "(");
    systems in the literature score the corpus' own tokenized sentences against the
    equally tokenized gold, so each chosen sentence is mapped back to its corpus line
    (line by line when spaCy joined two lines into one sentence).
    """
    return " ".join(lines.get(part.strip(), part.strip()) for part in text.split("\n"))


def _gold_shape(gold_path: Path) -> tuple[int, int, tuple[str, str]]:
    """How many dates, sentences per date, and the window (first to last gold date)."""
    gold = _gold(gold_path)
    dates = sorted(gold.get_dates())
    per_date = round(sum(len(gold[d]) for d in dates) / len(dates))
    return len(dates), max(1, per_date), (dates[0].isoformat(), dates[-1].isoformat())


def _golds(dirs: list[Path]) -> list[Gold]:
    """The topic's gold timelines; one that holds no dated entry, or that tilse cannot
    read, is skipped with a warning naming it (one odd file never stops the run)."""
    out = []
    for p in sorted(p for d in dirs for p in (d / "timelines").glob("*.txt")):
        try:
            out.append(Gold(p, *_gold_shape(p)))
        except (ValueError, IndexError, ZeroDivisionError) as exc:
            log.warning("%s: no gold timeline read (%s: %s), skipped", p, type(exc).__name__, exc)
    return out


@dataclasses.dataclass
class Gold:
    path: Path
    dates: int
    per_date: int
    span: tuple[str, str]

    @property
    def name(self) -> str:
        return self.path.parent.parent.name


@dataclasses.dataclass
class Topic:
    name: str
    articles: list
    annotations: list
    links: object
    lines: dict[str, str]
    golds: list[Gold]


# The grid every storyline weight is chosen from, leave-one-topic-out (``--loto``). Small on
# purpose: each point costs one timeline and one ROUGE alignment per gold timeline.
GRID = {
    "relevance": (False, True),
}


def grid() -> list[Weights]:
    keys = list(GRID)
    return [
        dataclasses.replace(DEFAULT_WEIGHTS, **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(GRID[k] for k in keys))
    ]


def prepare(
    root: Path, db: str, budget: tuple[int, int], workers: int, only: list[str] | None
) -> list[Topic]:
    """Ingest, annotate (or reuse the store's annotations) and link every topic."""
    settings = load_settings(
        db=db,
        executor="process",
        workers=workers,
        chunk_size=64,
        read_sentences=budget[0],
        embed_sentences=budget[1],
    )
    store = open_store(settings.db)
    out = []
    try:
        chosen = {t: dirs for t, dirs in topics(root).items() if not only or t in only}
        ids: dict[str, list[str]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for topic, dirs in chosen.items():
                path = write_jsonl(documents(dirs), Path(tmp) / f"{topic}.jsonl")
                rep = engine.ingest([path], store, settings)
                ids[topic] = sorted(set(rep.added + rep.unchanged))
        log.info("ingested %d articles", sum(len(v) for v in ids.values()))
        engine.annotate(store, settings)
        # An article a stage failed on is left out, as a build leaves it out of its story
        # (the store lists it under failures); one bad report never stops the benchmark.
        annotated = set(store.article_ids(annotated=True))
        failed = sorted(a for v in ids.values() for a in v if a not in annotated)
        log.info("annotated (%d failed, left out: %s)", len(failed), ", ".join(failed[:5]))
        for topic, dirs in chosen.items():
            story = Story(id=topic, title=topic, articles=[a for a in ids[topic] if a in annotated])
            articles, annotations, links = engine.linked(story, store, settings)
            golds = _golds(dirs)
            out.append(Topic(topic, articles, annotations, links, corpus_lines(dirs), golds))
            log.info("linked %s", topic)
    finally:
        store.close()
    return out


def storyline_pred(
    t: Topic, g: Gold, weights: Weights, dates: int | None = None
) -> dict[datetime.date, list[str]]:
    timeline = story_timeline(
        t.articles,
        t.annotations,
        t.links.events,  # type: ignore[attr-defined]
        t.links.sources.__getitem__,  # type: ignore[attr-defined]
        dates=dates or g.dates,
        per_date=g.per_date,
        span=g.span,
        weights=weights,
    )
    pred: dict[datetime.date, list[str]] = {}
    for entry in timeline:
        pred.setdefault(day_of(entry), []).append(_as_corpus(entry.text, t.lines))
    return pred


def _window(t: Topic, g: Gold) -> tuple[datewise.Collection, tuple[datetime.date, datetime.date]]:
    arts, anns, _ = within_span(t.articles, t.annotations, [], g.span)
    span = (datetime.date.fromisoformat(g.span[0]), datetime.date.fromisoformat(g.span[1]))
    return datewise.collection(arts, anns), span


def datewise_model(train: list[Topic]):  # type: ignore[no-untyped-def]
    """DATEWISE's ranker fitted on every gold timeline of ``train``."""
    samples = []
    for t in train:
        for g in t.golds:
            coll, span = _window(t, g)
            days = datewise.candidate_days(coll, span)
            gold_days = set(_gold(g.path).get_dates())
            samples.append(
                (datewise.features(coll, days), np.array([float(d in gold_days) for d in days]))
            )
    return datewise.fit(samples)


def datewise_pred(t: Topic, g: Gold, w) -> dict[datetime.date, list[str]]:  # type: ignore[no-untyped-def]
    coll, span = _window(t, g)
    pred = datewise.timeline(coll, span, w, g.dates, g.per_date)
    return {d: [_as_corpus(s, t.lines) for s in sents] for d, sents in pred.items()}


def _best(scores, n_configs: int, rows: list[tuple[str, str]]) -> int:  # type: ignore[no-untyped-def]
    """The config the grid is tuned to on ``rows``: the highest sum of AR1-F, AR2-F and
    date F1, each relative to its mean over the grid (so that date F1, ten times larger,
    does not decide alone); ties go to the earlier config."""
    keys = ("ar1_f", "ar2_f", "date_f1")
    mean = {
        (i, k): statistics.fmean(scores[("storyline", i)][r][k] for r in rows)
        for i in range(n_configs)
        for k in keys
    }
    norm = {k: statistics.fmean(mean[(i, k)] for i in range(n_configs)) or 1.0 for k in keys}
    return max(range(n_configs), key=lambda i: (sum(mean[(i, k)] / norm[k] for k in keys), -i))


def run(
    root: Path,
    db: str,
    budget: tuple[int, int],
    workers: int,
    only: list[str] | None,
    loto: bool,
    methods: tuple[str, ...],
    train_root: Path | None,
    ceiling: bool = False,
) -> dict[str, object]:
    start = time.perf_counter()
    data = prepare(root, db, budget, workers, only)
    if train_root is None and "datewise" in methods and len(data) < 2:
        # Leave-one-topic-out has nothing to train DATEWISE on with one topic: learn from
        # the visible Timeline17, as --train would, rather than stop.
        if not TIMELINE17.is_dir() or TIMELINE17.resolve() == root.resolve():
            raise SystemExit(
                f"eval_tls: {root} holds {len(data)} topic(s); DATEWISE learns from other "
                "topics: pass --train with a Timeline17-style folder"
            )
        log.warning("%s holds one topic: DATEWISE is trained on %s", root, TIMELINE17)
        train_root = TIMELINE17
    train = data if train_root is None else prepare(train_root, db, budget, workers, None)
    held_out = train_root is None
    configs = grid() if loto and "storyline" in methods else [DEFAULT_WEIGHTS]
    ctx = multiprocessing.get_context("spawn")
    # scores[(method, config index)][(topic, timeline)]
    scores: dict[tuple[str, int], dict[tuple[str, str], dict[str, float]]] = defaultdict(dict)
    with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        jobs = []
        memo: dict[tuple[Path, str], object] = {}  # the same timeline is scored once

        def submit(pred: dict[datetime.date, list[str]], path: Path):  # type: ignore[no-untyped-def]
            key = (path, json.dumps(sorted((d.isoformat(), s) for d, s in pred.items())))
            if key not in memo:
                memo[key] = pool.submit(_score, pred, path)
            return memo[key]

        for t in data:
            if "datewise" in methods:
                w = datewise_model([u for u in train if u.name != t.name] if held_out else train)
                for g in t.golds:
                    pred = datewise_pred(t, g, w)
                    jobs.append((("datewise", 0), (t.name, g.name), submit(pred, g.path)))
            for g in t.golds if "pubcount" in methods else []:
                arts, anns, _ = within_span(t.articles, t.annotations, [], g.span)
                pred = pubcount.timeline(arts, anns, g.span, g.dates, g.per_date)
                pred = {d: [_as_corpus(s, t.lines) for s in ss] for d, ss in pred.items()}
                jobs.append((("pubcount", 0), (t.name, g.name), submit(pred, g.path)))
            if "storyline" in methods:
                for i, weights in enumerate(configs):
                    for g in t.golds:
                        pred = storyline_pred(t, g, weights)
                        jobs.append((("storyline", i), (t.name, g.name), submit(pred, g.path)))
            log.info("%s timelines made at %.0f s", t.name, time.perf_counter() - start)
        for key, row, job in jobs:
            scores[key][row] = job.result()
    rows_of = {(t.name, g.name): t.name for t in data for g in t.golds}
    chosen: dict[str, int] = {}
    if len(configs) > 1:
        # Leave one topic out: the config best on the other topics scores the held-out one.
        for t in data:
            others = [r for r in rows_of if r[0] != t.name]
            chosen[t.name] = _best(scores, len(configs), others)
            log.info("LOTO %s: %s", t.name, configs[chosen[t.name]])
    rows = []
    for t in data:
        for g in t.golds:
            key = (t.name, g.name)
            row: dict[str, object] = {"topic": t.name, "timeline": g.name}
            if "storyline" in methods:
                row.update(scores[("storyline", chosen.get(t.name, 0))][key])
            if "datewise" in methods:
                row["datewise"] = scores[("datewise", 0)][key]
            if "pubcount" in methods:
                row["pubcount"] = scores[("pubcount", 0)][key]
            if ceiling:
                gold = _gold(g.path).get_dates()
                if "storyline" in methods:
                    days = storyline_pred(t, g, configs[chosen.get(t.name, 0)], ALL_DAYS)
                    row["ceiling"] = date_ceiling(set(days), gold, g.dates)
                if "datewise" in methods:
                    days = datewise.coverable_days(*_window(t, g))
                    row["datewise"]["ceiling"] = date_ceiling(days, gold, g.dates)  # type: ignore[index]
            rows.append(row)
            print_row(row, g)
    summary: dict[str, object] = {
        "topics": len(data),
        "timelines": len(rows),
        "loto": bool(chosen),
        "seconds": round(time.perf_counter() - start, 1),
    }
    keys = ("ar1_f", "ar2_f", "date_f1")
    summary.update(method_means(rows, methods))
    if "pubcount" in methods:
        summary.update(pubcount.summary(rows))
    if chosen:
        summary["chosen"] = {t: dataclasses.asdict(configs[i]) for t, i in chosen.items()}
        in_sample = _best(scores, len(configs), list(rows_of))
        summary["in_sample_best"] = {
            "weights": dataclasses.asdict(configs[in_sample]),
            **{
                k: round(
                    statistics.fmean(scores[("storyline", in_sample)][r][k] for r in rows_of), 4
                )
                for k in keys
            },
        }
    summary["rows"] = [rounded(r) for r in rows]
    print_topics(rows, methods)
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="dir", default=TIMELINE17, budget=True, workers=2)
    ap.add_argument("--db", help="store to keep annotations in (default: a fresh one)")
    ap.add_argument("--topics", help="comma-separated topic names (default: all)")
    ap.add_argument(
        "--method",
        choices=("both", "storyline", "datewise", "pubcount"),
        default="both",
        help="which timelines to make and score (default: both, with the publication-count "
        "baseline of pubcount.py, and the ratios)",
    )
    ap.add_argument(
        "--loto",
        action="store_true",
        help="choose storyline's weights from the grid leave-one-topic-out and score each "
        "topic with the weights chosen on the others",
    )
    ap.add_argument(
        "--train",
        help="Timeline17-style folder DATEWISE is trained on when DIR's topics are unseen "
        "(default: leave-one-topic-out within DIR)",
    )
    ap.add_argument(
        "--ceiling",
        action="store_true",
        help="also report each method's date F1 ceiling: its candidate days ranked perfectly",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("storyline").setLevel(logging.WARNING)
    only = args.topics.split(",") if args.topics else None
    both = ("storyline", "datewise", "pubcount")
    methods = both if args.method == "both" else (args.method,)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "tls.sqlite")
        summary = run(
            args.dir,
            db,
            (args.read, args.embed),
            args.workers,
            only,
            args.loto,
            methods,
            Path(args.train) if args.train else None,
            args.ceiling,
        )
    emit(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
