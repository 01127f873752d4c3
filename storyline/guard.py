"""Fault isolation: one article or story that a stage raises on never sinks the run.

The engine calls a stage per article (annotate, in chunks) or per story (link,
synthesize, render); an exception there is caught at that boundary and turned
into a ``Failure`` record (what, which stage, the exception's class and message),
which the engine stores and reports, and the run goes on with the rest.

Not caught: errors that are about the setup rather than one record (a missing
model, a bad setting, a store that cannot be written: ``FATAL``), and anything
that is not an ``Exception`` (Ctrl-C, SystemExit). ``strict`` re-raises the
original exception wherever a failure would be recorded, for development.

``annotate_guarded`` is what a worker (process pool, Dask) runs for one chunk:
when the chunk raises, its articles are annotated again one by one, so that the
good articles of the chunk are kept and only the culprits are failures. A chunk
that runs past its time (``deadline``: a parser loop on one odd sentence once
stalled a whole build) is treated the same way, each article then under its own
``article_seconds``.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from storyline.errors import AnnotateTimeout, ConfigError, ModelUnavailableError, StoreError
from storyline.model import Annotation, Article, Failure, FailureStage

if TYPE_CHECKING:
    from storyline.annotate.budget import Budget

log = logging.getLogger(__name__)

# Errors about the setup, not about one record: every record would fail the same way,
# so they stop the run with their message (and its fix) instead of failing each record.
FATAL: tuple[type[Exception], ...] = (ConfigError, ModelUnavailableError, StoreError)

# A failure's reason is one line of at most this many characters (some messages
# quote a whole text).
REASON_CHARS = 400

_STAGES: dict[str, FailureStage] = {
    "storyline.annotate": "annotate",
    "storyline.link": "link",
    "storyline.synthesize": "synthesize",
    "storyline.render": "render",
}

# A chunk may take article_seconds plus this much per article before it is given up and
# its articles are annotated one by one (an article takes well under a second to annotate).
CHUNK_SECONDS_PER_ARTICLE = 5.0

AnnotateChunk = Callable[[Sequence[Article], str, "Budget | None"], list[Annotation]]


def isolated(exc: BaseException, strict: bool) -> bool:
    """Whether ``exc``, raised on one record, is recorded as that record's failure
    (True) or must stop the run (False: strict mode, a setup error, Ctrl-C)."""
    return not strict and isinstance(exc, Exception) and not isinstance(exc, FATAL)


def failure(
    kind: Literal["article", "story"],
    record_id: str,
    stage: FailureStage,
    exc: BaseException,
    path: str | None = None,
    version: str | None = None,
) -> Failure:
    """The record of ``exc`` raised by ``stage`` on one article or story."""
    reason = re.sub(r"\s+", " ", str(exc)).strip() or "(no message)"
    if len(reason) > REASON_CHARS:
        reason = reason[: REASON_CHARS - 1] + "…"
    return Failure(
        kind=kind,
        id=record_id,
        stage=stage,
        error=type(exc).__name__,
        reason=reason,
        path=path,
        version=version,
        at=datetime.now(UTC).isoformat(timespec="milliseconds"),
    )


def stage_of(exc: BaseException, default: FailureStage) -> FailureStage:
    """The stage the engine had called when ``exc`` was raised: the outermost frame of
    the traceback that runs in a stage's package; ``default`` if none does."""
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        module = frame.f_globals.get("__name__", "")
        for package, stage in _STAGES.items():
            if module == package or module.startswith(package + "."):
                return stage
    return default


def annotate_guarded(
    articles: Sequence[Article],
    annotate_chunk: AnnotateChunk,
    embedder: str,
    budget: Budget | None,
    version: str,
    strict: bool = False,
    seconds: float = 0.0,
) -> tuple[list[Annotation], list[Failure]]:
    """Annotate a chunk; when it raises or runs out of time, each of its articles alone.

    Returns the annotations made and a ``Failure`` for each article that raised (or
    took more than ``seconds``, when not 0) on its own. ``annotate_chunk`` is the stage
    function (a module-level function, so that it reaches a worker process by name).
    """
    articles = list(articles)
    try:
        with deadline(_chunk_seconds(seconds, len(articles))):
            return annotate_chunk(articles, embedder, budget), []
    except Exception as exc:
        if not isolated(exc, strict):
            raise
        if len(articles) == 1:
            return [], [_failed(articles[0], exc, version)]
        log.info("a chunk of %d articles raised %r; annotating them one by one", len(articles), exc)
    done: list[Annotation] = []
    failed: list[Failure] = []
    for article in articles:
        try:
            with deadline(seconds):
                done.extend(annotate_chunk([article], embedder, budget))
        except Exception as exc:
            if not isolated(exc, strict):
                raise
            failed.append(_failed(article, exc, version))
    return done, failed


@dataclass(frozen=True)
class GuardedAnnotate:
    """``annotate_guarded`` with its settings bound: what the engine sends to a worker
    for each chunk (picklable; Dask names its tasks after ``__name__``)."""

    annotate_chunk: AnnotateChunk
    embedder: str
    budget: Budget | None
    version: str
    strict: bool = False
    seconds: float = 0.0
    __name__ = "annotate_chunk"

    def __call__(self, articles: Sequence[Article]) -> tuple[list[Annotation], list[Failure]]:
        return annotate_guarded(
            articles,
            self.annotate_chunk,
            self.embedder,
            self.budget,
            self.version,
            self.strict,
            self.seconds,
        )


def _chunk_seconds(seconds: float, articles: int) -> float:
    return seconds + CHUNK_SECONDS_PER_ARTICLE * articles if seconds > 0 else 0.0


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``AnnotateTimeout`` in the code run inside if it takes more than ``seconds``.

    Written with the standard library's interval timer rather than a timeout package:
    those run the work in another thread (which cannot be stopped, so a looping parser
    would go on burning a core) or another process (which would have to load the models
    again). The timer interrupts pure-Python loops, where the annotator's own code
    loops; it needs SIGALRM and the main thread (a local run, a process-pool worker),
    and is left off elsewhere (a Dask thread, Windows), and when ``seconds`` is 0 or
    another timer is already running.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise AnnotateTimeout(
            f"annotating took longer than {seconds:g} s, so it was stopped (setting "
            "'article_seconds'): the annotator may loop on one of the article's sentences; "
            "raise the setting if the machine is only slow"
        )

    previous = signal.signal(signal.SIGALRM, ring)
    # It rings again each second after the first: code that catches every exception
    # inside (a recognizer's fallback) cannot swallow the stop for good.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _failed(article: Article, exc: BaseException, version: str) -> Failure:
    log.warning("article %s (%s) failed at annotate: %r", article.id, article.path, exc)
    return failure("article", article.id, "annotate", exc, path=article.path, version=version)


def failure_text(f: Failure) -> str:
    """One line for the user, as for a rejected input: where, the stage, the exception."""
    return f"{failure_where(f)}: failed at {f.stage}: {f.error}: {f.reason}"


def failure_where(f: Failure) -> str:
    if f.kind == "story":
        return "story detection" if f.id == ALL_STORIES else f"story {f.id}"
    return f"{f.path} (article {f.id})" if f.path else f"article {f.id}"


# The id of the failure of story detection as a whole (not one story's)
ALL_STORIES = "*"

__all__ = [
    "ALL_STORIES",
    "FATAL",
    "GuardedAnnotate",
    "annotate_guarded",
    "deadline",
    "failure",
    "failure_text",
    "failure_where",
    "isolated",
    "stage_of",
]
