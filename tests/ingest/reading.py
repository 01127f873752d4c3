"""Reading one input the way `storyline ingest` does, for the ingest tests."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import read_inputs
from storyline.model import Rejection


def rejection_of(path: Path) -> Rejection:
    """What ingest says of an input it must reject: one rejection and nothing else."""
    (item,) = list(read_inputs([path]))
    assert isinstance(item, Rejection), item
    return item
