"""Time expressions per second: storyline's annotator against the raw recognizer.

    python benchmarks/timex_speed.py DIR [--limit N]

Reads the .tml files under DIR (text and creation date, as eval_timex.py does) or, for
a folder of .txt files, their text with no anchor.  In the same run it times

* storyline: ``find_timexes`` on the spaCy doc (spaCy's own time is left out: the
  annotate stage parses each article once for every annotator);
* raw: Recognizers-Text's ``parse`` called on every sentence of the same texts.

Prints one line per side, then LAST one JSON object: expressions and seconds of each side,
expressions per second, and ``ratio`` (storyline's expressions per second over the raw
recognizer's).
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

from _common import TEMPEVAL3, emit, parser
from eval_timex import read_tml

from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.timex import find_timexes
from storyline.annotate.timex.recognizer import recognize


def _texts(folder: Path, limit: int) -> list[tuple[str, datetime.date | None]]:
    tml = sorted(folder.rglob("*.tml"))
    if tml:
        return [(d.text, d.anchor) for d in map(read_tml, tml[:limit])]
    return [(p.read_text(encoding="utf-8"), None) for p in sorted(folder.rglob("*.txt"))[:limit]]


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="dir", default=TEMPEVAL3)
    ap.add_argument("--limit", type=int, default=60, help="documents to read (default 60)")
    args = ap.parse_args(argv)
    texts = _texts(args.dir, args.limit)
    if not texts:
        ap.error(f"no .tml or .txt files under {args.dir}")
    nlp = load_nlp()
    docs = [(nlp(text), anchor) for text, anchor in texts]
    parsed = [(doc, split_sentences(doc), anchor) for doc, anchor in docs]
    recognize("warm up on Monday", datetime.date(2000, 1, 1))  # builds the library's model

    began = time.perf_counter()
    ours = sum(len(find_timexes(doc, sents, anchor)) for doc, sents, anchor in parsed)
    ours_s = time.perf_counter() - began

    began = time.perf_counter()
    raw = 0
    for _, sents, anchor in parsed:
        for s in sents:
            raw += len(recognize(s.text, anchor))
    raw_s = time.perf_counter() - began

    ours_rate, raw_rate = ours / ours_s, raw / raw_s
    print(f"storyline: {ours} expressions in {ours_s:.1f} s ({ours_rate:.1f}/s)")
    print(f"raw recognizer: {raw} expressions in {raw_s:.1f} s ({raw_rate:.1f}/s)")
    result = {
        "docs": len(texts),
        "sentences": sum(len(s) for _, s, _ in parsed),
        "storyline_expressions": ours,
        "storyline_seconds": round(ours_s, 2),
        "storyline_per_second": round(ours_rate, 1),
        "raw_expressions": raw,
        "raw_seconds": round(raw_s, 2),
        "raw_per_second": round(raw_rate, 1),
        "ratio": round(ours_rate / raw_rate, 2),
    }
    emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
