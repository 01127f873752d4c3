"""One story across languages: a fictional example built in several languages at once.

``--story dravenmoor``: ``examples/dravenmoor-dam`` (English) and its translations
``examples/dravenmoor-dam-es`` and ``-fr``; ``--story corvane``: ``examples/corvane-ferry``,
two reports each in English, Spanish, French, Italian, German and Portuguese and the first
in Chinese and Arabic (our own fiction, translated sentence by sentence; the translation
keeps the outlet, author and date). The reports are built into one store, with Timeline17
reports of other stories mixed in as distractors, and compared with the English reports
built alone. Printed, in one run:

- stories: the translation groups (a report and its translations) whose reports all
  share one story, and the distractors that joined a Dravenmoor story (should be none);
- names: the gold groups of ``benchmarks/data/xling/<story>_names.json`` whose forms sit
  in one entity, gold groups that share an entity (wrong merges), and English names the
  English-only build keeps apart but the build of every language joins (wrong merges too);
- claims: claims told in more than one language; translation recall (an English sentence
  of a claim whose Spanish and French translations, the sentence of the same rank in the
  translated report, sit in its claim); cross-language precision (two sentences of one claim
  in two languages whose English sentences are one, or share a claim in the English build);
- quotes and dates, where the gold file lists each report's (corvane): speakers of its
  quotes found / expected / wrong, and the dates its annotation resolves, per language;
- throughput: seconds per report of the whole build, English alone (with the English and the
  multilingual encoder) against every language, median of --repeat, and the ratio;
  every model is loaded by a first build that is not timed.

    python benchmarks/xling_example.py [--story corvane] [--embedder use-multilingual]
"""

from __future__ import annotations

import bisect
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import parser
from _timeline17 import DEFAULT_DIR, documents, topics, write_jsonl

from storyline.languages.words import DATED

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "xling"
_CORVANE = ("en", "es", "fr", "it", "de", "pt", "zh", "ar")
STORIES = {  # language -> folder under examples/, and the gold file
    "dravenmoor": (
        {"en": "dravenmoor-dam", "es": "dravenmoor-dam-es", "fr": "dravenmoor-dam-fr"},
        DATA / "dravenmoor_names.json",
    ),
    "corvane": ({lang: f"corvane-ferry/{lang}" for lang in _CORVANE}, DATA / "corvane_names.json"),
}
FOLDERS, GOLD = STORIES["dravenmoor"]


def build(folders: list[Path], embedder: str, tmp: Path, extra: list[Path]) -> dict:
    """Build the folders into a fresh store; the dossiers, with each article's group."""
    from storyline import engine
    from storyline.engine import build as run_build
    from storyline.link.names import name_key
    from storyline.settings import load_settings
    from storyline.store import open_store

    db = tmp / f"{embedder}-{len(folders)}-{time.monotonic_ns()}.sqlite"
    settings = load_settings(None, db=str(db), out=str(tmp / "out"), embedder=embedder)
    t0, c0 = time.perf_counter(), time.process_time()
    report = run_build([*folders, *extra], settings=settings)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    store = open_store(str(db))
    try:
        dossiers = [store.get_dossier(s.id) for s in report.stories]
        mention_entity = {}  # "article:start" -> "story/entity", the mentions of every story
        for story in report.stories:
            links = engine.linked(story, store, settings)[2]
            mention_entity.update({m: f"{story.id}/{e}" for m, e in links.mention_entity.items()})
        articles = {a.id: a for a in store.articles()}
        annotations = {a.article: a for a in store.get_annotations(list(articles))}
    finally:
        store.close()
    group = {}
    for a in articles.values():
        if a.path and _lang_of(a.path) != "other":
            feed = Path(a.path).suffix == ".jsonl"  # two reports a file: told by their date
            group[a.id] = (Path(a.path).stem, a.published.date if feed else None)
    lang = {a.id: _lang_of(a.path) for a in articles.values()}
    # A sentence's place in its report: (paragraph, rank in it), kept where the paragraph
    # splits into as many sentences in every language (translated sentence by sentence).
    place = {aid: _places(articles[aid].text, annotations[aid]) for aid in group}
    shape: dict[tuple, set[tuple]] = defaultdict(set)
    for aid, g in group.items():
        shape[g].add(tuple(sorted(Counter(p for p, _ in place[aid].values()).items())))
    units = {
        (aid, i): (group[aid], *where)
        for aid in group
        for i, where in place[aid].items()
        if len(shape[group[aid]]) == 1
    }
    return {
        "seconds": seconds,
        "cpu": cpu,
        "reports": len(articles),
        "dossiers": dossiers,
        "group": group,
        "lang": lang,
        "units": units,
        "mention_entity": mention_entity,
        "key": name_key,
        "annotations": annotations,
    }


