"""The dossier timeline of Timeline17 topics, for reading by hand, and the audit's score.

    .venv/bin/python benchmarks/timeline_audit.py dump --db STORE  # EgyptianProtest,H1N1,LibyaWar
    .venv/bin/python benchmarks/timeline_audit.py score

``dump`` prints, per topic, the timeline a dossier of the whole topic shows (the same
``dossier_timeline`` as ``storyline build``, with the default cap): one JSON line per entry
with the entry's date, its text, the report it comes from and that report's publication day,
so a reader can judge it. The judgements live in ``data/timeline_audit/entries.jsonl``
(see the README there); ``score`` prints the share judged right, overall and per topic.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TIMELINE17, emit, parser
from _timeline17 import documents, topics, write_jsonl

from storyline import engine
from storyline.model import Story
from storyline.settings import load_settings
from storyline.store import open_store
from storyline.synthesize.timeline import dossier_timeline

AUDIT = Path(__file__).resolve().parent / "data" / "timeline_audit" / "entries.jsonl"


def dump(root: Path, db: str, only: list[str]) -> int:
    """Print each topic's dossier timeline entries, one JSON line each; return how many."""
    settings = load_settings(db=db, read_sentences=16, embed_sentences=8)
    store = open_store(settings.db)
    printed = 0
    try:
        for topic, dirs in topics(root).items():
            if topic not in only:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                path = write_jsonl(documents(dirs), Path(tmp) / f"{topic}.jsonl")
                rep = engine.ingest([path], store, settings)
            story = Story(id=topic, title=topic, articles=sorted(set(rep.added + rep.unchanged)))
            articles, annotations, links = engine.linked(story, store, settings)
            published = {a.id: a.published.date for a in articles}
            shown, rest = dossier_timeline(
                articles,
                annotations,
                links.events,
                links.sources.__getitem__,
                settings.timeline_max_events,
            )
            for e in shown:
                ev = next((x for x in e.evidence if x.text == e.text), e.evidence[0])
                row = {
                    "topic": topic,
                    "date": e.date,
                    "article": ev.article[:12],
                    "sentence": ev.sentence,
                    "published": published.get(ev.article),
                    "text": e.text,
                    "shown": len(shown),
                    "of": len(shown) + len(rest),
                }
                print(json.dumps(row, ensure_ascii=False))
                printed += 1
    finally:
        store.close()
    return printed


def score(path: Path = AUDIT) -> dict[str, object]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    right = Counter(r["topic"] for r in rows if r["right"])
    total = Counter(r["topic"] for r in rows)
    out = {
        "entries": len(rows),
        "right": sum(right.values()),
        "share": round(sum(right.values()) / len(rows), 3) if rows else 0.0,
        "topics": {t: f"{right[t]}/{n}" for t, n in total.items()},
        "wrong_kinds": dict(Counter(r["why"] for r in rows if not r["right"])),
    }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="--data", default=TIMELINE17)
    ap.add_argument("command", choices=("dump", "score"))
    ap.add_argument("--db", help="a store holding the topics' annotations (dump)")
    ap.add_argument("--topics", default="EgyptianProtest,H1N1,LibyaWar")
    args = ap.parse_args(argv)
    if args.command == "dump":
        if not args.db:
            ap.error("dump needs --db, a store that holds the topics' annotations")
        emit({"entries": dump(args.data, args.db, args.topics.split(","))})
    else:
        emit(score())
    return 0


if __name__ == "__main__":
    sys.exit(main())
