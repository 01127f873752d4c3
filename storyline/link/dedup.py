"""Near-duplicates and wire copies: MinHash LSH over word shingles (datasketch).

Two articles whose word 5-shingle sets have an estimated Jaccard similarity at
or above the threshold are copies of one text (an agency story republished, a
lightly edited re-run). The later one, or the one with the larger id on a tie,
points at the earlier one.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from storyline.model import Article, Duplicate

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


@functools.lru_cache(maxsize=8192)
def _minhash(text: str) -> MinHash:
    """The text's MinHash, kept per process: rebuilding a story hashes its articles again.

    CRC-32 stands for datasketch's default SHA-1 as the shingle hash: MinHash only
    needs a well-spread 32-bit value before its own permutations, and SHA-1 was
    most of the time of linking a story's duplicates.
    """
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
    m.update_batch(g.encode("utf-8") for g in grams)
    return m


@functools.lru_cache(maxsize=16)
def _bands(threshold: float) -> tuple[int, int]:
    """The LSH bands and rows datasketch finds best for ``threshold``, found once per
    process: the search integrates the collision curve numerically, which took more
    time than hashing a story's articles."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


JACCARD = 0.8  # MinHash Jaccard over word 5-shingles from which two texts are one copy


def find_duplicates(articles: Sequence[Article], threshold: float | None = None) -> list[Duplicate]:
    """One ``Duplicate`` per article that copies an earlier one."""
    threshold = JACCARD if threshold is None else threshold
    ordered = sorted(articles, key=lambda a: (a.published.date or "9999", a.id))
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(threshold))
    hashes: dict[str, MinHash] = {}
    out: list[Duplicate] = []
    for article in ordered:
        mh = _minhash(article.text)
        candidates = [c for c in lsh.query(mh) if c in hashes]
        best = max(candidates, key=lambda c: (hashes[c].jaccard(mh), c), default=None)
        if best is not None and hashes[best].jaccard(mh) >= threshold:
            origin = best
            # point at the first copy, not at a copy of a copy
            for d in out:
                if d.article == best:
                    origin = d.duplicate_of
            shared_credit = set(article.credits) & {
                c for a in ordered if a.id == origin for c in a.credits
            }
            out.append(
                Duplicate(
                    article=article.id,
                    duplicate_of=origin,
                    similarity=round(float(hashes[best].jaccard(mh)), 3),
                    reason="same agency copy" if shared_credit else "near-duplicate",
                )
            )
        else:
            lsh.insert(article.id, mh)
        hashes[article.id] = mh
    return out