def _places(text: str, annotation) -> dict[int, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Sentence index -> (paragraph, rank within the paragraph); paragraphs are lines."""
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    out: dict[int, tuple[int, int]] = {}
    seen: Counter[int] = Counter()
    for s in annotation.sentences:
        para = bisect.bisect_right(starts, s.start) - 1
        out[s.index] = (para, seen[para])
        seen[para] += 1
    return out


def _lang_of(path: str | None) -> str:
    folder = Path(path).resolve().parent if path else None
    return next((lang for lang, f in FOLDERS.items() if ROOT / "examples" / f == folder), "other")


def story_figures(run: dict) -> dict:
    story_of = {a.id: d.story.id for d in run["dossiers"] for a in d.articles}
    groups = defaultdict(set)
    for aid, g in run["group"].items():
        groups[g].add(story_of.get(aid))
    ours = {story_of.get(a) for a in run["group"]}
    joined = [a for a, s in story_of.items() if a not in run["group"] and s in ours]
    together = sum(len(s) == 1 and None not in s for s in groups.values())
    return {"groups_together": f"{together}/{len(groups)}", "distractors_joined": len(joined)}


def name_figures(run: dict, english: dict) -> dict:
    key = run["key"]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["groups"]
    form_group = {key(f): g for g, forms in gold.items() for f in forms}
    entity_of: dict[str, set[str]] = defaultdict(set)
    ours = [d for d in run["dossiers"] if any(a.id in run["group"] for a in d.articles)]
    for d in ours:
        for e in d.entities:
            for alias in e.aliases:
                entity_of[key(alias)].add(f"{d.story.id}/{e.id}")
    merged = present = 0
    detail = {}
    for g, forms in gold.items():
        found = [f for f in forms if key(f) in entity_of]
        if len(found) < 2:
            continue  # only groups written two ways or more in the story's entities
        present += 1
        one = len(set.union(*(entity_of[key(f)] for f in found))) == 1
        merged += one
        detail[g] = f"{'merged' if one else 'apart'}: {', '.join(found)}"
    wrong_gold = 0
    for d in run["dossiers"]:
        for e in d.entities:
            hit = {form_group[key(a)] for a in e.aliases if key(a) in form_group}
            wrong_gold += len(hit) > 1
    # English mentions (the same article ids in both builds) the English build keeps apart
    # and the three-language build joins.
    english_of = english["mention_entity"]
    joined: dict[str, set[str]] = defaultdict(set)
    for mention, entity in run["mention_entity"].items():
        if mention in english_of:
            joined[entity].add(english_of[mention])
    en_apart = sum(len(v) > 1 for v in joined.values())
    rules = defaultdict(int)
    for d in run["dossiers"]:
        for e in d.entities:
            for m in e.merges:
                if m.rule in ("romanized", "exonym", "aligned-translation"):
                    rules[m.rule] += 1
    return {
        "gold_groups_merged": f"{merged}/{present}",
        "groups": detail,
        "wrong_merges_gold": wrong_gold,
        "wrong_merges_vs_english": en_apart,
        "cross_language_merges": dict(rules),
    }


def claim_figures(run: dict, english: dict) -> dict:
    def unit(article: str, sentence: int) -> tuple | None:
        return run["units"].get((article, sentence))

    en_claim = {}
    for d in english["dossiers"]:
        for c in d.claims:
            for ev in c.evidence:
                if (u := english["units"].get((ev.article, ev.sentence))) is not None:
                    en_claim[u] = c.id
    multi = good = pairs = 0
    units_in: dict[tuple, set[str]] = defaultdict(set)
    for d in run["dossiers"]:
        for c in d.claims:
            langs = {run["lang"][ev.article] for ev in c.evidence}
            multi += len(langs) > 1
            for ev in c.evidence:
                if (u := unit(ev.article, ev.sentence)) is not None:
                    units_in[u].add(f"{run['lang'][ev.article]}:{c.id}")
            for x, y in combinations(c.evidence, 2):
                if run["lang"][x.article] == run["lang"][y.article]:
                    continue
                ux, uy = unit(x.article, x.sentence), unit(y.article, y.sentence)
                if ux is None or uy is None:
                    continue
                pairs += 1
                same = ux == uy or (ux in en_claim and en_claim.get(ux) == en_claim.get(uy))
                good += same
    # English sentences of a claim whose translations are comparable sentences: all of
    # them in its claim
    translated = Counter(u for u in run["units"].values())
    en_units = [
        u
        for u, cs in units_in.items()
        if any(c.startswith("en:") for c in cs) and translated[u] >= 2
    ]
    recalled = sum(
        len({c.split(":", 1)[1] for c in units_in[u]}) == 1 and len(units_in[u]) == translated[u]
        for u in en_units
    )
    return {
        "claims_in_several_languages": multi,
        "translation_recall": round(recalled / len(en_units), 3) if en_units else None,
        "cross_language_precision": round(good / pairs, 3) if pairs else None,
        "cross_language_pairs": pairs,
    }


def distractor_files(tmp: Path, n: int) -> list[Path]:
    if n <= 0 or not DEFAULT_DIR.is_dir():
        return []
    docs = []
    per = max(1, n // len(topics(DEFAULT_DIR)))
    for _topic, dirs in sorted(topics(DEFAULT_DIR).items()):
        docs += documents(dirs, limit=per)
    return [write_jsonl(docs[:n], tmp / "distractors.jsonl")]


def report_figures(run: dict) -> dict:
    """Per language: the gold speakers each report's quotes name (found / expected, and
    speakers no gold names), and the gold dates its annotation resolves."""
    gold_file = json.loads(GOLD.read_text(encoding="utf-8"))
    reports, groups = gold_file.get("reports"), gold_file["groups"]
    if not reports:
        return {}
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, (stem, _date) in run["group"].items():
        gold, ann, lang = reports.get(stem), run["annotations"][aid], run["lang"][aid]
        if gold is None:
            continue
        if lang in DATED:  # read for sentences and dates only
            said, want = set(), set()
        else:
            said = {q.speaker for q in ann.quotes if q.speaker} - set(gold.get("also", ()))
            want = set(gold["speakers"])
        right = {w for w in want if any(_names_one(groups[w], s) for s in said)}
        c = out[lang]
        c["speakers_expected"] += len(want)
        c["speakers_found"] += len(right)
        c["speakers_wrong"] += sum(not any(_names_one(groups[w], s) for w in want) for s in said)
        values = {t.value for t in ann.timexes}  # "2025-06-10TNI" ("Tuesday night") is the day
        c["dates_expected"] += len(gold["dates"])
        c["dates_found"] += sum(any(v.startswith(d) for v in values) for d in gold["dates"])
    return {lang: dict(c) for lang, c in sorted(out.items())}


def _names_one(forms: list[str], said: str) -> bool:
    """The speaker as written is one of the gold forms of the person's name."""
    return said.lower() in {f.lower() for f in forms}


