"""Confirmations: are facts shown as "confirmed by N independent outlets" right?

    .venv/bin/python benchmarks/eval_confirm.py --db T17_STORE [--seeds-db STORE]
        [--topics H1N1,seeds] [--draw] [--show claims|pairs]

Builds every Timeline17 topic (annotations reused from ``--db``, a copy of an annotated
store) and the stories of ``../shared/seeds``, then scores against the hand labels of
``benchmarks/data/confirmations/`` (how they were labelled: its README):

* precision: of the claims shown as confirmed by 2+ independent outlets whose evidence
  was labelled, those right on all three counts: every evidence sentence tells one fact,
  at least two really independent outlets tell it, and it is a statement of the story
  (not furniture, a caption, a byline, another story's sidebar);
* one fact: of the claims told by two or more reports (confirmed or not) whose evidence
  was labelled, the share whose every sentence tells the claim's fact;
* recall: of labelled pairs of sentences of different outlets that tell one fact (drawn
  by a word-overlap probe that does not use storyline's grouping), those in one claim;
* baselines in the same run: main's independence before issue 15 (a report of unknown
  outlet is its own outlet, spellings of one outlet are outlets apart), and a plain
  embedding near-duplicate grouping (sentences of different outlets at cosine >= t,
  joined transitively; t chosen leave-one-topic-out on the labelled pairs).

``--draw`` writes the blind samples (seeded; references only, no text); ``--show``
prints a sample's sentences for labelling. Last line: one JSON object.
"""

from __future__ import annotations

import json
import logging
import random
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from _common import REPO, emit, parser
from _confirm import Linked, Ref, claim_key, refs_of, seeds, timeline17

DATA = Path(__file__).resolve().parent / "data" / "confirmations"
SEED = 15
PER_TOPIC = 48  # claims drawn per topic (fewer where a topic confirms fewer)
PAIRS_PER_TOPIC = 36
PROBE = (0.4, 1.01)  # content-word overlap (tf-idf cosine within the story) of probed pairs
GRID = (0.75, 0.8, 0.85, 0.9, 0.95)  # the near-duplicate baseline's cosines


def _confirmed(story: Linked) -> list[Any]:
    return [c for c in story.links.claims if len(c.independent_outlets) >= 2]


def _old_source(article: Any) -> str:
    """Main's independent source before issue 15: the agency, the outlet as spelled, or
    the report itself when its outlet is unknown."""
    return article.credits[0] if article.credits else article.outlet or f"(report {article.id})"


def _old_confirmed(story: Linked) -> list[Any]:
    by_id = {a.id: a for a in story.articles}
    copies = {d.article: d.duplicate_of for d in story.links.duplicates}

    def source(aid: str) -> str:
        return _old_source(by_id.get(copies.get(aid, aid), by_id[aid]))

    return [c for c in story.links.claims if len({source(e.article) for e in c.evidence}) >= 2]


def _read(name: str) -> list[dict[str, Any]]:
    path = DATA / name
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _write(name: str, rows: list[dict[str, Any]]) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    (DATA / name).write_text(text, encoding="utf-8")


def draw_claims(stories: list[Linked]) -> list[dict[str, Any]]:
    """A seeded random sample of the confirmed claims of each story (references only)."""
    rng = random.Random(SEED)
    rows = []
    for story in stories:
        pool = sorted(_confirmed(story), key=lambda c: claim_key(refs_of(c)))
        for c in rng.sample(pool, min(PER_TOPIC, len(pool))):
            refs = refs_of(c)
            rows.append(
                {
                    "topic": story.topic,
                    "key": claim_key(refs),
                    "refs": [[a, s, "", story.links.sources[a]] for a, s in refs],
                    "note": "",
                }
            )
    return rows


_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _content(text: str, stop: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in stop)


def _candidates(story: Linked) -> list[tuple[Ref, str]]:
    """The sentences claims are made of: embedded, six words or more."""
    out = []
    for ann in story.annotations:
        vecs = ann.vectors()
        for s in ann.sentences:
            embedded = s.index < vecs.shape[0] and vecs.shape[1] and np.any(vecs[s.index])
            if embedded and len(s.text.split()) >= 6:
                out.append(((ann.article, s.index), s.text))
    return out


