"""Articles from HTML pages, through trafilatura (main text and metadata).

trafilatura and lxml are the boundary: whatever they raise on one page (an
AssertionError on a malformed CDATA section inside SVG, a RecursionError on
deep nesting, an lxml ParserError) is that page's Rejection, never the batch's.
lxml stops reading at 255 levels of nested tags, so a page nested deeper, in
which trafilatura finds nothing, is read again with the standard library's
event parser, which has no depth limit, keeping only its ``<p>`` paragraphs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser

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
# lxml (without huge_tree) reads no deeper than this many nested tags.
_LXML_MAX_DEPTH = 255


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
        yield _read_deep(source)
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


def _read_deep(source: Source) -> Article | Rejection:
    """The ``<p>`` paragraphs of a page nested deeper than lxml reads; else the Rejection."""
    reader = _Paragraphs()
    try:
        reader.feed(source.text)
        reader.close()
    except Exception as exc:  # html.parser is lenient; still, one page's error is its own
        logger.debug("html.parser failed on %s", source.path, exc_info=True)
        return Rejection(path=source.path, reason=f"cannot parse HTML: {type(exc).__name__}")
    text = "\n\n".join(reader.paragraphs)
    if reader.deepest <= _LXML_MAX_DEPTH or not _has_prose(text):
        return Rejection(path=source.path, reason="no article text found in the HTML page")
    logger.info(
        "%s nests tags %d deep; read its paragraphs without lxml", source.path, reader.deepest
    )
    title = " ".join(reader.title.split()) or None
    article = build_article(text, path=source.path, title=title)
    return article or Rejection(path=source.path, reason="no article text found in the HTML page")


class _Paragraphs(HTMLParser):
    """Text of ``<p>`` elements, the ``<title>``, and how deep tags nest."""

    _VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title = ""
        self.deepest = 0
        self._depth = 0
        self._current: list[str] | None = None
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._VOID:
            return
        self._depth += 1
        self.deepest = max(self.deepest, self._depth)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "p":
            self._flush()
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        self._depth = max(0, self._depth - 1)
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "p":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
        elif self._current is not None:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if self._current is not None:
            paragraph = " ".join("".join(self._current).split())
            if paragraph:
                self.paragraphs.append(paragraph)
        self._current = None


def _has_prose(text: str) -> bool:
    """False for what trafilatura's fallback returns from pages with no article:
    a few menu labels, no sentence."""
    return len(text.split()) >= _MIN_WORDS_WITHOUT_SENTENCE or bool(re.search(r"\w[.!?]", text))


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None
