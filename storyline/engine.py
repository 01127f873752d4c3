"""The engine runs the flow: it reads from the store, hands records to a stage,
and writes back what the stage returns. Stages never see the store.

    ingest ──> annotate (in-process, a process pool or Dask, per chunk) ──> stories
           ──> per story: link ──> synthesize ──> render
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from storyline import annotate as annotate_stage
from storyline import link as link_stage
from storyline import render as render_stage
from storyline import synthesize as synthesize_stage
from storyline.annotate.embed import set_threads
from storyline.errors import NotFoundError
from storyline.ingest import mark_templates, read_inputs
from storyline.link.stories import extend_stories
from storyline.model import Annotation, Article, Dossier, Failure, Links, Rejection, Story
from storyline.settings import Settings, load_settings
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


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # ids new to the store
    unchanged: list[str] = field(default_factory=list)  # ids already stored
    problems: list[Rejection] = field(default_factory=list)
    # Articles and stories a later stage raised on (annotate, infer_dates, link, ...)
    failures: list[Failure] = field(default_factory=list)

    @property
    def rejected(self) -> list[Rejection]:
        return [p for p in self.problems if p.rejected]


@dataclass
class BuildReport(IngestReport):
    stories: list[Story] = field(default_factory=list)
    outputs: dict[str, dict[str, Path]] = field(default_factory=dict)  # story id -> kind -> path

    @property
    def dossiers(self) -> list[Path]:
        return [o["json"] for o in self.outputs.values()]


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
) -> IngestReport:
    """Stage 1 into the store: each new article committed on its own."""
    progress = progress or NoProgress()
    report = IngestReport()
    progress.start("ingest", None)
    for item in read_inputs(paths, max_bytes=settings.max_bytes):
        if isinstance(item, Rejection):
            report.problems.append(item)
            log.warning("%s", problem_text(item))
            continue
        if store.add_article(item):
            report.added.append(item.id)
        else:
            report.unchanged.append(item.id)
        progress.advance()
    # A site's template (lines the batch repeats) is furniture: marked before annotation.
    for article in mark_templates(store.articles(report.added)):
        store.update_article(article)
    progress.finish()
    return report


def annotate(store: Store, settings: Settings, progress: Progress | None = None) -> int:
    """Stage 2 for every stored article that has no current annotation; returns how many."""
    progress = progress or NoProgress()
    version = annotate_stage.annotator_version(settings.embedder, settings.budget)
    todo = store.unannotated(version)
    if not todo:
        return 0
    progress.start("annotate", len(todo))
    chunks = [todo[i : i + settings.chunk_size] for i in range(0, len(todo), settings.chunk_size)]
    if settings.executor == "process" and len(chunks) > 1:
        ctx = get_context("spawn")  # onnxruntime and spaCy threads do not survive fork
        threads = max(1, (os.cpu_count() or 1) // settings.workers)
        with ProcessPoolExecutor(
            settings.workers, mp_context=ctx, initializer=set_threads, initargs=(threads,)
        ) as pool:
            futures = [
                pool.submit(
                    annotate_stage.annotate_chunk,
                    store.articles(c),
                    settings.embedder,
                    settings.budget,
                )
                for c in chunks
            ]
            for fut in futures:
                anns = fut.result()
                store.put_annotations(anns)
                progress.advance(len(anns))
    elif settings.executor == "dask":  # even for one chunk: a forced mode never falls back
        from storyline.executors import dask_map

        articles = (store.articles(c) for c in chunks)
        for anns in dask_map(
            annotate_stage.annotate_chunk, articles, settings, settings.embedder, settings.budget
        ):
            store.put_annotations(anns)  # committed per chunk, as each worker finishes
            progress.advance(len(anns))
    else:
        for chunk in chunks:
            anns = annotate_stage.annotate_chunk(
                store.articles(chunk), settings.embedder, settings.budget
            )
            store.put_annotations(anns)  # committed per chunk: a crash loses at most one chunk
            progress.advance(len(anns))
    progress.finish()
    return len(todo)


def detect(store: Store, settings: Settings, full: bool = False) -> list[Story]:
    """Stage 3a: group the stored articles into stories.

    When stories are stored already (with their signatures), only the articles in
    no story are read and added to them or start new ones; ``full`` (or a store
    with no stories yet) detects the stories again over every article.
    """
    previous = [] if full else store.stories()
    if previous and all(s.signature is not None for s in previous):
        known = {a for s in previous for a in s.articles}
        new = store.articles([i for i in store.article_ids() if i not in known])
        if not new:
            return previous
        stories = extend_stories(
            previous,
            new,
            store.get_annotations(a.id for a in new),
            settings.story_similarity,
            settings.story_window_days,
        )
    else:
        articles = store.articles()
        annotations = store.get_annotations(a.id for a in articles)
        stories = link_stage.detect_stories(
            articles, annotations, settings.story_similarity, settings.story_window_days
        )
    store.put_stories(stories)
    return stories


def infer_dates(store: Store, settings: Settings, stories: Sequence[Story]) -> list[str]:
    """Give undated articles an inferred publication date from their story.

    Returns the ids of the articles that got a date. An article keeps an inferred
    date once given; a date from the source (header, byline, metadata) is never touched.
    """
    changed: list[str] = []
    for story in stories:
        articles = store.articles(story.articles)
        undated = [a for a in articles if a.published.date is None]
        dated = [a for a in articles if a.published.date and a.published.basis != "inferred"]
        if not undated or not dated:
            continue
        pairs = list(zip(dated, store.get_annotations(a.id for a in dated), strict=True))
        anchors = link_stage.candidate_dates(dated)
        for article in undated:
            readings = annotate_stage.timexes_for_anchors(article, anchors, settings.budget)
            annotation = store.get_annotations([article.id])[0]
            published = link_stage.infer_date(annotation, readings, pairs)
            if published is None or published.date is None:
                continue
            article.published = published
            # The candidate's reading of the time expressions is the one the annotator
            # would make with this date: keep it rather than annotate the article again.
            annotation.timexes = readings[date.fromisoformat(published.date)]
            store.update_article(article)
            store.put_annotations([annotation])
            changed.append(article.id)
    return changed


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
        duplicate_jaccard=settings.duplicate_jaccard,
        claim_similarity=settings.claim_similarity,
        unattributed_confirms=settings.unattributed_confirms,
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
    )
    dossier.generated = datetime.now(UTC).isoformat(timespec="seconds")
    dossier.timeline_from = settings.timeline_from
    dossier.timeline_until = settings.timeline_until
    return dossier


def fingerprint(story: Story, settings: Settings) -> str:
    """What a story's dossier is made from: its articles, the annotator, the code version
    and the settings that shape the dossier (timeline length and window, summary length)."""
    from storyline import __version__

    parts = [
        __version__,
        annotate_stage.annotator_version(settings.embedder, settings.budget),
        f"timeline {settings.timeline_max_events} {settings.timeline_span}",
        f"summary {settings.summary_max_sentences}",
        f"claims {settings.key_claims} {settings.unattributed_confirms}",
        *story.articles,
    ]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


def out_of_date(stories: Iterable[Story], store: Store, settings: Settings) -> list[Story]:
    """The stories whose stored dossier was not built from what they hold now.

    A story whose dossier fingerprint matches has had its dates inferred over the
    same articles, annotations and code when that dossier was built; doing it
    again cannot give a date, so ``build`` infers dates only for these stories.
    """
    return [s for s in stories if store.dossier_fingerprint(s.id) != fingerprint(s, settings)]


def build_story(
    story: Story, store: Store, settings: Settings, redated: set[str] | frozenset[str] = frozenset()
) -> dict[str, Path]:
    """Write one story's dossier; synthesize it again only when its articles changed.

    A story whose fingerprint (articles, annotator, version) matches its stored
    dossier and none of whose articles got a new inferred date is not synthesized
    again. Otherwise the new dossier carries the previous one's claim and entity
    ids and lists what changed since it (``Dossier.changes``).
    """
    out = Path(settings.out) / story.id
    digest = fingerprint(story, settings)
    files = {k: out / name for k, name in render_stage.FILES.items()}
    unchanged = not redated & set(story.articles) and store.dossier_fingerprint(story.id) == digest
    if unchanged and all(f.is_file() for f in files.values()):
        log.debug("story %s unchanged; dossier kept", story.id)
        return files  # the stored dossier is not even decoded
    try:
        previous: Dossier | None = store.get_dossier(story.id)
    except NotFoundError:
        previous = None
    if unchanged and previous is not None:
        return render_stage.write_dossier(previous, out)  # its files were removed
    dossier = with_changes(previous, dossier_for(story, store, settings))
    dossier.fingerprint = digest
    store.put_dossier(dossier)
    return render_stage.write_dossier(dossier, out)


def build(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    db: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest ``paths``, then write a dossier (JSON, Markdown, HTML) for every story."""
    settings = settings or load_settings(db=db, out=str(out_dir) if out_dir else None)
    if db is not None:
        settings = _with(settings, db=db)
    if out_dir is not None:
        settings = _with(settings, out=str(out_dir))
    progress = progress or NoProgress()
    store = open_store(settings.db)
    try:
        ing = ingest(paths, store, settings, progress)
        report = BuildReport(added=ing.added, unchanged=ing.unchanged, problems=ing.problems)
        annotate(store, settings, progress)
        report.stories = detect(store, settings)
        redated = set(infer_dates(store, settings, out_of_date(report.stories, store, settings)))
        progress.start("synthesize", len(report.stories))
        for story in report.stories:
            report.outputs[story.id] = build_story(story, store, settings, redated)
            progress.advance()
        progress.finish()
        return report
    finally:
        store.close()


def _with(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]


def problem_text(p: Rejection) -> str:
    """One line for the user: file (and line), rejected or warning, and the reason."""
    where = f"{p.path}:{p.line}" if p.line is not None else p.path
    kind = "rejected" if p.rejected else "warning"
    return f"{where}: {kind}: {p.reason}"


__all__ = [
    "BuildReport",
    "IngestReport",
    "Progress",
    "annotate",
    "build",
    "build_story",
    "detect",
    "dossier_for",
    "fingerprint",
    "infer_dates",
    "ingest",
    "out_of_date",
    "problem_text",
]
