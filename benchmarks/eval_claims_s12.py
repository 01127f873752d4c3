"""Multi-report claims and confirmations, scored on a blind draw (issue 15, sessions 12, 13).

    .venv/bin/python benchmarks/eval_claims_s12.py --db T17_STORE [--seeds-db STORE]
        [--mlc-db MLC_FR_STORE] [--mlc-es-db MLC_ES_STORE] [--mlc-config USE_TOML]
        [--set benchmarks/data/claims_s13] [--draw | --draw-after] [--show SET]

Builds the Timeline17 topics and ``../shared/seeds`` as ``eval_confirm.py`` does (and,
with ``--mlc-db`` / ``--mlc-es-db``, the French / Spanish ML-Crisis topics under
``--mlc-config``), then scores them against the hand labels of one draw's folder
(``--set``, default ``benchmarks/data/claims_s12/``; how drawn and labelled: its README).
Each draw (``DRAWS``: its seed, caps and what it leaves out) samples at random from one
build:

* ``multi``: claims whose evidence comes from two or more reports. Scored: the share
  that tells one fact (every evidence sentence labelled ``F``), per topic and pooled;
* ``confirmed``: claims shown as confirmed by 2+ independent outlets that the session-10
  confirmations set had not judged. Scored: precision (one fact, and the sentences'
  true origins hold two or more names);
* ``mlc_fr`` (``mlc_es``): multi-report claims of the French (Spanish) ML-Crisis
  stories pooled, scored as ``multi``.

Sessions 13 and 15's draws leave out the claims whose every sentence earlier sets label.
A claim is judged when one sampled claim labels all its sentences (one that lost a
sentence is judged on what is left). Labels read before the draw's build changed
(``read: "blind"``) are used first; claims they leave unjudged are judged on the labels
given later (``"after-merge"``), shown apart. Baselines in the same run: the confirmed
claims under the rule before issue 15 (``eval_confirm._old_confirmed``), the session-10
confirmations set on this build, and for multi-report claims a near-duplicate grouping
of the sampled sentences (cosine >= t across reports, joined transitively; t chosen on
the session-10 pairs, which share no sentence choice with this draw). Last line: JSON.
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _common
import eval_confirm as ec
from _common import REPO, emit, parser
from _confirm import Linked, Ref, claim_key, refs_of, seeds, timeline17

READS = ("blind", "after-merge")
ML_CRISIS = _common.DATASETS / "ml-crisis"


@dataclass(frozen=True)
class Draw:
    """One blind draw: its folder of labels, seed and caps, and what it leaves out."""

    folder: str  # benchmarks/data/<folder>: README.md and one <set>.jsonl per set
    seed: int
    multi_per_topic: int  # multi-report claims drawn per Timeline17 topic
    seeds_multi: int  # ... from all the seeds' stories together
    confirmed_per_story: int  # confirmed claims drawn per story that confirms any
    mlc: tuple[tuple[str, int], ...]  # ML-Crisis language, multi-report claims drawn pooled
    known: tuple[str, ...]  # label files (under benchmarks/data) of the sets drawn before
    # "judged": confirmed claims they judge are not drawn (session 12); "labelled": no
    # claim whose every sentence they label is drawn, in any set (session 13)
    leave_out: str

    @property
    def sets(self) -> tuple[str, ...]:
        return ("multi", "confirmed", *(f"mlc_{lang}" for lang, _ in self.mlc))


_S12 = ("claims_s12/multi", "claims_s12/confirmed", "claims_s12/mlc_fr")
_S13 = tuple(f"claims_s13/{k}" for k in ("multi", "confirmed", "mlc_es", "mlc_fr"))
DRAWS = {
    d.folder: d
    for d in (
        Draw("claims_s12", 12, 15, 10, 20, (("fr", 15),), ("confirmations/claims",), "judged"),
        Draw("claims_s13", 13, 12, 12, 15, (("es", 12), ("fr", 12)),
             (*_S12, "confirmations/claims"), "labelled"),
        Draw("claims_s15", 15, 12, 12, 15, (("es", 12), ("fr", 12)),
             (*_S12, *_S13, "confirmations/claims"), "labelled"),
    )
}  # fmt: skip
S12 = DRAWS["claims_s12"]

Labels = ec.Labels  # sentence -> sampled claim key -> (label, true origin)


def multi_report(story: Linked) -> list[Any]:
    """Claims whose evidence comes from two or more reports."""
    return [c for c in story.links.claims if len({e.article for e in c.evidence}) >= 2]


def _row(kind: str, story: Linked, claim: Any, read: str) -> dict[str, Any]:
    refs = refs_of(claim)
    return {
        "set": kind,
        "topic": story.topic,
        "key": claim_key(refs),
        "refs": [[a, s, "", story.links.sources.get(a, "")] for a, s in refs],
        "read": read,
        "note": "",
    }


def _sample(rng: random.Random, pool: list[tuple[Linked, Any]], n: int) -> list[Any]:
    pool = sorted(pool, key=lambda sc: claim_key(refs_of(sc[1])))
    return rng.sample(pool, min(n, len(pool)))


def draw(
    t17: list[Linked],
    seed_stories: list[Linked],
    mlc: dict[str, list[Linked]],
    known: Labels,
    d: Draw = S12,
) -> dict[str, list[tuple[Linked, Any]]]:
    """The draw's rule on one build: each set's sampled claims (story, claim), leaving out
    what ``known`` (the labels of ``d.known``) covers as ``d.leave_out`` says."""

    def fresh(kind: str, claims: list[Any]) -> list[Any]:
        if d.leave_out == "judged":
            return [c for c in claims if kind != "confirmed" or ec.judge(c, known) is None]
        return [c for c in claims if any(r not in known for r in refs_of(c))]

    def pool(kind: str, stories: list[Linked], pick: Any) -> list[tuple[Linked, Any]]:
        return [(s, c) for s in stories for c in fresh(kind, pick(s))]

    out: dict[str, list[tuple[Linked, Any]]] = {k: [] for k in d.sets}
    rng = random.Random(d.seed)
    for story in t17:
        out["multi"] += _sample(rng, pool("multi", [story], multi_report), d.multi_per_topic)
    out["multi"] += _sample(rng, pool("multi", seed_stories, multi_report), d.seeds_multi)
    rng = random.Random(d.seed)
    for story in t17 + seed_stories:
        picked = pool("confirmed", [story], ec._confirmed)
        out["confirmed"] += _sample(rng, picked, d.confirmed_per_story)
    for lang, n in d.mlc:
        rng = random.Random(d.seed)
        out[f"mlc_{lang}"] = _sample(rng, pool("multi", mlc.get(lang, []), multi_report), n)
    return out


def known_labels(d: Draw) -> Labels:
    """Every sentence labelled in the sets drawn before ``d``, in the order written."""
    return ec._labels([r for name in d.known for r in ec._read(f"../{name}.jsonl")])


# eval_confirm reads and writes the JSON lines of its own folder: these are its siblings.
def read_rows(kind: str, d: Draw = S12) -> list[dict[str, Any]]:
    return ec._read(f"../{d.folder}/{kind}.jsonl")


def write_rows(kind: str, rows: list[dict[str, Any]], d: Draw = S12) -> None:
    ec._write(f"../{d.folder}/{kind}.jsonl", rows)


def label_sets(rows: list[dict[str, Any]], topic: str, upto: str = READS[-1]) -> list[Labels]:
    """The labels of one story's rows for each reading, blind first, up to ``upto`` (a
    report may sit in two stories: its sentences are labelled in each)."""
    reads = READS[: READS.index(upto) + 1]
    mine = [r for r in rows if r["topic"] == topic]
    return [ec._labels([r for r in mine if r.get("read", "blind") == read]) for read in reads]


def verdict(claim: Any, sets: Sequence[Labels], right: bool) -> bool | None:
    """One fact (``right``: and two or more true origins), not, or None when no reading
    labelled all its sentences in one sampled claim."""
    labels = _judging(claim, sets)
    if labels is None:
        return None
    return ec.judge(claim, labels) if right else ec.one_fact(claim, labels)


def _judging(claim: Any, sets: Sequence[Labels]) -> Labels | None:
    """The first reading that labelled all the claim's sentences in one sampled claim."""
    return next((labels for labels in sets if ec.judge(claim, labels) is not None), None)


