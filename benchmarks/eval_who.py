"""Who's who and who said what: quote attribution and entity clustering on a labelled set.

The set (``benchmarks/data/who/``) is fictional text written for this benchmark, with its
gold labels written before any tuning: ``articles.jsonl`` (one article a line: id, story,
split, outlet, text) and ``gold.json``:

- ``quotes``: ``{article, fragment, speaker, direct}``; ``fragment`` is a piece of the
  quoted or reported words, ``speaker`` a gold entity id.
- ``entities``: ``{id, story, name, type, surfaces: {article: [surface, ...]}}``: every
  way each article writes the entity.

Stories ``s1``-``s3`` are the development split; ``s4``-``s5`` are held out (never looked
at while tuning). Both are reported.

Scores:

- **Quote speaker precision**: of the quotes the system attributes to an entity, the share
  that match a gold quote (its fragment lies in the quote) and whose entity is the gold
  speaker. A quote that matches no gold quote counts against precision.
- **Quote speaker recall**: of the gold quotes, the share found with the right speaker.
- **Entity B-cubed F1** over (article, surface) items: the system's cluster of an item is
  the entity most of its mentions resolve to; a gold surface the system never marks is a
  cluster of its own.

Usage: ``python benchmarks/eval_who.py [--split dev|test|test2|held-out|all] [-v]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.quotes import find_quotes
from storyline.link.entities import resolve_entities
from storyline.link.names import clean_surface
from storyline.model import Annotation, Article
from storyline.synthesize.quotes import collect_quotes

DATA = Path(__file__).resolve().parent / "data" / "who"
TABLE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

Item = tuple[str, str]  # (article, surface)
HELD_OUT = {"test", "test2", "test3"}  # the splits the targets are judged on


def plain(text: str) -> str:
    return " ".join(text.translate(TABLE).split())


def load(data: Path = DATA) -> tuple[list[dict], dict]:
    articles = [json.loads(line) for line in (data / "articles.jsonl").open(encoding="utf-8")]
    gold = json.loads((data / "gold.json").read_text(encoding="utf-8"))
    return articles, gold


def run_system(articles: list[dict]) -> dict:
    """Annotate every article, resolve entities per story, attribute quotes."""
    nlp = load_nlp()
    records = {a["id"]: Article(id=a["id"], text=a["text"], outlet=a["outlet"]) for a in articles}
    anns: dict[str, Annotation] = {}
    for a, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        sentences = split_sentences(doc)
        anns[a["id"]] = Annotation(
            article=a["id"],
            sentences=sentences,
            mentions=find_mentions(doc, sentences),
            quotes=find_quotes(doc, sentences),
        )
    stories: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        stories[a["story"]].append(a["id"])
    mention_entity: dict[str, str] = {}
    quotes: dict[str, list] = {}
    entity_names: dict[str, str] = {}
    for ids in stories.values():
        entities, m2e = resolve_entities([records[i] for i in ids], [anns[i] for i in ids])
        mention_entity.update(m2e)
        entity_names.update({e.id: e.name for e in entities})
        for i in ids:
            quotes[i] = collect_quotes([anns[i]], entities, m2e)
    return {"anns": anns, "mention_entity": mention_entity, "quotes": quotes, "names": entity_names}


def system_items(
    gold: dict, system: dict, keep: set[str]
) -> tuple[dict[Item, str], dict[Item, str]]:
    """Gold and system cluster of every gold (article, surface) item in ``keep`` articles."""
    gold_of: dict[Item, str] = {}
    for e in gold["entities"]:
        for art, surfaces in e["surfaces"].items():
            if art in keep:
                for s in surfaces:
                    gold_of[(art, s)] = e["id"]
    votes: dict[Item, Counter[str]] = defaultdict(Counter)
    for art in keep:
        surfaces = sorted({s for (a, s) in gold_of if a == art}, key=len, reverse=True)
        for m in system["anns"][art].mentions:
            eid = system["mention_entity"].get(f"{art}:{m.start}")
            if eid is None:
                continue
            text = clean_surface(m.text)
            for s in surfaces:  # longest gold surface the mention is, or names
                if _names(text, s):
                    votes[(art, s)][eid] += 1
                    break
    sys_of = {
        item: (votes[item].most_common(1)[0][0] if votes[item] else f"missed:{item}")
        for item in gold_of
    }
    return gold_of, sys_of


def _names(text: str, surface: str) -> bool:
    """True when a mention's text names the gold surface: the same words, role words before
    it ("Transport Minister Mirela Dragan"), or its place after it ("Data Protection Office
    of Ostria" names the office, not Ostria)."""
    if text == surface or text.startswith(surface + " of "):
        return True
    before = text[: -len(surface)].split() if text.endswith(" " + surface) else []
    return bool(before) and before[-1] not in ("of", "for", "in", "at", "to", "from")


def bcubed(gold_of: dict[Item, str], sys_of: dict[Item, str]) -> tuple[float, float, float]:
    g: dict[str, set[Item]] = defaultdict(set)
    s: dict[str, set[Item]] = defaultdict(set)
    for item in gold_of:
        g[gold_of[item]].add(item)
        s[sys_of[item]].add(item)
    p = r = 0.0
    for item in gold_of:
        both = len(g[gold_of[item]] & s[sys_of[item]])
        p += both / len(s[sys_of[item]])
        r += both / len(g[gold_of[item]])
    n = len(gold_of) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def quote_scores(
    gold: dict, system: dict, keep: set[str], gold_of: dict[Item, str], sys_of: dict[Item, str]
) -> tuple[dict[str, float], list[str]]:
    # A system entity stands for the gold entity most of its items belong to.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for item, eid in sys_of.items():
        votes[eid][gold_of[item]] += 1
    as_gold = {eid: c.most_common(1)[0][0] for eid, c in votes.items()}
    golds = [q for q in gold["quotes"] if q["article"] in keep]
    errors: list[str] = []
    attributed = correct = 0
    found: set[int] = set()
    for art in sorted(keep):
        mine = [(i, q) for i, q in enumerate(golds) if q["article"] == art]
        for entry in system["quotes"][art]:
            text = plain(entry.text)
            hits = [(i, q) for i, q in mine if plain(q["fragment"]) in text]
            speaker = as_gold.get(entry.speaker_entity or "")
            if entry.speaker_entity is None:
                continue
            attributed += 1
            right = [i for i, q in hits if q["speaker"] == speaker]
            if right:
                correct += 1
                found.update(right)
            else:
                who = system["names"].get(entry.speaker_entity, entry.speaker)
                want = hits[0][1]["speaker"] if hits else "(not a gold quote)"
                errors.append(f"{art}: {who!r} for {entry.text[:70]!r}; gold {want}")
    for i, q in enumerate(golds):
        if i not in found:
            errors.append(f"{q['article']}: missed {q['fragment'][:60]!r} by {q['speaker']}")
    p = correct / attributed if attributed else 0.0
    r = len(found) / len(golds) if golds else 0.0
    return {"precision": p, "recall": r, "attributed": attributed, "gold": len(golds)}, errors


def evaluate(split: str, verbose: bool) -> dict[str, dict[str, float]]:
    articles, gold = load()
    t0 = time.perf_counter()
    system = run_system(articles)
    elapsed = time.perf_counter() - t0
    out: dict[str, dict[str, float]] = {}
    groups = {
        "dev": {"dev"},
        "test": {"test"},
        "test2": {"test2"},
        "test3": {"test3"},
        "held-out": HELD_OUT,
    }
    splits = list(groups) if split == "all" else [split]
    for name in splits:
        keep = {a["id"] for a in articles if a["split"] in groups[name]}
        gold_of, sys_of = system_items(gold, system, keep)
        bp, br, bf = bcubed(gold_of, sys_of)
        qs, errors = quote_scores(gold, system, keep, gold_of, sys_of)
        out[name] = {**{f"quote_{k}": v for k, v in qs.items()}, "bcubed_p": bp, "bcubed_r": br}
        out[name]["bcubed_f1"] = bf
        sys.stdout.write(
            f"{name:>8}: quotes {qs['gold']:>3} gold, {qs['attributed']:>3} attributed | "
            f"speaker P {qs['precision']:.3f} R {qs['recall']:.3f} | "
            f"entities {len(gold_of)} items B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f}\n"
        )
        if verbose:
            for line in errors:
                sys.stdout.write(f"      {line}\n")
            wrong = sorted({(gold_of[i], sys_of[i], i) for i in gold_of}, key=lambda x: x[0])
            by_sys: dict[str, set[str]] = defaultdict(set)
            for g, s, _ in wrong:
                by_sys[s].add(g)
            for _s, gs in sorted(by_sys.items()):
                if len(gs) > 1:
                    sys.stdout.write(f"      merged apart entities {sorted(gs)}\n")
            by_gold: dict[str, set[str]] = defaultdict(set)
            for g, s, i in wrong:
                by_gold[g].add(f"{s[:14]}={i[1]}@{i[0]}")
            for g, ss in sorted(by_gold.items()):
                if len({x.split("=")[0] for x in ss}) > 1:
                    sys.stdout.write(f"      split {g}: {sorted(ss)}\n")
    sys.stdout.write(f"({len(articles)} articles annotated and resolved in {elapsed:.1f} s)\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--split", choices=["dev", "test", "test2", "test3", "held-out", "all"], default="all"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    args = parser.parse_args()
    evaluate(args.split, args.verbose)


if __name__ == "__main__":
    main()
