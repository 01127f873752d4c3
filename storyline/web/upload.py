"""The upload form (files or a pasted report) and the page of the job it starts."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from storyline.web.outcomes import display_name, safe_suffix
from storyline.web.public import readable_size, scrub
from storyline.web.security import CSRF_COOKIE, form_refusal
from storyline.web.state import State, WebConfig

log = logging.getLogger(__name__)


def upload_router(state: State, page: Callable[..., HTMLResponse]) -> APIRouter:
    router = APIRouter()
    config = state.config

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

    @router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> Response:
        return upload_page(request)

    @router.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        try:
            form = await request.form(
                max_files=config.max_files,
                max_fields=20,
                max_part_size=config.max_file_bytes,
            )
        except HTTPException as exc:
            return upload_page(request, exc.status_code, _form_error(str(exc.detail), config))
        refusal = form_refusal(state.csrf, config.token, request, form)
        if refusal is not None:
            await form.close()
            status, problem = refusal
            if status == 403:
                log.warning("upload refused: %s", problem)
                problem = f"refused: {problem}. Open this page again and send the form from it."
            return upload_page(request, status, problem)
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

    @router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(job_id: str) -> HTMLResponse:
        job = state.runner.get(job_id)
        return page(
            "job.html", job=job, progress=job_status(job.state, job.stage, job.done, job.total)
        )

    return router


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


def job_status(state: str, stage: str, done: int, total: int | None) -> str:
    """A job's progress in words: "Done", "Running: annotate, 3 of 10" (as web.js says it)."""
    if state in ("done", "failed", "queued"):
        return state.capitalize()
    return f"Running: {stage}" + (f", {done} of {total}" if total else "")
