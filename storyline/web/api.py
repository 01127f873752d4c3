"""The HTTP API scripts use: read stories and articles, queue articles, follow a job.

Its schema is served at ``/openapi.json`` (see :mod:`storyline.web.schemas`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from storyline.web import bodies, schemas
from storyline.web.public import public_article, readable_size
from storyline.web.search import MAX_LIMIT, QueryError, parse_query
from storyline.web.security import token_ok
from storyline.web.state import State
from storyline.web.views import article_dict

JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")


def api_router(state: State) -> APIRouter:
    router = APIRouter()
    config = state.config
    # ------------------------------------------------------------------ API
    not_found_doc: dict[int | str, dict[str, Any]] = {404: {"model": schemas.ErrorOut}}

    @router.get(
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
        language: Annotated[str, Query(description='a report in it: "es" or "Spanish"')] = "",
        limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description="at most")] = None,
    ) -> Any:
        try:
            query = parse_query(q, entity, outlet, str(since), str(until), language)
        except QueryError as exc:
            return JSONResponse({"detail": exc.detail}, status_code=422)
        found = [r.as_dict() for r in state.rows() if query.matches(r)]
        return found[:limit] if limit else found

    @router.get(
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

    @router.get(
        "/api/articles/{article_id}",
        response_model=schemas.ArticleOut,
        responses=not_found_doc,
        tags=["read"],
    )
    def api_article(article_id: str) -> dict[str, Any]:
        article = public_article(state.article(article_id))
        annotations = state.store.get_annotations([article.id])
        return article_dict(article, annotations[0] if annotations else None)

    @router.get(
        "/api/jobs/{job_id}", response_model=schemas.JobOut, responses=not_found_doc, tags=["write"]
    )
    def api_job(job_id: str) -> dict[str, object]:
        return state.runner.get(job_id).as_dict()

    @router.post(
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

    return router
