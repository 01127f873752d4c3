"""A fetched page as a report: the project's HTML reader (trafilatura: text, title,
date, authors, site name as the outlet; zones and credits as for any HTML file),
with what the source's listing knew filling in what the page does not say."""

from __future__ import annotations

import logging
import re

import msgspec
from charset_normalizer import from_bytes

from storyline.ingest.files import Source
from storyline.ingest.html import parse_html
from storyline.model import Article, Published, Rejection
from storyline.sources.listings import Item

log = logging.getLogger(__name__)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def page_text(body: bytes, content_type: str) -> str:
    """The page's text: the charset its header or a <meta> names, else UTF-8, else guessed."""
    named = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    meta = _META_CHARSET.search(body[:4096])
    for charset in (named.group(1) if named else None, meta.group(1).decode() if meta else None):
        if charset:
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("latin-1")


def page_article(body: bytes, content_type: str, url: str, item: Item) -> Article | Rejection:
    """The report on the page fetched from ``url`` for ``item``.

    The feed item's date is used when the page states none (basis ``metadata``, noted),
    and its title when the page has none. ``path`` is the page's URL; ``url`` its
    canonical URL when the page gives one, else the URL fetched.
    """
    source = Source(path=url, kind="html", text=page_text(body, content_type))
    found: Article | Rejection = Rejection(path=url, reason="no article text found in the page")
    for read in parse_html(source):  # warnings (rejected=False) first, then the page
        if isinstance(read, Rejection) and not read.rejected:
            log.info("%s: %s", url, read.reason)
        else:
            found = read
    if isinstance(found, Rejection):
        return found
    published = found.published
    if published.date is None and item.published:
        published = Published(
            date=item.published, basis="metadata", note="from the source's listing of the page"
        )
    return msgspec.structs.replace(
        found,
        path=url,
        url=found.url if _is_http(found.url) else url,
        title=found.title or item.title,
        published=published,
    )


def _is_http(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))
