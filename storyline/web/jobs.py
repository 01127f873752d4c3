"""Background processing of uploaded articles, one job at a time.

A job owns a private temporary folder holding the uploaded files under names we
chose (``001.txt``); the names the user gave are kept only for messages, cleaned
of any folder part.  The worker thread runs the same engine functions as the CLI
(ingest, annotate, detect, infer_dates, dossier_for) with its own store
connection, and records per-file problems as the CLI reports them.  After a job,
the stories it touched get a fresh dossier, and what changed in each is kept in
memory for the story page ("what changed since the last build").
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import msgspec

from storyline import engine
from storyline.errors import NotFoundError, StorylineError
from storyline.model import Dossier, Story
from storyline.settings import Settings
from storyline.store import Store, open_store

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]
SUFFIXES = (".txt", ".text", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm")
_MAX_NAME = 120


def display_name(name: str | None, fallback: str) -> str:
    """The user's file name for messages only: no folders, no control characters, short."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or fallback)[:_MAX_NAME]


def safe_suffix(name: str | None, default: str = ".txt") -> str:
    """The file kind from the user's name, limited to the kinds storyline reads."""
    lower = (name or "").lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return suffix
    return default


@dataclass
class Problem:
    file: str
    reason: str
    line: int | None = None
    rejected: bool = True


@dataclass
class Change:
    """What one build changed in a story, against the dossier before it."""

    built: str
    first_build: bool
    new_articles: list[str] = field(default_factory=list)
    new_events: list[str] = field(default_factory=list)
    gone_events: list[str] = field(default_factory=list)
    new_claims: list[str] = field(default_factory=list)
    new_conflicts: list[str] = field(default_factory=list)
    new_quotes: int = 0


@dataclass
class Job:
    id: str
    files: list[str]  # display names
    state: JobState = "queued"
    stage: str = "queued"
    done: int = 0
    total: int | None = None
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # stories rebuilt
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "files": self.files,
            "added": self.added,
            "unchanged": self.unchanged,
            "problems": [p.__dict__ for p in self.problems],
            "stories": self.stories,
            "error": self.error,
        }


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


def diff(old: Dossier | None, new: Dossier, built: str) -> Change:
    if old is None:
        return Change(built=built, first_build=True)
    old_articles = {a.id for a in old.articles}
    old_events = {(e.date, e.status, e.text) for e in old.timeline}
    new_events = {(e.date, e.status, e.text) for e in new.timeline}
    old_claims = {c.text for c in old.claims}
    old_conflicts = {c.about for c in old.conflicts}
    old_quotes = {q.text for q in old.quotes}
    return Change(
        built=built,
        first_build=False,
        new_articles=[a.id for a in new.articles if a.id not in old_articles],
        new_events=[e.text for e in new.timeline if (e.date, e.status, e.text) not in old_events],
        gone_events=[e.text for e in old.timeline if (e.date, e.status, e.text) not in new_events],
        new_claims=[c.text for c in new.claims if c.text not in old_claims],
        new_conflicts=[c.about for c in new.conflicts if c.about not in old_conflicts],
        new_quotes=sum(1 for q in new.quotes if q.text not in old_quotes),
    )


class JobRunner:
    """Queues jobs and runs them on one worker thread (the store has one writer)."""

    def __init__(
        self, settings: Settings, on_change: Callable[[], None] | None = None, keep: int = 200
    ) -> None:
        self.settings = settings
        self.on_change = on_change or (lambda: None)
        self.keep = keep
        self.jobs: dict[str, Job] = {}
        self.changes: dict[str, Change] = {}
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

    def submit(self, job_id: str, folder: Path, names: dict[str, str]) -> Job:
        """Queue the files in ``folder``; ``names`` maps our file names to the user's."""
        job = Job(id=job_id, files=list(names.values()))
        with self._lock:
            self.jobs[job.id] = job
            if len(self.jobs) > self.keep:
                for old in sorted(self.jobs.values(), key=lambda j: j.created)[: -self.keep]:
                    if old.state in ("done", "failed"):
                        del self.jobs[old.id]
        self._pool.submit(self._run, job, folder, names)
        return job

    def get(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"no job {job_id!r}")
        return job

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self, job: Job, folder: Path, names: dict[str, str]) -> None:
        job.state = "running"
        try:
            self._process(job, folder, names)
            job.state = "done"
            job.stage = "done"
        except StorylineError as exc:
            job.state, job.error = "failed", str(exc)
            log.warning("job %s failed: %s", job.id, exc)
        except Exception as exc:  # a worker thread must record, not vanish with, the error
            job.state, job.error = "failed", f"internal error: {type(exc).__name__}"
            log.exception("job %s failed", job.id)
        finally:
            job.finished = time.time()
            shutil.rmtree(folder, ignore_errors=True)
            self.on_change()

    def _process(self, job: Job, folder: Path, names: dict[str, str]) -> None:
        settings = self.settings
        progress = _JobProgress(job)
        store = open_store(settings.db)
        try:
            before = {s.id: set(s.articles) for s in store.stories()}
            files = sorted(f for f in folder.iterdir() if f.is_file())
            report = engine.ingest(files, store, settings, progress)
            for p in report.problems:
                ours = Path(p.path).name
                job.problems.append(
                    Problem(
                        file=names.get(ours, ours),
                        reason=p.reason,
                        line=p.line,
                        rejected=p.rejected,
                    )
                )
            job.added, job.unchanged = report.added, report.unchanged
            for article_id in report.added:  # show the user's file name, not our temp path
                article = store.get_article(article_id)
                if article.path:
                    shown = names.get(Path(article.path).name, Path(article.path).name)
                    store.update_article(msgspec.structs.replace(article, path=shown))
            engine.annotate(store, settings, progress)
            progress.start("stories", None)
            stories = engine.stories_of(store, settings)
            # only the stories whose dossier is out of date can get a date (as in build)
            stale = engine.out_of_date(stories, store, settings)
            dated = set(engine.infer_dates(store, settings, stale))
            touched = [s for s in stories if _touched(s, before, dated | set(report.added), store)]
            progress.start("dossiers", len(touched))
            # As `storyline build` does it (what changed, fingerprint), with the files it
            # writes kept in the job's folder, which goes when the job ends.
            settings = replace(settings, out=str(folder / "out"))
            for story in touched:
                self._rebuild(story, store, settings, dated)
                job.stories.append(story.id)
                progress.advance()
        finally:
            store.close()

    def _rebuild(self, story: Story, store: Store, settings: Settings, redated: set[str]) -> None:
        try:
            old: Dossier | None = store.get_dossier(story.id)
        except NotFoundError:
            old = None
        engine.build_story(story, store, settings, redated)
        new = store.get_dossier(story.id)
        self.changes[story.id] = diff(old, new, new.generated)


def _touched(story: Story, before: dict[str, set[str]], changed: set[str], store: Store) -> bool:
    """Whether ``story`` needs a new dossier: new members, changed members, or none yet."""
    if before.get(story.id) != set(story.articles) or changed & set(story.articles):
        return True
    try:
        store.get_dossier(story.id)
    except NotFoundError:
        return True
    return False


def with_limit(settings: Settings, max_bytes: int) -> Settings:
    return replace(settings, max_bytes=min(settings.max_bytes, max_bytes))
