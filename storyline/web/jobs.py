"""Background processing of uploaded articles, one job at a time.

A job owns a private temporary folder holding the uploaded files under names we
chose (``001.txt``); the names the user gave are kept only for messages, cleaned
of any folder part.  The worker thread ingests each file with ``engine.ingest``,
then calls ``engine.update`` as ``storyline ingest`` does and builds the stories it
reports changed as ``storyline build`` does (``engine.build_isolated``), with its own
store connection; what changed in each story is the dossier's own ``changes``.

Each file is ingested on its own, so a file the reader raises on is reported as
failed (with the stage and the reason) and the other files of the job still go in;
each file's outcome is listed: added (with the article id), unchanged, rejected
(with the reason and line), or failed at a stage (from ``IngestReport.failures``,
matched to the file by the failure's path or article id).  A story whose rebuild
raises keeps its previous dossier and is reported; any other exception ends the
job as failed with a reason, and the runner goes on with the next job.  Nothing a
job reports names a server path.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import msgspec

from storyline import engine
from storyline.errors import NotFoundError, StorylineError
from storyline.model import Failure, Story
from storyline.settings import Settings
from storyline.store import Store, open_store
from storyline.web.outcomes import (
    Job,
    Outcome,
    Problem,
    clip,
    reason_of,
)
from storyline.web.public import file_name, readable_size, scrub

log = logging.getLogger(__name__)
T = TypeVar("T")


class _JobProgress:
    """The engine's Progress protocol, written into the job the page polls."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def start(self, task: str, total: int | None) -> None:
        self.job.stage, self.job.done, self.job.total = task, 0, total

    def advance(self, n: int = 1) -> None:
        self.job.done += n

    def finish(self) -> None:
        pass


