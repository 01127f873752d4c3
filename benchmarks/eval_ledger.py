"""The figure ledger on real news: disagreements, tracks and claims against a labelled audit set.

    .venv/bin/python benchmarks/eval_ledger.py            # score (annotates the audited articles)
    .venv/bin/python benchmarks/eval_ledger.py --candidates out.jsonl   # pairs to label

The audit set (``benchmarks/data/ledger/``, see its README) holds figure pairs from the
visible Timeline17 stories, each labelled by reading both sentences: whether the two
figures measure one thing at one time and cannot both hold (a disagreement), and whether
they belong to one measure's track; and multi-report claims labelled one fact or not. It
stores references (topic, source folder, file, sentence hash, figure text), no text.

Printed: precision and recall of disagreements for the new rule and for the old one
(main before issue 15: same unit, alike sentences, values that differ, re-implemented
below), precision and recall of track membership (old: same unit), the share of labelled
claims that tell one fact, and per topic the disagreements and claims per story before
and after. The last line is one JSON object.

The new rule's thresholds were not tuned on this set (they were set before it was labelled,
from the fictional test cases and the old rule's values), so there is nothing to fit
leave-one-topic-out; the per-topic rows and ``spread_over_topics`` (min, max across the four
topics) show how much the scores move from one story to another.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import pickle
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timeline17 import DEFAULT_DIR, detokenize

from storyline.annotate import ANNOTATOR_VERSION, annotate_chunk
from storyline.ingest.article import content_id
from storyline.link import link_story
from storyline.model import Annotation, Article, Links, Published, Story
from storyline.synthesize.conflicts import conflicts_of
from storyline.synthesize.tracks import (
    Figure,
    compatible,
    figures_of,
    find_tracks,
    same_moment,
)

DATA = Path(__file__).resolve().parent / "data" / "ledger"
TOPICS = ("bpoil", "H1N1", "LibyaWar", "EgyptianProtest")
PER_TOPIC = 20  # articles sampled per topic across its dates
BUSY_DAYS, PER_DAY = 3, 12  # and the articles of its busiest days
log = logging.getLogger("eval_ledger")


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]


# ----------------------------------------------------------------------------- sampling


def sample_files(root: Path, topic: str, n: int = PER_TOPIC) -> list[Path]:
    """The topic's articles on its busiest days (where reports of one moment meet, so that
    disagreements can occur), then every k-th of the rest by date (where measures move)."""
    files = sorted(
        (
            f
            for d in root.iterdir()
            if d.name.split("_")[0] == topic
            for f in d.glob("InputDocs/*/*")
        ),
        key=lambda f: (f.parent.name, str(f)),
    )
    by_day: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        by_day[f.parent.name].append(f)
    busy = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:BUSY_DAYS]
    chosen = [f for d in sorted(busy) for f in by_day[d][:PER_DAY]]
    rest = [f for f in files if f not in chosen]
    step = max(1, len(rest) // n)
    return sorted(chosen + rest[::step][:n], key=lambda f: (f.parent.name, str(f)))


def load_article(root: Path, path: Path) -> Article:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    text = "\n".join(detokenize(x) for x in lines if x.strip())
    outlet = path.parents[2].name.split("_", 1)[1]
    return Article(
        id=content_id(text),
        text=text,
        outlet=outlet,
        path=str(path.relative_to(root)),
        published=Published(date=path.parent.name, basis="header"),
    )


CACHE: Path | None = None  # --cache: annotations kept between runs (same articles, same annotator)


def _annotated(articles: list[Article]) -> list[Annotation]:
    """The articles annotated, read from --cache when the same annotator saw the same articles."""
    if CACHE is None:
        return annotate_chunk(articles)
    tag = hashlib.sha1(
        "\n".join([ANNOTATOR_VERSION, *(a.id for a in articles)]).encode()
    ).hexdigest()[:16]
    path = CACHE / f"annotations-{tag}.pickle"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)  # our own cache file
    out = annotate_chunk(articles)
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(out, fh)
    return out


class Topic:
    """One topic's sampled articles, annotated and linked as one story."""

    def __init__(self, root: Path, name: str, files: Sequence[Path]) -> None:
        self.name = name
        self.articles = [load_article(root, f) for f in files]
        self.annotations: list[Annotation] = _annotated(self.articles)
        story = Story(id=f"t17-{name}", title=name, articles=[a.id for a in self.articles])
        self.links: Links = link_story(story, self.articles, self.annotations)
        self.path_of = {a.id: a.path or "" for a in self.articles}
        self.figures = figures_of(
            self.annotations,
            self.links.entities_in,
            {a.id: a.published.date for a in self.articles},
        )
        self.old = old_figures(self.annotations, self.links, self.articles)

    def ref(self, f: Figure | OldFig) -> tuple[str, str, str]:
        return (self.path_of[f.article], sentence_hash(f.text), f.q.text)


