"""Where the per-article work of stage 2 runs: an executor, chosen by name.

    local     in this process, one chunk after another (the default)
    process   a local process pool (:func:`process_map`); in this process for one chunk
    dask      a Dask cluster (:func:`dask_map`), even for one chunk: a forced mode
              never falls back

Each is an :class:`Executor`: ``map(run, chunks)`` yields each chunk's annotations and
failures, for the engine to commit as they come. :func:`executor_for` picks one by
the ``executor`` setting; an unknown name is a ConfigError listing the known ones.

``--executor dask`` maps a stage function over chunks of articles on a Dask
cluster: an existing one (``--scheduler tcp://host:8786``) or, without an
address, a ``LocalCluster`` of ``workers`` single-threaded processes on this
machine. Workers import storyline themselves (it must be installed in the worker
image) and keep loaded models in a module-level cache, so each worker process
loads them once. ``distributed`` is an optional extra, imported only here; a
forced Dask run that cannot start fails with the fix and never falls back to
running in-process.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from storyline.errors import EXTRAS, ConfigError, MissingExtraError
from storyline.guard import GuardedAnnotate, failure
from storyline.model import Annotation, Article, Failure

if TYPE_CHECKING:
    from storyline.settings import Settings

log = logging.getLogger(__name__)

INSTALL = EXTRAS["dask"]

T = TypeVar("T")

# How long to try reaching an existing scheduler before giving up.
CONNECT_TIMEOUT = "20s"

# Chunks in flight per worker thread: enough to keep workers busy while results
# stream back, few enough that a large archive is not all in memory at once.
_IN_FLIGHT_PER_THREAD = 2
# One stage call at a time per worker process: the spaCy pipeline and the model
# cache are not documented as thread-safe, so extra threads in a worker only wait.
_STAGE_LOCK = threading.Lock()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError(
            "dask",
            "executor 'dask' needs Dask's distributed scheduler",
            "choose --executor local or process",
        ) from exc
    return distributed


def _call(func: Callable[..., T], *args: Any) -> T:
    """What a worker runs for one chunk."""
    with _STAGE_LOCK:
        return func(*args)


@contextmanager
def dask_client(settings: Settings) -> Iterator[Any]:
    """A ``distributed.Client``: to ``settings.scheduler``, or to a fresh LocalCluster."""
    distributed = _distributed()
    if settings.scheduler:
        try:
            client = distributed.Client(settings.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {settings.scheduler!r}: {exc}; check the "
                "address (tcp://host:8786) and that the scheduler runs, or leave out --scheduler "
                "to start a local cluster"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = distributed.LocalCluster(
        n_workers=settings.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never collide with another cluster's 8787
        silence_logs=logging.ERROR,
    )
    try:
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def dask_map(
    func: Callable[..., T],
    chunks: Iterable[Any],
    settings: Settings,
    *args: Any,
) -> Iterator[T]:
    """``func(chunk, *args)`` for every chunk on Dask, yielded as each finishes.

    ``chunks`` is consumed lazily, a few chunks per worker thread ahead of the
    results, so the caller can commit each result as it arrives.
    """
    distributed = _distributed()
    with dask_client(settings) as client:
        threads = sum(client.nthreads().values())
        if threads == 0:
            raise ConfigError(
                f"the Dask cluster at {settings.scheduler!r} has no workers; start some with "
                "`dask worker ADDRESS` (storyline must be installed where they run)"
            )
        log.info("annotating on Dask: %d worker thread(s) at %s", threads, client.scheduler.address)
        pending = iter(chunks)
        name = getattr(func, "__name__", "chunk")

        def submit(chunk: Any) -> Any:
            return client.submit(_call, func, chunk, *args, key=f"{name}-{_token()}", pure=False)

        first = [submit(c) for c in islice(pending, threads * _IN_FLIGHT_PER_THREAD)]
        running = distributed.as_completed(first)
        for future in running:
            yield future.result()  # a worker's exception is raised here, with its traceback
            future.release()
            following = next(pending, None)
            if following is not None:
                running.add(submit(following))


def process_map(
    chunks: list[list[Article]],
    guarded: Callable[[list[Article]], tuple[list[Annotation], list[Failure]]],
    settings: Settings,
    version: str,
) -> Iterator[tuple[list[Annotation], list[Failure]]]:
    """Annotate ``chunks`` in a process pool: each chunk's annotations and failures.

    A worker that dies (a crash in native code, the memory killer) breaks the pool
    and every chunk still running in it. Those chunks are run again in a new pool
    one at a time, so that a crash now names its chunk; a chunk that crashes alone
    is run article by article, and an article that crashes alone is its failure.
    """
    from storyline.annotate.embed import set_threads

    ctx = get_context("spawn")  # onnxruntime and spaCy threads do not survive fork
    threads = max(1, (os.cpu_count() or 1) // settings.workers)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            settings.workers, mp_context=ctx, initializer=set_threads, initargs=(threads,)
        )

    pool = new_pool()
    try:
        futures = [pool.submit(guarded, c) for c in chunks]
        suspects: deque[list[Article]] = deque()
        for chunk, fut in zip(chunks, futures, strict=True):
            try:
                yield fut.result()
            except BrokenProcessPool:
                if settings.strict:
                    raise
                suspects.append(chunk)
        if suspects:
            log.warning("a worker process died; %d chunk(s) run again one by one", len(suspects))
        broken = bool(suspects)
        while suspects:
            chunk = suspects.popleft()
            if broken:
                pool.shutdown(cancel_futures=True)
                pool, broken = new_pool(), False
            try:
                yield pool.submit(guarded, chunk).result()
            except BrokenProcessPool as exc:
                broken = True
                if len(chunk) > 1:
                    suspects.extendleft([a] for a in reversed(chunk))
                    continue
                article = chunk[0]
                log.warning("article %s (%s) crashed its worker process", article.id, article.path)
                crash = BrokenProcessPool(f"the worker process annotating it died ({exc})")
                yield [], [failure("article", article.id, "annotate", crash, article.path, version)]
    finally:
        pool.shutdown(cancel_futures=True)


Results = Iterator[tuple[list[Annotation], list[Failure]]]


class Executor(Protocol):
    """Runs ``run`` (stage 2 for one chunk, with its failures isolated) over ``chunks``
    and yields each chunk's result as it is done."""

    def map(self, run: GuardedAnnotate, chunks: Iterable[list[Article]]) -> Results: ...


