"""The attribution ledger counts the shared words of all pairs of quotes with matrix
products instead of comparing them pair by pair: it must find exactly the pairs that
``same_words`` finds."""

from __future__ import annotations

import random

from storyline.synthesize.attribution import _BLOCK, _same_pairs
from storyline.synthesize.quotes import same_words


def test_the_pairs_with_the_same_words_are_exactly_those_of_same_words() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(40)]
    words = [set(rng.sample(vocab, rng.randint(3, 14))) for _ in range(300)]
    # Planted near-copies: a quote with a few words dropped or added.
    for i in range(0, 300, 7):
        copy = set(words[i])
        copy -= set(rng.sample(sorted(copy), len(copy) // 4))
        copy |= set(rng.sample(vocab, 2))
        words.append(copy)
    assert len(words) > _BLOCK  # more than one block of rows
    found = _same_pairs(words)
    same = {
        (i, j)
        for i in range(len(words))
        for j in range(i + 1, len(words))
        if same_words(words[i], words[j])
    }
    assert len(same) > 100  # the check is not empty
    assert len(found) == len(set(found))
    assert set(found) == same
