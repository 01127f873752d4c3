"""The cyclic garbage collector, kept out of the way of one story's build."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while one story is built.

    A full pass of the collector visits every live object, and a story of hundreds of
    reports holds millions (its decoded annotations): on a 320-report story the passes
    that fell within one rebuild took 0.5-0.65 s of its 1.9-2.1 s
    (docs/experiments.md, "Live updates"). Reference counting still frees what a build
    drops; only cyclic garbage waits, bounded by one story's build, until the collector
    runs again after it. A caller that paused the collector itself keeps it paused.
    """
    paused_here = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused_here:
            gc.enable()
