"""A small news site served on 127.0.0.1 for the live-source tests.

Every route is a function of the request; a test sets the routes it needs and reads
back what was asked (path and headers). Articles are fictional, written for these tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between chunks of the body


Route = Callable[["Request"], Answer]


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                with site._lock:
                    site.requests.append(request)
                route = site.routes.get(self.path.split("?", 1)[0])
                answer = route(request) if route else Answer(404, b"not here")
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    headers = {"content-length": str(len(answer.body)), **answer.headers}
                    if headers["content-length"] == "":  # no length: the body ends at close
                        del headers["content-length"]
                        headers["connection"] = "close"
                        self.close_connection = True
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if answer.drip:
                        for i in range(0, len(answer.body), 1024):
                            self.wfile.write(answer.body[i : i + 1024])
                            self.wfile.flush()
                            time.sleep(answer.drip)
                    else:
                        self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (byte limit, timeout): what the test wants

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # a short poll: shutdown() waits for it (0.5 s by default, on every test)
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> Site:
        self._thread.start()
        return self

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def asked(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # --------------------------------------------------------------- helpers
    def page(self, path: str, html: str, **headers: str) -> None:
        self.routes[path] = lambda r: Answer(
            body=html.encode(), headers={"content-type": "text/html; charset=utf-8", **headers}
        )

    def text(self, path: str, body: str, content_type: str) -> None:
        self.routes[path] = lambda r: Answer(
            body=body.encode(), headers={"content-type": content_type}
        )

    def conditional(self, path: str, body: str, content_type: str, etag: str) -> None:
        """Answers 304 to a request that carries the validators of the last answer."""
        modified = formatdate(1_700_000_000 + sum(etag.encode()), usegmt=True)

        def route(request: Request) -> Answer:
            # If-None-Match wins over If-Modified-Since when both are sent (RFC 9110)
            given = request.headers.get("if-none-match")
            fresh = given == etag if given else request.headers.get("if-modified-since") == modified
            if fresh:
                return Answer(304, headers={"etag": etag})
            return Answer(
                body=body.encode(),
                headers={"content-type": content_type, "etag": etag, "last-modified": modified},
            )

        self.routes[path] = route


def article_html(title: str, outlet: str, day: str | None, paragraphs: list[str]) -> str:
    meta = f'<meta property="article:published_time" content="{day}T08:00:00Z">' if day else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
{meta}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>Copyright {outlet}. All rights reserved.</footer></body></html>"""


def rss(title: str, items: list[tuple[str, str, str | None]]) -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date or None) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        + (f"<pubDate>{d}</pubDate>" if d else "")
        + "</item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>news</description>{entries}</channel></rss>"
    )
