"""What keeps untrusted article text inert in the reader's browser, and the server whole.

- Every response carries a Content-Security-Policy that allows scripts, styles and
  images only from this app (``'self'``), no inline script or style, no frames, no
  form posts elsewhere; plus ``nosniff``, no referrer and no framing.
- Request bodies over a byte limit are refused before they are read (413), and a
  write must say its length (411 otherwise), which the server then holds it to.
- With a token set, every write must carry it (``Authorization: Bearer TOKEN`` or
  the form field ``token``), compared in constant time.
- Cross-site writes are refused (403) before their body is read: a write whose
  ``Origin`` names another host, or that the browser marks ``Sec-Fetch-Site``
  cross-site or same-site (another origin).  Browsers that send neither are held
  by the form token below.
- Every form carries a CSRF token, with or without ``--token`` (signed double
  submit): a random value in a ``SameSite=Strict`` cookie, and in a hidden field
  that value signed with a per-process secret.  A form posted from another site
  has no cookie (SameSite) and cannot read a field of ours, so it is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from storyline.web.public import readable_size

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


CSRF_COOKIE = "storyline_csrf"
CSRF_FIELD = "csrf"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_COOKIE = re.compile(r"[A-Za-z0-9_-]{43}")


class Csrf:
    """Form tokens: a cookie value and that value signed with this process's secret."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def _sign(self, value: str) -> str:
        return hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()

    def pair(self, cookie: str | None) -> tuple[str, str]:
        """(cookie value, form field value): the browser's cookie kept when it is one of ours."""
        if not cookie or not _COOKIE.fullmatch(cookie):
            cookie = secrets.token_urlsafe(32)  # 43 characters
        return cookie, f"{cookie}.{self._sign(cookie)}"

    def check(self, cookie: str | None, field: str | None) -> str | None:
        """Why a form post fails the check, or None when it passes."""
        if not field:
            return "the form has no CSRF token"
        value, _, signature = field.partition(".")
        if not hmac.compare_digest(signature.encode(), self._sign(value).encode()):
            return "the form's CSRF token is not one this server issued (it may have restarted)"
        if not cookie or not hmac.compare_digest(cookie.encode(), value.encode()):
            return "the form's CSRF token does not match this browser's cookie"
        return None

    @staticmethod
    def set_cookie(response: Any, cookie: str, https: bool) -> None:
        """Give the browser the cookie half of a form's token (``pair``)."""
        response.set_cookie(
            CSRF_COOKIE, cookie, httponly=True, samesite="strict", secure=https, path="/"
        )


def cross_site(scope: Scope) -> str | None:
    """Why a write comes from another site, or None when nothing says it does."""
    headers = {n.decode("latin-1"): v.decode("latin-1") for n, v in scope.get("headers", [])}
    fetch_site = headers.get("sec-fetch-site", "").strip().lower()
    if fetch_site in ("cross-site", "same-site"):
        return f"the browser marks it as sent from another site (Sec-Fetch-Site: {fetch_site})"
    origin = headers.get("origin", "").strip()
    if origin and origin.lower() != "null":
        host = headers.get("host", "")
        scheme = scope.get("scheme", "http")
        if _host(origin) != _authority(scheme, host):
            return f"the request comes from another site (Origin {origin!r}, not this server)"
    return None


def _host(origin: str) -> str:
    parts = urlsplit(origin)
    return _authority(parts.scheme, parts.netloc)


def _authority(scheme: str, netloc: str) -> str:
    netloc = netloc.strip().lower()
    default = {"http": ":80", "https": ":443"}.get(scheme.lower(), "")
    if default and netloc.endswith(default):
        netloc = netloc[: -len(default)]
    return netloc


class GuardMiddleware:
    """Security headers on every response; request bodies capped at ``max_body`` bytes;
    writes from another site refused."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in _SAFE_METHODS:
            reason = cross_site(scope)
            if reason is not None:
                await _refuse(send, 403, f"refused: {reason}; send it from this app's own pages")
                return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _refuse(
                send,
                413,
                f"the request is too large: {readable_size(declared)}, over the limit of "
                f"{readable_size(self.max_body)}; send fewer or smaller files at a time",
            )
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


def form_refusal(csrf: Csrf, token: str | None, request: Any, form: Any) -> tuple[int, str] | None:
    """Why a form sent to this app is refused: ``(403, problem)`` for a form another site
    may have sent (its CSRF token), ``(401, ...)`` for a wrong or missing token; None
    when it may go on.

    A script with the token in its Authorization header is no cross-site form (a browser
    sends that header only after a CORS preflight this app never grants).
    """
    header = request.headers.get("authorization")
    by_header = bool(token) and bool(header) and token_ok(token, header)
    if not by_header:
        field = form.get(CSRF_FIELD)
        problem = csrf.check(
            request.cookies.get(CSRF_COOKIE), field if isinstance(field, str) else None
        )
        if problem is not None:
            return 403, problem
    value = form.get("token")
    if not token_ok(token, header, value if isinstance(value, str) else None):
        return 401, "wrong or missing token"
    return None
