"""Reported speech in other languages: speaker precision and recall per language.

On ``benchmarks/data/xling/reported_speech.json``: sentences with no quote marks, from
ML-Crisis (Spanish and French, read by hand; a held-out second draw measured once
after the rules were written) and our own (Spanish, French, Italian,
German, Portuguese, Dutch), each with its named speaker or none. Each ML-Crisis sentence
is read with up to 1,500 characters of its report before it (names written earlier count).
Per language: quotes found in the sentences, speakers right (precision), gold speakers
found (recall). The same figures for another checkout's code (``--baseline``, main by
default) are computed in the same run, in a subprocess that imports that code.

    python benchmarks/reported_speech.py [--baseline /work/main]
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import DATASETS, emit, parser  # noqa: E402

GOLD = HERE / "data" / "xling" / "reported_speech.json"
ML_CRISIS = DATASETS / "ml-crisis"
_BEFORE = 1500  # characters of the report read before a sentence
_ANCHOR = datetime.date(2031, 2, 27)


def _items() -> list[tuple[str, str, int, list[str]]]:
    """(language, text, offset of the sentence in text, gold speakers)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    refs = [
        (f"{lang} {part}", r)
        for part in ("ml-crisis", "held-out")
        for lang, r in gold[part].items()
    ]
    for language, rows in refs:
        for path, at, speaker in rows:
            text = (ML_CRISIS / path).read_text(encoding="utf-8", errors="replace")
            while text[at].isspace():
                at += 1
            start = text.rfind("\n", 0, max(0, at - _BEFORE)) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            out.append((language, text[start:end], at - start, _speakers(speaker)))
    for language, rows in gold["invented"].items():
        for sentence, speaker in rows:
            out.append((language, sentence, 0, _speakers(speaker)))
    return out


def _speakers(speaker: str | list[str] | None) -> list[str]:
    return [] if speaker is None else [speaker] if isinstance(speaker, str) else speaker


def _words(name: str) -> list[str]:
    return name.lower().replace("’", "'").split()


def _right(said: str, gold: list[str]) -> bool:
    """The said name's words run inside a gold name's, or a gold name's inside its own."""
    a = _words(said)
    for g in map(_words, gold):
        short, long = (a, g) if len(a) <= len(g) else (g, a)
        if any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)):
            return True
    return False


def measure() -> dict[str, dict[str, object]]:
    from storyline.annotate.multilingual import read

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors: dict[str, list[str]] = defaultdict(list)
    for language, text, at, gold in _items():
        reading = read(text, language.split()[0], _ANCHOR)
        sentence = next(s.index for s in reading.sentences if s.start <= at < s.end)
        said = [q for q in reading.quotes if not q.direct and sentence in q.sentences]
        c = counts[language]
        c["sentences"] += 1
        c["with_speaker"] += bool(gold)
        speakers = [q.speaker for q in said if q.speaker]
        c["found"] += len(speakers)
        right = [s for s in speakers if _right(s, gold)]
        c["right"] += len(right)
        c["recalled"] += bool(right)
        errors[language] += [f"{s!r} (gold {gold or None})" for s in speakers if s not in right]
    out: dict[str, dict[str, object]] = {}
    for language, c in sorted(counts.items()):
        out[language] = {
            **c,
            "P": round(c["right"] / c["found"], 3) if c["found"] else None,
            "R": round(c["recalled"] / c["with_speaker"], 3) if c["with_speaker"] else None,
            "wrong": errors[language],
        }
    return out


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--baseline", default=str(HERE.parents[1] / "main"), help="checkout to compare")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner:  # under the baseline's code: before the editable install's finder
        sys.path.insert(0, args.baseline)
        sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f)]
        print(json.dumps(measure()))
        return
    ours = measure()
    run = subprocess.run(
        [sys.executable, __file__, "--inner", "--baseline", args.baseline],
        capture_output=True,
        text=True,
        check=True,
    )
    base = json.loads(run.stdout.strip().splitlines()[-1])
    for language, figures in ours.items():
        b = base.get(language, {})
        print(
            f"{language}: P {figures['P']} R {figures['R']} "
            f"({figures['right']}/{figures['found']} right, {figures['recalled']}/"
            f"{figures['with_speaker']} found)  baseline P {b.get('P')} R {b.get('R')} "
            f"({b.get('found', 0)} found)"
        )
        for wrong in figures["wrong"]:  # type: ignore[attr-defined]
            print(f"    wrong: {wrong}")
    emit({"ours": ours, "baseline": base, "baseline_code": args.baseline})


if __name__ == "__main__":
    main()
