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

The **real audit set** (``benchmarks/data/who/real/``, its README says how it was drawn and
labelled) holds judgements on Timeline17 reports: the speaker of 422 corpus lines
(``quotes.tsv``), 197 pairs of names in one story, same entity or not (``links.tsv``), and
the type of the 61 entities with at least five mentions (``types.tsv``). It is scored for
the code here and, in the same run, for the code of ``--baseline`` (default: main before
this work, be6e125), extracted with ``git archive`` and run in a subprocess:

- **speaker precision**: of the (line, entity) attributions on labelled lines, the share
  whose entity is the line's speaker (lines whose source is unnamed, "a hospital spokesman",
  accept no speaker or the body named and are left out; captions are counted apart);
- **speaker recall**: of the lines with a named speaker, the share attributed to them;
- **merge precision / recall**: of the pairs the system puts in one entity, the share that
  are one; of the pairs that are one, the share it puts together (a pair whose name the
  system no longer writes, e.g. a glued span it now cuts, is left out and counted);
- **type accuracy** on the entities with at least five mentions.

Figures are given per topic as well: every rule was written for a kind of error, not
fitted to a topic, and the per-topic rows show whether one topic carries the result.

Usage: ``python benchmarks/eval_who.py [--split dev|test|test2|held-out|all] [-v]
[--baseline COMMIT|none]``. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from _common import emit, parser

from storyline.annotate.mentions import find_mentions
from storyline.annotate.nlp import load_nlp, split_sentences
from storyline.annotate.quotes import find_quotes
from storyline.link.entities import resolve_entities
from storyline.link.names import clean_surface
from storyline.model import Annotation, Article
from storyline.synthesize.quotes import collect_quotes

DATA = Path(__file__).resolve().parent / "data" / "who"
REAL = DATA / "real"
HERE = Path(__file__).resolve().parent
BASELINE = "be6e125"  # main before the work of issue 16
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


# --------------------------------------------------------------------------- the real audit set


def _tsv(name: str) -> list[dict[str, str]]:
    lines = (REAL / name).read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if line]


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace(".", "").replace("'s", "").split())


def _names_entity(gold: str, entity: dict) -> bool:
    """The gold name is the entity's: one of its aliases, or its canonical name is the
    gold name's last words ("Obama" for "Barack Obama")."""
    g = _norm(gold)
    name = _norm(entity["name"])
    return g in {_norm(a) for a in entity["aliases"]} or g == name or g.endswith(" " + name)


