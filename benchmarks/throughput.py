"""Throughput of the full build against its two heavy parts, measured in one run.

For the same texts (a few Timeline17 topics): articles/s and words/s of
``storyline build``, of the spaCy pass alone and of the embedding pass alone, and
the ratio full / (spaCy + embedding): the overhead of everything storyline adds.
Each figure is the median of --repeat runs.

    python benchmarks/throughput.py [--topics H1N1,MJ] [--per-topic 40] [--repeat 3]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, parser
from _timeline17 import DEFAULT_DIR, documents, topics, write_jsonl


def main() -> None:
    ap = parser(__doc__, repeat=3)
    ap.add_argument("--data", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--topics", default="H1N1,MJ,Finan")
    ap.add_argument("--per-topic", type=int, default=30, help="articles taken from each topic")
    args = ap.parse_args()

    from storyline.annotate.embed import get_embedder
    from storyline.annotate.nlp import load_nlp, split_sentences
    from storyline.engine import build
    from storyline.settings import load_settings

    all_topics = topics(args.data)
    docs = []
    for name in args.topics.split(","):
        docs += documents(all_topics[name], limit=args.per_topic)
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp, embedder = load_nlp(), get_embedder()
    nlp("warm up")
    embedder.embed(["warm up"])

    full, spacy_t, embed_t = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            src = write_jsonl(docs, Path(tmp) / "docs.jsonl")
            settings = load_settings(
                None, db=str(Path(tmp) / "s.sqlite"), out=str(Path(tmp) / "out")
            )
            t0 = time.perf_counter()
            build([src], settings=settings)
            full.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=16))
        spacy_t.append(time.perf_counter() - t0)
        sentences = [s.text for d in parsed for s in split_sentences(d)]
        t0 = time.perf_counter()
        embedder.embed(sentences)
        embed_t.append(time.perf_counter() - t0)

    f, s, e = (statistics.median(x) for x in (full, spacy_t, embed_t))
    n = len(texts)
    print(f"{n} articles, {words} words, median of {args.repeat} runs")
    for label, t in (("full build", f), ("spaCy alone", s), ("embedding alone", e)):
        print(f"{label:<16} {t:8.2f} s  {n / t:8.1f} articles/s  {words / t:10.0f} words/s")
    print(f"overhead ratio full / (spaCy + embedding) = {f / (s + e):.2f}  (aim: <= 1.3)")
    emit(
        {
            "articles": n,
            "words": words,
            "repeat": args.repeat,
            "full_s": round(f, 3),
            "spacy_s": round(s, 3),
            "embed_s": round(e, 3),
            "words_per_s": round(words / f, 1),
            "overhead_ratio": round(f / (s + e), 3),
        }
    )


if __name__ == "__main__":
    main()
