"""Where a story's members fall apart: the splits made after the pass.

A story whose members fall into separate groups splits: the groups its own
nearest-neighbour graph leaves unconnected, then each cut in two where that graph's
sparsest cut (spectral bisection) severs only a small share of the links, as happens
when a story drifts article by article from one subject to a neighbouring one.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import faiss
import numpy as np
from scipy.sparse import csr_matrix, diags
from scipy.sparse.linalg import eigsh

from storyline.link.story_config import DENSE_EIGEN, NEIGHBOURS, Weights

if TYPE_CHECKING:
    from storyline.link.story_stream import _Signal

log = logging.getLogger(__name__)


class _Splitter:
    """The splitting half of :class:`~storyline.link.story_stream.StreamDetector`."""

    w: Weights
    signals: dict[str, _Signal]
    df: Counter[str]  # articles seen per entity
    seen: int

    def _idf(self, entity: str) -> float:
        return math.log((1 + self.seen) / (1 + min(self.df[entity], self.seen))) + 1.0

    def _split(self, members: list[str]) -> list[list[str]]:
        """The groups a story's members fall into: first the parts its nearest-neighbour
        graph leaves unconnected, then each part cut in two, again and again, while the
        best cut of its graph is sparse (see ``_bisect``)."""
        vecs = [self.signals[m].vector for m in members]
        if len(members) < 2 * self.w.split_min or any(v is None for v in vecs):
            return [members]
        mat = np.vstack(vecs)  # type: ignore[arg-type]
        k = min(NEIGHBOURS, len(members) - 1)
        index = faiss.IndexFlatIP(mat.shape[1])  # within one story only, never the archive
        index.add(mat)
        sims, rows = index.search(mat, k + 1)
        parent = list(range(len(members)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        edges: dict[tuple[int, int], float] = {}
        for i in range(len(members)):
            for s, j in zip(sims[i], rows[i], strict=True):
                if j >= 0 and j != i and s >= self.w.split_link:
                    parent[find(i)] = find(int(j))
                    edges[(min(i, int(j)), max(i, int(j)))] = self._link(
                        members[i], members[int(j)], float(s)
                    )
        comps: dict[int, list[int]] = defaultdict(list)
        for i in range(len(members)):
            comps[find(i)].append(i)
        big = [c for c in comps.values() if len(c) >= self.w.split_min]
        if not big:
            return [members]
        todo, done = big, []
        while todo:
            part = todo.pop()
            halves = self._bisect(part, edges)
            if halves is None:
                done.append(part)
            else:
                todo += halves
        big = done
        if len(big) < 2:
            return [members]
        # Small groups go with the big part they are closest to.
        centroids = [mat[c].mean(axis=0) for c in big]
        for c in comps.values():
            if len(c) < self.w.split_min:
                best = int(np.argmax([float(mat[c].mean(axis=0) @ x) for x in centroids]))
                big[best] = big[best] + c
        log.debug("a story of %d articles split into %d", len(members), len(big))
        return [[members[i] for i in sorted(c)] for c in big]

    def _link(self, a: str, b: str, text: float) -> float:
        """How strongly two members of a story are linked: their text similarity, mixed
        with the (idf-weighted) share of key entities they have in common."""
        ea, eb = set(self.signals[a].entities), set(self.signals[b].entities)
        union = sum(self._idf(e) for e in ea | eb)
        shared = sum(self._idf(e) for e in ea & eb) / union if union else 0.0
        w = self.w.split_entities
        return max(0.0, (1 - w) * text + w * shared)

    def _bisect(
        self, part: list[int], edges: dict[tuple[int, int], float]
    ) -> list[list[int]] | None:
        """Cut a group of members in two where its graph is sparsest (spectral bisection:
        the members ordered by the second eigenvector of the normalized graph, the cut of
        least conductance along that order, Shi & Malik 2000), or None when every cut
        leaves a part under ``split_min`` or cuts more than ``split_cut`` of the links of
        the smaller side: a story that moved on from one subject to another, with few
        links between the two, is two stories."""
        n = len(part)
        if n < 2 * self.w.split_min:
            return None
        pos = {m: i for i, m in enumerate(part)}
        links = [(pos[i], pos[j], w) for (i, j), w in edges.items() if i in pos and j in pos]
        rows = [a for a, b, _ in links] + [b for a, b, _ in links]
        cols = [b for a, b, _ in links] + [a for a, b, _ in links]
        weights = [w for _, _, w in links] * 2
        adj = csr_matrix((weights, (rows, cols)), shape=(n, n))  # k nearest: sparse
        degree = np.asarray(adj.sum(axis=1)).ravel()
        if not degree.all():
            return None
        scale = 1.0 / np.sqrt(degree)
        norm = diags(scale) @ adj @ diags(scale)
        if n <= DENSE_EIGEN:
            fiedler = np.linalg.eigh(norm.toarray())[1][:, -2]
        else:
            start = np.linspace(1.0, 2.0, n)  # a fixed start: the same cut every run
            vals, vecs = eigsh(norm, k=2, which="LA", v0=start)
            fiedler = vecs[:, int(np.argmin(vals))]
        order = np.argsort(fiedler * scale, kind="stable")
        inside = np.zeros(n, dtype=bool)
        volume, cut, total = 0.0, 0.0, float(degree.sum())
        best: tuple[float, int] | None = None
        for t, i in enumerate(order[:-1]):
            # Moving i inside removes its links to the inside from the cut, adds the rest.
            lo, hi = adj.indptr[i], adj.indptr[i + 1]
            cut += degree[i] - 2.0 * float(adj.data[lo:hi][inside[adj.indices[lo:hi]]].sum())
            inside[i] = True
            volume += degree[i]
            size = t + 1
            if size < self.w.split_min or n - size < self.w.split_min:
                continue
            conductance = cut / min(volume, total - volume)
            if best is None or conductance < best[0]:
                best = (conductance, size)
        if best is None:
            return None
        log.debug(
            "best cut of %d members: %d | %d, conductance %.3f", n, best[1], n - best[1], best[0]
        )
        if best[0] >= self.w.split_cut:
            return None
        return [[part[i] for i in order[: best[1]]], [part[i] for i in order[best[1] :]]]