def main() -> None:
    global FOLDERS, GOLD  # the story chosen on the command line
    ap = parser(__doc__, repeat=2)
    ap.add_argument("--story", choices=sorted(STORIES), default="dravenmoor")
    ap.add_argument("--embedder", default="use-multilingual")
    ap.add_argument("--distractors", type=int, default=21, help="Timeline17 reports mixed in")
    args = ap.parse_args()
    FOLDERS, GOLD = STORIES[args.story]
    every = "+".join(FOLDERS)
    folders = [ROOT / "examples" / f for f in FOLDERS.values()]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        extra = distractor_files(tmp, args.distractors)
        times: dict[str, list[float]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)
        for embedder in ("minilm-int8", args.embedder):  # models load once, before the timing
            build(folders, embedder, tmp, [])
        for _ in range(args.repeat):
            en_minilm = build(folders[:1], "minilm-int8", tmp, [])
            en_multi = build(folders[:1], args.embedder, tmp, [])
            three = build(folders, args.embedder, tmp, [])
            for label, run in (
                ("en minilm-int8", en_minilm),
                (f"en {args.embedder}", en_multi),
                (f"{every} {args.embedder}", three),
            ):
                times[label].append(run["seconds"] / run["reports"])
                cpu[label].append(run["cpu"] / run["reports"])
        mixed = build(folders, args.embedder, tmp, extra)
    per_report = {k: round(statistics.median(v), 3) for k, v in times.items()}
    cpu_report = {k: round(statistics.median(v), 3) for k, v in cpu.items()}
    base, cpu_base = per_report["en minilm-int8"], cpu_report["en minilm-int8"]
    result = {
        "story": args.story,
        "embedder": args.embedder,
        "stories": story_figures(mixed),
        "names": name_figures(mixed, en_multi),
        "claims": claim_figures(three, en_multi),
        "seconds_per_report": per_report,
        "ratio_to_english_minilm": {k: round(v / base, 2) for k, v in per_report.items()},
        "cpu_seconds_per_report": cpu_report,
        "cpu_ratio_to_english_minilm": {k: round(v / cpu_base, 2) for k, v in cpu_report.items()},
        "quotes_and_dates": report_figures(three),
        "reports": {"en": en_multi["reports"], "every_language": three["reports"],
                    "with_distractors": mixed["reports"]},
    }  # fmt: skip
    for section, figures in result.items():
        print(f"{section:<24} {figures}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
