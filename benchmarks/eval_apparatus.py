"""How the apparatus test (``storyline/languages/apparatus.py``) reads the labelled sentences.

The labels: ``data/claims_s12`` and ``data/confirmations`` (`J`: no statement of the story;
`F`: the claim's fact, `D`: another fact), ``data/ledger`` claims (`J` when `furniture`:
apparatus repeated verbatim, else `S`)
and ``data/timeline_audit`` (right entries, and wrong ones by kind). The sentences are read
from stores built from the corpus, by (article, sentence index), never copied here:

    .venv/bin/python benchmarks/eval_apparatus.py --t17 T17 --es ES --fr FR [--show]

with copies of the annotator-11 stores (``t17-v11-pre``, ``mlc-es-v11-pre``,
``mlc-fr-v11-pre``). The test has no tuned constant, so nothing is chosen on these labels.
Per topic: the `J` sentences caught of all `J`, each statement caught (listed), and for the
timeline audit the not-event entries and the right ones caught (listed). Claim candidates
drop more (``link/tellings.py``: captions, bylines, highlights, questions, no full stop):
``no_candidate`` counts what claims do not take at all. Last line: one JSON object.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import HERE, emit, parser

from storyline.languages.apparatus import is_apparatus
from storyline.link.tellings import _is_candidate
from storyline.store import Store, open_store

DATA = HERE / "data"


class Sentences:
    """Stored sentences by (article id or its first 12 characters, index)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ids = store.article_ids()
        self._read: dict[str, tuple[str, list[str]]] = {}

    def get(self, article: str, index: int) -> tuple[str, str] | None:
        """(language, text) of sentence ``index`` of ``article``; None when not stored."""
        full = next((i for i in self.ids if i.startswith(article)), None)
        if full is None:
            return None
        if full not in self._read:
            text = [s.text for s in self.store.get_annotations([full])[0].sentences]
            self._read[full] = (self.store.get_article(full).language or "en", text)
        language, texts = self._read[full]
        return (language, texts[index]) if index < len(texts) else None

    def hashed(self) -> dict[str, tuple[str, str, int]]:
        """(language, article, index) of every stored sentence by its ledger hash."""
        out = {}
        for full in self.ids:
            ann = self.store.get_annotations([full])[0]
            for s in ann.sentences:
                key = hashlib.sha1(s.text.strip().encode("utf-8")).hexdigest()[:12]
                out[key] = ("en", full, s.index)
        return out


def _rows(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def labelled(stores: dict[str, Sentences]) -> list[dict[str, Any]]:
    """Every labelled sentence with its text: set, topic, label (statement, J, or the
    timeline audit's judgement), language, text; each distinct sentence of a set once."""
    out: dict[tuple[str, str, int], dict[str, Any]] = {}

    def add(kind: str, topic: str, store: str, article: str, index: int, label: str) -> None:
        got = stores[store].get(article, index) if store in stores else None
        if got is not None:
            row = {"set": kind, "topic": topic, "label": label, "language": got[0]}
            out.setdefault((kind, article[:12], index), {**row, "text": got[1]})

    for name, store in (("multi", "t17"), ("confirmed", "t17"), ("mlc_fr", "fr")):
        for r in _rows(f"claims_s12/{name}.jsonl"):
            for article, index, label, _ in r["refs"]:
                add("claims", r["topic"], store, article, index, label)
    for r in _rows("confirmations/claims.jsonl"):
        for article, index, label, _ in r["refs"]:
            add("claims", r["topic"], "t17", article, index, label)
    if "t17" in stores:
        by_hash = stores["t17"].hashed()
        for r in _rows("ledger/claims.jsonl"):
            for e in r["claim"]:
                if e["sentence"] in by_hash:
                    _, article, index = by_hash[e["sentence"]]
                    add("claims", r["topic"], "t17", article, index,
                        "J" if r["furniture"] else "S")  # fmt: skip
    for r in _rows("timeline_audit/entries.jsonl"):
        if r.get("method", "storyline") == "storyline":
            topic = str(r["topic"])
            store = topic.split("/")[0] if "/" in topic else "t17"
            add("timeline", topic, store, r["article"], r["sentence"],
                "right" if r["right"] else r["why"])  # fmt: skip
    return list(out.values())


def tally(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per set and topic: how many of each label there are and how many the test catches."""
    counts: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(dict))
    columns = ("all", "caught", "no_candidate")
    caught: list[dict[str, Any]] = []
    for r in rows:
        new = is_apparatus(r["text"], r["language"])
        dropped = r["set"] == "claims" and not _is_candidate(r["text"], 1, r["language"])
        cell = counts[r["set"]][r["topic"]].setdefault(r["label"], [0, 0, 0])
        cell[0] += 1
        cell[1] += new
        cell[2] += new or dropped
        if new and r["label"] in ("F", "S", "right"):
            caught.append(r)
    sets = {
        kind: {
            topic: {label: dict(zip(columns, c, strict=True)) for label, c in by_label.items()}
            for topic, by_label in sorted(topics.items())
        }
        for kind, topics in counts.items()
    }
    return {
        "sets": sets,
        "statements_caught": [f"{r['set']} {r['topic']}: {r['text'][:160]}" for r in caught],
    }


def main() -> int:
    ap = parser(__doc__)
    ap.add_argument("--t17", help="a copy of the annotated Timeline17 store")
    ap.add_argument("--es", help="a copy of the annotated Spanish ML-Crisis store")
    ap.add_argument("--fr", help="a copy of the annotated French ML-Crisis store")
    ap.add_argument("--show", action="store_true", help="print each sentence caught")
    args = ap.parse_args()
    paths = {"t17": args.t17, "es": args.es, "fr": args.fr}
    stores = {k: open_store(p) for k, p in paths.items() if p and Path(p).exists()}
    try:
        rows = labelled({k: Sentences(s) for k, s in stores.items()})
    finally:
        for s in stores.values():
            s.close()
    if args.show:
        for r in rows:
            if is_apparatus(r["text"], r["language"]):
                print(f"{r['set']} {r['topic']} {r['label']}: {r['text'][:200]}")
    result = tally(rows)
    totals: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for kind, topics in result["sets"].items():
        for by_label in topics.values():
            for label, c in by_label.items():
                t = totals[kind].setdefault(label, [0, 0, 0])
                for i, k in enumerate(("all", "caught", "no_candidate")):
                    t[i] += c[k]
    for kind, by_label in totals.items():
        shown = {label: f"{c[1]}/{c[0]} ({c[2]} no candidate)" for label, c in by_label.items()}
        print(kind, shown)
    for line in result["statements_caught"]:
        print("statement caught:", line)
    emit({**result, "totals": totals})
    return 0


if __name__ == "__main__":
    sys.exit(main())