# ----------------------------------------------------------------------------- the old rule


class OldFig:
    """A figure as main's ledger saw it before issue 15 (unit and sentence only)."""

    def __init__(self, article: str, sentence: int, text: str, q, vector, entities, day):  # type: ignore[no-untyped-def]
        self.article, self.sentence, self.text, self.q = article, sentence, text, q
        self.vector, self.entities, self.day = vector, entities, day


_OLD_PEOPLE = {"person", "people", "resident", "inhabitant", "civilian", "villager", "citizen",
               "evacuee", "individual"}  # fmt: skip
_OLD_LOWER = {"more than", "over", "above", "at least", "upwards of", "in excess of",
              "no fewer than"}  # fmt: skip
_OLD_UPPER = {"less than", "fewer than", "under", "below", "up to", "at most", "no more than"}


def old_figures(anns: Sequence[Annotation], links: Links, arts: Sequence[Article]) -> list[OldFig]:
    days = {a.id: a.published.date for a in arts}
    out = []
    for ann in anns:
        vecs = ann.vectors()
        for q in ann.quantities:
            if not q.unit or q.modifier == "range":
                continue  # the old annotator read no ranges: "12 to 19" was two figures
            out.append(
                OldFig(
                    ann.article,
                    q.sentence,
                    ann.sentences[q.sentence].text,
                    q,
                    vecs[q.sentence] if vecs.shape[1] else np.zeros(1, np.float32),
                    frozenset(links.entities_in(ann.article, q.sentence)),
                    days.get(ann.article),
                )
            )
    return out


def _old_unit(q) -> str:  # type: ignore[no-untyped-def]
    return "person" if q.unit in _OLD_PEOPLE else q.unit


def _old_interval(q) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    v, mod = q.value, (q.modifier or "").lower()
    if mod in _OLD_LOWER:
        return (v, math.inf)
    if mod in _OLD_UPPER:
        return (-math.inf, v)
    if mod:
        return (v * 0.85, v * 1.15)
    return (v, v)


def old_flags(a: OldFig, b: OldFig) -> bool:
    """Main's rule: same unit, sizes within 3x, alike sentences, incompatible values, and
    not told two or more days apart (those were noted as a likely update)."""
    if a.article == b.article or _old_unit(a.q) != _old_unit(b.q):
        return False
    low, high = sorted((abs(a.q.value), abs(b.q.value)))
    if low == 0 or high / low > 3.0:
        return False
    sim = float(a.vector @ b.vector) if a.vector.shape == b.vector.shape else 0.0
    if not (sim >= 0.55 or (a.entities & b.entities and sim >= 0.35)):
        return False
    if a.q.modifier or b.q.modifier:
        lo1, hi1 = _old_interval(a.q)
        lo2, hi2 = _old_interval(b.q)
        if max(lo1, lo2) <= min(hi1, hi2):
            return False
    elif a.q.value == b.q.value:
        return False
    if a.day and b.day:
        apart = abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days)
        if apart >= 2:
            return False
    return True


# ----------------------------------------------------------------------------- the new rule


def new_flags(a: Figure, b: Figure) -> bool:
    return a.article != b.article and same_moment(a, b) and not compatible(a.q, b.q)


