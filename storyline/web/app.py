"""The web app: pages journalists read and the HTTP API scripts use, put together.

Pages are rendered on the server from autoescaped Jinja2 templates; the only
scripts are files this app serves (``/static/``), so the Content-Security-Policy
can forbid every inline script (see :mod:`storyline.web.security`). The routes live
in :mod:`~storyline.web.pages`, :mod:`~storyline.web.upload`, :mod:`~storyline.web.api`,
:mod:`~storyline.web.entities` and :mod:`~storyline.web.sources`; what they share in
:mod:`~storyline.web.state`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from storyline.errors import NotFoundError, StorylineError
from storyline.render.view import date_label, language_name, safe_url
from storyline.web import bodies, schemas
from storyline.web.api import api_router
from storyline.web.entities import entity_router
from storyline.web.pages import OPEN_UP_TO, PAGE_ROWS, SECTION_ROWS, SECTIONS, page_router
from storyline.web.public import scrub
from storyline.web.security import GuardMiddleware
from storyline.web.state import PageCache, State, WebConfig
from storyline.web.upload import upload_router
from storyline.web.views import sentence_href

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
RENDER_STATIC = ("dossier.js", "dossier.css")
WEB_STATIC = ("web.js", "web.css", "favicon.ico")
_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ico": "image/x-icon",
}


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
    )
    env.filters["date"] = date_label
    env.filters["language_name"] = language_name
    env.globals["sentence_href"] = sentence_href
    env.globals["safe_url"] = safe_url
    return env


def _static_files() -> dict[str, tuple[bytes, str]]:
    files: dict[str, tuple[bytes, str]] = {}
    render_static = resources.files("storyline.render") / "static"
    for name in RENDER_STATIC:
        files[name] = ((render_static / name).read_bytes(), _TYPES[Path(name).suffix])
    for name in WEB_STATIC:
        files[name] = ((HERE / "static" / name).read_bytes(), _TYPES[Path(name).suffix])
    return files


def create_app(config: WebConfig) -> Any:
    state = State(config)
    env = _templates()
    page = _page_renderer(env, config)
    app = FastAPI(
        title="storyline",
        summary="Sourced story dossiers from news reports.",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
        lifespan=_lifespan(state),
        exception_handlers=_error_handlers(page),
    )
    app.state.storyline = state
    app.include_router(page_router(state, env, page, _static_files()))
    app.include_router(upload_router(state, page))
    app.include_router(entity_router(state.dossier, state.rows, state.story_title, page))
    app.include_router(api_router(state))

    from storyline.web.sources import add_source_routes

    add_source_routes(app, state, page)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    # Pages and dossier JSON are text that compresses several times over.
    app.add_middleware(GZipMiddleware, minimum_size=600)
    app.add_middleware(HeadAsGet)
    return GuardMiddleware(app, config.max_body)


def _page_renderer(env: jinja2.Environment, config: WebConfig) -> Callable[..., HTMLResponse]:
    """``page(template, status, **context)``: a rendered page (it knows if writes need a token)."""

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("token_required", bool(config.token))
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    return page


def _error_handlers(page: Callable[..., HTMLResponse]) -> dict[Any, Any]:
    """Every message a client sees is scrubbed of server paths and CLI advice; an
    unexpected exception is logged here and answered with a generic 500."""

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"

    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if wants_html(request):
            return page("error.html", 404, title="Not found", message=scrub(str(exc)))
        return JSONResponse({"detail": scrub(str(exc))}, status_code=404)

    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        if wants_html(request):
            return page("error.html", 400, title="Cannot do that", message=scrub(str(exc)))
        return JSONResponse({"detail": scrub(str(exc))}, status_code=400)

    async def bad_body(request: Request, exc: bodies.BodyError) -> Response:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            message = "; ".join(scrub(str(e.get("msg", e))) for e in exc.errors())
            return page("error.html", 422, title="Bad request", message=message)
        detail = json.loads(json.dumps(exc.errors(), default=str))
        return JSONResponse({"detail": detail}, 422)

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error(
            "%s %s failed: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc
        )
        message = "the server failed to answer this request; its log has the details"
        if wants_html(request):
            return page("error.html", 500, title="Server error", message=message)
        return JSONResponse({"detail": message}, status_code=500)

    return {
        NotFoundError: not_found,
        StorylineError: storyline_error,
        bodies.BodyError: bad_body,
        RequestValidationError: bad_request,
        Exception: internal_error,
    }


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version="1", routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(schemas.dossier_components())
        components["ArticleIn"] = schemas.ARTICLE_IN
        app.openapi_schema = schema
    return app.openapi_schema


class HeadAsGet:
    """``HEAD`` answered as ``GET`` without the body (FastAPI routes list GET only).

    Link checkers and uptime monitors ask ``HEAD /``; a 405 reads as "site down".
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _lifespan(state: State) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        if state.config.watch_interval is not None:
            from storyline.web.sources import Watcher

            state.watcher = Watcher(state, state.config.watch_interval)
            state.watcher.start()
        yield
        if state.watcher is not None:
            await run_in_threadpool(state.watcher.close)  # the poll in flight stops first
            state.watcher = None
        state.close()

    return lifespan


__all__ = [
    "OPEN_UP_TO",
    "PAGE_ROWS",
    "SECTIONS",
    "SECTION_ROWS",
    "PageCache",
    "State",
    "WebConfig",
    "create_app",
]
