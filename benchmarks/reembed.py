"""Copy an annotated store with its sentence vectors made again by another encoder.

Annotation (spaCy, dates, quotes) does not depend on the encoder; the vectors do. To
compare encoders on a large corpus without annotating it twice, this copies SRC to DST
(SQLite's online backup: SRC is only read) and replaces, in every annotation of DST, the
vectors of the sentences that had one by the named encoder's, and the annotator tag's
encoder name, so that a build with ``embedder = NAME`` takes the copy as up to date.

    python benchmarks/reembed.py SRC.sqlite DST.sqlite --embedder use-multilingual
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, parser


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--embedder", required=True)
    ap.add_argument("--batch", type=int, default=200, help="annotations per write")
    args = ap.parse_args()
    if args.dst.exists():
        raise SystemExit(f"{args.dst} exists; give a new path")

    from storyline.annotate.embed import EMBEDDERS, get_embedder
    from storyline.store import open_store

    src = sqlite3.connect(f"file:{args.src}?mode=ro", uri=True)
    dst = sqlite3.connect(args.dst)
    src.backup(dst)
    src.close()
    dst.close()
    enc = get_embedder(args.embedder)
    store = open_store(str(args.dst))
    ids = store.article_ids(annotated=True)
    t0, sentences = time.perf_counter(), 0
    try:
        for b in range(0, len(ids), args.batch):
            anns = store.get_annotations(ids[b : b + args.batch])
            for ann in anns:
                old = ann.vectors()
                rows = [i for i in range(len(ann.sentences)) if old.size and old[i].any()]
                matrix = np.zeros((len(ann.sentences), enc.dim), dtype=np.float32)
                if rows:
                    matrix[rows] = enc.embed([ann.sentences[i].text for i in rows])
                sentences += len(rows)
                ann.embedding_dim = enc.dim
                ann.embeddings = matrix.tobytes()
                for name in EMBEDDERS:
                    ann.annotator = ann.annotator.replace(f"+{name}", f"+{enc.name}")
            store.put_annotations(anns)
    finally:
        store.close()
    seconds = time.perf_counter() - t0
    print(f"{len(ids)} annotations, {sentences} sentences re-embedded by {enc.name} "
          f"in {seconds:.0f} s ({sentences / max(seconds, 1e-9):.0f} sentences/s)")  # fmt: skip
    emit(
        {
            "annotations": len(ids),
            "sentences": sentences,
            "embedder": enc.name,
            "seconds": round(seconds, 1),
            "sentences_per_s": round(sentences / max(seconds, 1e-9), 1),
        }
    )


if __name__ == "__main__":
    main()
