"""robots.txt, read once per host and kept ``robots_ttl`` seconds (RFC 9309).

A robots.txt that is missing or refused (any 4xx) allows everything; one that
cannot be read (5xx, timeout, refused connection) disallows everything on that
host for a minute, as the RFC asks: a site in trouble is not crawled.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

if TYPE_CHECKING:
    from storyline.sources.fetch import Fetcher

log = logging.getLogger(__name__)

UNREACHABLE_TTL = 60.0
AGENT = "storyline"  # the product token robots.txt rules name


class RobotsCache:
    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        # origin -> (expiry, rules, why robots.txt could not be read)
        self._rules: dict[str, tuple[float, RobotFileParser, str | None]] = {}

    def check(self, url: str) -> None:
        """Raise ``FetchError`` unless robots.txt lets storyline fetch ``url``."""
        from storyline.sources.fetch import FetchError

        rules, unreadable = self._for(url)
        if unreadable is not None:
            raise FetchError(url, f"robots.txt cannot be read ({unreadable}); not crawled")
        if not rules.can_fetch(AGENT, url):
            raise FetchError(url, "disallowed by robots.txt", permanent=True)

    def crawl_delay(self, url: str) -> float:
        """The Crawl-delay the host's robots.txt asks of us, if it was read already."""
        found = self._rules.get(_origin(url))
        if found is None:
            return 0.0
        delay = found[1].crawl_delay(AGENT)
        return float(delay) if delay else 0.0

    def _for(self, url: str) -> tuple[RobotFileParser, str | None]:
        from storyline.sources.fetch import FetchError

        origin = _origin(url)
        found = self._rules.get(origin)
        if found is not None and found[0] > time.monotonic():
            return found[1], found[2]
        rules = RobotFileParser()
        unreadable: str | None = None
        ttl = self._fetcher.policy.robots_ttl
        try:
            answer = self._fetcher.get(f"{origin}/robots.txt", "robots")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                rules.parse([])  # no rules: everything allowed
            else:
                log.warning("robots.txt of %s cannot be read (%s): not crawled", origin, exc.reason)
                rules.parse(["User-agent: *", "Disallow: /"])
                unreadable, ttl = exc.reason, UNREACHABLE_TTL
        else:
            text = answer.body.decode("utf-8", errors="replace")
            rules.parse(text.splitlines())
        self._rules[origin] = (time.monotonic() + ttl, rules, unreadable)
        return rules, unreadable


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
