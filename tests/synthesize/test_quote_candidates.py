"""The quote index finds every earlier quote a quote may be one with, as a full scan does."""

from __future__ import annotations

import random

from storyline.synthesize.quotes import _Candidates, _same


def test_the_index_misses_no_pair_a_full_scan_would_join() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)]
    # Skewed word frequencies, and sets of every size, parts of others among them.
    weights = [1 / (1 + i) for i in range(len(vocabulary))]
    told: list[set[str]] = []
    for _ in range(400):
        if told and rng.random() < 0.3:
            base = sorted(rng.choice(told))
            told.append(set(rng.sample(base, max(1, len(base) - rng.randint(0, 3)))))
        else:
            told.append(set(rng.choices(vocabulary, weights, k=rng.randint(1, 14))))
    index = _Candidates(told)
    joined = 0
    for i, words in enumerate(told):
        candidates = set(index.of(words))
        for j in range(i):
            if _same(words, told[j]):
                joined += 1
                assert j in candidates, (sorted(words), sorted(told[j]))
        index.add(i, words)
    assert joined > 100  # the sets do overlap: the check above was exercised
    # and the index is a filter, not every earlier set
    assert len(index.of({"w59"})) < len(told) / 4
