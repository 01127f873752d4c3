"""Claims: the same fact told by several sentences across the story's articles.

Sentences are grouped by meaning: each sentence's nearest neighbours in other
articles (faiss inner-product search over the MiniLM vectors, so the cost is
k-nearest-neighbour, not all pairs) join its group when their similarity passes
the threshold and they are also close to the group's first sentence, which keeps
groups from chaining. A claim's text is its most central sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import faiss
import numpy as np

from storyline.model import Annotation, Claim, Evidence

MIN_WORDS = 6
NEIGHBOURS = 16


def _is_candidate(text: str) -> bool:
    words = text.split()
    return len(words) >= MIN_WORDS and text[-1:] in ".!?\"”'’)"


def find_claims(
    annotations: Sequence[Annotation],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str | None],
    threshold: float = 0.72,
) -> list[Claim]:
    """Group sentences into claims.

    ``source_of(article_id)`` gives the independent source an article counts as (its
    agency, or the article it copies); ``outlet_of`` the outlet that published it.
    """
    keys: list[tuple[str, int, str]] = []
    rows: list[np.ndarray] = []
    for ann in annotations:
        vecs = ann.vectors()
        for s in ann.sentences:
            if _is_candidate(s.text) and vecs.shape[1]:
                keys.append((ann.article, s.index, s.text))
                rows.append(vecs[s.index])
    if not keys:
        return []
    mat = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)
    index = faiss.IndexFlatIP(mat.shape[1])
    index.add(mat)
    k = min(NEIGHBOURS, len(keys))
    sims, nbrs = index.search(mat, k)

    group = [-1] * len(keys)
    groups: list[list[int]] = []
    for i in range(len(keys)):
        if group[i] == -1:
            group[i] = len(groups)
            groups.append([i])
        g = group[i]
        leader = groups[g][0]
        for sim, j in zip(sims[i], nbrs[i], strict=True):
            if j < 0 or j == i or sim < threshold or group[j] != -1:
                continue
            if keys[j][0] == keys[i][0]:
                continue  # one article repeating itself is not corroboration
            if float(mat[leader] @ mat[j]) < threshold:
                continue
            if any(keys[m][0] == keys[j][0] for m in groups[g]):
                continue  # one sentence per article in a claim
            group[j] = g
            groups[g].append(j)

    claims = []
    for members in groups:
        centroid = mat[members].mean(axis=0)
        rep = max(members, key=lambda m: (float(mat[m] @ centroid), -m))
        members.sort(key=lambda m: (keys[m][0], keys[m][1]))
        evidence = [
            Evidence(article=keys[m][0], sentence=keys[m][1], text=keys[m][2]) for m in members
        ]
        arts = [e.article for e in evidence]
        outlets = sorted({outlet_of(a) or f"(unknown outlet: {a})" for a in arts})
        independent = sorted({source_of(a) for a in arts})
        text = keys[rep][2]
        cid = "c-" + hashlib.sha1(f"{keys[rep][0]}:{text}".encode()).hexdigest()[:10]
        claims.append(
            Claim(
                id=cid,
                text=text,
                evidence=evidence,
                outlets=outlets,
                independent_outlets=independent,
            )
        )
    claims.sort(key=lambda c: (-len(c.independent_outlets), -len(c.evidence), c.id))
    return claims