def dump_of(commit: str | None) -> dict:
    """What the code says about the audit's reports: this tree's code, or ``commit``'s."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        if commit is not None:
            archive = subprocess.run(
                ["git", "archive", commit, "storyline"],
                cwd=HERE.parent,
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            env["PYTHONPATH"] = tmp
        out = Path(tmp) / "dump.json"
        subprocess.run(
            [sys.executable, str(HERE / "who_real.py"), "--dump", str(out)],
            cwd=tmp,
            env=env,
            check=True,
        )
        return json.loads(out.read_text(encoding="utf-8"))


def score_real(dump: dict, topics: set[str] | None = None) -> tuple[dict, list[str]]:
    """Speaker, merge and type figures of one run on the real audit set."""
    errors: list[str] = []
    keep = topics or set(dump)
    # quotes
    gold = {
        (r["file"], int(r["line"])): r["speaker"] for r in _tsv("quotes.tsv") if r["topic"] in keep
    }
    entities = {e["id"]: e for t in keep for e in dump[t]["entities"]}
    said: dict[tuple[str, int], set[str]] = defaultdict(set)
    for t in keep:
        for q in dump[t]["quotes"]:
            if q["entity"] is not None:
                for line in q["lines"]:
                    said[(q["file"], line)].add(q["entity"])
    attributed = correct = captions = unlabelled = 0
    for where, eids in sorted(said.items()):
        label = gold.get(where)
        for eid in sorted(eids):
            e = entities[eid]
            if label is None:
                unlabelled += 1
                errors.append(f"unlabelled line {where}: {e['name']!r}")
                continue
            if label.startswith("#"):
                captions += 1
                continue
            alts = label.lstrip("?").split("|")
            right = label != "-" and any(_names_entity(a, e) for a in alts)
            if label.startswith("?") and right:
                continue  # an unnamed source: the body named is acceptable, not required
            attributed += 1
            correct += right
            if not right:
                errors.append(f"quote {where}: {e['name']!r}, gold {label!r}")
    wanted = {w: g for w, g in gold.items() if g[:1] not in ("-", "?", "#")}
    found = 0
    for where, label in sorted(wanted.items()):
        if any(
            any(_names_entity(a, entities[eid]) for a in label.split("|"))
            for eid in said.get(where, ())
        ):
            found += 1
        else:
            errors.append(f"missed {where}: {label!r}")
    # merges
    pairs = [r for r in _tsv("links.tsv") if r["topic"] in keep]
    same_sys = same_both = same_gold = together = absent = 0
    for r in pairs:
        holders = [
            {e["id"] for e in dump[r["topic"]]["entities"] if name in e["aliases"]}
            for name in (r["a"], r["b"])
        ]
        if not holders[0] or not holders[1]:
            absent += 1
            continue
        one = bool(holders[0] & holders[1])
        is_same = r["same"] == "same"
        same_sys += one
        same_both += one and is_same
        same_gold += is_same
        together += one and is_same
        if one != is_same:
            kind = "merged" if one else "split"
            errors.append(f"{kind} {r['topic']}: {r['a']!r} / {r['b']!r}")
    # types
    typed = typed_right = 0
    for r in _tsv("types.tsv"):
        if r["topic"] not in keep:
            continue
        holders = [
            e
            for e in dump[r["topic"]]["entities"]
            if _norm(r["name"]) in {_norm(a) for a in e["aliases"]}
        ]
        typed += 1
        got = max(holders, key=lambda e: e["mentions"])["type"] if holders else None
        if got in r["type"].split("|"):
            typed_right += 1
        else:
            errors.append(f"type {r['topic']}: {r['name']!r} is {got}, gold {r['type']}")
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    return {
        "speaker_p": ratio(correct, attributed),
        "speaker_r": ratio(found, len(wanted)),
        "attributed": attributed,
        "gold_speakers": len(wanted),
        "captions_attributed": captions,
        "unlabelled_attributions": unlabelled,
        "merge_p": ratio(same_both, same_sys),
        "merge_r": ratio(together, same_gold),
        "pairs_scored": len(pairs) - absent,
        "pairs_absent": absent,
        "type_acc": ratio(typed_right, typed),
        "typed": typed,
    }, errors


def evaluate_real(baseline: str | None, verbose: bool) -> dict:
    runs = {"new": dump_of(None)}
    if baseline:
        runs["baseline"] = dump_of(baseline)
    out: dict = {}
    for name, dump in runs.items():
        scores, errors = score_real(dump)
        out[name] = {"all": scores}
        for topic in sorted(dump):
            out[name][topic], _ = score_real(dump, {topic})
        sys.stdout.write(
            f"real {name:>8}: speaker P {scores['speaker_p']:.3f} R {scores['speaker_r']:.3f} "
            f"({scores['attributed']} judged, {scores['gold_speakers']} gold; captions "
            f"{scores['captions_attributed']}, unlabelled {scores['unlabelled_attributions']}) | "
            f"merge P {scores['merge_p']:.3f} R {scores['merge_r']:.3f} "
            f"({scores['pairs_scored']} pairs, {scores['pairs_absent']} absent) | "
            f"type {scores['type_acc']:.3f} of {scores['typed']}\n"
        )
        for topic in sorted(dump):
            t = out[name][topic]
            sys.stdout.write(
                f"   {topic:>16}: speaker P {t['speaker_p']:.3f} R {t['speaker_r']:.3f} | "
                f"merge P {t['merge_p']:.3f} R {t['merge_r']:.3f} | type {t['type_acc']:.3f}\n"
            )
        if verbose and name == "new":
            for line in errors:
                sys.stdout.write(f"      {line}\n")
    return out


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument(
        "--split", choices=["dev", "test", "test2", "test3", "held-out", "all"], default="all"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list every error")
    ap.add_argument(
        "--baseline", default=BASELINE, help="commit scored beside this code ('none': skip)"
    )
    ap.add_argument("--real-only", action="store_true", help="skip the fictional set")
    args = ap.parse_args()
    result: dict = {}
    if not args.real_only:
        result["fictional"] = evaluate(args.split, args.verbose)
    result["real"] = evaluate_real(None if args.baseline == "none" else args.baseline, args.verbose)
    emit(result)


if __name__ == "__main__":
    main()
