"""A stand-in annotator for the fault-isolation tests that fails on marked articles.

It lives in a module of its own, not in a test, so that a process pool started
with "spawn" finds it by name in its worker processes: the engine sends the
annotate function to the workers, and this one reaches them as
``tests.isolation_hooks.annotate_chunk``. Articles without a marker are annotated
by the real annotator.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Sequence

from storyline.annotate import annotate_chunk as real_annotate_chunk
from storyline.model import Annotation, Article

RAISE = "Quillborrow"  # an article whose text holds this word makes the annotator raise
CRASH = "Vexmoorland"  # ... and this one kills the worker process that annotates it
HANG = "Loopwick"  # ... and this one makes it loop for ever, as a parser climb once did

# Ids of the articles each call was given, in this process (the parent, for "local")
CALLS: list[list[str]] = []


def annotate_chunk(
    articles: Sequence[Article], embedder: str = "minilm-int8", budget: object = None
) -> list[Annotation]:
    articles = list(articles)
    CALLS.append([a.id for a in articles])
    if any(CRASH in a.text for a in articles):
        if multiprocessing.parent_process() is None:
            raise RuntimeError("the crash marker is meant for a worker process, not the tests")
        os._exit(70)  # a hard crash: no exception, no cleanup, as a segfault would be
    if any(RAISE in a.text for a in articles):
        raise KeyError("1998")  # what annotate/quantities raised on a flattened chronology
    if any(HANG in a.text for a in articles):
        # The interpreter's own loop: only the deadline's signal ends it. Careless code
        # swallows the first stop and loops on: the timer must ring again.
        with contextlib.suppress(Exception):
            while True:
                sum(range(1000))
        while True:
            sum(range(1000))
    return real_annotate_chunk(articles, embedder, budget)  # type: ignore[arg-type]