def _apparatus(claim: Any, sets: Sequence[Labels]) -> bool:
    """Every sentence labelled ``J``: furniture, captions, boilerplate, no statement."""
    labels = _judging(claim, sets)
    told = ec._told(claim, labels) if labels is not None else None
    return told is not None and all(lab == "J" for lab, _ in told)


def tally(
    claims: dict[str, list[Any]],
    rows: list[dict[str, Any]],
    upto: str = READS[-1],
    right: bool = False,
) -> dict[str, Any]:
    """Per topic and pooled: claims the build forms, those judged (on the readings up to
    ``upto``), those one fact (``right``: and from two true origins), their share, and how
    many sampled claims the build forms with the same evidence."""
    sampled = Counter(r["topic"] for r in rows)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for topic, found in claims.items():
        sets = label_sets(rows, topic, upto)
        keys = {claim_key(refs_of(c)) for c in found}
        per[topic]["sampled"] = sampled[topic]
        per[topic]["same_evidence"] = sum(
            1 for r in rows if r["topic"] == topic and r["key"] in keys
        )
        for c in found:
            per[topic]["formed"] += 1
            v = verdict(c, sets, right)
            per[topic]["judged"] += v is not None
            per[topic]["good"] += v is True
            per[topic]["apparatus"] += _apparatus(c, sets)
    pooled: Counter[str] = sum(per.values(), Counter())
    return {**_share(pooled), "topics": {t: _share(c) for t, c in sorted(per.items())}}


