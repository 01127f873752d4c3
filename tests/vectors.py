"""Seeded random sentence vectors for the tests of pair indexes: unit vectors near a few
directions, so that many are alike and the index has real pairs to find."""

from __future__ import annotations

import random

import numpy as np


class Clustered:
    def __init__(self, seed: int, directions: int, scale: float, dim: int = 8) -> None:
        self.rng = random.Random(seed)  # for the test's other random choices
        self._np = np.random.default_rng(seed)
        self._bases = self._np.normal(size=(directions, dim))
        self._scale = scale

    def vector(self) -> np.ndarray:
        """A unit vector near one of the directions."""
        base = self._bases[self.rng.randrange(len(self._bases))]
        v = base + self._np.normal(scale=self._scale, size=len(base))
        return v / np.linalg.norm(v)