class JobRunner:
    """Queues jobs and runs them on one worker thread (the store has one writer)."""

    def __init__(
        self, settings: Settings, on_change: Callable[[], None] | None = None, keep: int = 200
    ) -> None:
        self.settings = settings
        self.on_change = on_change or (lambda: None)
        self.keep = keep
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-job")
        self._tmp: Path | None = None  # made on the first upload

    def new_folder(self) -> tuple[str, Path]:
        job_id = uuid.uuid4().hex[:12]
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="storyline-uploads-"))
        folder = self._tmp / job_id
        folder.mkdir()
        return job_id, folder

    def submit(
        self,
        job_id: str,
        folder: Path,
        names: dict[str, str],
        skipped: dict[str, list[tuple[int, str]]] | None = None,
    ) -> Job:
        """Queue the files in ``folder``; ``names`` maps our file names to the user's.

        ``skipped`` lists, by our file name, the lines already refused (and blanked)
        with their reasons: they are reported as rejected lines of that file.
        """
        job = Job(id=job_id, files=list(names.values()))
        with self._lock:
            self.jobs[job.id] = job
            if len(self.jobs) > self.keep:
                for old in sorted(self.jobs.values(), key=lambda j: j.created)[: -self.keep]:
                    if old.state in ("done", "failed"):
                        del self.jobs[old.id]
        self._pool.submit(self._run, job, _Upload(folder, names, skipped or {}))
        return job

    def call(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` on the job thread, after the jobs queued before it (one writer)."""
        return self._pool.submit(fn)

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}")
        return job

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self, job: Job, upload: _Upload) -> None:
        job.state = "running"
        try:
            self._process(job, upload)
            job.state = "done"
            job.stage = "done"
        except StorylineError as exc:
            job.state, job.error = "failed", f"stopped at {job.stage}: {reason_of(exc)}"
            log.warning("job %s failed at %s: %s", job.id, job.stage, exc)
        except Exception as exc:  # a worker thread must record, not vanish with, the error
            job.state, job.error = "failed", f"stopped at {job.stage}: {reason_of(exc)}"
            log.exception("job %s failed at %s", job.id, job.stage)
        finally:
            job.finished = time.time()
            shutil.rmtree(upload.folder, ignore_errors=True)
            try:
                self.on_change()
            except Exception:  # the next job must still run
                log.exception("after job %s: clearing the page caches failed", job.id)

    def _process(self, job: Job, upload: _Upload) -> None:
        folder, names, skipped = upload.folder, upload.names, upload.skipped
        settings = self.settings
        progress = _JobProgress(job)
        store = open_store(settings.db)
        try:
            files = sorted(f for f in folder.iterdir() if f.is_file())
            owner: dict[str, str] = {}  # article id -> the user's file name
            progress.start("ingest", len(files))
            for path in files:
                shown = names.get(path.name, path.name)
                for line, reason in skipped.get(path.name, []):
                    self._reject(job, shown, reason, line)
                self._ingest_file(job, path, shown, store, settings, owner, names)
                progress.advance()
            standing = {(f.kind, f.id, f.stage) for f in store.failures()}
            # The files are in: the rest is what `storyline ingest` does
            report = engine.update((), store, settings, progress)
            # What this job's annotation, detection and date inference could not handle:
            # the engine records it in the store and goes on; the job names it by file.
            new = [f for f in report.failures if (f.kind, f.id, f.stage) not in standing]
            self._failed(job, new, owner, names)
            progress.start("dossiers", len(report.changed))
            # As `storyline build` does it (what changed, fingerprint), with the files it
            # writes kept in the job's folder, which goes when the job ends.
            settings = replace(settings, out=str(folder / "out"))
            for story in report.changed:
                failed = self._rebuild(story, store, settings, report.redated)
                if failed:  # the story keeps its previous dossier
                    self._failed(job, failed, owner, names)
                else:
                    job.stories.append(story.id)
                    job.story_titles[story.id] = story.title
                progress.advance()
        finally:
            store.close()

    def _ingest_file(
        self,
        job: Job,
        path: Path,
        shown: str,
        store: Store,
        settings: Settings,
        owner: dict[str, str],
        names: dict[str, str],
    ) -> None:
        """One file into the store, its outcome recorded; nothing it raises stops the job."""
        size = path.stat().st_size
        if size > settings.max_bytes:
            self._reject(
                job,
                shown,
                f"too large: {readable_size(size)}, over the limit of "
                f"{readable_size(settings.max_bytes)} per file; split it into smaller files",
            )
            return
        try:
            report = engine.ingest([path], store, settings, _Quiet())
        except Exception as exc:
            log.warning("job %s: reading %s failed", job.id, shown, exc_info=True)
            job.problems.append(Problem(file=shown, reason=f"failed at ingest: {reason_of(exc)}"))
            job.outcomes.append(
                Outcome(file=shown, outcome="failed", stage="ingest", reason=reason_of(exc))
            )
            return
        for p in report.problems:
            if p.rejected:
                self._reject(job, shown, scrub(p.reason), p.line)
            else:
                job.problems.append(
                    Problem(file=shown, reason=scrub(p.reason), line=p.line, rejected=False)
                )
                job.outcomes.append(
                    Outcome(file=shown, outcome="warning", reason=scrub(p.reason), line=p.line)
                )
        for article_id in report.added:
            owner[article_id] = shown
            job.added.append(article_id)
            job.outcomes.append(Outcome(file=shown, outcome="added", article=article_id))
            article = store.get_article(article_id)
            if article.path:  # show the user's file name, not our temp path
                store.update_article(msgspec.structs.replace(article, path=shown))
        for article_id in report.unchanged:
            owner.setdefault(article_id, shown)
            job.unchanged.append(article_id)
            job.outcomes.append(Outcome(file=shown, outcome="unchanged", article=article_id))
        self._failed(job, report.failures, owner, names, default=shown)

    def _reject(self, job: Job, shown: str, reason: str, line: int | None = None) -> None:
        job.problems.append(Problem(file=shown, reason=reason, line=line))
        job.outcomes.append(Outcome(file=shown, outcome="rejected", reason=reason, line=line))

    def _failed(
        self,
        job: Job,
        failures: list[Failure],
        owner: dict[str, str],
        names: dict[str, str],
        default: str | None = None,
    ) -> None:
        """Failures from the engine, each named by its file (or story) and stage."""
        for f in failures:
            ours = file_name(f.path)
            if f.kind == "story":
                shown = f"story {f.id}"
            elif ours in names:
                shown = names[ours]
            elif f.id in owner:
                shown = owner[f.id]
            else:
                shown = default or ours or f"article {f.id}"
            reason = clip(f"{f.error}: {scrub(f.reason)}" if f.error else scrub(f.reason))
            job.problems.append(Problem(file=shown, reason=f"failed at {f.stage}: {reason}"))
            job.outcomes.append(
                Outcome(
                    file=shown,
                    outcome="failed",
                    article=f.id if f.kind == "article" else None,
                    reason=reason,
                    stage=f.stage,
                )
            )

    def _rebuild(
        self, story: Story, store: Store, settings: Settings, redated: set[str]
    ) -> list[Failure]:
        """Build one story as `storyline build` does (isolated: a story that raises keeps
        its previous dossier); returns its standing failures, empty when it was built."""
        engine.build_isolated(story, store, settings, redated)
        return [f for f in store.failures("story") if f.id == story.id]


@dataclass(frozen=True)
class _Upload:
    """A job's files: in ``folder`` under our names; ``names`` maps them to the user's,
    ``skipped`` lists by our name the lines already refused, with their reasons."""

    folder: Path
    names: dict[str, str]
    skipped: dict[str, list[tuple[int, str]]]


class _Quiet:
    """Progress that goes nowhere: the job counts files, not the records inside one."""

    def start(self, task: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


def with_limit(settings: Settings, max_bytes: int) -> Settings:
    return replace(settings, max_bytes=min(settings.max_bytes, max_bytes))