def _share(c: Counter[str]) -> dict[str, Any]:
    keys = ("sampled", "same_evidence", "formed", "judged", "good", "apparatus")
    said = c["judged"] - c["apparatus"]  # judged claims with a statement among their sentences
    return {
        **{k: c[k] for k in keys},
        "share": round(c["good"] / c["judged"], 3) if c["judged"] else None,
        "share_of_statements": round(c["good"] / said, 3) if said else None,
        "wilson95": _wilson(c["good"], c["judged"]),
    }


def _wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """The 95% Wilson interval of a share of k in n (a sample of 15 a topic is small)."""
    if not n:
        return None
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return [round(mid - half, 3), round(mid + half, 3)]


def near_duplicates(
    stories: list[Linked], rows: list[dict[str, Any]], t: float
) -> dict[str, list[Any]]:
    """The baseline grouping: within each sampled claim, its sentences of different reports
    at cosine >= ``t``, joined transitively; groups spanning 2+ reports, as claims."""
    from types import SimpleNamespace

    by_topic = {s.topic: s for s in stories}
    out: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        story = by_topic.get(r["topic"])
        if story is None:
            continue
        vec = {ann.article: ann.vectors() for ann in story.annotations}
        refs = [(a, s) for a, s, *_ in r["refs"] if a in vec and s < len(vec[a])]
        parent = list(range(len(refs)))
        for i, (a, s) in enumerate(refs):
            for j in range(i):
                b, u = refs[j]
                if a != b and float(vec[a][s] @ vec[b][u]) >= t:
                    parent[_root(parent, i)] = _root(parent, j)
        groups: dict[int, list[Ref]] = defaultdict(list)
        for i, ref in enumerate(refs):
            groups[_root(parent, i)].append(ref)
        for g in groups.values():
            if len({a for a, _ in g}) >= 2:
                ev = [SimpleNamespace(article=a, sentence=s) for a, s in g]
                out[r["topic"]].append(SimpleNamespace(evidence=ev))
    return dict(out)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i