def _outlet_of(story: Linked) -> dict[str, str]:
    return {a.id: _key(a.outlet or a.id) for a in story.articles}


def draw_pairs(stories: list[Linked]) -> list[dict[str, Any]]:
    """Pairs of sentences of two outlets whose content words overlap (``PROBE``: tf-idf
    cosine, rare words weigh most), drawn blind of storyline's grouping: a seeded sample
    per story."""
    from scipy import sparse
    from spacy.lang.en.stop_words import STOP_WORDS

    rng = random.Random(SEED)
    stop = frozenset(STOP_WORDS)
    rows = []
    for story in stories:
        outlet = _outlet_of(story)
        if len(set(outlet.values())) < 2:
            continue
        cands = _candidates(story)
        words = [_content(t, stop) for _, t in cands]
        vocab: dict[str, int] = {}
        ij = [(n, vocab.setdefault(w, len(vocab))) for n, ws in enumerate(words) for w in ws]
        if not ij:
            continue
        r, c = zip(*ij, strict=True)
        m = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(cands), len(vocab)))
        idf = np.log(len(cands) / np.asarray((m > 0).sum(axis=0)).ravel())
        m = sparse.csr_matrix(m.multiply(idf[None, :]))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        m = sparse.csr_matrix(m.multiply(1 / np.maximum(norms, 1e-9)[:, None]))
        inter = sparse.triu(m @ m.T, k=1).tocoo()
        jac = inter.data
        pool = [
            (int(i), int(j))
            for i, j, x in zip(inter.row, inter.col, jac, strict=True)
            if PROBE[0] <= x <= PROBE[1] and outlet[cands[i][0][0]] != outlet[cands[j][0][0]]
        ]
        for i, j in rng.sample(sorted(pool), min(PAIRS_PER_TOPIC, len(pool))):
            rows.append(
                {"topic": story.topic, "a": list(cands[i][0]), "b": list(cands[j][0]), "same": None}
            )
    return rows


Labels = dict[Ref, dict[str, tuple[str, str]]]  # sentence -> claim key -> (label, origin)


def _labels(rows: list[dict[str, Any]]) -> Labels:
    """Each labelled evidence sentence, by the key of every sampled claim it was labelled
    in (a later draw may label a sentence again, in a claim that a later build groups):
    (label, its true independent source), in the order the rows were written."""
    out: Labels = {}
    for r in rows:
        for a, s, lab, origin in r["refs"]:
            if lab:
                out.setdefault((a, s), {})[r["key"]] = (lab, origin)
    return out


def _told(claim: Any, labels: Labels) -> list[tuple[str, str]] | None:
    """The labels of a claim's sentences in the latest sampled claim that labelled all of
    them, or None when no one sampled claim did."""
    refs = refs_of(claim)
    if any(r not in labels for r in refs):
        return None
    common = set.intersection(*(set(labels[r]) for r in refs))
    if not common:
        return None
    key = max(common, key=lambda k: list(labels[refs[0]]).index(k))
    return [labels[r][key] for r in refs]


def judge(claim: Any, labels: Labels) -> bool | None:
    """Right (every sentence tells the fact "F", from two or more true sources), wrong, or
    None when its evidence was not labelled as one claim."""
    told = _told(claim, labels)
    if told is None:
        return None
    return all(lab == "F" for lab, _ in told) and len({origin for _, origin in told}) >= 2


def one_fact(claim: Any, labels: Labels) -> bool:
    """Every evidence sentence of a judged claim tells the claim's fact (issue 15's "claims
    tell one fact", whatever their sources)."""
    told = _told(claim, labels)
    return told is not None and all(lab == "F" for lab, _ in told)


