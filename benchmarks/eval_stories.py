"""Story detection on a mixed stream, scored against the Timeline17 topics.

Every article of every topic in DIR (layout of ``../shared/datasets/timeline17``;
a topic's sources, ``H1N1_bbc`` and ``H1N1_guardian``, pooled into one topic) is
ingested and annotated into one store, then the stories are detected on the
whole stream in publication order and scored with B-cubed precision, recall and
F1 against the topics (Bagga & Baldwin 1998: per article, the share of its
predicted story that is in its topic, and the share of its topic that is in its
predicted story, averaged over articles).

    python benchmarks/eval_stories.py DIR [--per-topic N] [--read 16 --embed 8] [--db PATH]

``--per-topic N`` takes N articles of each topic, spread evenly over its dates
(for development; the benchmark is the default, all articles). ``--read`` and
``--embed`` are storyline's sentence budgets per article (settings
``read_sentences``/``embed_sentences``, 0 = all; the same as eval_tls.py, so a
store made by one serves the other). ``--db PATH``
keeps the store, so that a second run only detects again (annotation is the
expensive part). The last line printed is one JSON object: bcubed_p, bcubed_r,
bcubed_f1, articles, stories, seconds (the whole run: ingest, annotate, detect),
and detect_seconds (story detection alone). ``--loto`` adds ``loto``: the threshold
``story_similarity`` chosen leave-one-topic-out (on the stream of the six other topics) and
the held-out topics' B-cubed figures within the whole stream, pooled over articles, with the
per-topic F1 spread; ``--held 2`` holds out each pair of topics instead (two unseen topics
joining the stream). ``--weights W.json`` overrides story ``Weights`` fields; ``--grid G.json``
(a list of such overrides) lets ``--loto`` choose one of them with the threshold.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TIMELINE17, emit, parser
from _timeline17 import documents, topics, write_jsonl


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` (item -> cluster) against ``gold``."""
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    pair = Counter((gold[i], predicted[i]) for i in items)
    gsize = Counter(gold[i] for i in items)
    psize = Counter(predicted[i] for i in items)
    p = sum(pair[(gold[i], predicted[i])] / psize[predicted[i]] for i in items) / len(items)
    r = sum(pair[(gold[i], predicted[i])] / gsize[gold[i]] for i in items) / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bcubed_of(
    gold: dict[str, str], predicted: dict[str, str], items: list[str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 averaged over ``items`` only, clusters counted
    over every item of ``gold`` (the held-out topic's articles within the whole stream)."""
    scored = [i for i in items if i in predicted]
    if not scored:
        return 0.0, 0.0, 0.0
    known = [i for i in gold if i in predicted]
    pair = Counter((gold[i], predicted[i]) for i in known)
    gsize = Counter(gold[i] for i in known)
    psize = Counter(predicted[i] for i in known)
    p = sum(pair[(gold[i], predicted[i])] / psize[predicted[i]] for i in scored) / len(scored)
    r = sum(pair[(gold[i], predicted[i])] / gsize[gold[i]] for i in scored) / len(scored)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)  # story_similarity grid for --loto


def _detector(articles, annotations, window_days, weights=None):  # type: ignore[no-untyped-def]
    """A function (subset of articles, threshold) -> article -> predicted story."""
    from storyline.link import detect_stories

    def detect(subset, threshold):  # type: ignore[no-untyped-def]
        ids = {a.id for a in subset}
        stories = detect_stories(
            subset, [x for x in annotations if x.article in ids], threshold, window_days, weights
        )
        return {a: s.id for s in stories for a in s.articles}

    return detect


def loto(gold, articles, annotations, window_days, variants=(None,), held=1, thresholds=THRESHOLDS):  # type: ignore[no-untyped-def]
    """Leave topics out: ``story_similarity`` (and one of ``variants``, story ``Weights``)
    chosen on the stream of the other topics (B-cubed F1), then the whole stream is detected
    with it and the held-out topics' articles are scored. ``held`` = 1: each topic in turn
    (leave one topic out); 2: each pair of topics, unseen, joining the stream of the others
    (a release's situation). Returns per held-out set (choice, P, R, F1), pooled figures."""
    from itertools import combinations

    grid = [(t, v) for v in range(len(variants)) for t in thresholds]
    detects = [_detector(articles, annotations, window_days, w) for w in variants]
    full = {(t, v): detects[v](articles, t) for t, v in grid}
    rows = {}
    pooled_p = pooled_r = 0.0
    n = 0
    for out in combinations(sorted(set(gold.values())), held):
        others = [a for a in articles if gold.get(a.id) not in out]
        sub_gold = {a.id: gold[a.id] for a in others if a.id in gold}
        best = max(
            grid, key=lambda c: (bcubed(sub_gold, detects[c[1]](others, c[0]))[2], -c[0], -c[1])
        )
        items = [a for a, g in gold.items() if g in out]
        p, r, f = bcubed_of(gold, full[best], items)
        choice = best[0] if len(variants) == 1 else f"{best[0]}/v{best[1]}"
        rows["+".join(out)] = (choice, round(p, 4), round(r, 4), round(f, 4))
        pooled_p += p * len(items)
        pooled_r += r * len(items)
        n += len(items)
    p, r = pooled_p / n, pooled_r / n
    return rows, (round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4))


def annotated_stream(groups, db, args, tmp):  # type: ignore[no-untyped-def]
    """Ingest each group (key, topic, documents) into the store at ``db`` and annotate it
    (``args``: read, embed, workers). Returns the settings, article -> topic, article ->
    group key, the articles and their annotations."""
    from storyline import engine
    from storyline.settings import load_settings
    from storyline.store import open_store

    settings = load_settings(
        None,
        db=str(db),
        out=str(tmp / "out"),
        executor="process",
        workers=args.workers,
        read_sentences=args.read,
        embed_sentences=args.embed,
    )
    store = open_store(settings.db)
    try:
        gold: dict[str, str] = {}
        group: dict[str, str] = {}
        for key, topic, docs in groups:
            src = write_jsonl(docs, tmp / f"{key}.jsonl")
            report = engine.ingest([src], store, settings)
            for aid in report.added + report.unchanged:
                gold.setdefault(aid, topic)
                group.setdefault(aid, key)
        engine.annotate(store, settings)
        articles = store.articles(list(gold))
        annotations = store.get_annotations(a.id for a in articles)
    finally:
        store.close()
    return settings, gold, group, articles, annotations


def _spread(docs: list[dict[str, str]], n: int | None) -> list[dict[str, str]]:
    if not n or n >= len(docs):
        return docs
    step = len(docs) / n
    return [docs[int(i * step)] for i in range(n)]


def main() -> None:
    ap = parser(__doc__, data="dir", default=TIMELINE17, budget=True, workers=2)
    ap.add_argument("--per-topic", type=int, default=None, help="articles per topic (dev runs)")
    ap.add_argument("--db", type=Path, default=None, help="keep the store here (reused)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument(
        "--loto",
        action="store_true",
        help="also choose story_similarity leave-one-topic-out and report its figures",
    )
    ap.add_argument(
        "--held", type=int, default=1, help="--loto: topics held out at a time (2: pairs)"
    )
    ap.add_argument("--weights", default=None, help="JSON file of story Weights overrides")
    ap.add_argument(
        "--thresholds", default=None, help="--loto: comma-separated story_similarity grid"
    )
    ap.add_argument(
        "--grid", default=None, help="--loto: JSON list of Weights overrides to choose among"
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)

    from storyline.link import detect_stories
    from storyline.link.story_config import Weights

    overrides = json.loads(Path(args.weights).read_text()) if args.weights else {}
    weights = Weights(**overrides)
    grid = json.loads(Path(args.grid).read_text()) if args.grid else [{}]
    variants = [Weights(**{**overrides, **g}) for g in grid]
    grid_t = tuple(float(x) for x in args.thresholds.split(",")) if args.thresholds else THRESHOLDS

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "stories.sqlite"
        groups = [
            (name, name, _spread(documents(dirs), args.per_topic))
            for name, dirs in sorted(topics(args.dir).items())
        ]
        settings, gold, _, articles, annotations = annotated_stream(groups, db, args, Path(tmp))
    t1 = time.perf_counter()
    stories = detect_stories(
        articles,
        annotations,
        settings.story_similarity,
        settings.story_window_days,
        weights,
    )
    detect_seconds = time.perf_counter() - t1
    loto_rows = (
        loto(
            gold,
            articles,
            annotations,
            settings.story_window_days,
            variants,
            args.held,
            grid_t,
        )
        if args.loto
        else None
    )

    predicted = {a: s.id for s in stories for a in s.articles}
    p, r, f = bcubed(gold, predicted)
    seconds = time.perf_counter() - t0
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, topic in gold.items():
        by_topic[topic][predicted.get(aid, "-")] += 1
    for topic, counts in sorted(by_topic.items()):
        top = ", ".join(f"{n}" for _, n in counts.most_common(4))
        print(f"{topic:<16} {sum(counts.values()):5d} articles in {len(counts):4d} stories ({top})")
    extra: dict[str, object] = {}
    if loto_rows is not None:
        rows, (lp, lr, lf) = loto_rows
        for topic, (t, tp, tr, tf) in rows.items():
            print(f"LOTO {topic:<28} threshold {t}  P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}")
        fs = [row[3] for row in rows.values()]
        extra = {
            "loto": {"bcubed_p": lp, "bcubed_r": lr, "bcubed_f1": lf,
                     "f1_spread": [min(fs), max(fs)],
                     "thresholds": {k: v[0] for k, v in rows.items()}},
        }  # fmt: skip
    emit(
        {
            **extra,
            "weights": overrides,
            "grid": grid,
            "bcubed_p": round(p, 4),
            "bcubed_r": round(r, 4),
            "bcubed_f1": round(f, 4),
            "articles": len(gold),
            "stories": len(stories),
            "seconds": round(seconds, 1),
            "detect_seconds": round(detect_seconds, 2),
        }
    )


if __name__ == "__main__":
    main()
