"""What a source lists: the items (article URLs) of a feed, sitemap, OPML file or URL list.

    parse_listing(body, url) -> Listing(kind, title, items, feeds)

- RSS and Atom through ``feedparser`` (its dates are UTC ``struct_time``);
- JSON Feed (https://jsonfeed.org/version/1.1) read by hand with msgspec: the format
  is a small JSON object (``version``, ``title``, ``items`` with ``id``, ``url``,
  ``title``, ``date_published``), feedparser does not read it, and typed decoding
  checks its shape for free;
- sitemaps (``urlset``), news sitemaps (``news:publication_date``, ``news:title``)
  and sitemap index files (their sitemaps are returned in ``feeds``), gzipped or not;
- OPML: the feeds it lists (``outline/@xmlUrl``) are returned in ``feeds``;
- anything else that is text: one article URL per line (``#`` starts a comment).

XML is parsed with ``defusedxml`` (no entity expansion, no external entities or
DTD fetches, no network) before ``feedparser`` sees it; a document that declares
entities is refused. A sitemap's ``lastmod`` is when the page last changed, not
when it was published, so only a news sitemap's publication date is kept.
"""

from __future__ import annotations

import gzip
import io
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

import defusedxml.ElementTree as SafeET
import feedparser
import msgspec
from defusedxml import DefusedXmlException

from storyline.errors import StorylineError
from storyline.model import SourceKind

MAX_ITEMS = 1000  # items read from one listing
MAX_UNZIPPED = 50_000_000  # a gzipped sitemap may not unpack past this (sitemaps.org: 50 MB)
_FEED_ROOTS = ("rss", "feed", "rdf", "channel")


class ListingError(StorylineError):
    """A source's document that is not a feed, sitemap, OPML file or URL list we can read."""


@dataclass(frozen=True)
class Item:
    url: str
    guid: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, UTC

    @property
    def key(self) -> str:
        return self.guid or self.url


@dataclass
class Listing:
    kind: SourceKind
    title: str | None = None
    items: list[Item] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)  # OPML feeds, or a sitemap index's sitemaps


def parse_listing(body: bytes, url: str) -> Listing:
    """The items of the document ``body`` fetched from (or read at) ``url``."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body, url)
    head = body.lstrip()[:1].decode("ascii", errors="replace")
    if head == "{":
        return _json_feed(body, url)
    if head == "<":
        return _xml(body, url)
    return _url_list(body, url)


def _gunzip(body: bytes, url: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
            data = unzipped.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError) as exc:
        raise ListingError(f"{url}: not a readable gzip file: {exc}") from exc
    if len(data) > MAX_UNZIPPED:
        raise ListingError(f"{url}: unzips to more than {MAX_UNZIPPED:,} bytes")
    return data


# --------------------------------------------------------------------------- XML


def _xml(body: bytes, url: str) -> Listing:
    try:
        root = SafeET.fromstring(body, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise ListingError(
            f"{url}: the XML declares entities or external references "
            f"({type(exc).__name__}); refused"
        ) from exc
    except ET.ParseError as exc:
        # A malformed feed may still be read by feedparser's lenient parser; anything
        # else is refused with the parser's reason.
        if any(
            f"<{root}" in body[:2048].decode("utf-8", "replace").lower() for root in _FEED_ROOTS
        ):
            return _feed(body, url)
        raise ListingError(f"{url}: malformed XML: {exc}") from exc
    tag = _local(root.tag)
    if tag == "urlset":
        return _sitemap(root)
    if tag == "sitemapindex":
        return Listing(kind="sitemap", feeds=_texts(root, "sitemap", "loc"))
    if tag == "opml":
        feeds = [o.get("xmlUrl", "").strip() for o in root.iter() if _local(o.tag) == "outline"]
        title = next((_text(e) for e in root.iter() if _local(e.tag) == "title"), None)
        return Listing(kind="opml", title=title, feeds=[f for f in feeds if f])
    if tag.lower() in _FEED_ROOTS:
        return _feed(body, url)
    raise ListingError(
        f"{url}: an XML document of type <{tag}>, not a feed (RSS, Atom), sitemap or OPML file"
    )


def _feed(body: bytes, url: str) -> Listing:
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(
            Item(
                url=link,
                guid=(entry.get("id") or "").strip() or None,
                title=(entry.get("title") or "").strip() or None,
                published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
            )
        )
    if parsed.bozo and not items:  # broken, and nothing usable in it
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise ListingError(f"{url}: malformed feed: {reason}")
    title = (parsed.feed.get("title") or "").strip() or None
    return Listing(kind="feed", title=title, items=items)


def _sitemap(root: ET.Element) -> Listing:
    items = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        loc = title = published = None
        for child in entry.iter():
            name = _local(child.tag)
            if name == "loc" and loc is None:
                loc = _text(child)
            elif name == "publication_date":
                published = _day(_text(child))
            elif name == "title":
                title = _text(child)
        if loc:
            items.append(Item(url=loc, title=title, published=published))
        if len(items) >= MAX_ITEMS:
            break
    return Listing(kind="sitemap", items=items)


def _texts(root: ET.Element, parent: str, name: str) -> list[str]:
    found = []
    for element in root:
        if _local(element.tag) == parent:
            for child in element:
                if _local(child.tag) == name and _text(child):
                    found.append(_text(child) or "")
    return found[:MAX_ITEMS]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: ET.Element) -> str | None:
    return (element.text or "").strip() or None


# --------------------------------------------------------------------------- JSON Feed


class _JsonItem(msgspec.Struct):
    id: str | int | None = None
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    date_published: str | None = None


class _JsonFeed(msgspec.Struct):
    version: str
    title: str | None = None
    items: list[_JsonItem] = []


def _json_feed(body: bytes, url: str) -> Listing:
    try:
        feed = msgspec.json.decode(body, type=_JsonFeed)
    except msgspec.DecodeError as exc:
        raise ListingError(f"{url}: not a JSON Feed: {exc}") from exc
    if "jsonfeed.org" not in feed.version:
        raise ListingError(f"{url}: JSON, but not a JSON Feed (version {feed.version[:80]!r})")
    items = []
    for entry in feed.items[:MAX_ITEMS]:
        link = entry.url or entry.external_url
        if not link:
            continue
        items.append(
            Item(
                url=link.strip(),
                guid=str(entry.id) if entry.id is not None else None,
                title=entry.title,
                published=_day(entry.date_published),
            )
        )
    return Listing(kind="feed", title=feed.title, items=items)


def _day(value: str | None) -> str | None:
    """The UTC day of an ISO 8601 / RFC 3339 time; a bare day as it is."""
    if not value:
        return None
    value = value.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) == 10:
        return moment.date().isoformat()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


# --------------------------------------------------------------------------- URL lists


def _url_list(body: bytes, url: str) -> Listing:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListingError(f"{url}: not a feed, sitemap, OPML file or UTF-8 list of URLs") from exc
    items = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not line.lower().startswith(("http://", "https://")) or any(c.isspace() for c in line):
            raise ListingError(
                f"{url}:{number}: {line[:80]!r} is not an http(s) URL; a list holds one "
                "article URL per line"
            )
        items.append(Item(url=line))
    return Listing(kind="urls", items=items[:MAX_ITEMS])