def _cosine(stories: list[Linked]) -> float:
    """The near-duplicate cosine: the median of the leave-one-topic-out choices on the
    session-10 pairs (``eval_confirm.score_pairs``)."""
    chosen = ec.score_pairs(stories, ec._read("pairs.jsonl"))["near_duplicate"]["cosine_by_topic"]
    return float(statistics.median(chosen.values())) if chosen else max(ec.GRID)


def score(
    t17: list[Linked], seed_stories: list[Linked], mlc: dict[str, list[Linked]], d: Draw = S12
) -> dict[str, Any]:
    stories = t17 + seed_stories
    rows = {k: read_rows(k, d) for k in d.sets}
    result: dict[str, Any] = {}
    for kind, group in (("multi", stories), *((f"mlc_{x}", mlc.get(x, [])) for x, _ in d.mlc)):
        if not group:
            continue
        claims = {s.topic: multi_report(s) for s in group}
        result[kind] = {read: tally(claims, rows[kind], read) for read in READS}
    t = _cosine(stories)
    near = near_duplicates(stories, rows["multi"], t)
    result["multi_near_duplicate"] = {
        **tally(near, rows["multi"], "blind"),
        "cosine": t,
    }
    for name, old in (("confirmed", False), ("confirmed_old_rule", True)):
        pick = ec._old_confirmed if old else ec._confirmed
        claims = {s.topic: pick(s) for s in stories}
        result[name] = {read: tally(claims, rows["confirmed"], read, True) for read in READS}
        result[name]["one_outlet"] = sum(_one_outlet(s, pick(s)) for s in stories)
    before = ec._labels(ec._read("claims.jsonl"))
    result["confirmations_s10"] = {
        k: v for k, v in ec.score_claims(stories, before).items() if k != "topics"
    }
    return result


def _one_outlet(story: Linked, claims: list[Any]) -> int:
    """Claims whose reports all carry one outlet's name, however spelled: none can have
    two independent sources (the rule before issue 15 confirms such claims)."""
    by_id = {a.id: a for a in story.articles}
    return sum(
        1
        for c in claims
        if len({ec._key(ec._old_source(by_id[e.article])) for e in c.evidence}) < 2
    )


def show(groups: Iterable[tuple[str, list[Linked]]], only: str, d: Draw = S12) -> None:
    """Print a set's sampled claims still to label, each sentence in its report (the
    sentences around it, its outlet, credits and day), for labelling by hand (never stored)."""
    for kind, stories in groups:
        if only not in (kind, "all"):
            continue
        by_topic = {s.topic: s for s in stories}
        for n, r in enumerate(read_rows(kind, d)):
            story = by_topic.get(r["topic"])
            if story is None or all(ref[2] for ref in r["refs"]):
                continue
            arts = {a.id: a for a in story.articles}
            print(f"\n#{n} {kind} {r['topic']} {r['key']} ({r['read']}) {r['note']}")
            for a, s, lab, origin in r["refs"]:
                art = arts.get(a)
                day = art.published.date if art is not None else "?"
                outlet = f"{art.outlet} {list(art.credits)}" if art is not None else "?"
                print(f"  {a}:{s} {lab or '?'} [{origin} | {outlet} {day}]")
                for i in range(max(0, s - 2), s + 2):
                    mark = ">>" if i == s else f"{i - s:+d}"
                    print(f"     {mark} {story.sentence((a, i))[: 1000 if i == s else 240]}")


def _mlc(db: str | None, config: str | None, lang: str = "fr") -> list[Linked]:
    """One language's ML-Crisis topics (read 16 / embed 8, as the stores were built), under
    the multilingual config; ``_confirm.timeline17`` reads the folder ``_common`` names."""
    if not db:
        return []
    was, env = _common.TIMELINE17, os.environ.get("STORYLINE_CONFIG")
    _common.TIMELINE17 = ML_CRISIS / lang
    if config:
        os.environ["STORYLINE_CONFIG"] = config
    try:
        return [
            Linked(f"{lang}/{s.topic}", s.articles, s.annotations, s.links) for s in timeline17(db)
        ]
    finally:
        _common.TIMELINE17 = was
        if env is None:
            os.environ.pop("STORYLINE_CONFIG", None)
        else:
            os.environ["STORYLINE_CONFIG"] = env


