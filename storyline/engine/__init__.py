"""The engine runs the flow: it reads from the store, hands records to a stage,
and writes back what the stage returns. Stages never see the store.

    ingest ──> annotate (in-process, a process pool or Dask, per chunk) ──> stories
           ──> per story: link ──> synthesize ──> render

An article or story that a stage raises on is caught there, stored as a ``Failure``
and reported in ``IngestReport.failures``; the run goes on (``storyline.guard``).

The flow is here; beside it: ``reports`` (what a run reports), ``dates`` (inferred
publication dates), ``freshness`` (a dossier's fingerprint: is it up to date) and
``keep`` (a story's build stores and writes its new dossier, or keeps its previous one).
Where stage 2 runs is :mod:`storyline.executors`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, cast

from storyline import annotate as annotate_stage
from storyline import link as link_stage
from storyline import render as render_stage  # noqa: F401  (reached as engine.render_stage)
from storyline import synthesize as synthesize_stage
from storyline.engine.collector import collector_paused
from storyline.engine.dates import infer_dates, to_date
from storyline.engine.freshness import fingerprint, out_of_date
from storyline.engine.keep import KeepPrevious, write_stored
from storyline.engine.reports import BuildReport, IngestReport, UpdateReport, problem_text
from storyline.errors import NotFoundError
from storyline.executors import executor_for
from storyline.guard import ALL_STORIES, GuardedAnnotate, failure, isolated, stage_of
from storyline.ingest import mark_templates, read_inputs
from storyline.link.stories import extend_stories
from storyline.model import Annotation, Article, Dossier, Failure, Links, Rejection, Story
from storyline.render import files as dossier_files
from storyline.settings import MULTILINGUAL_EMBEDDERS, Settings, load_settings
from storyline.store import Store, open_store
from storyline.synthesize.changes import with_changes

log = logging.getLogger(__name__)


class Progress(Protocol):
    """What the engine reports while it works; the CLI draws it, library users may ignore it."""

    def start(self, task: str, total: int | None) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def finish(self) -> None: ...


class NoProgress:
    def start(self, task: str, total: int | None) -> None:
        log.info("%s (%s)", task, total if total is not None else "?")

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
) -> IngestReport:
    """Stage 1 into the store: each new article committed on its own."""
    progress = progress or NoProgress()
    report = IngestReport()
    others: dict[str, int] = {}  # languages of the new reports not in English
    progress.start("ingest", None)
    for item in read_inputs(paths, max_bytes=settings.max_bytes):
        if isinstance(item, Rejection):
            report.problems.append(item)
            log.warning("%s", problem_text(item))
            continue
        if store.add_article(item):
            report.added.append(item.id)
            if item.language != "en":
                others[item.language] = others.get(item.language, 0) + 1
        else:
            report.unchanged.append(item.id)
        progress.advance()
    if others and settings.embedder not in MULTILINGUAL_EMBEDDERS:
        log.warning(
            "%d new report(s) not in English (%s): the embedder %r reads English only, so "
            "they will not share stories or claims with reports in other languages; set "
            'embedder = "use-multilingual" in the settings (the store is embedded again)',
            sum(others.values()),
            ", ".join(f"{lang}: {n}" for lang, n in sorted(others.items())),
            settings.embedder,
        )
    # A site's template (lines the batch repeats) is furniture: marked before annotation.
    for article in mark_templates(store.articles(report.added)):
        store.update_article(article)
    progress.finish()
    return report


def annotate(
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    retry_failed: bool = False,
) -> int:
    """Stage 2 for every stored article that has no current annotation; returns how many
    were tried.

    An article the annotator raises on is recorded as a failure (``store.failures()``)
    and skipped by later runs until the annotator version changes or ``retry_failed``;
    the others of its chunk are annotated (see ``storyline.guard``).
    """
    progress = progress or NoProgress()
    version = annotate_stage.annotator_version(settings.embedder, settings.budget)
    todo = store.unannotated(version, retry_failed=retry_failed)
    if not todo:
        return 0
    # Looked up on each call, so that a test can put a failing annotator in its place
    # (a module-level function reaches worker processes by name).
    guarded = GuardedAnnotate(
        annotate_stage.annotate_chunk,
        settings.embedder,
        settings.budget,
        version,
        settings.strict,
        settings.article_seconds,
    )
    failed_before = {f.id for f in store.failures("article", "annotate")}

    def keep(annotations: list[Annotation], failures: list[Failure]) -> None:
        store.put_annotations(annotations)  # committed per chunk: a crash loses one chunk
        for f in failures:
            store.put_failure(f)
        mended = [a.article for a in annotations if a.article in failed_before]
        if mended:
            store.clear_failures("article", mended, "annotate")
        progress.advance(len(annotations) + len(failures))

    progress.start("annotate", len(todo))
    chunks = [todo[i : i + settings.chunk_size] for i in range(0, len(todo), settings.chunk_size)]
    # Each chunk is read from the store when the executor asks for it, and its result
    # committed as it comes back: a crash loses one chunk.
    for result in executor_for(settings).map(guarded, (store.articles(c) for c in chunks)):
        keep(*result)
    progress.finish()
    return len(todo)


def detect(store: Store, settings: Settings, full: bool = False) -> list[Story]:
    """Stage 3a: group the stored articles into stories.

    When stories are stored already (with their signatures), only the articles in
    no story are read and added to them or start new ones; ``full`` (or a store
    with no stories yet) detects the stories again over every article.

    Only annotated articles are placed: one that another process has stored but not
    annotated yet waits for the run that annotates it (that run detects it). One
    detection runs at a time per store (``store.lock``), so two processes never
    replace each other's stories with a set missing the other's articles.
    """
    with store.lock("detect"):
        # Annotations are only added or replaced, never removed: what has one now
        # still has one when it is read below.
        annotated = store.article_ids(annotated=True)
        previous = [] if full else store.stories()
        if previous and all(s.signature is not None for s in previous):
            known = {a for s in previous for a in s.articles}
            new = store.articles([i for i in annotated if i not in known])
            annotations = store.get_annotations(a.id for a in new)
            if not new:
                return previous
            stories = extend_stories(
                previous,
                new,
                annotations,
                settings.story_similarity,
                settings.story_window_days,
                settings.tuned("stories"),
            )
        else:
            articles = store.articles(annotated)
            annotations = store.get_annotations(annotated)
            stories = link_stage.detect_stories(
                articles,
                annotations,
                settings.story_similarity,
                settings.story_window_days,
                settings.tuned("stories"),
            )
        store.put_stories(stories)
        return stories


def stories_of(store: Store, settings: Settings, full: bool = False) -> list[Story]:
    """Stage 3a, isolated: ``detect`` over the annotated articles.

    An article with no annotation is left out of the stories until it has one. When
    detection raises, the failure is recorded and the stored stories are kept (their
    dossiers are rebuilt as before); ``settings.strict`` re-raises.
    """
    try:
        stories = detect(store, settings, full)
    except Exception as exc:
        if not isolated(exc, settings.strict):
            raise
        log.warning("story detection failed, the stored stories are kept: %r", exc)
        store.put_failure(failure("story", ALL_STORIES, "detect", exc))
        return store.stories()
    standing = [f.id for f in store.failures("story")]
    if standing:
        # Detection ran: its failure is over, and a story that no longer exists cannot fail
        known = {s.id for s in stories}
        store.clear_failures("story", [ALL_STORIES], "detect")
        store.clear_failures("story", [i for i in standing if i not in known and i != ALL_STORIES])
    return stories


def linked(
    story: Story, store: Store, settings: Settings
) -> tuple[list[Article], list[Annotation], Links]:
    """Stage 3b for one story: its articles, their annotations and the links between them."""
    articles = store.articles(story.articles)
    annotations = store.get_annotations(story.articles)
    links = link_stage.link_story(
        story,
        articles,
        annotations,
        unattributed_confirms=settings.unattributed_confirms,
        duplicate_jaccard=settings.duplicate_jaccard,  # None: the link stage's own
        claims=settings.tuned("claims"),
        events=settings.tuned("events"),
    )
    return articles, annotations, links


def dossier_for(story: Story, store: Store, settings: Settings) -> Dossier:
    """Stages 3b and 4 for one story."""
    articles, annotations, links = linked(story, store, settings)
    dossier = synthesize_stage.synthesize(
        story,
        articles,
        annotations,
        links,
        max_events=settings.timeline_max_events,
        timeline_span=settings.timeline_span,
        max_summary=settings.summary_max_sentences,
        key_claims=settings.key_claims,
        timeline_config=settings.tuned("timeline"),
        figures_config=settings.tuned("figures"),
    )
    dossier.generated = datetime.now(UTC).isoformat(timespec="seconds")
    dossier.timeline_from = settings.timeline_from
    dossier.timeline_until = settings.timeline_until
    return dossier


def build_story(
    story: Story, store: Store, settings: Settings, redated: set[str] | frozenset[str] = frozenset()
) -> dict[str, Path]:
    """Write one story's dossier; synthesize it again only when its articles changed.

    A story whose fingerprint (articles, annotator, version) matches its stored
    dossier and none of whose articles got a new inferred date is not synthesized
    again. Otherwise the new dossier carries the previous one's claim and entity
    ids and lists what changed since it (``Dossier.changes``).

    The files are rewritten from the stored dossier whenever their stamp is not the
    stored dossier's (a run killed between storing a dossier and writing its files,
    files removed or cut short), and always hold what the store holds once the last
    of several concurrent writers of the folder is done.
    """
    out = Path(settings.out) / story.id
    digest = fingerprint(story, settings)
    files = {k: out / name for k, name in dossier_files.FILES.items()}
    stamp = store.dossier_stamp(story.id)
    unchanged = not redated & set(story.articles) and stamp is not None and stamp[0] == digest
    if unchanged and stamp is not None and dossier_files.holds(out, story.id, *stamp):
        log.debug("story %s unchanged; dossier kept", story.id)
        return files  # the stored dossier is not even decoded
    if unchanged:
        # its files are missing or older
        return write_stored(story.id, store, out, reader_language=settings.reader_language)
    try:
        previous: Dossier | None = store.get_dossier(story.id)
    except NotFoundError:
        previous = None
    dossier = with_changes(previous, dossier_for(story, store, settings))
    dossier.fingerprint = digest
    store.put_dossier(dossier)
    return write_stored(story.id, store, out, dossier, settings.reader_language)


def build_isolated(
    story: Story,
    store: Store,
    settings: Settings,
    redated: set[str] | frozenset[str] = frozenset(),
    failed: Collection[str] | None = None,
) -> dict[str, Path] | None:
    """``build_story``, with a failure recorded rather than raised.

    A story that raises while it is linked, synthesized or rendered keeps its
    previous dossier and files; returns those files (None when it has none yet).
    A story that builds has its earlier failure cleared: ``failed``, the ids of the
    stories with one (read from the store when not given), saves a write per story.
    ``settings.strict`` re-raises.
    """
    view = KeepPrevious(store)
    try:
        with collector_paused():
            files = build_story(story, cast(Store, view), settings, redated)
    except Exception as exc:
        if not isolated(exc, settings.strict):
            raise
        view.restore()
        stage = stage_of(exc, "synthesize")
        log.warning("story %s failed at %s, its previous dossier is kept: %r", story.id, stage, exc)
        digest = fingerprint(story, settings)
        store.put_failure(failure("story", story.id, stage, exc, version=digest))
        out = Path(settings.out) / story.id
        kept = {k: out / name for k, name in dossier_files.FILES.items()}
        return kept if all(f.is_file() for f in kept.values()) else None
    if failed is None or story.id in failed:
        store.clear_failures("story", [story.id])
    return files


def update(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    retry_failed: bool = False,
) -> UpdateReport:
    """Ingest ``paths`` (none: what is stored already), annotate, group into stories and
    infer dates; report what was added and rejected, and which stories changed.

    ``changed`` lists the stories whose dossier is out of date: those to build again
    (``build_isolated`` with the report's ``redated``). The report's ``failures`` are
    every failure standing in the store when done (this run's and the earlier ones
    still skipped).
    """
    ing = ingest(paths, store, settings, progress)
    report = UpdateReport(added=ing.added, unchanged=ing.unchanged, problems=ing.problems)
    annotate(store, settings, progress, retry_failed=retry_failed)
    report.stories = stories_of(store, settings)
    stale = out_of_date(report.stories, store, settings)
    report.redated = set(
        infer_dates(store, settings, to_date(stale, report.stories, store, retry_failed))
    )
    stale_ids = {s.id for s in stale}
    report.changed = [
        s for s in report.stories if s.id in stale_ids or report.redated & set(s.articles)
    ]
    report.failures = store.failures()
    return report


def dossier(story: Story, store: Store, settings: Settings) -> Dossier:
    """The story's stored dossier; when it has none yet, one built and stored now.

    A dossier built here carries its fingerprint, as ``build`` stores it, so that a
    later ``build`` of the unchanged story reuses it rather than synthesizing again.
    """
    try:
        return store.get_dossier(story.id)
    except NotFoundError:
        pass
    built = dossier_for(story, store, settings)
    built.fingerprint = fingerprint(story, settings)
    store.put_dossier(built)
    return built


def build(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    db: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    retry_failed: bool = False,
) -> BuildReport:
    """Ingest ``paths``, then write a dossier (JSON, Markdown, HTML) for every story.

    An article or story a stage raises on is recorded and reported in the
    report's ``failures`` (with the earlier ones still standing), and the rest is
    built; ``retry_failed`` tries the failed articles again.
    """
    settings = settings or load_settings(db=db, out=str(out_dir) if out_dir else None)
    if db is not None:
        settings = _with(settings, db=db)
    if out_dir is not None:
        settings = _with(settings, out=str(out_dir))
    progress = progress or NoProgress()
    store = open_store(settings.db)
    try:
        report = BuildReport(**vars(update(paths, store, settings, progress, retry_failed)))
        progress.start("synthesize", len(report.stories))
        failed = {f.id for f in store.failures("story")}
        # Every story: an unchanged one is not synthesized again, but its files are
        # written when they are missing or older than its stored dossier.
        for story in report.stories:
            files = build_isolated(story, store, settings, report.redated, failed)
            if files is not None:
                report.outputs[story.id] = files
            progress.advance()
        progress.finish()
        report.failures = store.failures()
        return report
    finally:
        store.close()


def _with(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]


__all__ = [
    "BuildReport",
    "IngestReport",
    "Progress",
    "UpdateReport",
    "annotate",
    "build",
    "build_isolated",
    "build_story",
    "detect",
    "dossier",
    "dossier_for",
    "fingerprint",
    "infer_dates",
    "ingest",
    "out_of_date",
    "problem_text",
    "stories_of",
    "update",
]
