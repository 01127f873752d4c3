"""The candidate ceiling of the timeline: which gold days storyline has any entry for.

    .venv/bin/python benchmarks/candidate_days.py [DIR] [--db cache.sqlite] [--topics bpoil,MJ]
        [--missed]

For every gold timeline (the window of ``eval_tls.py``), the gold days that storyline's
candidates date (``timeline.story_candidates`` with the entry filters of
``build_timeline``) against the days DATEWISE ranks (``datewise.candidate_days``:
publication days and every sentence's first annotated day). Date F1 cannot pass the
share of gold days a method has candidates for. With ``--missed`` each gold day that
DATEWISE has and storyline does not is listed with what the window holds for it:
reports published on it, sentences whose first date it is, and where storyline's
candidates for it were lost (window, zones, the story's key names, the entry filters).
The last line is one JSON object: gold days, storyline's and DATEWISE's covered days.
"""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datewise
from _common import TIMELINE17, emit, parser
from eval_tls import _gold, prepare

from storyline.synthesize.timeline import (
    DEFAULT_WEIGHTS,
    body_only,
    story_candidates,
    story_terms,
    tells_something,
    within_span,
)
from storyline.synthesize.timeline.candidates import chronology_events, lede_events


def _usable(events: list, weights=DEFAULT_WEIGHTS) -> list:  # type: ignore[no-untyped-def]
    """The candidates ``build_timeline`` keeps (its ``usable``)."""
    return [
        e
        for e in events
        if e.date and len(e.text.split()) <= weights.max_words and tells_something(e.text)
    ]


def covered(t, g) -> tuple[set[str], set[str], dict[str, Counter[str]]]:  # type: ignore[no-untyped-def]
    """Storyline's and DATEWISE's candidate days in gold ``g``'s window, and per day
    where storyline's candidates were lost."""
    arts, anns, evs = within_span(t.articles, t.annotations, t.links.events, g.span)
    lost: dict[str, Counter[str]] = {}

    def count(stage: str, events) -> None:  # type: ignore[no-untyped-def]
        for e in events:
            lost.setdefault(e.date or "", Counter())[stage] += 1

    count("1 events in window", evs)
    anns_b, evs_b = body_only(arts, anns, evs)
    count("2 in body", evs_b)
    terms = story_terms(anns_b, articles=arts)
    count("3 ledes", lede_events(arts, anns_b, evs_b))
    count("3 chronology", chronology_events(arts, anns_b, evs_b, terms))
    cands = story_candidates(arts, anns_b, evs_b, terms, g.span)
    count("4 name a key term", cands)
    usable = _usable(cands)
    count("5 entry filters", usable)
    ours = {e.date for e in usable if e.date and len(e.date) == 10}
    span = (datetime.date.fromisoformat(g.span[0]), datetime.date.fromisoformat(g.span[1]))
    coll = datewise.collection(arts, anns)
    theirs = {d.isoformat() for d in datewise.candidate_days(coll, span)}
    return ours, theirs, lost


def main() -> None:
    p = parser(__doc__, data="dir", default=TIMELINE17, budget=True)
    p.add_argument("--db", required=True)
    p.add_argument("--topics", default="")
    p.add_argument("--missed", action="store_true")
    args = p.parse_args()
    only = [t for t in args.topics.split(",") if t] or None
    data = prepare(args.dir, args.db, (args.read, args.embed), 2, only)
    totals: Counter[str] = Counter()
    for t in data:
        for g in t.golds:
            gold = {d.isoformat() for d in _gold(g.path).get_dates()}
            ours, theirs, lost = covered(t, g)
            totals.update(gold=len(gold), ours=len(gold & ours), datewise=len(gold & theirs))
            print(
                f"{t.name:18} {g.name:28} gold {len(gold):3}  storyline {len(gold & ours):3}"
                f"  datewise {len(gold & theirs):3}"
            )
            if args.missed:
                _print_missed(t, g, sorted(gold & theirs - ours), lost)
    emit(dict(totals))


def _print_missed(t, g, days: list[str], lost) -> None:  # type: ignore[no-untyped-def]
    arts, anns, _ = within_span(t.articles, t.annotations, [], g.span)
    coll = datewise.collection(arts, anns)
    for d in days:
        day = datetime.date.fromisoformat(d)
        pubs = sum(1 for v in coll.published.values() if v == day)
        named = [
            coll.sentences[a][i]
            for a, first in coll.dated.items()
            for i, v in first.items()
            if v == day
        ]
        stages = ", ".join(f"{k} {v}" for k, v in sorted(lost.get(d, {}).items()))
        print(f"    {d} published {pubs} named {len(named)} | {stages or 'no candidate'}")
        for s in named[:3]:
            print(f"        ~ {s[:150]}")


if __name__ == "__main__":
    main()
