"""Figure conflicts look only at the candidates a block-wise sieve lets through: every later
figure of the measure that ``same_moment`` would take must be among them."""

from __future__ import annotations

from datetime import date

import numpy as np

from storyline.model import Quantity
from storyline.synthesize.conflicts import _later_candidates
from storyline.synthesize.tracks import Figure, same_moment
from tests.vectors import Clustered


def test_every_figure_about_the_same_thing_is_a_candidate() -> None:
    vectors = Clustered(7, directions=3, scale=0.8)
    rng = vectors.rng
    figs = []
    for i in range(600):
        v = vectors.vector()
        # a few figures of sentences left unembedded: a vector of another size
        vector = np.zeros(1, np.float32) if i % 50 == 0 else v
        kind, unit, pred = rng.choice([("count", "person", "dead"), ("percent", "percent", "vote")])
        figs.append(
            Figure(
                article=f"a{rng.randrange(40)}",
                sentence=rng.randrange(4),
                text=f"sentence {i}",
                q=Quantity(
                    sentence=0,
                    start=0,
                    end=2,
                    text="12 people",
                    value=rng.choice([0.0, 3.0, 8.0, 12.0, 19.0, 40.0, 300.0]),
                    unit=unit,
                    kind=kind,
                    predicate=pred,
                ),
                vector=vector.astype(np.float32),
                entities=frozenset(rng.sample("ABCDE", rng.randint(0, 2))),
                key=(kind, unit, pred, None),
                day=date(2031, 5, 6),
                when=None,
            )
        )
    later = _later_candidates(figs)
    taken = {
        (i, j)
        for i, a in enumerate(figs)
        for j in range(i + 1, len(figs))
        if figs[j].key == a.key and same_moment(a, figs[j])
    }
    offered = {(i, j) for i, js in enumerate(later) for j in js}
    assert len(taken) > 1000  # the check is not empty
    assert taken <= offered
    assert all(j > i and figs[j].key == figs[i].key for i, j in offered)
    assert len(offered) < len(figs) * (len(figs) - 1) // 4  # and it sieves
