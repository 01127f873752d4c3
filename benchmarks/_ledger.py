"""Shared parts of the ledger benchmark: the audited Timeline17 articles, annotated (and
cached), as one story per topic; main's rule before issue 15, re-implemented; the drawing
of candidate pairs to label (``eval_ledger.py --candidates``).
"""

from __future__ import annotations

import hashlib
import json
import math
import pickle
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np
from _timeline17 import detokenize

from storyline.annotate import ANNOTATOR_VERSION, annotate_chunk
from storyline.ingest.article import content_id
from storyline.link import link_story
from storyline.model import Annotation, Article, Links, Published, Story
from storyline.synthesize.conflicts import conflicts_of, disputes
from storyline.synthesize.measures import (
    FIGURES,
    Figure,
    FiguresConfig,
    compatible,
    figures_of,
    same_moment,
)
from storyline.synthesize.tracks import find_tracks, place_ids

DATA = Path(__file__).resolve().parent / "data" / "ledger"
TOPICS = ("bpoil", "H1N1", "LibyaWar", "EgyptianProtest", "Finan", "IraqWar", "MJ")
PER_TOPIC = 20  # articles sampled per topic across its dates
BUSY_DAYS, PER_DAY = 3, 12  # and the articles of its busiest days


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
    """The articles annotated, each read from --cache when the same annotator saw it."""
    if CACHE is None:
        return annotate_chunk(articles)
    CACHE.mkdir(parents=True, exist_ok=True)

    def path(a: Article) -> Path:
        return CACHE / f"{ANNOTATOR_VERSION}-{a.id}.pickle"

    todo = [a for a in articles if not path(a).exists()]
    for a, ann in zip(todo, annotate_chunk(todo) if todo else [], strict=True):
        with path(a).open("wb") as fh:
            pickle.dump(ann, fh)
    out = []
    for a in articles:
        with path(a).open("rb") as fh:
            out.append(pickle.load(fh))  # our own cache file
    return out


class Topic:
    """One topic's audited articles, annotated and linked as one story."""

    def __init__(self, root: Path, name: str, files: Sequence[Path]) -> None:
        self.name = name
        self.articles = [load_article(root, f) for f in files]
        self.annotations: list[Annotation] = _annotated(self.articles)
        story = Story(id=f"t17-{name}", title=name, articles=[a.id for a in self.articles])
        self.links: Links = link_story(story, self.articles, self.annotations)
        self.path_of = {a.id: a.path or "" for a in self.articles}
        self._figures: dict[int, list[Figure]] = {}
        self.old = old_figures(self.annotations, self.links, self.articles)

    def figures(self, cfg: FiguresConfig = FIGURES) -> list[Figure]:
        """The topic's figures as ``cfg`` reads them (a list's length decides its parts)."""
        if cfg.list_figures not in self._figures:
            self._figures[cfg.list_figures] = figures_of(
                self.annotations,
                self.links.entities_in,
                {a.id: a.published.date for a in self.articles},
                cfg=cfg,
            )
        return self._figures[cfg.list_figures]

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


def flags(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES, revisions: bool = True) -> bool:
    """Whether the ledger flags the two figures (``revisions``: a later report's higher
    count is no dispute; main had no such rule)."""
    if a.article == b.article or compatible(a.q, b.q):
        return False
    return disputes(a, b, cfg) if revisions else same_moment(a, b, cfg)


def track_members(topic: Topic, cfg: FiguresConfig = FIGURES) -> dict[tuple[str, int, str], int]:
    """(article, sentence, figure text) -> the track it is shown in (all tracks, no limit),
    as the dossier builds them (entity names give the scope of figures that say none)."""
    outlets = {a.id: a.outlet for a in topic.articles}
    names = {e.id: e.name for e in topic.links.entities}
    out = {}
    for n, track in enumerate(
        find_tracks(topic.figures(cfg), names, outlets.get, None, cfg, place_ids(topic.links))
    ):
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


def show(topic: Topic, fh, cfg: FiguresConfig = FIGURES) -> None:  # type: ignore[no-untyped-def]
    """The disagreements and tracks the new code gives the topic's sample, to read by hand."""
    outlets = {a.id: a.outlet for a in topic.articles}
    names = {e.id: e.name for e in topic.links.entities}
    for c in conflicts_of(topic.figures(cfg), names, cfg):
        fh.write(f"== {topic.name} CONFLICT {c.about} explained={c.explained}\n")
        for p in c.positions:
            for e in p.evidence:
                fh.write(f"   [{p.value}] {topic.path_of[e.article]}: {e.text[:300]}\n")
    for t in find_tracks(
        topic.figures(cfg), names, outlets.get, cfg=cfg, places=place_ids(topic.links)
    ):
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
            for i, a in enumerate(topic.figures())
            for b in topic.figures()[i + 1 :]
            if flags(a, b)
        ]
        same = [
            (a, b)
            for i, a in enumerate(topic.figures())
            for b in topic.figures()[i + 1 :]
            if a.article != b.article and a.key == b.key and not flags(a, b)
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


_INDEX: dict[int, dict] = {}


def find(figs: list, topic: Topic, ref: dict[str, str]):  # type: ignore[no-untyped-def]
    """The figure a reference names (its figure text may differ between two annotator
    versions by its start: then the one of its sentence whose text ends alike)."""
    key = id(figs)
    if key not in _INDEX:
        exact, by_sentence = {}, defaultdict(list)
        for f in figs:
            r = topic.ref(f)
            exact.setdefault(r, f)
            by_sentence[r[:2]].append(f)
        _INDEX[key] = {"exact": exact, "sentence": by_sentence, "figs": figs}
    index = _INDEX[key]
    got = index["exact"].get((ref["path"], ref["sentence"], ref["figure"]))
    if got is not None:
        return got
    for f in index["sentence"].get((ref["path"], ref["sentence"]), []):
        t = f.q.text
        if t.endswith(ref["figure"]) or ref["figure"].endswith(t):
            return f
    return None