def track_members(topic: Topic) -> dict[tuple[str, int, str], int]:
    """(article, sentence, figure text) -> the track it is shown in (all tracks, no limit)."""
    outlets = {a.id: a.outlet for a in topic.articles}
    out = {}
    for n, track in enumerate(find_tracks(topic.figures, {}, outlets.get, limit=None)):
        for p in track.points:
            for e in p.evidence:
                out[(e.article, e.sentence, p.text)] = n
    return out


def new_track(members: dict, a: Figure, b: Figure) -> bool:
    ta = members.get((a.article, a.sentence, a.q.text))
    return ta is not None and ta == members.get((b.article, b.sentence, b.q.text))


def old_track(a: OldFig, b: OldFig) -> bool:
    return _old_unit(a.q) == _old_unit(b.q)


# ----------------------------------------------------------------------------- candidates


def show(topic: Topic, fh) -> None:  # type: ignore[no-untyped-def]
    """The disagreements and tracks the new code gives the topic's sample, to read by hand."""
    outlets = {a.id: a.outlet for a in topic.articles}
    names = {e.id: e.name for e in topic.links.entities}
    for c in conflicts_of(topic.figures, names):
        fh.write(f"== {topic.name} CONFLICT {c.about} explained={c.explained}\n")
        for p in c.positions:
            for e in p.evidence:
                fh.write(f"   [{p.value}] {topic.path_of[e.article]}: {e.text[:300]}\n")
    for t in find_tracks(topic.figures, names, outlets.get):
        fh.write(f"== {topic.name} TRACK {t.about}\n")
        for pt in t.points:
            e = pt.evidence[0]
            fh.write(f"   {pt.date} [{pt.text}] {pt.outlet}: {e.text[:300]}\n")


def candidates(root: Path, out: Path, shown: Path | None = None) -> None:
    """Pairs to label: the old rule's flags, the new rule's flags, same-measure pairs the
    new rule does not flag, and probes for what both miss (seeded samples), per topic."""
    rng = np.random.default_rng(15)
    rows = []
    for name in TOPICS:
        topic = Topic(root, name, sample_files(root, name))
        if shown is not None:
            with shown.open("a", encoding="utf-8") as fh:
                show(topic, fh)
        old = [
            (a, b) for i, a in enumerate(topic.old) for b in topic.old[i + 1 :] if old_flags(a, b)
        ]
        new = [
            (a, b)
            for i, a in enumerate(topic.figures)
            for b in topic.figures[i + 1 :]
            if new_flags(a, b)
        ]
        same = [
            (a, b)
            for i, a in enumerate(topic.figures)
            for b in topic.figures[i + 1 :]
            if a.article != b.article and a.key == b.key and not new_flags(a, b)
        ]
        # Probes for what both rules miss: one unit, reports a day apart at most, values
        # that cannot both hold, sentences alike (cosine >= 0.45) or naming one entity.
        probe = [
            (a, b)
            for i, a in enumerate(topic.old)
            for b in topic.old[i + 1 :]
            if _probe(a, b) and not old_flags(a, b)
        ]
        picks = [("probe", p) for p in _some(probe, 20, rng)]
        picks += [("old", p) for p in _some(old, 14, rng)]
        picks += [("new", p) for p in _some(new, 14, rng)]
        picks += [("unflagged", p) for p in _some(same, 14, rng)]
        for origin, (a, b) in picks:
            rows.append(
                {
                    "topic": name,
                    "origin": origin,
                    "a": _ref(topic, a),
                    "b": _ref(topic, b),
                    "_text_a": a.text,
                    "_text_b": b.text,
                }
            )
        for c in topic.links.claims:
            if len({e.article for e in c.evidence}) >= 2:
                rows.append(
                    {
                        "topic": name,
                        "origin": "claim",
                        "claim": [
                            {"path": topic.path_of[e.article], "sentence": sentence_hash(e.text)}
                            for e in c.evidence
                        ],
                        "_texts": [e.text for e in c.evidence],
                    }
                )
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")


