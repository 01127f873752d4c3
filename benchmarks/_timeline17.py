"""Reading Timeline17 (../shared/datasets/timeline17) for the benchmarks.

Layout: TOPIC_SOURCE/InputDocs/<YYYY-MM-DD>/<file> (one tokenized sentence per line)
and TOPIC_SOURCE/timelines/*.txt; ML-Crisis (../shared/datasets/ml-crisis/{es,fr}) has the
same layout with TOPIC folders and the outlet in the file name, if at all. Topics with
several sources (``H1N1_bbc``, ``H1N1_guardian``) are pooled into one story, as the
literature does.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from _common import TIMELINE17 as DEFAULT_DIR

from storyline.calendar_safe import iso_day

log = logging.getLogger(__name__)

_DETOK = [
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
]


def detokenize(line: str) -> str:
    """Undo the corpus' tokenization ("does n't ," -> "doesn't,") so spaCy sees news text."""
    text = line.strip()
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text


def topics(root: Path = DEFAULT_DIR) -> dict[str, list[Path]]:
    """Topic name -> its source folders."""
    out: dict[str, list[Path]] = defaultdict(list)
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        out[d.name.split("_")[0]].append(d)
    return dict(out)


# ML-Crisis names no outlet in its folders: a file's prefix tells a Global Voices post
# ("gv_12.txt") from another outlet's report ("ext_40.txt", outlet not given).
_FILE_OUTLETS = {"gv": "Global Voices"}


def _outlet(src: Path, f: Path) -> str | None:
    """The outlet of file ``f`` of source folder ``src``: Timeline17 names it in the folder
    (``bpoil_bbc``); ML-Crisis (``egypt``) in the file's prefix, if at all (see the
    dataset's README): None leaves the report unattributed, as storyline treats a report
    of unknown outlet."""
    if "_" in src.name:
        return src.name.split("_", 1)[1]
    return _FILE_OUTLETS.get(f.name.split("_", 1)[0])


def input_files(src: Path) -> Iterator[tuple[str, Path]]:
    """(publication day, file) for every report of source folder ``src``, in order.

    A folder of unseen data may hold what is not a report: a stray file beside the day
    folders (".DS_Store"), a folder not named by a day, hidden files. Each is skipped with a
    warning naming it; one odd entry never stops the benchmark.
    """
    docs_dir = src / "InputDocs"
    if not docs_dir.is_dir():
        log.warning("%s: no InputDocs folder, source skipped", src)
        return
    for day_dir in sorted(docs_dir.iterdir()):
        if not day_dir.is_dir() or iso_day(day_dir.name) is None:
            if not day_dir.name.startswith("."):
                log.warning("%s: not a YYYY-MM-DD folder of reports, skipped", day_dir)
            continue
        for f in sorted(day_dir.iterdir()):
            if f.is_file() and not f.name.startswith("."):
                yield day_dir.name, f


def documents(source_dirs: list[Path], limit: int | None = None) -> list[dict[str, str]]:
    """Records for storyline's JSON-lines ingest: text, date, outlet, title."""
    docs = []
    for src in source_dirs:
        for day, f in input_files(src):
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
            text = "\n".join(detokenize(x) for x in lines if x.strip())
            if text:
                docs.append({"text": text, "date": day, "outlet": _outlet(src, f)})
    docs.sort(key=lambda d: d["date"])
    return docs[:limit] if limit else docs


def corpus_lines(source_dirs: list[Path]) -> dict[str, str]:
    """Detokenized line -> the corpus' own tokenized line, for every line of the topic."""
    out: dict[str, str] = {}
    for src in source_dirs:
        for _day, f in input_files(src):
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.strip():
                    out.setdefault(detokenize(line), line.strip())
    return out


def write_jsonl(docs: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({k: v for k, v in d.items() if v is not None}) + "\n")
    return path