def score_claims(stories: list[Linked], labels: Labels, old: bool = False) -> dict[str, Any]:
    """Claims shown as confirmed, judged on the labels. The labelled claims are a random
    sample of one build's; ``estimate`` scales the sample's precision to every confirmed
    claim, counting those whose reports all carry one outlet's name (however spelled) as
    wrong: they cannot have two independent sources."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for story in stories:
        by_id = {a.id: a for a in story.articles}
        for c in _old_confirmed(story) if old else _confirmed(story):
            verdict = judge(c, labels)
            per[story.topic]["confirmed"] += 1
            per[story.topic][{True: "right", False: "wrong", None: "unlabelled"}[verdict]] += 1
            per[story.topic]["one_fact"] += verdict is not None and one_fact(c, labels)
            names = {_key(_old_source(by_id[e.article])) for e in c.evidence}
            if verdict is None and len(names) < 2:
                per[story.topic]["one_outlet"] += 1
    total: Counter[str] = sum(per.values(), Counter())
    judged = total["right"] + total["wrong"]
    precision = total["right"] / judged if judged else None
    rest = total["confirmed"] - total["one_outlet"]
    return {
        "precision": round(precision, 3) if precision is not None else None,
        "estimate": round(precision * rest / total["confirmed"], 3) if precision else None,
        "one_fact_share": round(total["one_fact"] / judged, 3) if judged else None,
        **{
            k: total[k]
            for k in ("confirmed", "right", "wrong", "unlabelled", "one_outlet", "one_fact")
        },
        "topics": {t: dict(c) for t, c in sorted(per.items())},
    }


def score_multi(stories: list[Linked], labels: Labels) -> dict[str, Any]:
    """Issue 15's "claims tell one fact": of the claims whose evidence comes from two or more
    reports (confirmed or not) and was labelled as one sampled claim, the share whose every
    sentence tells the claim's fact."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for story in stories:
        for c in story.links.claims:
            if len({e.article for e in c.evidence}) < 2:
                continue
            per[story.topic]["multi"] += 1
            if judge(c, labels) is not None:
                per[story.topic]["judged"] += 1
                per[story.topic]["one_fact"] += one_fact(c, labels)
    total: Counter[str] = sum(per.values(), Counter())
    judged = total["judged"]
    return {
        "one_fact_share": round(total["one_fact"] / judged, 3) if judged else None,
        **{k: total[k] for k in ("multi", "judged", "one_fact")},
        "topics": {t: dict(c) for t, c in sorted(per.items())},
    }


def _key(name: str) -> str:
    """An outlet's name with case, punctuation and a leading "the" aside."""
    return re.sub(r"^the", "", re.sub(r"\W|_", "", name.casefold()))


