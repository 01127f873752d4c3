"""Articles from HTML pages, through trafilatura (main text and metadata)."""

from __future__ import annotations

import logging
import re

import trafilatura

from storyline.ingest.article import build_article
from storyline.ingest.files import Source
from storyline.model import Article, Published, Rejection

logger = logging.getLogger(__name__)

# Only dates the page states in its metadata: no guessing from the body or the URL.
# A page with fewer words than this and no sentence end holds no article.
_MIN_WORDS_WITHOUT_SENTENCE = 20
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(source: Source) -> Article | Rejection:
    """The article in an HTML page: text, title, date, authors, site name as outlet."""
    try:
        document = trafilatura.bare_extraction(
            source.text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, AttributeError, LookupError) as exc:
        # trafilatura and lxml raise these on pages they cannot parse.
        logger.debug("trafilatura failed on %s", source.path, exc_info=True)
        return Rejection(path=source.path, reason=f"cannot parse HTML: {exc}")
    text = getattr(document, "text", None) if document is not None else None
    if not text or not _has_prose(text):
        return Rejection(path=source.path, reason="no article text found in the HTML page")
    title = _field(document, "title")
    # trafilatura returns one paragraph per line and often repeats the headline first.
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    date = _field(document, "date")
    author = _field(document, "author")
    article = build_article(
        "\n\n".join(paragraphs),
        path=source.path,
        title=title,
        outlet=_field(document, "sitename"),
        authors=[name.strip() for name in author.split(";")] if author else [],
        published=Published(date=date[:10], basis="metadata") if date else Published(),
        language=_field(document, "language"),
        url=_field(document, "url"),
    )
    if article is None:
        return Rejection(path=source.path, reason="no article text found in the HTML page")
    return article


def _has_prose(text: str) -> bool:
    """False for what trafilatura's fallback returns from pages with no article:
    a few menu labels, no sentence."""
    return len(text.split()) >= _MIN_WORDS_WITHOUT_SENTENCE or bool(re.search(r"\w[.!?]", text))


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None
