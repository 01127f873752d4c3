"""The dossier timeline of Timeline17 topics, for reading by hand, and the audit's score.

    .venv/bin/python benchmarks/timeline_audit.py dump --db STORE  # EgyptianProtest,H1N1,LibyaWar
    .venv/bin/python benchmarks/timeline_audit.py dump --db STORE --data DIR --topics T --name N
    .venv/bin/python benchmarks/timeline_audit.py dump --db STORE --per-source --topics H1N1_bbc
    .venv/bin/python benchmarks/timeline_audit.py score
    .venv/bin/python benchmarks/timeline_audit.py score --dump DUMP.jsonl
    .venv/bin/python benchmarks/timeline_audit.py show --db STORE --dump DUMP.jsonl --unjudged
    .venv/bin/python benchmarks/timeline_audit.py datewise --db STORE --data DIR --topics T --name N
    .venv/bin/python benchmarks/timeline_audit.py sample --dump A.jsonl,B.jsonl --n 40 --seed 12
    .venv/bin/python benchmarks/timeline_audit.py score --method datewise

``dump`` prints, per topic, the timeline a dossier of the whole topic shows (the same
``dossier_timeline`` as ``storyline build``, with the default cap): one JSON line per entry
with the entry's date, its text, the report it comes from and that report's publication day,
so a reader can judge it. The judgements live in ``data/timeline_audit/entries.jsonl``
(see the README there); ``score`` prints the share judged right, overall, per batch and per
topic, and per story (``stories``) the entries right, the wrong ones by kind and the
unjudged. With ``--dump`` it scores a later dump instead: an entry found in the judgements
keeps its judgement, the others are counted as unjudged and listed, to be read by hand
before the figure is quoted. An entry is found by topic, date, report and sentence index
(with the same text where the judgement has a digest), or else by topic, date, report and
text digest: a re-split report moves a sentence's index, not what the reader judged.
``show`` prints a dump's entries for reading: each sentence among its neighbours in its
report, with the report's publication day and the dates read in the sentence
(``--unjudged``: only the entries no judgement covers).

``datewise`` prints, in the same form, the timelines of the DATEWISE baseline on the same
store, as ``eval_tls.py --method datewise`` makes them (its ranker trained on the other
topics of DIR, the gold timeline's window, number of dates and sentences per date), each
sentence traced to its report; its rows carry ``method: "datewise"``. ``sample`` draws
``--n`` entries at random (``--seed``) from one or more dumps pooled, to be read by hand.
Judgements of DATEWISE's entries carry ``method: "datewise"`` too and are scored apart:
``score`` reads the dossier's judgements, ``score --method datewise`` the baseline's.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TIMELINE17, emit, parser
from _timeline17 import documents, topics, write_jsonl

from storyline import engine
from storyline.model import Annotation, Article, Evidence, Links, Story
from storyline.settings import Settings, load_settings
from storyline.store import Store, open_store
from storyline.synthesize.timeline import dossier_timeline

AUDIT = Path(__file__).resolve().parent / "data" / "timeline_audit" / "entries.jsonl"


def dump(
    root: Path, db: str, only: list[str], name: str | None = None, per_source: bool = False
) -> int:
    """Print each topic's dossier timeline entries, one JSON line each; return how many.
    ``per_source``: each source folder is a story of its own (``bpoil_foxnews``: one
    outlet's reports, as a user holding only those would build them)."""
    settings = load_settings(db=db, read_sentences=16, embed_sentences=8)
    store = open_store(settings.db)
    printed = 0
    try:
        linked = linked_topics(root, store, settings, only, per_source)
        for topic, (articles, annotations, links) in linked:
            published = {a.id: a.published.date for a in articles}
            shown, rest = dossier_timeline(
                articles,
                annotations,
                links.events,
                links.sources.__getitem__,
                settings.timeline_max_events,
            )
            for e in shown:
                ev = _telling(e.evidence, e.text)
                row = {
                    "topic": name or topic,
                    "date": e.date,
                    "article": ev.article[:12],
                    "sentence": ev.sentence,
                    "published": published.get(ev.article),
                    "status": e.status,
                    "digest": digest(e.text),
                    "text": e.text,
                    "shown": len(shown),
                    "of": len(shown) + len(rest),
                }
                print(json.dumps(row, ensure_ascii=False))
                printed += 1
    finally:
        store.close()
    return printed


def linked_topics(
    root: Path, store: Store, settings: Settings, only: Collection[str], per_source: bool = False
) -> Iterator[tuple[str, tuple[list[Article], list[Annotation], Links]]]:
    """Each topic of ``root`` named in ``only``, ingested into ``store`` (its reports already
    there stay as they are) and linked: its articles, annotations and links. ``per_source``:
    the topics are the source folders (``H1N1_reuters``), each one outlet's reports."""
    folders = {d.name: [d] for ds in topics(root).values() for d in ds}
    for topic, dirs in (folders if per_source else topics(root)).items():
        if topic not in only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = write_jsonl(documents(dirs), Path(tmp) / f"{topic}.jsonl")
            rep = engine.ingest([path], store, settings)
        story = Story(id=topic, title=topic, articles=sorted(set(rep.added + rep.unchanged)))
        yield topic, engine.linked(story, store, settings)


def datewise_dump(root: Path, db: str, only: list[str], name: str | None = None) -> int:
    """Print DATEWISE's timeline of each topic of ``only`` as ``eval_tls.py`` makes it
    (trained on DIR's other topics), one JSON line per sentence; return how many."""
    import eval_tls
    from datewise import timeline

    printed = 0
    data = eval_tls.prepare(root, db, (16, 8), 1, None)
    for t in (t for t in data if t.name in only):
        w = eval_tls.datewise_model([u for u in data if u.name != t.name])
        published = {a.id: a.published.date[:10] for a in t.articles}
        for g in t.golds:
            coll, span = eval_tls._window(t, g)
            chosen = timeline(coll, span, w, g.dates, g.per_date)
            for day, sentences in sorted(chosen.items()):
                for text in sentences:
                    article, at = _source(coll, day, text)
                    row = {
                        "topic": name or t.name,
                        "method": "datewise",
                        "date": day.isoformat(),
                        "article": article[:12],
                        "sentence": at,
                        "published": published.get(article),
                        "digest": digest(text),
                        "text": text,
                        "shown": sum(map(len, chosen.values())),
                    }
                    print(json.dumps(row, ensure_ascii=False))
                    printed += 1
    return printed


def _source(coll, day, text: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The report and sentence index DATEWISE took ``text`` from for ``day``: a sentence
    that names the day first, else one of a report published on the day or the next."""
    found = [
        (a, i)
        for a, sentences in coll.sentences.items()
        for i, s in enumerate(sentences)
        if s == text
    ]
    named = [(a, i) for a, i in found if coll.dated.get(a, {}).get(i) == day]
    near = [(a, i) for a, i in found if 0 <= (coll.published[a] - day).days <= 1]
    return (named or near or found)[0]


def sample(dumps: list[Path], n: int, seed: int) -> list[dict[str, object]]:
    """``n`` entries drawn at random (``seed``) from the dumps pooled, in dump order."""
    pooled = [r for d in dumps for r in _read(d) if "date" in r]
    drawn = sorted(random.Random(seed).sample(range(len(pooled)), min(n, len(pooled))))
    return [pooled[i] for i in drawn]


def _telling(evidence: list[Evidence], text: str) -> Evidence:
    """The evidence sentence an entry's text is, or holds (a clause cut from it), else
    the first: the sentence a reader is pointed at."""
    clause = text.rstrip(" .!?").casefold()
    return next(
        (x for x in evidence if x.text == text),
        next((x for x in evidence if clause and clause in x.text.casefold()), evidence[0]),
    )


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return row["topic"], row["date"], row["article"], row["sentence"]


def digest(text: str) -> str:
    """A short digest of an entry's text: a judgement holds for the text it was made on
    (a clause cut from the same sentence is judged again), without copying the text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


Judged = dict[tuple[object, ...], list[dict[str, object]]]


def _index(rows: list[dict[str, object]]) -> Judged:
    """The judgements by (topic, date, report, sentence) and, where they have a digest, by
    (topic, date, report, digest)."""
    judged: Judged = {}
    for r in rows:
        judged.setdefault(_key(r), []).append(r)
        if "digest" in r:
            judged.setdefault(_text_key(r, str(r["digest"])), []).append(r)
    return judged


def _text_key(row: dict[str, object], text_digest: str) -> tuple[object, ...]:
    return row["topic"], row["date"], row["article"], "#" + text_digest


def _judgement(judged: Judged, row: dict[str, object]) -> dict[str, object] | None:
    """The judgement of dump ``row``: same key, and same text where the digest is known;
    else the same text of the same report under the same date at another sentence index."""
    text_digest = digest(str(row["text"]))
    for j in judged.get(_key(row), []):
        if "digest" not in j or j["digest"] == text_digest:
            return j
    moved = judged.get(_text_key(row, text_digest), [])
    return moved[0] if moved else None


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(
    path: Path = AUDIT, dump: Path | None = None, method: str = "storyline"
) -> dict[str, object]:
    """The share judged right, per batch and topic, of ``method``'s entries (the dossier's
    by default, ``datewise`` the baseline's); of ``dump``'s entries when given."""
    rows = [r for r in _read(path) if r.get("method", "storyline") == method]
    unjudged: list[dict[str, object]] = []
    if dump is not None:
        judged = _index(rows)
        shown = [r for r in _read(dump) if "date" in r]
        found = [(r, _judgement(judged, r)) for r in shown]
        unjudged = [r for r, j in found if j is None]
        rows = [j for _, j in found if j is not None]
    right = Counter(r["topic"] for r in rows if r["right"])
    total = Counter(r["topic"] for r in rows)
    b_right = Counter(r.get("batch", "") for r in rows if r["right"])
    b_total = Counter(r.get("batch", "") for r in rows)
    out: dict[str, object] = {
        "entries": len(rows),
        "right": sum(right.values()),
        "share": round(sum(right.values()) / len(rows), 3) if rows else 0.0,
        "batches": {b: f"{b_right[b]}/{n}" for b, n in b_total.items()},
        "topics": {t: f"{right[t]}/{n}" for t, n in total.items()},
        "wrong_kinds": dict(Counter(r["why"] for r in rows if not r["right"])),
        "stories": _stories(rows, unjudged),
    }
    if dump is not None:
        out["unjudged"] = [{k: r[k] for k in ("topic", "date", "article", "sentence")}
                           for r in unjudged]  # fmt: skip
    return out


def show(db: str, dump: Path, only_unjudged: bool = False, audit: Path = AUDIT) -> int:
    """Print each entry of ``dump`` among its report's sentences; return how many."""
    rows, context = [r for r in _read(dump) if "date" in r], 2
    if only_unjudged:
        method = rows[0].get("method", "storyline") if rows else "storyline"
        judged = _index([r for r in _read(audit) if r.get("method", "storyline") == method])
        rows = [r for r in rows if _judgement(judged, r) is None]
    store = open_store(db)
    try:
        ids = store.article_ids()
        for n, r in enumerate(rows):
            full = next(i for i in ids if i.startswith(str(r["article"])))
            article, annotation = store.get_article(full), store.get_annotations([full])[0]
            at, sentences = int(str(r["sentence"])), annotation.sentences
            print(f"=== #{n} {r['topic']} {r['date']} ({r.get('status')}) | published "
                  f"{article.published.date} | {r['article']}:{at} | {article.outlet}")  # fmt: skip
            for k in range(max(0, at - context), min(len(sentences), at + context)):
                print(f"{'>>' if k == at else '  '} [{k}] {sentences[k].text}")
            if sentences[at].text != r["text"]:
                print(f"   entry: {r['text']}")
            dates = [f"{t.text}={t.value}" for t in annotation.timexes if t.sentence == at]
            print(f"   dates read: {dates}")
    finally:
        store.close()
    return len(rows)


def _stories(
    rows: list[dict[str, object]], unjudged: list[dict[str, object]]
) -> dict[str, dict[str, object]]:
    """Per story: entries judged right, the wrong ones by kind, and those no one judged."""
    right = Counter(str(r["topic"]) for r in rows if r["right"])
    wrong: dict[str, Counter[str]] = {}
    for r in rows:
        if not r["right"]:
            wrong.setdefault(str(r["topic"]), Counter())[str(r["why"])] += 1
    unread = Counter(str(r["topic"]) for r in unjudged)
    stories = dict.fromkeys(str(r["topic"]) for r in rows + unjudged)
    return {
        t: {"right": right[t], "wrong": dict(wrong.get(t, {})), "unjudged": unread[t]}
        for t in stories
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="--data", default=TIMELINE17)
    ap.add_argument("command", choices=("dump", "score", "show", "datewise", "sample"))
    ap.add_argument("--db", help="a store holding the topics' annotations (dump, show)")
    ap.add_argument("--topics", default="EgyptianProtest,H1N1,LibyaWar")
    ap.add_argument("--name", help="the topic's name in the judgements (dump): es/yemen")
    ap.add_argument("--dump", help="score or show this dump's entries (sample: A,B pooled)")
    ap.add_argument("--method", default="storyline", choices=("storyline", "datewise"))
    ap.add_argument("--n", type=int, default=40, help="entries drawn (sample)")
    ap.add_argument("--seed", type=int, default=12, help="the draw's seed (sample)")
    ap.add_argument("--unjudged", action="store_true", help="show only unjudged entries")
    ap.add_argument(
        "--per-source", action="store_true", help="dump: each source folder a story (one outlet)"
    )
    args = ap.parse_args(argv)
    if args.command in ("dump", "show", "datewise") and not args.db:
        ap.error(f"{args.command} needs --db, a store that holds the topics' annotations")
    if args.command == "dump":
        only = args.topics.split(",")
        emit({"entries": dump(args.data, args.db, only, args.name, args.per_source)})
    elif args.command == "datewise":
        emit({"entries": datewise_dump(args.data, args.db, args.topics.split(","), args.name)})
    elif args.dump is None and args.command in ("show", "sample"):
        ap.error(f"{args.command} needs --dump, a file that dump printed")
    elif args.command == "show":
        emit({"shown": show(args.db, Path(args.dump), args.unjudged)})
    elif args.command == "sample":
        for row in sample([Path(d) for d in args.dump.split(",")], args.n, args.seed):
            print(json.dumps(row, ensure_ascii=False))
    else:
        emit(score(dump=Path(args.dump) if args.dump else None, method=args.method))
    return 0


if __name__ == "__main__":
    sys.exit(main())
