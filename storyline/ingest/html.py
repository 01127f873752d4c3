"""Articles from HTML pages, through trafilatura (main text and metadata).

trafilatura and lxml are the boundary: whatever they raise on one page (an
AssertionError on a malformed CDATA section inside SVG, a RecursionError on
deep nesting, an lxml ParserError) is that page's Rejection, never the batch's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import trafilatura

from storyline.ingest.article import build_article, check_date
from storyline.ingest.files import Source
from storyline.model import Article, Published, Rejection

logger = logging.getLogger(__name__)

# Only dates the page states in its metadata: no guessing from the body or the URL.
# A page with fewer words than this and no sentence end holds no article.
_MIN_WORDS_WITHOUT_SENTENCE = 20
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_MAX_ERROR_CHARS = 300


def parse_html(source: Source) -> Iterator[Article | Rejection]:
    """The article in an HTML page (text, title, date, authors, site name as outlet),
    or the page's Rejection; warnings (a placeholder date) come first."""
    try:
        document = trafilatura.bare_extraction(
            source.text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # any error of a third-party parser on one page
        logger.debug("trafilatura failed on %s", source.path, exc_info=True)
        detail = str(exc)[:_MAX_ERROR_CHARS] or "no message"
        reason = f"cannot parse HTML: the HTML reader failed ({type(exc).__name__}: {detail})"
        yield Rejection(path=source.path, reason=reason)
        return
    text = getattr(document, "text", None) if document is not None else None
    if not text or not _has_prose(text):
        yield Rejection(path=source.path, reason="no article text found in the HTML page")
        return
    title = _field(document, "title")
    # trafilatura returns one paragraph per line and often repeats the headline first.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    stated = _field(document, "date")
    date, note = check_date(stated[:10] if stated else None)
    if note is not None:
        yield Rejection(path=source.path, reason=note, rejected=False)
    author = _field(document, "author")
    article = build_article(
        "\n\n".join(paragraphs),
        path=source.path,
        title=title,
        outlet=_field(document, "sitename"),
        authors=[name.strip() for name in author.split(";")] if author else [],
        published=Published(date=date, basis="metadata") if date else Published(note=note),
        language=_field(document, "language"),
        url=_field(document, "url"),
    )
    if article is None:
        yield Rejection(path=source.path, reason="no article text found in the HTML page")
    else:
        yield article


def _has_prose(text: str) -> bool:
    """False for what trafilatura's fallback returns from pages with no article:
    a few menu labels, no sentence."""
    return len(text.split()) >= _MIN_WORDS_WITHOUT_SENTENCE or bool(re.search(r"\w[.!?]", text))


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None
