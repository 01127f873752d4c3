"""The merge test of dated sentences, taken date by date in blocks, must pair exactly the
sentences a pair-by-pair reading of the rule pairs."""

from __future__ import annotations

import itertools

import numpy as np

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
