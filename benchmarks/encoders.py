"""The sentence encoders side by side: cross-lingual similarity and speed, in one run.

For each encoder of ``storyline.annotate.embed.EMBEDDERS``: on the parallel sentences of
``benchmarks/data/xling/parallel.tsv`` (written for this benchmark: one news sentence a
line in English, Spanish, French, German and Italian), per language pair the mean cosine
of a sentence and its translation, the mean cosine of a sentence and the other lines'
translations, retrieval P@1 (is the nearest sentence of the other language its
translation?) and AUC (the share of (translation, other) pairs ranked right); then the
speed on English news sentences (Timeline17), sentences per second, median of --repeat.

    python benchmarks/encoders.py [--encoders minilm-int8,use-multilingual] [--sentences 400]
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import parser
from _timeline17 import DEFAULT_DIR, documents, topics

PARALLEL = Path(__file__).resolve().parent / "data" / "xling" / "parallel.tsv"
LANGS = ("en", "es", "fr", "de", "it")


def parallel() -> dict[str, list[str]]:
    rows = [
        line.split("\t")
        for line in PARALLEL.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {lang: [r[i].strip() for r in rows] for i, lang in enumerate(LANGS)}


def pair_scores(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    """Translation vs other-line cosines of two aligned matrices (rows L2-normalized)."""
    sim = a @ b.T
    n = len(sim)
    same = np.diag(sim)
    other = sim[~np.eye(n, dtype=bool)]
    auc = float((same[:, None] > other[None, :]).mean())
    return {
        "translation": round(float(same.mean()), 3),
        "translation_min": round(float(same.min()), 3),
        "other": round(float(other.mean()), 3),
        "other_max": round(float(other.max()), 3),
        "p_at_1": round(float((sim.argmax(axis=1) == np.arange(n)).mean()), 3),
        "auc": round(auc, 4),
    }


def main() -> None:
    ap = parser(__doc__, repeat=2)
    ap.add_argument("--encoders", default="minilm-int8,use-multilingual,e5-small-q4")
    ap.add_argument("--sentences", type=int, default=400, help="English sentences timed")
    args = ap.parse_args()

    from storyline.annotate.embed import get_embedder

    texts = parallel()
    news = []
    for _topic, dirs in sorted(topics(DEFAULT_DIR).items()):
        for doc in documents(dirs, limit=6):
            news += doc["text"].splitlines()[:6]
    news = news[: args.sentences]
    results = {}
    for name in args.encoders.split(","):
        t0 = time.perf_counter()
        enc = get_embedder(name)
        enc.embed(["warm up"])
        load = time.perf_counter() - t0
        vecs = {lang: enc.embed(texts[lang]) for lang in LANGS}
        pairs = {
            f"{x}-{y}": pair_scores(vecs[x], vecs[y]) for x, y in itertools.combinations(LANGS, 2)
        }
        runs = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            enc.embed(news)
            runs.append(time.perf_counter() - t0)
        speed = len(news) / statistics.median(runs)
        en_pairs = [v for k, v in pairs.items() if k.startswith("en-")]
        summary = {
            key: round(statistics.mean(p[key] for p in en_pairs), 3)
            for key in ("translation", "other", "p_at_1", "auc")
        }
        print(f"{name:<18} load {load:5.1f} s  {speed:7.1f} sentences/s  en-xx mean {summary}")
        for k, v in pairs.items():
            print(f"    {k}  {v}")
        results[name] = {"sentences_per_s": round(speed, 1), "load_s": round(load, 1),
                         "en_xx": summary, "pairs": pairs}  # fmt: skip
    print(json.dumps(results))


if __name__ == "__main__":
    main()