def _probe(a: OldFig, b: OldFig) -> bool:
    if a.article == b.article or _old_unit(a.q) != _old_unit(b.q) or not (a.day and b.day):
        return False
    if abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days) > 1:
        return False
    lo1, hi1 = _old_interval(a.q)
    lo2, hi2 = _old_interval(b.q)
    if max(lo1, lo2) <= min(hi1, hi2):
        return False
    sim = float(a.vector @ b.vector) if a.vector.shape == b.vector.shape else 0.0
    return sim >= 0.45 or bool(a.entities & b.entities)


def _some(pairs: list, n: int, rng: np.random.Generator) -> list:
    if len(pairs) <= n:
        return pairs
    return [pairs[i] for i in sorted(rng.choice(len(pairs), n, replace=False))]


def _ref(topic: Topic, f: Figure | OldFig) -> dict[str, str]:
    path, sha, fig = topic.ref(f)
    return {"path": path, "sentence": sha, "figure": fig}


# ----------------------------------------------------------------------------- scoring


def _find(figs: list, topic: Topic, ref: dict[str, str]):  # type: ignore[no-untyped-def]
    for f in figs:
        if topic.ref(f) == (ref["path"], ref["sentence"], ref["figure"]):
            return f
    for f in figs:  # the figure text may differ between the two annotators: same start
        p, s, t = topic.ref(f)
        if (p, s) == (ref["path"], ref["sentence"]) and (
            t.endswith(ref["figure"]) or ref["figure"].endswith(t)
        ):
            return f
    return None


