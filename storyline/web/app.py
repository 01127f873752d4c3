"""Routes: the pages journalists read and the HTTP API scripts use.

Pages are rendered on the server from autoescaped Jinja2 templates; the only
scripts are files this app serves (``/static/``), so the Content-Security-Policy
can forbid every inline script (see :mod:`storyline.web.security`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
import msgspec
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware

from storyline import engine
from storyline.errors import NotFoundError, StorylineError
from storyline.model import Article, Dossier
from storyline.render.jsonout import script_json
from storyline.render.view import (
    ArticleView,
    build_view,
    date_label,
    safe_url,
    timeline_count,
    timeline_rest,
    unique_parts,
)
from storyline.settings import Settings
from storyline.store import Store, open_store
from storyline.web import bodies, schemas
from storyline.web.entities import entity_router
from storyline.web.jobs import JobRunner, display_name, safe_suffix, with_limit
from storyline.web.public import public_article, public_dossier, readable_size, scrub
from storyline.web.search import MAX_LIMIT, QueryError, parse_query
from storyline.web.security import CSRF_COOKIE, CSRF_FIELD, Csrf, GuardMiddleware, token_ok
from storyline.web.views import (
    StoryQuery,
    StoryRow,
    article_dict,
    article_pieces,
    change_lines,
    choose_title,
    disambiguate,
    fallback_title,
    headlines,
    sentence_href,
    story_row,
    timeline_data,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
RENDER_STATIC = ("dossier.js", "dossier.css")
WEB_STATIC = ("web.js", "web.css", "favicon.ico")
_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ico": "image/x-icon",
}


# The story page shows this many rows of a long section, folded when it has more than
# OPEN_UP_TO; a section's own page (/stories/{id}/{section}) pages by SECTION_ROWS.
PAGE_ROWS = 25
OPEN_UP_TO = 12
SECTION_ROWS = 100
SECTIONS = (
    "changes",
    "conflicts",
    "quotes",
    "entities",
    "coverage",
    "claims",
    "articles",
    "sources",
)


@dataclass(frozen=True)
class WebConfig:
    settings: Settings
    token: str | None = None  # every write needs it when set
    max_files: int = 20  # files per upload
    max_file_bytes: int = 2_000_000  # larger files are rejected, each with its own message
    max_body: int = 30_000_000  # whole request
    # Rendered story pages and dossier JSON are kept this long, or until a job of this
    # app changes the store; the limit bounds how stale they can be when another
    # process (`storyline build`) writes the same store.
    cache_seconds: float = 5.0
    # `serve --watch`: poll the watched sources every this many seconds (None: never)
    watch_interval: float | None = None
    # `serve --allow-private-sources`: sources may be on loopback/private/link-local hosts
    allow_private_sources: bool = False


class PageCache:
    """Rendered bytes by key, each kept for ``ttl`` seconds at most."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._items: dict[tuple[str, str], tuple[float, bytes]] = {}

    def get(self, key: tuple[str, str]) -> bytes | None:
        found = self._items.get(key)
        if found is None or time.monotonic() - found[0] > self.ttl:
            return None
        return found[1]

    def __setitem__(self, key: tuple[str, str], value: bytes) -> None:
        if len(self._items) > 1000:  # ids are checked before caching; this only bounds memory
            self._items.clear()
        self._items[key] = (time.monotonic(), value)

    def clear(self) -> None:
        self._items.clear()


