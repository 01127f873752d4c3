"""What keeps untrusted article text inert in the reader's browser, and the server whole.

- Every response carries a Content-Security-Policy that allows scripts, styles and
  images only from this app (``'self'``), no inline script or style, no frames, no
  form posts elsewhere; plus ``nosniff``, no referrer and no framing.
- Request bodies over a byte limit are refused before they are read (413), and a
  write must say its length (411 otherwise), which the server then holds it to.
- With a token set, every write must carry it (``Authorization: Bearer TOKEN`` or
  the form field ``token``), compared in constant time.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# The interactive API docs load their scripts from a CDN; the app serves the schema
# at /openapi.json only.


class GuardMiddleware:
    """Security headers on every response; request bodies capped at ``max_body`` bytes."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _refuse(send, 413, f"request body too large: the limit is {self.max_body} bytes")
            return
        if declared is None and scope["method"] in ("POST", "PUT", "PATCH") and _chunked(scope):
            # The server checks a body against its Content-Length, so with one required
            # no body can grow past the limit while it streams in.
            await _refuse(send, 411, "send the request body with a Content-Length header")
            return

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {h[0] for h in HEADERS}
                headers = [h for h in message.get("headers", []) if h[0] not in names]
                message["headers"] = headers + HEADERS
            await send(message)

        await self.app(scope, receive, secured_send)


def _chunked(scope: Scope) -> bool:
    return any(
        name == b"transfer-encoding" and b"chunked" in value.lower()
        for name, value in scope.get("headers", [])
    )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def token_ok(expected: str | None, header: str | None, form_value: str | None = None) -> bool:
    """True when no token is required, or the request carries the right one."""
    if not expected:
        return True
    given = form_value or ""
    if header and header.lower().startswith("bearer "):
        given = header[7:].strip()
    return hmac.compare_digest(given.encode(), expected.encode())
