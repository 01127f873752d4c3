"""Whether a dated sentence's date is the day of its own event, on a labelled sample.

    python benchmarks/event_dating.py --db-en T17 --db-es ES --db-fr FR [--baseline SRC]

``benchmarks/data/date_reading/events.tsv`` holds dated sentences of visible stories
(Timeline17's seven topics; ML-Crisis es/libya, es/syria, es/yemen, fr/egypt, fr/libya,
fr/syria), each named by language, topic, the first 12 characters of its report's id in
a store built from the corpus and its sentence index (no text), with the days, months or
years on which the sentence's own event happened, read by hand against the report's
publication day ("-": none of the dates the sentence names is its own event's, as in
"still missing after the rig exploded on 20 April" or "la révolution qui a conduit à la
chute de Moubarak, le 11 février 2011"). A sentence whose date the reader sees in a
clause cut from it (``clause`` in the dated sentence) is judged on that clause. Sentences
that tell no event (bylines, captions, datelines, opinions) were left out. ``kind``:
``random`` rows were drawn at random (seed 12, 30 per language) among the sentences
``find_events`` dated on main at cdb7633; ``trigger`` rows (25 per language) among those
with a relative pronoun, an "after", "since" or "until" word, read to measure the rules
on subordinate clauses. Labelled before any fix they measure.

Scores per language and kind: ``read`` dates given, ``right`` those the label accepts
(precision = right / read), ``labelled`` sentences with a day of their own and ``found``
those given it (recall = found / labelled). ``--baseline SRC`` scores another checkout's
``storyline`` package (main's, exported with ``git archive``) in a subprocess, in the same
run. The last line is one JSON object: ``ours``, ``baseline`` and ``changed`` (the rows
whose dates differ).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from _common import emit, parser

LABELS = Path(__file__).parent / "data" / "date_reading" / "events.tsv"


def _labels(path: Path) -> list[dict[str, object]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, topic, article, sentence, days, kind = line.split("\t")
        gold = set() if days == "-" else set(days.split())
        rows.append(
            {"language": language, "topic": topic, "article": article,
             "sentence": int(sentence), "gold": gold, "kind": kind}
        )  # fmt: skip
    return rows


def read(stores: dict[str, str], labels: Path) -> list[list[str]]:
    """The dates the ``storyline`` package on the path gives each labelled sentence."""
    from storyline.store import open_store

    try:
        from storyline.link.events import dated_sentences
    except ImportError:  # a checkout from before it (main at cdb7633): the same reading
        from storyline.link.events import _dated, opening_caption

        def dated_sentences(article, annotation):  # type: ignore[no-untyped-def]
            language = article.language or "en"
            caption = opening_caption(article.text, language)
            read = _dated(annotation, article.published.date, language=language, caption=caption)
            return [(r[0], r[2], r[6]) for r in read]

    rows = _labels(labels)
    out: list[list[str]] = []
    opened = {language: open_store(db) for language, db in stores.items()}
    try:
        ids = {language: s.article_ids() for language, s in opened.items()}
        for row in rows:
            store = opened[str(row["language"])]
            full = next(i for i in ids[str(row["language"])] if i.startswith(str(row["article"])))
            article, annotation = store.get_article(full), store.get_annotations([full])[0]
            out.append(
                sorted({day for s, day, _ in dated_sentences(article, annotation)
                        if s == row["sentence"]})
            )  # fmt: skip
    finally:
        for s in opened.values():
            s.close()
    return out


def score(rows: list[dict[str, object]], dates: list[list[str]]) -> dict[str, dict[str, object]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row, got in zip(rows, dates, strict=True):
        gold = row["gold"]
        assert isinstance(gold, set)
        for key in (f"{row['language']}/{row['kind']}", f"{row['language']}/all", "all/all"):
            c = counts[key]
            c["sentences"] += 1
            c["read"] += len(got)
            c["right"] += sum(d in gold for d in got)
            c["labelled"] += bool(gold)
            c["found"] += bool(gold) and any(d in gold for d in got)
    return {
        key: {
            **c,
            "precision": round(c["right"] / c["read"], 3) if c["read"] else None,
            "recall": round(c["found"] / c["labelled"], 3) if c["labelled"] else None,
        }
        for key, c in sorted(counts.items())
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__)
    for language in ("en", "es", "fr"):
        ap.add_argument(
            f"--db-{language}", required=True, help=f"a store of the {language} stories"
        )
    ap.add_argument("--labels", type=Path, default=LABELS, help="the labelled sentences")
    ap.add_argument("--baseline", type=Path, help="a checkout whose storyline/ to score too")
    ap.add_argument("--src", type=Path, help=argparse.SUPPRESS)  # the baseline's run
    args = ap.parse_args(argv)
    stores = {"en": args.db_en, "es": args.db_es, "fr": args.db_fr}
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))  # before this checkout's storyline
        print(json.dumps(read(stores, args.labels)))
        return 0
    rows = _labels(args.labels)
    ours = read(stores, args.labels)
    result: dict[str, object] = {"ours": score(rows, ours)}
    if args.baseline is not None:
        run = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--labels", str(args.labels),
             "--db-en", args.db_en, "--db-es", args.db_es, "--db-fr", args.db_fr,
             "--src", str(args.baseline)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        theirs = json.loads(run.stdout.splitlines()[-1])
        result["baseline"] = score(rows, theirs)
        result["changed"] = [
            {"language": r["language"], "topic": r["topic"], "article": r["article"],
             "sentence": r["sentence"], "labelled": sorted(r["gold"]),  # type: ignore[arg-type]
             "baseline": b, "ours": o}
            for r, b, o in zip(rows, theirs, ours, strict=True) if b != o
        ]  # fmt: skip
    base = result.get("baseline") or {}
    for key, s in score(rows, ours).items():
        was = base.get(key)  # type: ignore[union-attr]
        before = f"{was['precision']} / {was['recall']} -> " if was else ""
        print(f"{key:12} precision / recall {before}{s['precision']} / {s['recall']}")
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
