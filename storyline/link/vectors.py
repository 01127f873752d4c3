"""Helpers on the annotation's sentence vectors, shared by the linkers."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotation


def sentence_vectors(annotation: Annotation) -> np.ndarray:
    if not annotation.embedding_dim:
        return np.zeros((len(annotation.sentences), 0), dtype=np.float32)
    return np.frombuffer(annotation.embeddings, dtype=np.float32).reshape(
        -1, annotation.embedding_dim
    )


def article_vector(annotation: Annotation, lede: int = 8) -> np.ndarray:
    """Mean of the first ``lede`` sentence vectors (news puts the story up top), normalized."""
    vecs = sentence_vectors(annotation)[:lede]
    if len(vecs) == 0:
        return np.zeros(annotation.embedding_dim or 1, dtype=np.float32)
    v = vecs.mean(axis=0)
    n = float(np.linalg.norm(v))
    return v / n if n else v
