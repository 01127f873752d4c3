"""The article-level vector the linkers compare stories and dates by."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotation


def article_vector(annotation: Annotation, lede: int = 8) -> np.ndarray:
    """Mean of the first ``lede`` sentence vectors (news puts the story up top), normalized."""
    vecs = annotation.vectors()[:lede]
    if len(vecs) == 0:
        return np.zeros(annotation.embedding_dim or 1, dtype=np.float32)
    v = vecs.mean(axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n else v