def _pair_scores(hits: list[tuple[bool, bool]]) -> dict[str, Any]:
    tp = sum(1 for g, s in hits if g and s)
    fp = sum(1 for g, s in hits if g and not s)
    fn = sum(1 for g, s in hits if s and not g)
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def score_pairs(stories: list[Linked], pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Storyline's grouping and the near-duplicate baseline on the labelled pairs; the
    baseline's cosine is chosen on the other topics (most recall with precision >= 0.9
    there, else the most precise) for each topic."""
    by_topic = {s.topic: s for s in stories}
    rows = []  # (topic, grouped by storyline, cosine, same)
    for p in pairs:
        story = by_topic.get(p["topic"])
        if story is None or p["same"] is None:
            continue
        a, b = tuple(p["a"]), tuple(p["b"])
        claim_of = {r: c.id for c in story.links.claims for r in refs_of(c)}
        vec = {ann.article: ann.vectors() for ann in story.annotations}
        cos = float(vec[a[0]][a[1]] @ vec[b[0]][b[1]])
        rows.append(
            (
                p["topic"],
                claim_of.get(a) is not None and claim_of.get(a) == claim_of.get(b),
                cos,
                bool(p["same"]),
            )
        )

    def best(train: list[tuple[str, bool, float, bool]]) -> float:
        scored = [(t, _pair_scores([(c >= t, s) for _, _, c, s in train])) for t in GRID]
        ok = [(x["recall"] or 0, t) for t, x in scored if (x["precision"] or 0) >= 0.9]
        if ok:
            return max(ok)[1]
        return max((x["precision"] or 0, -t) for t, x in scored)[1] * -1

    chosen = {}
    near: list[tuple[bool, bool]] = []
    for topic in sorted({r[0] for r in rows}):
        t = best([r for r in rows if r[0] != topic])
        chosen[topic] = t
        near += [(c >= t, s) for tp, _, c, s in rows if tp == topic]
    return {
        "storyline": _pair_scores([(g, s) for _, g, _, s in rows]),
        "near_duplicate": {**_pair_scores(near), "cosine_by_topic": chosen},
        "labelled": len(rows),
        "same": sum(1 for r in rows if r[3]),
    }


def show(stories: list[Linked], kind: str) -> None:
    """Print a sample's sentences, for labelling by hand (never stored)."""
    by_topic = {s.topic: s for s in stories}
    if kind == "claims":
        for n, r in enumerate(_read("claims.jsonl")):
            st = by_topic[r["topic"]]
            print(f"\n#{n} {r['topic']} {r['key']}")
            for a, s, lab, origin in r["refs"]:
                print(f"  [{origin}] {a}:{s} {lab} | {st.sentence((a, s))}")
    else:
        for n, p in enumerate(_read("pairs.jsonl")):
            st = by_topic[p["topic"]]
            print(f"\n#{n} {p['topic']} {p['same']}")
            print(f"  A {p['a']} | {st.sentence(tuple(p['a']))}")
            print(f"  B {p['b']} | {st.sentence(tuple(p['b']))}")


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--db", required=True, help="a copy of the annotated Timeline17 store")
    ap.add_argument("--seeds-db", help="store for ../shared/seeds (default: a fresh one)")
    ap.add_argument("--topics", help="comma-separated Timeline17 topics and/or 'seeds' (all)")
    ap.add_argument("--draw", action="store_true", help="draw the blind samples not drawn yet")
    ap.add_argument("--show", choices=("claims", "pairs"), help="print a sample to label")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    only = args.topics.split(",") if args.topics else None
    with tempfile.TemporaryDirectory() as tmp:
        stories = timeline17(args.db, [t for t in only if t != "seeds"] if only else None)
        if not only or "seeds" in only:
            folder = REPO.parent / "shared" / "seeds"
            stories += seeds(args.seeds_db or str(Path(tmp) / "seeds.sqlite"), folder)
    if args.draw:  # a sample once labelled is never drawn again
        for name, draw in (("claims.jsonl", draw_claims), ("pairs.jsonl", draw_pairs)):
            if not (DATA / name).exists():
                _write(name, draw(stories))
    if args.show:
        show(stories, args.show)
        return
    labels = _labels(_read("claims.jsonl"))
    result = {
        "claims": score_claims(stories, labels),
        "claims_old_independence": score_claims(stories, labels, old=True),
        "multi_report": score_multi(stories, labels),
        "pairs": score_pairs(stories, _read("pairs.jsonl")),
    }
    for name in ("claims", "claims_old_independence"):
        r = result[name]
        print(
            f"{name:26} confirmed {r['confirmed']:4} right {r['right']:3} wrong {r['wrong']:3} "
            f"unlabelled {r['unlabelled']:4} one outlet {r['one_outlet']:4} "
            f"precision {r['precision']} (all confirmed, estimated: {r['estimate']}); "
            f"telling one fact {r['one_fact_share']}"
        )
    r = result["multi_report"]
    print(
        f"multi-report claims        {r['multi']:4} judged {r['judged']:3} telling one fact "
        f"{r['one_fact']:3} share {r['one_fact_share']}"
    )
    for name in ("storyline", "near_duplicate"):
        r = result["pairs"][name]
        print(
            f"pairs {name:20} precision {r['precision']} recall {r['recall']} "
            f"(tp {r['tp']} fp {r['fp']} fn {r['fn']})"
        )
    emit(result)


if __name__ == "__main__":
    main()
