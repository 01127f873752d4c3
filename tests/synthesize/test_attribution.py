"""The attribution ledger looks up candidate pairs in a word index instead of comparing
every pair of quotes: it must still find every pair that tells the same words."""

from __future__ import annotations

import random

from storyline.synthesize.attribution import _candidates
from storyline.synthesize.quotes import same_words


def test_every_pair_with_the_same_words_is_a_candidate() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(40)]
    words = [set(rng.sample(vocab, rng.randint(3, 14))) for _ in range(300)]
    # Planted near-copies: a quote with a few words dropped or added.
    for i in range(0, 300, 7):
        copy = set(words[i])
        copy -= set(rng.sample(sorted(copy), len(copy) // 4))
        copy |= set(rng.sample(vocab, 2))
        words.append(copy)
    found = set(_candidates(words))
    same = {
        (i, j)
        for i in range(len(words))
        for j in range(i + 1, len(words))
        if same_words(words[i], words[j])
    }
    assert len(same) > 100  # the check is not empty
    assert same <= found
    assert len(found) < len(words) * (len(words) - 1) // 2  # and it is not all pairs
