"""The merge test of dated sentences, taken date by date in blocks, must pair exactly the
sentences a pair-by-pair reading of the rule pairs."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from storyline import memo
from storyline.link.events.config import EVENTS
from storyline.link.events.merge import _KIND, _PairTable, _Raw
from tests.vectors import Clustered

DATES = ["2031", "2031-03", "2031-03-04", "2031-03-05", "2031-04", "2031-04-20"]


def _one_event(a: _Raw, b: _Raw) -> bool:
    if _KIND[a.status] != _KIND[b.status] or (a.article, a.sentence) == (b.article, b.sentence):
        return False
    if not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    sim = float(a.vector @ b.vector)
    shared = len(a.entities & b.entities)
    near = len(a.window & b.window) / max(len(a.window | b.window), 1)
    return sim >= EVENTS.merge_similarity or (
        shared >= EVENTS.entity_merge
        and (sim >= EVENTS.entity_merge_similarity or near >= EVENTS.near)
    )


def test_pairs_by_date_are_exactly_the_pairs_of_the_rule() -> None:
    # Few directions, so that many sentences are similar; some share a sentence.
    vectors = Clustered(3, directions=4, scale=0.6)
    rng = vectors.rng
    raws = []
    for i in range(700):
        v = vectors.vector()
        raws.append(
            _Raw(
                article=f"a{rng.randrange(60)}",
                sentence=rng.randrange(3),
                text=f"sentence {i}",
                date=rng.choice(DATES),
                granularity="day",
                status=rng.choice(list(_KIND)),
                published="2031-05-01",
                vector=v.astype(np.float32),
                entities=frozenset(rng.sample("ABCDEFG", rng.randint(0, 3))),
                window=frozenset(rng.sample("pqrstuvwxyz", rng.randint(1, 5))),
            )
        )
    table = _PairTable(raws)
    table.CHUNK = 64  # several chunks per date
    members = list(range(len(raws)))
    found = table.pairs(members)
    assert len(found) == len({frozenset(p) for p in found})  # each pair once
    expected = {
        frozenset((i, j))
        for i, j in itertools.combinations(members, 2)
        if _one_event(raws[i], raws[j])
    }
    assert len(expected) > 1000  # the check is not empty
    assert {frozenset(p) for p in found} == expected


def test_a_growing_story_pairs_its_events_as_a_table_built_from_scratch() -> None:
    """Blocks of dates no new report touches are taken from ``_BLOCKS``: the pairs, in
    order, are those of a table that reuses nothing, whether a report's events come
    before or after the others' and whether an entity of an earlier report changed."""
    vectors = Clustered(5, directions=3, scale=0.5)
    rng = vectors.rng

    def report(n: int) -> list[_Raw]:
        raws = []
        for sentence in range(rng.randint(1, 6)):
            v = vectors.vector().astype(np.float32)
            entities = frozenset(rng.sample("ABCDE", rng.randint(0, 3)))
            window = frozenset(rng.sample("pqrstuvw", rng.randint(1, 4)))
            status = rng.choice(list(_KIND))
            raws.append(
                _Raw(
                    article=f"a{n}",
                    sentence=sentence,
                    text=f"sentence {n}.{sentence}",
                    date=rng.choice(DATES),
                    granularity="day",
                    status=status,
                    published="2031-05-01",
                    vector=v,
                    entities=entities,
                    window=window,
                    token=(f"a{n}", sentence, v.tobytes(), status, entities, window),
                )
            )
        return raws

    memo.clear_all()
    reports: list[list[_Raw]] = []
    reused = 0
    with memo.checking():  # every block taken from the memo is compared again too
        for n in range(40):
            reports.insert(rng.randrange(len(reports) + 1), report(n))
            if n == 30:  # an entity of an earlier report is resolved otherwise
                old = reports[0][0]
                reports[0][0] = dataclasses.replace(
                    old,
                    entities=frozenset({"Z"}),
                    token=(*old.token[:4], frozenset({"Z"}), old.window),  # type: ignore[index]
                )
            raws = [r for rs in reports for r in rs]
            kept = _PairTable(raws).pairs(list(range(len(raws))))
            scratch = [dataclasses.replace(r, token=None) for r in raws]
            assert kept == _PairTable(scratch).pairs(list(range(len(raws))))
            reused = memo.stats()["link.event_blocks"][0]
    assert reused > 0, "no block was reused"