class State:
    """What the routes share: the read store, the job runner, rendered-page caches."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.cache = PageCache(config.cache_seconds)
        self.csrf = Csrf()
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._runner: JobRunner | None = None
        self._rows: tuple[float, list[StoryRow]] | None = None
        self.watcher: Any = None  # storyline.web.sources.Watcher with `serve --watch`

    # Opened on first use and again after a shutdown: a test client may run the app's
    # lifespan (and so close()) more than once.
    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.config.settings.db)
            return self._store

    @property
    def runner(self) -> JobRunner:
        with self._lock:
            if self._runner is None:
                self._runner = JobRunner(
                    with_limit(self.config.settings, self.config.max_file_bytes),
                    on_change=self.invalidate,
                )
            return self._runner

    def invalidate(self) -> None:
        self.cache.clear()
        self._rows = None

    def dossier(self, story_id: str) -> Dossier:
        """The story's dossier as clients see it (file names, no server paths)."""
        try:
            story = self.store.get_story(story_id)
        except NotFoundError:
            raise NotFoundError(f"no story {story_id!r}") from None
        try:
            dossier = self.store.get_dossier(story.id)
        except NotFoundError:
            dossier = engine.dossier_for(story, self.store, self.config.settings)
            self.store.put_dossier(dossier)
        return public_dossier(dossier)

    def fallback_titles(self, dossier: Dossier) -> dict[str, str]:
        """A title for each of the dossier's reports without a headline: its first sentence."""
        untitled = [a.id for a in dossier.articles if not a.title]
        if not untitled:
            return {}
        out = {}
        for article in self.store.articles(untitled):
            title = fallback_title(article.text)
            if title:
                out[article.id] = title
        return out

    def story_title(self, dossier: Dossier) -> str:
        """The stored title if it reads as a headline, else one chosen from the reports."""
        ordered = sorted(dossier.articles, key=lambda a: (a.published.date or "9999", a.id))
        return choose_title(
            dossier.story.title,
            [a.title for a in ordered if a.title and not a.duplicate_of],
            lambda: [self.fallback_titles(dossier).get(a.id, "") for a in ordered],
        )

    def article(self, article_id: str) -> Article:
        try:
            return self.store.get_article(article_id)
        except NotFoundError:
            raise NotFoundError(f"no article {article_id!r}") from None

    def rows(self) -> list[StoryRow]:
        """Every story with a dossier, newest first; kept as long as the page cache."""
        found = self._rows
        if found is not None and time.monotonic() - found[0] <= self.config.cache_seconds:
            return found[1]
        rows = []
        for story in self.store.stories():
            try:
                dossier = self.store.get_dossier(story.id)
            except NotFoundError:
                continue  # listed once a job or `storyline build` has made its dossier
            row = story_row(dossier)
            rows.append(replace(row, title=self.story_title(dossier)))
        rows = disambiguate(rows)
        rows.sort(key=lambda r: (r.last or "", r.id), reverse=True)
        self._rows = (time.monotonic(), rows)
        return rows

    def close(self) -> None:
        with self._lock:
            runner, store = self._runner, self._store
            self._runner = self._store = None
        if runner is not None:
            runner.close()
        if store is not None:
            store.close()


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
    )
    env.filters["date"] = date_label
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
    static = _static_files()
    app = FastAPI(
        title="storyline",
        summary="Sourced story dossiers from news reports.",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
        lifespan=_lifespan(state),
    )
    app.state.storyline = state

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("token_required", bool(config.token))
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"

    # Every message a client sees is scrubbed of server paths and CLI advice; an
    # unexpected exception is logged here and answered with a generic 500.
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if wants_html(request):
            return page("error.html", 404, title="Not found", message=scrub(str(exc)))
        return JSONResponse({"detail": scrub(str(exc))}, status_code=404)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        if wants_html(request):
            return page("error.html", 400, title="Cannot do that", message=scrub(str(exc)))
        return JSONResponse({"detail": scrub(str(exc))}, status_code=400)

    @app.exception_handler(bodies.BodyError)
    async def bad_body(request: Request, exc: bodies.BodyError) -> Response:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            message = "; ".join(scrub(str(e.get("msg", e))) for e in exc.errors())
            return page("error.html", 422, title="Bad request", message=message)
        detail = json.loads(json.dumps(exc.errors(), default=str))
        return JSONResponse({"detail": detail}, 422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error(
            "%s %s failed: %s", request.method, request.url.path, type(exc).__name__, exc_info=exc
        )
        message = "the server failed to answer this request; its log has the details"
        if wants_html(request):
            return page("error.html", 500, title="Server error", message=message)
        return JSONResponse({"detail": message}, status_code=500)

    # ------------------------------------------------------------------ static files
    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        found = static.get(name)
        if found is None:
            raise NotFoundError(f"no static file {name[:100]!r}")
        body, media = found
        return Response(body, media_type=media, headers={"cache-control": "max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(
            static["favicon.ico"][0],
            media_type="image/x-icon",
            headers={"cache-control": "max-age=86400"},
        )

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(
        q: str = "",
        entity: str = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
    ) -> HTMLResponse:
        rows = state.rows()
        try:
            query = parse_query(q, entity, outlet, since, until)
        except QueryError as exc:
            # the form again, as filled, with the reason; no story is shown for a bad search
            query = StoryQuery(q=q, entity=entity, outlet=outlet, since=since, until=until)
            return page(
                "stories.html", 422, rows=[], total=len(rows), query=query, error=exc.detail
            )
        shown = [r for r in rows if query.matches(r)]
        return page("stories.html", rows=shown, total=len(rows), query=query, error=None)

    def render_story(story_id: str, only: str | None = None, start: int = 0) -> bytes:
        dossier = state.dossier(story_id)
        view = build_view(dossier, changes_first=False)  # the summary comes first here
        data = timeline_data(view)  # numbers every source, in the renderers' order
        titles = state.fallback_titles(dossier)

        def article_title(article: ArticleView) -> str:
            return article.record.title or titles.get(article.id) or article.title

        html = env.get_template("story.html").render(
            d=dossier,
            view=view,
            title=state.story_title(dossier),
            data=script_json(data),
            href=lambda n: sentence_href(
                view.sources[n - 1].article.id, view.sources[n - 1].sentence
            ),
            timeline=data["timeline"],
            count=timeline_count(dossier),
            rest=timeline_rest(view),
            change=state.runner.changes.get(dossier.story.id),
            changes=change_lines(dossier),
            headlines=headlines(view, titles),
            article_title=article_title,
            only=only,
            start=start,
            cap=PAGE_ROWS if not only else SECTION_ROWS,
            open_up_to=OPEN_UP_TO,
            token_required=bool(config.token),
        )
        return html.encode()

    @app.get("/stories/{story_id}/{section}", response_class=HTMLResponse, include_in_schema=False)
    async def story_section(story_id: str, section: str, start: int = 0) -> Response:
        if section not in SECTIONS:
            raise NotFoundError(f"no section {section[:40]!r}; sections: {', '.join(SECTIONS)}")
        start = max(0, start)
        body = await run_in_threadpool(render_story, story_id, section, start)
        return HTMLResponse(body)

    # The two hottest reads answer from a cache, emptied whenever a job finishes, without
    # a hop to the thread pool; a miss renders in the pool.
    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str) -> Response:
        key = ("page", story_id)
        cached = state.cache.get(key)
        if cached is None:
            cached = await run_in_threadpool(render_story, story_id)
            state.cache[key] = cached
        return HTMLResponse(cached)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, hl: int | None = None) -> HTMLResponse:
        article = public_article(state.article(article_id))
        annotations = state.store.get_annotations([article.id])
        annotation = annotations[0] if annotations else None
        stories = [s for s in state.store.stories() if article.id in s.articles]
        return page(
            "article.html",
            a=article,
            url=safe_url(article.url),
            pieces=article_pieces(article, annotation),
            hl=hl,
            stories=stories,
            note=unique_parts(article.published.note or ""),
            title=article.title or fallback_title(article.text) or "Untitled article",
        )

    def upload_page(request: Request, status: int = 200, error: str | None = None) -> Response:
        """The form, with a CSRF token in a hidden field and its value in a cookie."""
        cookie, field = state.csrf.pair(request.cookies.get(CSRF_COOKIE))
        response = page(
            "upload.html",
            status,
            error=error,
            limits=config,
            csrf=field,
            max_file_size=readable_size(config.max_file_bytes),
        )
        state.csrf.set_cookie(response, cookie, request.url.scheme == "https")
        return response

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> Response:
        return upload_page(request)

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        try:
            form = await request.form(
                max_files=config.max_files,
                max_fields=20,
                max_part_size=config.max_file_bytes,
            )
        except HTTPException as exc:
            return upload_page(request, exc.status_code, _form_error(str(exc.detail), config))
        # A script with the token in its Authorization header is no cross-site form
        # (a browser sends that header only after a CORS preflight this app never grants).
        header = request.headers.get("authorization")
        by_header = bool(config.token) and bool(header) and token_ok(config.token, header)
        if not by_header:
            field = form.get(CSRF_FIELD)
            problem = state.csrf.check(
                request.cookies.get(CSRF_COOKIE), field if isinstance(field, str) else None
            )
            if problem is not None:
                await form.close()
                log.warning("upload refused: %s", problem)
                return upload_page(
                    request,
                    403,
                    f"refused: {problem}. Open this page again and send the form from it.",
                )
        token = form.get("token")
        if not token_ok(config.token, header, token if isinstance(token, str) else None):
            await form.close()
            return upload_page(request, 401, "wrong or missing token")
        job_id, folder = state.runner.new_folder()
        names: dict[str, str] = {}
        n = 0
        for item in form.getlist("files"):
            if not isinstance(item, UploadFile) or not item.filename:
                continue
            n += 1
            ours = f"{n:03d}{safe_suffix(item.filename)}"
            (folder / ours).write_bytes(await item.read())
            names[ours] = display_name(item.filename, ours)
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            n += 1
            ours = f"{n:03d}.json"
            record: dict[str, Any] = {"text": text}
            for field in ("title", "outlet", "date", "url"):
                value = form.get(field)
                if isinstance(value, str) and value.strip():
                    record[field] = value.strip()
            (folder / ours).write_text(json.dumps(record), encoding="utf-8")
            names[ours] = "pasted text"
        described = [
            f for f in ("title", "outlet", "date", "url") if str(form.get(f) or "").strip()
        ]
        await form.close()
        if not names:
            folder.rmdir()
            if described:  # a report was filled in, all but its text
                return upload_page(
                    request, 400, "the text is empty: paste the report's text under Text"
                )
            return upload_page(request, 400, "choose a file or paste a text")
        job = state.runner.submit(job_id, folder, names)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = state.runner.get(job_id)
        return page(
            "job.html", job=job, progress=job_status(job.state, job.stage, job.done, job.total)
        )

    app.include_router(entity_router(state.dossier, state.rows, state.story_title, page))

    # ------------------------------------------------------------------ API
    not_found_doc: dict[int | str, dict[str, Any]] = {404: {"model": schemas.ErrorOut}}

    @app.get(
        "/api/stories",
        response_model=list[schemas.StoryOut],
        responses={422: {"model": schemas.ErrorOut}},
        tags=["read"],
    )
    def api_stories(
        q: Annotated[str, Query(description="words in the story")] = "",
        entity: Annotated[str, Query(description="an entity name or alias")] = "",
        outlet: str = "",
        since: Annotated[dt.date | Literal[""], Query(description="empty: no bound")] = "",
        until: Annotated[dt.date | Literal[""], Query(description="not before since")] = "",
        limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description="at most")] = None,
    ) -> Any:
        try:
            query = parse_query(q, entity, outlet, str(since), str(until))
        except QueryError as exc:
            return JSONResponse({"detail": exc.detail}, status_code=422)
        found = [r.as_dict() for r in state.rows() if query.matches(r)]
        return found[:limit] if limit else found

    @app.get(
        "/api/stories/{story_id}",
        tags=["read"],
        responses={
            200: {
                "description": "The story's dossier (DESIGN.md contract, schema_version 1)",
                "content": {"application/json": {"schema": {"$ref": schemas.DOSSIER_REF}}},
            },
            **not_found_doc,
        },
    )
    async def api_story(story_id: str) -> Response:
        key = ("json", story_id)
        cached = state.cache.get(key)
        if cached is None:
            dossier = await run_in_threadpool(state.dossier, story_id)
            cached = msgspec.json.encode(dossier)
            state.cache[key] = cached
        return Response(cached, media_type="application/json")

    @app.get(
        "/api/articles/{article_id}",
        response_model=schemas.ArticleOut,
        responses=not_found_doc,
        tags=["read"],
    )
    def api_article(article_id: str) -> dict[str, Any]:
        article = public_article(state.article(article_id))
        annotations = state.store.get_annotations([article.id])
        return article_dict(article, annotations[0] if annotations else None)

    @app.get(
        "/api/jobs/{job_id}", response_model=schemas.JobOut, responses=not_found_doc, tags=["write"]
    )
    def api_job(job_id: str) -> dict[str, object]:
        return state.runner.get(job_id).as_dict()

    @app.post(
        "/api/articles",
        status_code=202,
        response_model=schemas.JobOut,
        tags=["write"],
        openapi_extra={"requestBody": schemas.ARTICLE_BODY},
        responses={
            400: {"model": schemas.ErrorOut},
            401: {"model": schemas.ErrorOut},
            413: {"model": schemas.ErrorOut},
            415: {"model": schemas.ErrorOut},
        },
    )
    async def api_add_articles(request: Request) -> Response:
        """Queue articles (one JSON object, a JSON list, or JSON lines) for processing."""
        if not token_ok(config.token, request.headers.get("authorization")):
            return JSONResponse({"detail": "wrong or missing token"}, status_code=401)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/json", *JSONL_TYPES):
            # text/plain and form bodies are what another site's page can send unasked
            return JSONResponse(
                {
                    "detail": f"content type {kind[:80]!r}: send application/json or "
                    "application/x-ndjson"
                },
                status_code=415,
            )
        body = await request.body()
        if len(body) > config.max_file_bytes:
            raise bodies.BodyError(
                413,
                f"the body is {readable_size(len(body))}, over the limit of "
                f"{readable_size(config.max_file_bytes)} per request; split the articles "
                "into several requests",
            )
        skipped: list[bodies.LineProblem] = []
        if kind == "application/json":
            suffix = ".json"
            # the checked records, written again: ingest reads only what passed
            content = msgspec.json.encode(bodies.json_records(body))
        else:
            suffix = ".jsonl"
            content, skipped = bodies.jsonl_lines(body)
        job_id, folder = state.runner.new_folder()
        ours = f"001{suffix}"
        (folder / ours).write_bytes(content)
        job = state.runner.submit(
            job_id,
            folder,
            {ours: f"request body{suffix}"},
            skipped={ours: [(p.line, p.reason) for p in skipped]},
        )
        return JSONResponse(
            job.as_dict(), status_code=202, headers={"location": f"/api/jobs/{job.id}"}
        )

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version="1", routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(schemas.dossier_components())
            components["ArticleIn"] = schemas.ARTICLE_IN
            app.openapi_schema = schema
        return app.openapi_schema

    from storyline.web.sources import add_source_routes

    add_source_routes(app, state, page)
    app.openapi = openapi  # type: ignore[method-assign]
    # Pages and dossier JSON are text that compresses several times over.
    app.add_middleware(GZipMiddleware, minimum_size=600)
    app.add_middleware(HeadAsGet)
    return GuardMiddleware(app, config.max_body)


JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def _form_error(detail: str, config: WebConfig) -> str:
    """The multipart parser's refusal, said for a person at the upload form."""
    if "Too many files" in detail:
        return (
            f"too many files: at most {config.max_files} in one upload; "
            "send the others in another upload"
        )
    if "maximum size" in detail:
        return (
            f"a pasted text or form field is over the limit of "
            f"{readable_size(config.max_file_bytes)}; split it into several reports"
        )
    return f"the form could not be read: {scrub(detail)}"


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


def job_status(state: str, stage: str, done: int, total: int | None) -> str:
    """A job's progress in words: "Done", "Running: annotate, 3 of 10" (as web.js says it)."""
    if state in ("done", "failed", "queued"):
        return state.capitalize()
    return f"Running: {stage}" + (f", {done} of {total}" if total else "")


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
