"""Writes from another site, bad API bodies, server paths in responses, per-file job outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import EXAMPLE, LiveServer, WebStore, form_fields, wait_for_job

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from storyline import engine  # noqa: E402
from storyline.model import Failure  # noqa: E402
from storyline.settings import load_settings  # noqa: E402
from storyline.store import open_store  # noqa: E402
from storyline.web.app import WebConfig, create_app  # noqa: E402

EVIL = "https://evil.example"
REPORT = (
    "The Tarnwick library reopened on Saturday after a month of repairs to its roof. "
    "The council said the reading room would open every day until eight."
)
SECOND = (
    "Volunteers in Ostry Vale planted four hundred oak saplings along the river on Sunday. "
    "The parish said a second planting would follow in the autumn."
)
# The inputs that stopped a whole CLI batch (issue 14), as files of one upload.
DEEP_JSON = b"[" * 1000 + b"]" * 1000
SURROGATE_JSON = b'{"text": "A report with a broken escape \\ud800 in it."}'
HUGE_INT_JSON = b'{"text": "A report.", "count": ' + b"7" * 4301 + b"}"
CDATA_HTML = b"<svg><title><![CDATA[</title><title>"


def _articles(db: str) -> int:
    store = open_store(db)
    try:
        return len(store.article_ids())
    finally:
        store.close()


@pytest.fixture
def app_db(tmp_path: Path) -> str:
    return str(tmp_path / "store.sqlite")


def _client(db: str, token: str | None = None, **limits: Any) -> TestClient:
    config = WebConfig(settings=load_settings(db=db), token=token, **limits)
    return TestClient(create_app(config), raise_server_exceptions=False)


# ------------------------------------------------------------------ cross-site writes


def test_a_form_on_another_site_cannot_upload(app_db: str) -> None:
    with _client(app_db) as client:
        form = {"text": REPORT, "title": "Planted"}
        # What a page elsewhere sends: its own Origin, no cookie of ours, no token.
        refused = client.post("/upload", data=form, headers={"origin": EVIL})
        assert refused.status_code == 403 and "another site" in refused.text
        # An old browser that sends no Origin: the form has no CSRF token.
        client.cookies.clear()
        refused = client.post("/upload", data=form)
        assert refused.status_code == 403 and "CSRF" in refused.text
        # A token read from our form by someone else, sent without this browser's cookie.
        stolen = form_fields(client)
        client.cookies.clear()
        refused = client.post("/upload", data={**form, **stolen})
        assert refused.status_code == 403 and "cookie" in refused.text
        assert client.get("/api/stories").json() == []
    assert _articles(app_db) == 0, "a refused form stored an article"


@pytest.mark.slow
def test_the_real_form_works_with_and_without_a_token(tmp_path: Path) -> None:
    for token in (None, "k3y"):
        db = str(tmp_path / f"{token}.sqlite")
        with _client(db, token=token) as client:
            page = client.get("/upload")
            assert "storyline_csrf" in page.headers["set-cookie"]
            assert "samesite=strict" in page.headers["set-cookie"].lower()
            form = {"text": REPORT, **form_fields(client)}
            if token:
                form["token"] = token
            ours = {"origin": "http://testserver"}
            response = client.post("/upload", data=form, headers=ours, follow_redirects=False)
            assert response.status_code == 303, response.text
            job = wait_for_job(client, response.headers["location"].rsplit("/", 1)[-1])
            assert job["state"] == "done" and len(job["added"]) == 1
    # A script with the token in its header needs no form token.
    with _client(str(tmp_path / "h.sqlite"), token="k3y") as client:
        response = client.post(
            "/upload",
            data={"text": SECOND},
            headers={"authorization": "Bearer k3y"},
            follow_redirects=False,
        )
        assert response.status_code == 303


def test_the_api_refuses_what_another_site_can_send(app_db: str) -> None:
    body = json.dumps({"text": REPORT})
    with _client(app_db) as client:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            response = client.post(
                "/api/articles", content=body, headers={"content-type": kind, "origin": EVIL}
            )
            assert response.status_code == 403, (kind, response.status_code)
            assert "another site" in response.json()["detail"]
            # without an Origin (a script, or an old browser) the type is still refused
            response = client.post("/api/articles", content=body, headers={"content-type": kind})
            assert response.status_code == 415
        marked = client.post(
            "/api/articles",
            content=body,
            headers={"content-type": "application/json", "sec-fetch-site": "cross-site"},
        )
        assert marked.status_code == 403
    assert _articles(app_db) == 0


# ------------------------------------------------------------------ bad API bodies

BAD_BODIES = [
    ("deep", b"[" * 100_000 + b"]" * 100_000, "application/json", 400, "nested too deeply"),
    ("deep object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "application/json", 400, "nested"),
    ("not UTF-8", b'{"text": "caf\xe9"}', "application/json", 400, "not UTF-8"),
    ("surrogate", b'{"text": "a \\ud800 b"}', "application/json", 400, "surrogate"),
    ("huge integer", HUGE_INT_JSON, "application/json", 422, "number too large"),
    ("text a number", b'{"text": 5}', "application/json", 422, "'text' must be a string"),
    ("title a list", b'{"text": "A.", "title": []}', "application/json", 422, "'title'"),
    ("empty text", b'{"text": "  "}', "application/json", 422, "'text' is empty"),
    ("no text", b'{"body": "A."}', "application/json", 422, "no 'text'"),
    ("a string", b'"A report."', "application/json", 422, "not a string"),
    ("a number", b"42", "application/json", 422, "not a number"),
    ("empty list", b"[]", "application/json", 422, "empty"),
    ("list of junk", b'[{"text": "A."}, 3]', "application/json", 422, "article 2"),
    ("not JSON", b"{x", "application/json", 400, "not JSON"),
    ("lines all bad", b'{"text": ""}\n[1]\n', "application/x-ndjson", 422, "line 2"),
    ("lines deep", b"[" * 100_000 + b"\n", "application/x-ndjson", 422, "nested"),
    ("lines not UTF-8", b'{"text": "\xff"}\n', "application/x-ndjson", 400, "UTF-8"),
]


@pytest.mark.parametrize(("body", "kind", "status", "reason"), [b[1:] for b in BAD_BODIES])
def test_bad_api_bodies_are_refused_with_a_reason(
    app_db: str, body: bytes, kind: str, status: int, reason: str
) -> None:
    with _client(app_db) as client:
        response = client.post("/api/articles", content=body, headers={"content-type": kind})
    assert response.status_code == status, response.text[:300]
    detail = response.json()["detail"]
    assert reason in (detail if isinstance(detail, str) else " ".join(detail)), detail
    assert "Traceback" not in response.text
    assert _articles(app_db) == 0


def test_a_body_over_the_per_file_limit_says_the_limit_in_megabytes(app_db: str) -> None:
    big = json.dumps({"text": "word " * 500_000}).encode()  # 2.5 MB
    with _client(app_db) as client:
        response = client.post(
            "/api/articles", content=big, headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "2 MB" in detail and "split" in detail and "--max-bytes" not in detail


def test_an_unexpected_error_is_a_generic_500_without_internals(
    app_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "/srv/private/storyline/store.sqlite"
    client = _client(app_db)
    state = client.app.app.state.storyline  # type: ignore[attr-defined]

    def broken() -> list[Any]:
        raise RuntimeError(f"disk I/O error on {secret}")

    state.rows = broken
    with client:
        for path, kind in (("/api/stories", "application/json"), ("/", "text/html")):
            response = client.get(path)
            assert response.status_code == 500
            assert kind in response.headers["content-type"]
            assert secret not in response.text and "RuntimeError" not in response.text
            assert "Traceback" not in response.text and "log" in response.text
    assert any("RuntimeError" in r.getMessage() or r.exc_info for r in caplog.records)


# ------------------------------------------------------------------ no server paths


def test_no_response_shows_a_server_path(
    live_server: LiveServer, web_store: WebStore, seeds_dir: Path
) -> None:
    forbidden = [web_store.db, str(Path(web_store.db).parent), str(seeds_dir), str(EXAMPLE)]
    bodies: dict[str, str] = {}
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        paths = ["/", "/upload", "/openapi.json", "/api/stories"]
        paths += ["/stories/s-nope", "/api/stories/s-nope", "/articles/nope", "/api/articles/x"]
        paths += ["/jobs/nope", "/api/jobs/nope", "/static/nope"]
        for row in client.get("/api/stories").json():
            paths += [f"/stories/{row['id']}", f"/api/stories/{row['id']}"]
            dossier = client.get(f"/api/stories/{row['id']}").json()
            for article in dossier["articles"]:
                paths += [f"/articles/{article['id']}", f"/api/articles/{article['id']}"]
        for path in paths:
            bodies[path] = client.get(path).text
    assert len(bodies) > 20
    leaks = [(p, bad) for p, text in bodies.items() for bad in forbidden if bad in text]
    assert leaks == []
    # the article's file is named by its file name only
    served = [t for p, t in bodies.items() if p.startswith("/api/articles/") and p[-2:] != "/x"]
    article = json.loads(served[0])
    assert article["path"] is None or "/" not in article["path"]
    assert "storyline build" not in bodies["/stories/s-nope"]


# ------------------------------------------------------------------ job outcomes


@pytest.fixture
def fresh(tmp_path: Path) -> Any:
    """An app on a store that holds the bundled example (so jobs join existing stories)."""
    settings = load_settings(db=str(tmp_path / "s.sqlite"), out=str(tmp_path / "out"))
    engine.build([EXAMPLE], settings=settings)
    with _client(settings.db, max_file_bytes=50_000) as client:
        yield client


def _upload(client: TestClient, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    response = client.post("/upload", files=parts, data=form_fields(client), follow_redirects=False)
    assert response.status_code == 303, response.text
    return wait_for_job(client, response.headers["location"].rsplit("/", 1)[-1])


def _with_a_fine_file(client: TestClient, name: str, data: bytes) -> dict[str, Any]:
    """The job of one upload: the file ``name`` and a good report, fine.txt."""
    return _upload(client, [(name, data), ("fine.txt", f"date 2031-04-03\n\n{SECOND}\n".encode())])


@pytest.mark.slow
def test_a_job_with_bad_files_ingests_the_good_ones_and_names_each(fresh: TestClient) -> None:
    job = _upload(
        fresh,
        [
            ("good.txt", f"date 2031-04-01\n\n{REPORT}\n".encode()),
            ("deep.json", DEEP_JSON),
            ("surrogate.json", SURROGATE_JSON),
            ("huge-int.json", HUGE_INT_JSON),
            ("cdata.html", CDATA_HTML),
            ("large.txt", b"word " * 20_000),  # 100 kB, over this app's 50 kB
            ("second.jsonl", json.dumps({"text": SECOND, "date": "2031-04-02"}).encode()),
        ],
    )
    assert job["state"] == "done", job
    outcomes: dict[str, list[dict[str, Any]]] = {}
    for o in job["outcomes"]:
        outcomes.setdefault(o["file"], []).append(o)
    assert set(outcomes) == set(job["files"])
    for good in ("good.txt", "second.jsonl"):
        [o] = outcomes[good]
        assert o["outcome"] == "added" and o["article"] in job["added"]
    for bad in ("deep.json", "surrogate.json", "huge-int.json", "cdata.html"):
        assert outcomes[bad], bad
        for o in outcomes[bad]:
            assert o["outcome"] in ("rejected", "failed"), (bad, o)
            assert o["reason"] and "/" not in o["reason"].replace("n/a", ""), o
            assert o["outcome"] == "rejected" or o["stage"]
    [large] = outcomes["large.txt"]
    assert large["outcome"] == "rejected"
    assert "100 kB" in large["reason"] and "50 kB" in large["reason"]
    assert "split" in large["reason"] and "--max-bytes" not in large["reason"]
    assert len(job["added"]) == 2 and job["stories"]
    page = fresh.get(f"/jobs/{job['id']}").text
    for name in outcomes:
        assert name in page


@pytest.mark.slow
def test_failures_the_engine_reports_are_named_by_file_and_stage(
    fresh: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine.ingest

    def failing(paths: Any, store: Any, settings: Any, progress: Any = None) -> Any:
        paths = list(paths)
        if any(b"FAIL-HERE" in Path(p).read_bytes() for p in paths):
            report = engine.IngestReport()
            report.failures.append(
                Failure(
                    kind="article",
                    id="a-0000failed",
                    stage="annotate",
                    error="KeyError",
                    reason=f"'1998' while reading {paths[0]}",
                    path=str(paths[0]),
                )
            )
            return report
        return real(paths, store, settings, progress)

    monkeypatch.setattr(engine, "ingest", failing)
    job = _with_a_fine_file(fresh, "chronology.txt", b"1994 - FAIL-HERE 1998 - crops\n")
    assert job["state"] == "done"
    [failed] = [o for o in job["outcomes"] if o["file"] == "chronology.txt"]
    assert (failed["outcome"], failed["stage"], failed["article"]) == (
        "failed",
        "annotate",
        "a-0000failed",
    )
    assert failed["reason"].startswith("KeyError: '1998'") and "/" not in failed["reason"]
    [fine] = [o for o in job["outcomes"] if o["file"] == "fine.txt"]
    assert fine["outcome"] == "added"
    text = fresh.get(f"/jobs/{job['id']}").text
    assert "chronology.txt" in text and "failed at annotate" in text


@pytest.mark.slow
def test_a_job_that_raises_fails_with_a_reason_and_the_next_job_runs(
    fresh: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Not a per-article or per-story failure, which the engine isolates and the job
    # names by file, but one that stops the whole job (stories_of is the engine's own
    # isolated detection: a failure in it is outside any one story).
    real = engine.stories_of
    calls: list[int] = []

    def broken_once(store: Any, settings: Any, full: bool = False) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError(f"disk full while writing {tmp_path}/stories.tmp")
        return real(store, settings, full)

    monkeypatch.setattr(engine, "stories_of", broken_once)
    first = _upload(fresh, [("one.txt", f"date 2031-04-04\n\n{REPORT}\n".encode())])
    assert first["state"] == "failed"
    assert "RuntimeError: disk full" in first["error"] and str(tmp_path) not in first["error"]
    assert "stories" in first["error"]  # the stage it stopped at
    second = _upload(fresh, [("two.txt", f"date 2031-04-05\n\n{SECOND}\n".encode())])
    assert second["state"] == "done" and len(second["added"]) == 1


@pytest.mark.slow
def test_an_article_the_annotator_raises_on_is_named_and_the_rest_is_built(
    fresh: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import annotate as annotate_stage

    real = annotate_stage.annotate_chunk

    def chunk(articles: Any, *args: Any, **kwargs: Any) -> Any:
        if any("FAIL-HERE" in a.text for a in articles):
            raise KeyError("1998")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(annotate_stage, "annotate_chunk", chunk)
    chronology = b"date 2031-04-02\n\n1994 - FAIL-HERE 1998 - crops fail.\n"
    job = _with_a_fine_file(fresh, "chronology.txt", chronology)
    assert job["state"] == "done"
    [failed] = [o for o in job["outcomes"] if o["file"] == "chronology.txt" and o["stage"]]
    assert (failed["outcome"], failed["stage"]) == ("failed", "annotate")
    assert failed["reason"].startswith("KeyError") and "/" not in failed["reason"]
    [fine] = [o for o in job["outcomes"] if o["file"] == "fine.txt"]
    assert fine["outcome"] == "added" and job["stories"]


@pytest.mark.slow
def test_a_story_that_raises_is_named_and_the_job_is_done(
    fresh: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import synthesize as synthesize_stage

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(synthesize_stage, "synthesize", broken)
    job = _upload(fresh, [("one.txt", f"date 2031-04-04\n\n{REPORT}\n".encode())])
    assert job["state"] == "done" and not job["stories"]
    [failed] = [o for o in job["outcomes"] if o["outcome"] == "failed"]
    assert failed["file"].startswith("story ") and failed["stage"] == "synthesize"
    assert failed["reason"].startswith("ZeroDivisionError")
