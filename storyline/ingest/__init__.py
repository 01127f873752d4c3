"""Stage 1, ingest: files in, :class:`~storyline.model.Article` records out.

    read_inputs(paths)  ->  Article | Rejection, one file after another

Plain text (``.txt``, ``.text``, ``.md``, no extension), JSON records
(``.json``, ``.jsonl``, ``.ndjson``) and HTML (``.html``, ``.htm``); other
files are sniffed. A bad input never stops the batch: it becomes a
:class:`~storyline.model.Rejection` naming the file (and line) and the reason.
This stage is pure: no store, no spaCy.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

import msgspec

from storyline.ingest.article import (
    build_article,
    check_date,
    content_id,
    has_words,
)
from storyline.ingest.cites import find_cites
from storyline.ingest.credits import strip_credits
from storyline.ingest.files import Source, load, walk
from storyline.ingest.html import parse_html
from storyline.ingest.language import detect_language, language_note
from storyline.ingest.plaintext import parse_plain
from storyline.ingest.records import parse_json, parse_jsonl
from storyline.ingest.zones import find_zones, template_lines, template_zones
from storyline.model import Article, Published, Rejection, defaults

__all__ = [
    "DEFAULT_MAX_BYTES",
    "content_id",
    "detect_language",
    "find_cites",
    "find_zones",
    "mark_templates",
    "parse_source",
    "read_inputs",
    "strip_credits",
    "template_lines",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = defaults.MAX_BYTES
_MAX_ERROR_CHARS = 300


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Article | Rejection]:
    """Read files and folders (recursively, sorted, hidden ones skipped) into Articles.

    Yields each file's Articles and Rejections (errors, and warnings with
    ``rejected=False``) as the file is read; ``on_progress`` gets the number
    of files done after each one.
    """
    for done, item in enumerate(walk(paths), start=1):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from _read_one(item, max_bytes=max_bytes)
        if on_progress is not None:
            on_progress(done)


def _read_one(path: str, *, max_bytes: int) -> Iterator[Article | Rejection]:
    """One file's Articles and Rejections; whatever it raises is its Rejection, not the batch's.

    The parsers turn every problem we know of into a Rejection; this is the
    boundary for the ones we do not (a library raising on input nobody tried),
    so that the files after it are still read. What the file yielded before
    the error stands.
    """
    try:
        source, problems = load(path, max_bytes=max_bytes)
        yield from problems
        if source is not None:
            yield from parse_source(source)
    except Exception as exc:  # the batch boundary: RecursionError too
        logger.warning("reading %s failed", path, exc_info=True)
        reason = f"cannot be read: {type(exc).__name__}: {str(exc)[:_MAX_ERROR_CHARS]}"
        yield Rejection(path=path, reason=reason.rstrip(": "))


def mark_templates(articles: Sequence[Article]) -> list[Article]:
    """The articles of one ingest batch whose zones grow once the lines the batch
    repeats (a site's template: sidebars, notices) are marked; see ``zones``."""
    texts = [a.text for a in articles]
    zoned = template_zones(texts, [a.zones for a in articles])
    return [
        msgspec.structs.replace(a, zones=z)
        for a, z in zip(articles, zoned, strict=True)
        if z != a.zones
    ]


def parse_source(source: Source) -> Iterator[Article | Rejection]:
    """Articles (or Rejections) from one file already read as text; an article in a
    language storyline does not read (or reads for its dates only) comes with a warning
    naming the language."""
    logger.debug("parsing %s as %s", source.path, source.kind)
    if source.kind == "json":
        found = parse_json(source)
    elif source.kind == "jsonl":
        found = parse_jsonl(source)
    elif source.kind == "html":
        found = parse_html(source)
    else:
        found = _parse_text(source)
    for item in found:
        if isinstance(item, Article) and (note := language_note(item.language)):
            yield Rejection(path=source.path, reason=note, rejected=False)
        yield item


def _parse_text(source: Source) -> Iterator[Article | Rejection]:
    parts = parse_plain(source.text)
    date, note = check_date(parts.date)
    if note is not None:
        yield Rejection(path=source.path, reason=note, rejected=False)
    article = build_article(
        parts.body,
        path=source.path,
        title=parts.title,
        outlet=parts.outlet,
        authors=parts.authors,
        published=Published(date=date, basis=parts.basis) if date else Published(note=note),
    )
    if article is None and parts.body.strip() and not has_words(parts.body):
        yield Rejection(path=source.path, reason="no words: only punctuation, signs or spaces")
    elif article is None:
        yield Rejection(path=source.path, reason="no article text after the header and byline")
    else:
        yield article
