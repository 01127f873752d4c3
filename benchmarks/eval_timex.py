"""Score storyline's time expressions on TimeML (.tml) files, TempEval-3 style.

    python benchmarks/eval_timex.py DIR [--errors N]

Reads every .tml file under DIR, takes the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME") as anchor, runs ``find_timexes`` on the text inside
<TEXT> with the tags stripped (so offsets map onto the gold spans) and scores like
TempEval-3: strict and relaxed span F1; type and value F1 over relaxed matches (an
attribute counts when the span overlaps a gold span and the attribute is equal, divided by
system and by gold counts, as the official scorer does).  The creation-time TIMEX itself
is not scored.  Prints one line per corpus (first-level folder of DIR), then LAST one JSON
object: strict_f1, relaxed_f1, type_f1, value_f1, docs, timexes, seconds.
"""

from __future__ import annotations

import datetime
import html
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _common import TEMPEVAL3, emit, parser

from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.timex import find_timexes

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Doc:
    name: str
    text: str
    anchor: datetime.date | None
    gold: list[Gold]
    dct_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Counts:
    docs: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        def f1(hit_system: int, hit_gold: int) -> float:
            p = hit_system / self.system if self.system else 0.0
            r = hit_gold / self.gold if self.gold else 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        return {
            "strict_f1": round(f1(self.strict, self.strict), 4),
            "relaxed_f1": round(f1(self.relaxed_system, self.relaxed_gold), 4),
            "type_f1": round(f1(self.type_ok, self.type_ok), 4),
            "value_f1": round(f1(self.value_ok, self.value_ok), 4),
        }


def read_tml(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    anchor = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            anchor = _date(attrs.get("value", ""))
            break
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    text, gold, dct = _strip(body.group(1))
    return Doc(path.name, text, anchor, gold, dct)


def _date(value: str) -> datetime.date | None:
    m = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", value)
    return datetime.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _strip(markup: str) -> tuple[str, list[Gold], list[tuple[int, int]]]:
    """Text without tags, the gold TIMEX3 spans in it, and the creation-time spans."""
    parts: list[str] = []
    length = 0
    gold: list[Gold] = []
    dct: list[tuple[int, int]] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(markup):
        piece = html.unescape(markup[pos : m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("functionInDocument") == "CREATION_TIME":
                dct.append((start, length))
                continue
            span_text = "".join(parts)[start:length]
            gold.append(
                Gold(start, length, attrs.get("type", ""), attrs.get("value", ""), span_text)
            )
    parts.append(html.unescape(markup[pos:]))
    return "".join(parts), gold, dct


def score(doc: Doc, errors: list[str], context: bool = False) -> Counts:
    nlp = load_nlp()
    parsed = nlp(doc.text)
    system = [
        t
        for t in find_timexes(parsed, split_sentences(parsed), doc.anchor)
        if not any(t.start < e and t.end > s for s, e in doc.dct_spans)
    ]
    c = Counts(docs=1, gold=len(doc.gold), system=len(system))
    used: set[int] = set()
    for g in doc.gold:
        match = next(
            (
                i
                for i, t in enumerate(system)
                if i not in used and t.start < g.end and t.end > g.start
            ),
            None,
        )
        if match is None:
            errors.append(
                f"MISS  {doc.name}: {g.text!r} {g.type} {g.value}"
                + _around(doc.text, g.start, g.end, context)
            )
            continue
        used.add(match)
        t = system[match]
        c.relaxed_gold += 1
        c.relaxed_system += 1
        c.strict += (t.start, t.end) == (g.start, g.end)
        c.type_ok += t.type == g.type
        c.value_ok += t.value == g.value
        if t.value != g.value or t.type != g.type:
            errors.append(
                f"VALUE {doc.name}: {t.text!r} {t.type} {t.value} | gold {g.text!r} {g.type} "
                f"{g.value} (anchor {doc.anchor})" + _around(doc.text, g.start, g.end, context)
            )
    for i, t in enumerate(system):
        if i not in used:
            errors.append(
                f"EXTRA {doc.name}: {t.text!r} {t.type} {t.value}"
                + _around(doc.text, t.start, t.end, context)
            )
    return c


def _around(text: str, start: int, end: int, context: bool, width: int = 70) -> str:
    """The words around an expression, for reading errors (``--context``)."""
    if not context:
        return ""
    left = " ".join(text[max(0, start - width) : start].split())
    right = " ".join(text[end : end + width].split())
    return f"\n      ... {left} [{' '.join(text[start:end].split())}] {right} ..."


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="dir", default=TEMPEVAL3)
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors (stderr)")
    ap.add_argument("--context", action="store_true", help="show the words around errors")
    args = ap.parse_args(argv)
    files = sorted(args.dir.rglob("*.tml"))
    if not files:
        ap.error(f"no .tml files under {args.dir}")
    load_nlp()
    began = time.perf_counter()
    by_corpus: dict[str, Counts] = defaultdict(Counts)
    errors: list[str] = []
    for path in files:
        rel = path.relative_to(args.dir)
        corpus = rel.parts[0] if len(rel.parts) > 1 else args.dir.name
        by_corpus[corpus].add(score(read_tml(path), errors, args.context))
    seconds = time.perf_counter() - began
    total = Counts()
    for corpus, counts in sorted(by_corpus.items()):
        total.add(counts)
        print(f"{corpus}: docs={counts.docs} timexes={counts.gold} system={counts.system} "
              + " ".join(f"{k}={v:.3f}" for k, v in counts.scores().items()))  # fmt: skip
    for line in errors[: args.errors]:
        print(line, file=sys.stderr)
    emit({**total.scores(), "docs": total.docs, "timexes": total.gold,
          "seconds": round(seconds, 1)})  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
