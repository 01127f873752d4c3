"""Figure conflicts look only at the candidates a block-wise sieve lets through: every later
figure of the unit that ``_same_topic`` would take must be among them."""

from __future__ import annotations

import random

import numpy as np

from storyline.model import Quantity
from storyline.synthesize.conflicts import _Fig, _later_candidates, _same_topic


def test_every_figure_about_the_same_thing_is_a_candidate() -> None:
    rng = random.Random(7)
    np_rng = np.random.default_rng(7)
    bases = np_rng.normal(size=(3, 8))
    figs = []
    for i in range(600):
        v = bases[rng.randrange(3)] + np_rng.normal(scale=0.8, size=8)
        # a few figures of sentences left unembedded: a vector of another size
        vector = np.zeros(1, np.float32) if i % 50 == 0 else (v / np.linalg.norm(v))
        figs.append(
            _Fig(
                article=f"a{rng.randrange(40)}",
                sentence=rng.randrange(4),
                text=f"sentence {i}",
                q=Quantity(
                    sentence=0,
                    start=0,
                    end=2,
                    text="12",
                    value=rng.choice([0.0, 3.0, 8.0, 12.0, 19.0, 40.0, 300.0]),
                    unit=rng.choice(["person", "percent"]),
                ),
                vector=vector.astype(np.float32),
                entities=frozenset(rng.sample("ABCDE", rng.randint(0, 2))),
            )
        )
    later = _later_candidates(figs)
    taken = {
        (i, j)
        for i, a in enumerate(figs)
        for j in range(i + 1, len(figs))
        if figs[j].q.unit == a.q.unit and _same_topic(a, figs[j])
    }
    offered = {(i, j) for i, js in enumerate(later) for j in js}
    assert len(taken) > 1000  # the check is not empty
    assert taken <= offered
    assert all(j > i and figs[j].q.unit == figs[i].q.unit for i, j in offered)
    assert len(offered) < len(figs) * (len(figs) - 1) // 4  # and it sieves