class LocalExecutor:
    """In this process, one chunk after another; each chunk is read when its turn comes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map(self, run: GuardedAnnotate, chunks: Iterable[list[Article]]) -> Results:
        for chunk in chunks:
            yield run(chunk)


class ProcessExecutor:
    """A local pool of ``workers`` processes; a single chunk runs in this process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map(self, run: GuardedAnnotate, chunks: Iterable[list[Article]]) -> Results:
        chunks = list(chunks)
        if len(chunks) > 1:
            yield from process_map(chunks, run, self.settings, run.version)
        else:
            yield from LocalExecutor(self.settings).map(run, chunks)


class DaskExecutor:
    """A Dask cluster: ``scheduler``'s, or a local one of ``workers`` processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map(self, run: GuardedAnnotate, chunks: Iterable[list[Article]]) -> Results:
        yield from dask_map(run, chunks, self.settings)


# The executors by the name the ``executor`` setting (``--executor``) gives.
EXECUTORS: dict[str, Callable[[Settings], Executor]] = {
    "local": LocalExecutor,
    "process": ProcessExecutor,
    "dask": DaskExecutor,
}


def executor_for(settings: Settings) -> Executor:
    """The executor the settings name; an unknown name is a ConfigError."""
    make = EXECUTORS.get(settings.executor)
    if make is None:
        raise ConfigError(
            f"setting 'executor' is {settings.executor!r}; it must be one of "
            f"{', '.join(repr(n) for n in EXECUTORS)}"
        )
    return make(settings)


def _token() -> str:
    import uuid

    return uuid.uuid4().hex


__all__ = [
    "EXECUTORS",
    "INSTALL",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "ProcessExecutor",
    "dask_client",
    "dask_map",
    "executor_for",
    "process_map",
]
