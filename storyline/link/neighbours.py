"""The nearest neighbours of a story's sentence vectors, kept in blocks from build to build.

Rule: a row's ``k`` nearest rows (inner product, itself among them) are the nearest of
the ``k`` it has in each group of rows. A sentence's group comes from a hash of its
article's id, so that a report lands in the same group whatever the story's order, and
a group's rows are in (article, sentence) order. What one group's rows have nearest in
another group (one matrix product) is kept (``storyline.memo``) under a digest of both
groups' sentences and vectors.
Why: a story that gains a report changes one group; the blocks of the other groups
among themselves are read from the memo, and a build that reuses nothing searches the
same blocks with the same function, so both find exactly the same neighbours.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from storyline.memo import Memo, digest

GROUPS = 16  # more: fewer rows searched again per new report, more blocks to merge


class _Block:
    """What one group's rows have nearest in another group: positions and scores."""

    __slots__ = ("found", "scores")

    def __init__(self, found: np.ndarray, scores: np.ndarray) -> None:
        self.found = found
        self.scores = scores

    def __eq__(self, other: object) -> bool:  # memo.checking compares a hit with a fresh one
        return (
            isinstance(other, _Block)
            and np.array_equal(self.found, other.found)
            and np.array_equal(self.scores, other.scores)
        )

    __hash__ = None  # type: ignore[assignment]


# A block of a 470-report story (about 250 x 16 neighbours) holds ~32 kB; a story holds
# GROUPS ** 2 blocks, and each new report adds 2 * GROUPS - 1: 2,000 blocks is ~64 MB.
_BLOCKS: Memo[_Block] = Memo("link.neighbour_blocks", size=2000)


@functools.lru_cache(maxsize=65536)
def _group(article: str) -> int:
    return int.from_bytes(hashlib.blake2b(article.encode(), digest_size=4).digest()) % GROUPS


def nearest(
    mat: np.ndarray, keys: Sequence[tuple[str, int]], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``mat`` (float32, one per sentence ``keys[i]`` = (article,
    sentence)), the ``min(k, len(mat))`` rows with the largest inner product with it
    (indices into ``mat``, in no order) and those products."""
    n = len(mat)
    k = min(k, n)
    members: dict[int, list[int]] = defaultdict(list)
    for i in sorted(range(n), key=keys.__getitem__):
        members[_group(keys[i][0])].append(i)
    groups = sorted(members)
    rows = {g: np.array(members[g]) for g in groups}
    vectors = {g: np.ascontiguousarray(mat[rows[g]], dtype=np.float32) for g in groups}
    digests = {
        g: digest([keys[i] for i in members[g]], vectors[g].shape, vectors[g].tobytes())
        for g in groups
    }
    found = np.empty((n, k), dtype=np.int64)
    scores = np.empty((n, k), dtype=np.float32)
    for r in groups:
        blocks = [
            _BLOCKS.get(
                (digests[r], digests[c], k),
                functools.partial(_search, vectors[r], vectors[c], k),
            )
            for c in groups
        ]
        near = np.hstack([rows[c][b.found] for c, b in zip(groups, blocks, strict=True)])
        score = np.hstack([b.scores for b in blocks])
        if near.shape[1] > k:
            top = np.argpartition(-score, k - 1, axis=1)[:, :k]
            near = np.take_along_axis(near, top, axis=1)
            score = np.take_along_axis(score, top, axis=1)
        found[rows[r]] = near
        scores[rows[r]] = score
    return found, scores


def _search(queries: np.ndarray, base: np.ndarray, k: int) -> _Block:
    """Each query's ``k`` best rows of ``base``: one matrix product per block, the same
    whether the block is searched in a build from scratch or in one that reuses the rest
    (a faiss index per block costs more than the product: thousands of small searches)."""
    scores = queries @ base.T
    if scores.shape[1] <= k:
        found = np.broadcast_to(np.arange(scores.shape[1], dtype=np.int32), scores.shape)
        return _Block(found.copy(), scores)
    found = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    return _Block(found.astype(np.int32), np.take_along_axis(scores, found, axis=1))