def _pr(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def evaluate(root: Path, shown: Path | None = None) -> dict:
    pairs = [json.loads(x) for x in (DATA / "pairs.jsonl").read_text().splitlines() if x.strip()]
    claims = [json.loads(x) for x in (DATA / "claims.jsonl").read_text().splitlines() if x.strip()]
    files: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        files[p["topic"]] |= {p["a"]["path"], p["b"]["path"]}
    for c in claims:
        files[c["topic"]] |= {e["path"] for e in c["claim"]}
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    per_topic = {}
    missing = 0
    errors: list[str] = []
    for name in TOPICS:
        topic = Topic(root, name, [root / f for f in sorted(files[name])])
        per_topic[name] = _story_counts(topic)
        if shown is not None:
            with shown.open("a", encoding="utf-8") as fh:
                show(topic, fh)
        grouped = [
            {(topic.path_of[e.article], sentence_hash(e.text)) for e in c.evidence}
            for c in topic.links.claims
            if len({e.article for e in c.evidence}) >= 2
        ]
        for c in (c for c in claims if c["topic"] == name):
            told = {(e["path"], e["sentence"]) for e in c["claim"]}
            c["still_grouped"] = any(len(told & g) >= 2 for g in grouped)
        members = track_members(topic)
        for p in (p for p in pairs if p["topic"] == name):
            a, b = _find(topic.figures, topic, p["a"]), _find(topic.figures, topic, p["b"])
            oa, ob = _find(topic.old, topic, p["a"]), _find(topic.old, topic, p["b"])
            gold_d, gold_t = p["label"] == "disagree", bool(p["track"])
            new_d = a is not None and b is not None and new_flags(a, b)
            new_t = a is not None and b is not None and new_track(members, a, b)
            old_d = oa is not None and ob is not None and old_flags(oa, ob)
            old_t = oa is not None and ob is not None and old_track(oa, ob)
            missing += a is None or b is None
            if new_d != gold_d:
                errors.append(
                    f"{'FP' if new_d else 'FN'} {name} {p['a']['figure']!r} / {p['b']['figure']!r}"
                )
            for method, got, gold in (
                ("new_disagree", new_d, gold_d),
                ("old_disagree", old_d, gold_d),
                ("new_track", new_t, gold_t),
                ("old_track", old_t, gold_t),
            ):
                for key in (name, "all", f"batch{p.get('batch', 0)}"):
                    c = counts[method][key]
                    c[0] += got and gold
                    c[1] += got and not gold
                    c[2] += gold and not got
    scores = {m: {k: _pr(*v) for k, v in by.items()} for m, by in counts.items()}
    spread = {
        m: {
            stat: [min(vals), max(vals)]
            for stat in ("precision", "recall")
            if (vals := [scores[m][t][stat] for t in TOPICS if t in scores[m]])
        }
        for m in scores
    }
    one = [c["one_fact"] for c in claims]
    kept = [c["one_fact"] for c in claims if c.get("still_grouped")]
    result = {
        "pairs": len(pairs),
        "pairs_disagree": sum(p["label"] == "disagree" for p in pairs),
        "pairs_with_a_figure_not_compared": missing,  # no measure the ledger compares
        "disagree_new": scores["new_disagree"]["all"],
        "disagree_old": scores["old_disagree"]["all"],
        "track_new": scores["new_track"]["all"],
        "track_old": scores["old_track"]["all"],
        "by_batch": {
            b: {m: scores[m].get(b) for m in ("new_disagree", "old_disagree", "new_track")}
            for b in ("batch1", "batch2", "batch3")
        },
        "by_topic": {
            t: {m: scores[m].get(t) for m in ("new_disagree", "old_disagree")} for t in TOPICS
        },
        "spread_over_topics": spread,
        "new_disagree_errors": errors,
        "claims_labelled": len(one),
        "claims_one_fact": round(sum(one) / len(one), 3) if one else None,
        # the labelled claims the current code still groups (two or more of their
        # sentences in one claim), and the share of those that tell one fact
        "claims_still_grouped": len(kept),
        "claims_still_grouped_one_fact": round(sum(kept) / len(kept), 3) if kept else None,
        "claims_split_not_one_fact": sum(
            1 for c in claims if not c["one_fact"] and not c.get("still_grouped")
        ),
        "claims_split_one_fact": sum(
            1 for c in claims if c["one_fact"] and not c.get("still_grouped")
        ),
        "per_story": per_topic,
    }
    return result


def _story_counts(topic: Topic) -> dict[str, int]:
    """Disagreements and multi-report claims per story, old rule and new."""
    old_pairs = sum(
        1 for i, a in enumerate(topic.old) for b in topic.old[i + 1 :] if old_flags(a, b)
    )
    names = {e.id: e.name for e in topic.links.entities}
    new = [c for c in conflicts_of(topic.figures, names) if not c.explained]
    multi = sum(1 for c in topic.links.claims if len({e.article for e in c.evidence}) >= 2)
    return {
        "articles": len(topic.articles),
        "old_flagged_pairs": old_pairs,
        "new_conflicts": len(new),
        "new_flagged_pairs": sum(
            1
            for i, a in enumerate(topic.figures)
            for b in topic.figures[i + 1 :]
            if new_flags(a, b)
        ),
        "tracks": _tracks(topic),
        "multi_report_claims": multi,
    }


def _tracks(topic: Topic) -> int:
    outlets = {a.id: a.outlet for a in topic.articles}
    return len(find_tracks(topic.figures, {}, outlets.get))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--candidates", type=Path, help="write pairs to label here and stop")
    parser.add_argument(
        "--show",
        type=Path,
        help="write the new code's disagreements and tracks on the articles read here, "
        "to check by hand",
    )
    parser.add_argument(
        "--cache", type=Path, help="keep the annotations here between runs (a scratch folder)"
    )
    args = parser.parse_args(argv)
    global CACHE
    CACHE = args.cache
    logging.basicConfig(level=logging.WARNING)
    if args.candidates:
        candidates(args.root, args.candidates, args.show)
        return 0
    result = evaluate(args.root, args.show)
    for method in ("disagree_new", "disagree_old", "track_new", "track_old"):
        print(f"{method:14s} {result[method]}")
    for b, by in result["by_batch"].items():
        print(f"{b:16s} new {by['new_disagree']}  old {by['old_disagree']}")
    for t, by in result["by_topic"].items():
        print(f"{t:16s} new {by['new_disagree']}  old {by['old_disagree']}")
    for t, c in result["per_story"].items():
        print(f"{t:16s} {c}")
    print(
        f"claims one fact: {result['claims_one_fact']} of {result['claims_labelled']} as "
        f"sampled; still grouped now: {result['claims_still_grouped']}, of which one fact "
        f"{result['claims_still_grouped_one_fact']}"
    )
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
