"""The real audit set of ``eval_who``: which Timeline17 reports it reads, and what the
system says about them (entities, merges, quotes), keyed by the corpus' own lines.

Timeline17 holds one tokenized sentence a line. A report is read as storyline reads it
(``_timeline17.detokenize`` of each non-empty line, joined by newlines), annotated whole
(mentions and quotes; no sentence budget), and its topic's reports are resolved together as
one story. Everything the system says is given back by (file, line), so that a label
written against the corpus file finds it whatever the code version.

``python benchmarks/who_real.py --dump out.json`` writes what the code on ``PYTHONPATH``
says; ``eval_who`` runs it in a subprocess over the code of an older commit for its baseline.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

from _common import emit, parser
from _timeline17 import DEFAULT_DIR, detokenize

PER_TOPIC = 4  # reports per topic
MIN_LINES, MAX_LINES = 12, 60  # reports of ordinary length (no one-liners, no live blogs)


def select(root: Path = DEFAULT_DIR) -> dict[str, list[str]]:
    """Topic -> the audit's reports (paths relative to ``root``): per topic, the first
    ``PER_TOPIC`` reports of ordinary length in the order of the hash of their path (a
    fixed draw nobody chose by reading)."""
    by_topic: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for f in sorted(root.glob("*/InputDocs/*/*")):
        rel = str(f.relative_to(root))
        n = sum(
            1
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()
        )
        if MIN_LINES <= n <= MAX_LINES:
            key = hashlib.sha1(rel.encode()).hexdigest()
            by_topic[rel.split("_")[0]].append((key, rel))
    return {t: [rel for _, rel in sorted(v)[:PER_TOPIC]] for t, v in sorted(by_topic.items())}


def read(rel: str, root: Path = DEFAULT_DIR) -> tuple[str, list[int]]:
    """The report's text as storyline reads it, and the corpus line of each text line."""
    raw = (root / rel).read_text(encoding="utf-8", errors="replace").splitlines()
    kept = [(i, _brackets(detokenize(x))) for i, x in enumerate(raw) if x.strip()]
    return "\n".join(t for _, t in kept), [i for i, _ in kept]


_BRACKETS = [
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
]


def _brackets(text: str) -> str:
    """The corpus writes brackets as Penn Treebank tokens ("-LRB- CNN -RRB-"); news has "(CNN)"."""
    for pattern, repl in _BRACKETS:
        text = pattern.sub(repl, text)
    return text


def line_hash(rel: str, line: int, root: Path = DEFAULT_DIR) -> str:
    raw = (root / rel).read_text(encoding="utf-8", errors="replace").splitlines()
    return hashlib.sha1(raw[line].strip().encode()).hexdigest()[:10]


def run(root: Path = DEFAULT_DIR) -> dict:
    """What the system says about the audit's reports, topic by topic."""
    from storyline.annotate.mentions import find_mentions
    from storyline.annotate.nlp import load_nlp, split_sentences
    from storyline.annotate.quotes import find_quotes
    from storyline.link.entities import resolve_entities
    from storyline.model import Annotation, Article
    from storyline.synthesize.quotes import collect_quotes

    nlp = load_nlp()
    out: dict = {}
    for topic, rels in select(root).items():
        articles, anns, lines_of = [], [], {}
        for rel in rels:
            text, corpus_lines = read(rel, root)
            starts = [0]
            for i, ch in enumerate(text):
                if ch == "\n":
                    starts.append(i + 1)
            doc = nlp(text)
            sentences = split_sentences(doc)
            art = Article(id=rel, text=text, outlet=rel.split("_")[1].split("/")[0])
            articles.append(art)
            anns.append(
                Annotation(
                    article=rel,
                    sentences=sentences,
                    mentions=find_mentions(doc, sentences),
                    quotes=find_quotes(doc, sentences),
                )
            )
            # A sentence is on the line its words start on: the parser may hang the closing
            # mark of the line before on its start.
            lines_of[rel] = [
                corpus_lines[
                    max(
                        k
                        for k, s in enumerate(starts)
                        if s <= sent.start + len(sent.text) - len(sent.text.lstrip("\"“”' \n"))
                    )
                ]
                for sent in sentences
            ]
        entities, m2e = resolve_entities(articles, anns)
        quotes = []
        for ann in anns:
            for q in collect_quotes([ann], entities, m2e):
                ev = q.evidence
                quotes.append(
                    {
                        "file": ann.article,
                        "lines": sorted({lines_of[ann.article][e.sentence] for e in ev}),
                        "speaker": q.speaker,
                        "entity": q.speaker_entity,
                        "text": q.text,
                    }
                )
        mention_entity = {}
        for ann in anns:
            for m in ann.mentions:
                eid = m2e.get(f"{ann.article}:{m.start}")
                if eid:
                    mention_entity.setdefault(eid, []).append(m.text)
        out[topic] = {
            "files": rels,
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": e.aliases,
                    "mentions": e.mentions,
                    "merges": [[m.alias, m.into, m.rule, m.detail] for m in e.merges],
                }
                for e in entities
            ],
            "quotes": quotes,
        }
    return out


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--dump", type=Path, required=True, help="where to write the JSON")
    args = ap.parse_args()
    said = run()
    args.dump.write_text(json.dumps(said, indent=1), encoding="utf-8")
    emit({"topics": len(said), "dump": str(args.dump)})


if __name__ == "__main__":
    main()
