"""Batch 6 of the ledger's audit set: pairs drawn from the raw Timeline17 files by keywords,
blind to the ledger's rule and to the annotator (``eval_ledger.py --probe OUT``).

Each line of a report (the corpus gives one sentence a line) is read for figures by a
plain pattern: a number in digits, or with "million"/"billion", right before a word of one
of a few classes of what news counts (the dead, the hurt, the held, cases, the displaced,
barrels or gallons, money). Two lines are a candidate pair when they come from two
reports at most a day apart, count one class, share a capitalized word past the first,
and give values that differ by at most half the larger one. Twelve pairs a topic are
drawn, seeded, from those of different outlets first; they are then labelled by reading
both lines with their reports' dates and outlets, before the ledger runs on them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
from _timeline17 import detokenize

CLASSES = {
    "dead": r"dead|deaths?|killed|died|fatalities|bodies|lives",
    "hurt": r"injured|wounded|hurt|injuries",
    "held": r"arrested|detained|arrests|detentions|prisoners",
    "cases": r"cases|infected|infections|patients",
    "displaced": r"evacuated|displaced|homeless|refugees|fled",
    "oil": r"barrels|gallons",
    "money": r"fund|compensation|bail-?out|package|claims|fines?|pledged|loans?",
}
_NUMBER = r"(?<![\w.$£€])(?:[$£€]\s?)?(\d[\d,]*(?:\.\d+)?)(\s?(?:million|billion|m|bn)\b)?"
_FIGURE = {
    k: re.compile(_NUMBER + r"[^.;:]{0,40}?\b(" + v + r")\b", re.I) for k, v in CLASSES.items()
}
_CAPS = re.compile(r"(?<!^)(?<![.!?] )\b([A-Z][a-z]{2,})\b")
PER_TOPIC = 12


def _value(m: re.Match) -> float | None:
    try:
        v = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    scale = (m.group(2) or "").strip().lower()
    if scale in ("million", "m"):
        v *= 1e6
    elif scale in ("billion", "bn"):
        v *= 1e9
    if 1900 <= v <= 2030 and not scale:
        return None  # a year
    return v


def lines_of(root: Path, topic: str) -> list[dict]:
    out = []
    for src in sorted(d for d in root.iterdir() if d.name.split("_")[0] == topic):
        outlet = src.name.split("_", 1)[1]
        for f in sorted(src.glob("InputDocs/*/*")):
            day = date.fromisoformat(f.parent.name)
            raw = f.read_text(encoding="utf-8", errors="replace").splitlines()
            for n, line in enumerate(raw):
                text = detokenize(line)
                for cls, pattern in _FIGURE.items():
                    for m in pattern.finditer(text):
                        v = _value(m)
                        if v is None or v == 0:
                            continue
                        out.append(
                            {
                                "path": str(f.relative_to(root)),
                                "line": n,
                                "outlet": outlet,
                                "day": day,
                                "cls": cls,
                                "value": v,
                                "figure": text[m.start() : m.end()],
                                "text": text,
                                "caps": frozenset(_CAPS.findall(text)),
                            }
                        )
    return out


def probe(
    root: Path,
    topics: list[str],
    out: Path,
    seed: int = 6,
    apart: int = 1,
    ratio: float = 2.0,
    words: int | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """``apart``: days between the reports at most; ``ratio``: of the larger value to the
    smaller at most; ``words``: longer lines are left out; ``skip``: classes left out."""
    rng = np.random.default_rng(seed)
    rows = []
    for topic in topics:
        figs = [
            f
            for f in lines_of(root, topic)
            if f["cls"] not in skip and (words is None or len(f["text"].split()) <= words)
        ]
        by_cls = defaultdict(list)
        for f in figs:
            by_cls[f["cls"]].append(f)
        cross, same = [], []
        for group in by_cls.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a["path"] == b["path"] or abs((a["day"] - b["day"]).days) > apart:
                        continue
                    lo, hi = sorted((a["value"], b["value"]))
                    if lo == hi or hi > lo * ratio or not (a["caps"] & b["caps"]):
                        continue
                    (cross if a["outlet"] != b["outlet"] else same).append((a, b))
        picks = [cross[i] for i in rng.permutation(len(cross))[:PER_TOPIC]]
        if len(picks) < PER_TOPIC:
            picks += [same[i] for i in rng.permutation(len(same))[: PER_TOPIC - len(picks)]]
        for a, b in picks:
            rows.append({"topic": topic, "a": _row(a), "b": _row(b)})
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")


def _row(f: dict) -> dict:
    return {k: (str(v) if k == "day" else v) for k, v in f.items() if k != "caps"}