def _append_drawn(
    drawn: dict[str, list[tuple[Linked, Any]]], read: str, d: Draw = S12
) -> dict[str, int]:
    """Write the drawn claims no reading judges yet (every one on a first draw)."""
    added = {}
    for kind in d.sets:
        rows = read_rows(kind, d)
        known = {r["key"] for r in rows}
        new = [
            _row(kind, story, c, read)
            for story, c in drawn[kind]
            if verdict(c, label_sets(rows, story.topic), False) is None
            and claim_key(refs_of(c)) not in known
        ]
        if new:
            write_rows(kind, rows + new, d)
        added[kind] = len(new)
    return added


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--db", required=True, help="a copy of the annotated Timeline17 store")
    ap.add_argument("--seeds-db", help="store for ../shared/seeds (default: a fresh one)")
    ap.add_argument("--mlc-db", help="a copy of the annotated French ML-Crisis store")
    ap.add_argument("--mlc-es-db", help="a copy of the annotated Spanish ML-Crisis store")
    ap.add_argument("--mlc-config", help="the config the ML-Crisis stores were built with")
    ap.add_argument(
        "--set", type=Path, default=Path("benchmarks/data/claims_s12"), help="a draw's folder"
    )
    ap.add_argument("--draw", action="store_true", help="draw the blind sets (read: blind)")
    ap.add_argument("--draw-after", action="store_true", help="add what the draw picks now")
    ap.add_argument("--show", help="print a set's claims to label (a set's name or all)")
    args = ap.parse_args()
    d = DRAWS.get(args.set.name)
    if d is None:
        raise SystemExit(f"--set {args.set}: no such draw; the draws are {sorted(DRAWS)}")
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        t17 = timeline17(args.db)
        seed_stories = seeds(
            args.seeds_db or str(Path(tmp) / "s.sqlite"), REPO.parent / "shared" / "seeds"
        )
        dbs = {"fr": args.mlc_db, "es": args.mlc_es_db}
        mlc = {lang: _mlc(dbs.get(lang), args.mlc_config, lang) for lang, _ in d.mlc}
    if args.draw or args.draw_after:
        drawn = draw(t17, seed_stories, mlc, known_labels(d), d)
        if args.draw:  # a set drawn already stays: sets may be drawn as their stores are ready
            drawn = {k: [] if read_rows(k, d) else v for k, v in drawn.items()}
            if not any(drawn.values()):
                raise SystemExit("the blind sets are drawn already; --draw-after adds to them")
        print("drawn:", _append_drawn(drawn, "blind" if args.draw else "after-merge", d))
    if args.show:
        stories = t17 + seed_stories
        groups = [("multi", stories), ("confirmed", stories)]
        show(groups + [(f"mlc_{x}", mlc[x]) for x, _ in d.mlc], args.show, d)
        if not args.draw_after:
            return  # after a later draw, the blind labels' scores follow what is to label
    result = score(t17, seed_stories, mlc, d)
    for name, r in result.items():
        reads = [(read, r[read]) for read in READS if read in r] or [("blind", r)]
        for read, x in reads:
            if "share" not in x:
                continue
            print(
                f"{name:20} {read:11} {x['share']} {x['wilson95']} "
                f"({x['good']}/{x['judged']} judged of "
                f"{x['formed']} formed; sampled {x['sampled']}, "
                f"same evidence {x['same_evidence']}); "
                f"{x['apparatus']} all apparatus, of the rest {x['share_of_statements']}"
            )
            for t, y in x["topics"].items() if read == "blind" else ():
                print(
                    f"    {t:24} {y['share']} ({y['good']}/{y['judged']}; sampled {y['sampled']})"
                )
        if "one_outlet" in r and "blind" in r:
            print(f"{'':20} claims of one outlet's reports: {r['one_outlet']}")
    print("confirmations_s10", result["confirmations_s10"])
    emit(result)


if __name__ == "__main__":
    main()
