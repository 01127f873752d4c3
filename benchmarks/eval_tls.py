"""Timeline summarization on Timeline17, scored with tilse as the literature scores it.

    .venv/bin/python benchmarks/eval_tls.py [DIR] [--db cache.sqlite] [--topics bpoil,MJ]

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

import argparse
import datetime
import json
import logging
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timeline17 import DEFAULT_DIR, corpus_lines, documents, topics, write_jsonl

from storyline import engine
from storyline.model import Story, TimelineEntry
from storyline.settings import load_settings
from storyline.store import open_store
from storyline.synthesize.timeline import story_timeline, within_span

log = logging.getLogger("eval_tls")


def _day(entry: TimelineEntry) -> datetime.date:
    """tilse compares days; a month or year entry stands on its first day."""
    parts = [int(p) for p in entry.date.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


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


def run(
    root: Path, db: str, budget: tuple[int, int], workers: int, only: list[str] | None
) -> dict[str, object]:
    start = time.perf_counter()
    settings = load_settings(
        db=db,
        executor="process",
        workers=workers,
        chunk_size=64,
        read_sentences=budget[0],
        embed_sentences=budget[1],
    )
    store = open_store(settings.db)
    results: list[dict[str, object]] = []
    try:
        chosen = {t: dirs for t, dirs in topics(root).items() if not only or t in only}
        ids: dict[str, list[str]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for topic, dirs in chosen.items():
                docs = documents(dirs)
                path = write_jsonl(docs, Path(tmp) / f"{topic}.jsonl")
                rep = engine.ingest([path], store, settings)
                ids[topic] = sorted(set(rep.added + rep.unchanged))
        log.info("ingested %d articles", sum(len(v) for v in ids.values()))
        engine.annotate(store, settings)
        log.info("annotated at %.0f s", time.perf_counter() - start)
        # Scoring (tilse's ROUGE over every pair of dates) runs in a process pool while
        # the next topic is linked; rows are printed in order at the end.
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            jobs = []
            for topic, dirs in chosen.items():
                story = Story(id=topic, title=topic, articles=ids[topic])
                articles, annotations, links = engine.linked(story, store, settings)
                lines = corpus_lines(dirs)
                gold_paths = sorted(p for d in dirs for p in (d / "timelines").glob("*.txt"))
                for gold_path in gold_paths:
                    n_dates, per_date, span = _gold_shape(gold_path)
                    timeline = story_timeline(
                        articles,
                        annotations,
                        links.events,
                        links.sources.__getitem__,
                        dates=n_dates,
                        per_date=per_date,
                        span=span,
                    )
                    pred: dict[datetime.date, list[str]] = {}
                    for entry in timeline:
                        pred.setdefault(_day(entry), []).append(_as_corpus(entry.text, lines))
                    read = len(within_span(articles, [], [], span)[0])
                    shape = f"{read}/{len(articles)} articles, {n_dates} dates x {per_date}"
                    jobs.append((topic, gold_path, shape, pool.submit(_score, pred, gold_path)))
                log.info("linked %s at %.0f s", topic, time.perf_counter() - start)
            for topic, gold_path, shape, job in jobs:
                scores = job.result()
                row = {"topic": topic, "timeline": gold_path.parent.parent.name, **scores}
                results.append(row)
                print(
                    f"{topic:18s} {row['timeline']:22s} AR1-F {scores['ar1_f']:.3f}  "
                    f"AR2-F {scores['ar2_f']:.3f}  date-F1 {scores['date_f1']:.3f}  ({shape})",
                    flush=True,
                )
    finally:
        store.close()

    def mean(key: str) -> float:
        return sum(float(r[key]) for r in results) / len(results) if results else 0.0  # type: ignore[arg-type]

    return {
        "ar1_f": round(mean("ar1_f"), 4),
        "ar2_f": round(mean("ar2_f"), 4),
        "date_f1": round(mean("date_f1"), 4),
        "topics": len({r["topic"] for r in results}),
        "timelines": len(results),
        "seconds": round(time.perf_counter() - start, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR), help="Timeline17-style folder")
    parser.add_argument("--db", help="store to keep annotations in (default: a fresh one)")
    parser.add_argument("--read", type=int, default=16, help="sentences read per article (0: all)")
    parser.add_argument(
        "--embed", type=int, default=8, help="sentences embedded per article (0: all)"
    )
    parser.add_argument("--workers", type=int, default=2, help="annotation processes")
    parser.add_argument("--topics", help="comma-separated topic names (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("storyline").setLevel(logging.WARNING)
    only = args.topics.split(",") if args.topics else None
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "tls.sqlite")
        summary = run(Path(args.dir), db, (args.read, args.embed), args.workers, only)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
