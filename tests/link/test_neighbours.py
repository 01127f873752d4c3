"""The nearest neighbours of a story's sentences, searched in blocks kept from build to
build: a growing story finds the neighbours a search that reuses nothing finds, and those
are the rows a search over every pair ranks first."""

from __future__ import annotations

import numpy as np

from storyline import memo
from storyline.link.neighbours import nearest
from tests.vectors import Clustered


def test_a_growing_story_finds_the_neighbours_a_search_from_scratch_finds() -> None:
    made = Clustered(11, directions=5, scale=0.7, dim=16)
    rng = made.rng
    vectors: dict[tuple[str, int], np.ndarray] = {}
    keys: list[tuple[str, int]] = []
    reused = 0
    memo.clear_all()
    with memo.checking():  # every block taken from the memo is searched again and compared
        for n in range(60):
            article = f"report-{n}"
            new = [(article, s) for s in range(rng.randint(1, 5))]
            for key in new:
                vectors[key] = made.vector()
            at = rng.randrange(len(keys) + 1)  # reports come in any order
            keys[at:at] = new
            mat = np.vstack([vectors[k] for k in keys]).astype(np.float32)
            kept = nearest(mat, keys, 6)  # the blocks of the story before it, mostly
            reused += memo.stats()["link.neighbour_blocks"][0]
            memo.clear_all()
            scratch = nearest(mat, keys, 6)  # (and the memo holds this story's blocks)
            assert np.array_equal(kept[0], scratch[0])
            assert np.array_equal(kept[1], scratch[1])
    assert reused > 0, "no block was reused"


def test_the_neighbours_are_the_best_rows_over_every_pair() -> None:
    made = Clustered(3, directions=4, scale=0.9, dim=12)
    keys = [(f"a{i // 3}", i % 3) for i in range(200)]
    mat = np.vstack([made.vector() for _ in keys]).astype(np.float32)
    found, scores = nearest(mat, keys, 8)
    full = mat @ mat.T
    for row in range(len(keys)):
        best = np.sort(full[row])[::-1][:8]
        assert np.allclose(np.sort(scores[row])[::-1], best, atol=1e-5)
        assert np.allclose(full[row, found[row]], scores[row], atol=1e-5)
    small = nearest(mat[:5], keys[:5], 8)  # fewer rows than neighbours asked: all of them
    assert sorted(small[0][0]) == [0, 1, 2, 3, 4]
