"""Live sources: watched feeds and sites and what they listed."""

from __future__ import annotations

from typing import Literal

from storyline.model.base import Record, SourceKind


class WatchedSource(Record, kw_only=True):
    """A feed, sitemap, OPML file or URL list that ``storyline watch`` polls, with its
    fetch state: the validators of its last answer (conditional GET) and its health."""

    url: str  # an http(s) URL, or a local file path (OPML, URL list)
    kind: SourceKind | None = None  # None until the first poll recognizes it
    added: str = ""  # ISO timestamps, UTC
    last_poll: str | None = None
    last_success: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # polls failed in a row (0: healthy)
    failing_since: str | None = None
    last_error: str | None = None


class SeenItem(Record, kw_only=True):
    """One item a source listed: its page, and what became of it.

    ``state`` is "ok" (``article`` holds the report, new or already stored), "skipped"
    (no report there: not an article page, disallowed by robots.txt; not tried again)
    or "failing" (tried again on later polls; ``failures`` counts the tries).
    """

    source: str
    item: str  # the item's guid, else its URL
    url: str  # the page fetched
    canonical: str | None = None  # the page's canonical URL, when it gives one
    first_seen: str = ""
    article: str | None = None
    state: Literal["ok", "skipped", "failing"] = "ok"
    failures: int = 0
    last_error: str | None = None
