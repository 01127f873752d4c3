"""Fetching like a good citizen: one ``httpx`` client, used with restraint.

- storyline's own User-Agent, and robots.txt obeyed (``robots.RobotsCache``);
- at most one request at a time per host, ``host_delay`` seconds apart (longer if
  robots.txt asks for a Crawl-delay, up to ``MAX_CRAWL_DELAY``);
- conditional GET: the caller passes the validators (ETag, Last-Modified) of the
  last answer and gets ``status == 304`` when nothing changed;
- a timeout per request (connect, each read) and a deadline for the whole body;
- retries on 5xx answers, timeouts and refused connections, ``retries`` times at
  most, ``backoff`` seconds doubled each time;
- bodies streamed and abandoned past ``max_bytes``; redirects followed by hand,
  ``max_redirects`` at most, each hop checked again (scheme, robots, address);
- content types checked against what the caller expects (a feed, a page);
- with ``allow_private=False`` (the web app) every hop's host is resolved, its
  addresses checked (``addresses``), and the connection made to the checked
  address, its peer verified.

Every refusal raises ``FetchError`` naming the URL and the reason.
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Literal, Self
from urllib.parse import urljoin, urlsplit

import httpx

from storyline import __version__
from storyline.errors import StorylineError
from storyline.sources.addresses import AddressError, check_scheme, public_address, why_not_public

log = logging.getLogger(__name__)


def user_agent() -> str:
    """storyline's User-Agent, from the installed package's metadata: its name and version,
    and the project's first URL when the metadata gives one (a site's operator reads there
    what this crawler is)."""
    try:
        meta = importlib.metadata.metadata("storyline")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return f"storyline/{__version__}"
    name = next(iter(meta.get_all("Name") or []), "storyline")
    version = next(iter(meta.get_all("Version") or []), __version__)
    urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
    url = next((u for u in [*urls, *(meta.get_all("Home-page") or [])] if u), None)
    return f"{name}/{version} (+{url})" if url else f"{name}/{version}"


USER_AGENT = user_agent()
MAX_CRAWL_DELAY = 30.0
REDIRECTS = (301, 302, 303, 307, 308)

Expect = Literal["feed", "page", "robots", "any"]
# Content types each kind of fetch accepts (parameters such as charset ignored).
_TYPES: dict[str, tuple[str, ...]] = {
    "feed": (
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "text/plain",  # some servers send feeds and URL lists as text
        "text/x-opml",
        "application/x-opml",
        "text/x-opml+xml",
        "application/octet-stream",  # a sitemap.xml.gz is sniffed from its content
        "application/x-gzip",
        "application/gzip",
    ),
    "page": ("text/html", "application/xhtml+xml"),
    "robots": ("text/plain",),
}


class FetchError(StorylineError):
    """A URL that could not be fetched; ``reason`` says why for the user."""

    def __init__(
        self, url: str, reason: str, *, permanent: bool = False, status: int | None = None
    ) -> None:
        self.url = url
        self.reason = reason
        self.permanent = permanent  # trying again later will not help (robots, content type)
        self.status = status  # the HTTP status of a 4xx answer
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0  # seconds to connect, and between two reads
    body_deadline: float = 60.0  # seconds for a whole answer
    retries: int = 2
    backoff: float = 0.5
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    host_delay: float = 1.0
    robots_ttl: float = 3600.0  # a host's robots.txt is read again after this
    allow_private: bool = True  # the CLI fetches anything; the web app passes False
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: no body)
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Stopped(Exception):
    """Raised inside a fetch when the poller was asked to stop."""


class Closing(ABC):
    """A ``with`` block closes it (``close``)."""

    @abstractmethod
    def close(self) -> None:
        """Release what it holds (connections)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Fetcher(Closing):
    """One HTTP client, per-host pacing and robots.txt cache; thread-safe enough for one
    poller (requests are made one at a time)."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        from storyline.sources.robots import RobotsCache

        self.policy = policy or FetchPolicy()
        self.stop = stop or threading.Event()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"user-agent": self.policy.user_agent},
            transport=transport,
            trust_env=False,  # no proxy from the environment: the address checks see the peer
        )
        self._last: dict[str, float] = {}  # host -> monotonic time of its last request
        self.robots = RobotsCache(self)

    def close(self) -> None:
        self._client.close()

    # ------------------------------------------------------------------ public
    def get(
        self,
        url: str,
        expect: Expect,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """GET ``url`` (redirects followed, robots.txt obeyed); 304 when not modified."""
        headers = {}
        if etag:
            headers["if-none-match"] = etag
        if last_modified:
            headers["if-modified-since"] = last_modified
        if expect == "page":
            headers["accept"] = "text/html,application/xhtml+xml;q=0.9"
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            self._check(current)
            if expect != "robots":
                self.robots.check(current)
            answer = self._with_retries(current, headers, expect)
            if answer.status in REDIRECTS:
                location = answer.headers.get("location")
                if not location:
                    raise FetchError(current, f"HTTP {answer.status} redirect with no Location")
                current = urljoin(current, location)
                continue
            answer.url = current
            return answer
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects (a redirect loop?)")

    # ------------------------------------------------------------------ steps
    def _check(self, url: str) -> None:
        try:
            check_scheme(url)
        except AddressError as exc:
            raise FetchError(url, str(exc).split(": ", 1)[-1], permanent=True) from exc
        if not urlsplit(url).hostname:
            raise FetchError(url, "no host in the URL", permanent=True)

    def _with_retries(self, url: str, headers: dict[str, str], expect: Expect) -> Fetched:
        tries = self.policy.retries + 1
        for attempt in range(tries):
            self._pace(url)
            last = attempt == tries - 1
            try:
                answer = self._once(url, headers, expect)
            except (httpx.TimeoutException, httpx.ConnectError, httpx.RemoteProtocolError) as exc:
                reason = _network_reason(exc, self.policy.timeout)
                if last:
                    raise FetchError(url, f"{reason} ({tries} tries)") from exc
                log.info("%s: %s; trying again", url, reason)
            else:
                if answer.status < 500:
                    return answer
                if last:
                    raise FetchError(url, f"HTTP {answer.status} ({tries} tries)")
                log.info("%s: HTTP %d; trying again", url, answer.status)
            self._sleep(self.policy.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _pace(self, url: str) -> None:
        """Wait until this host's last request is ``host_delay`` (or its Crawl-delay) old."""
        host = urlsplit(url).netloc.lower()
        delay = max(self.policy.host_delay, min(self.robots.crawl_delay(url), MAX_CRAWL_DELAY))
        last = self._last.get(host)
        if last is not None:
            self._sleep(last + delay - time.monotonic())
        self._last[host] = time.monotonic()

    def _sleep(self, seconds: float) -> None:
        if seconds > 0 and self.stop.wait(seconds):
            raise Stopped
        if self.stop.is_set():
            raise Stopped

    def _route(self, url: str) -> tuple[str, dict[str, str], dict[str, object]]:
        """Where to connect for ``url``: with private addresses refused, the checked
        address itself, with the host name kept for the Host header and TLS."""
        if self.policy.allow_private:
            return url, {}, {}
        parts = httpx.URL(url)
        host = parts.host
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            address = public_address(host, port)
        except AddressError as exc:
            raise FetchError(url, str(exc), permanent=True) from exc
        target = str(parts.copy_with(host=address))
        headers = {"host": parts.netloc.decode("ascii")}
        extensions: dict[str, object] = {"sni_hostname": host} if parts.scheme == "https" else {}
        return target, headers, extensions

    def _once(self, url: str, headers: dict[str, str], expect: Expect) -> Fetched:
        target, more, extensions = self._route(url)
        request = self._client.build_request(
            "GET", target, headers={**headers, **more}, extensions=extensions
        )
        started = time.monotonic()
        response = self._client.send(request, stream=True)
        try:
            if not self.policy.allow_private:
                self._verify_peer(url, response)
            answer = Fetched(
                url=url,
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                headers={k.lower(): v for k, v in response.headers.items()},
            )
            if response.status_code != 200:
                if 400 <= response.status_code < 500:
                    raise FetchError(
                        url, f"HTTP {response.status_code}", status=response.status_code
                    )
                return answer
            self._check_type(url, answer.content_type, expect)
            answer.body = self._read(url, response, started)
            return answer
        finally:
            response.close()

    def _verify_peer(self, url: str, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            raise FetchError(url, "cannot verify the address connected to", permanent=True)
        reason = why_not_public(str(peer[0]))
        if reason is not None:
            raise FetchError(url, f"connected to {peer[0]}: {reason}", permanent=True)

    def _check_type(self, url: str, content_type: str, expect: Expect) -> None:
        if expect in ("any", "robots"):  # robots.txt is read whatever its type says
            return
        kind = content_type.split(";", 1)[0].strip().lower()
        if not kind:
            return  # no type given: the parser judges the content
        allowed = _TYPES[expect]
        if kind not in allowed and not (expect == "feed" and kind.endswith(("+xml", "+json"))):
            what = {"feed": "a feed, sitemap or list", "page": "an HTML page", "robots": "text"}
            raise FetchError(url, f"content type {kind!r} is not {what[expect]}", permanent=True)

    def _read(self, url: str, response: httpx.Response, started: float) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large: {int(declared):,} bytes, over {limit:,}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large: over {limit:,} bytes (stopped reading)")
            if time.monotonic() - started > self.policy.body_deadline:
                raise FetchError(
                    url, f"too slow: no whole answer in {self.policy.body_deadline:g} s"
                )
            if self.stop.is_set():
                raise Stopped
            chunks.append(chunk)
        return b"".join(chunks)


def _network_reason(exc: Exception, timeout: float) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out (no answer within {timeout:g} s)"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {exc or type(exc).__name__}"
    return f"the connection broke: {exc or type(exc).__name__}"
