"""The HTTP API: the dossier contract, search, per-file errors, limits, token, headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from storyline.model import Dossier
from tests.web.conftest import LiveServer, form_fields, wait_for_job

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from storyline.settings import load_settings  # noqa: E402
from storyline.web.app import WebConfig, create_app  # noqa: E402


@pytest.fixture
def api(live_server: LiveServer) -> Any:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def _biggest(api: httpx.Client) -> dict[str, Any]:
    rows = api.get("/api/stories").json()
    return max(rows, key=lambda r: r["articles"])


def test_story_json_is_the_dossier_contract(api: httpx.Client) -> None:
    row = _biggest(api)
    response = api.get(f"/api/stories/{row['id']}")
    assert response.status_code == 200
    dossier = msgspec.json.decode(response.content, type=Dossier)
    assert dossier.schema_version == 1
    assert dossier.story.id == row["id"] and dossier.story.articles == row["articles"]
    # Every piece of evidence is the exact sentence the article API serves.
    evidence = dossier.summary[0].evidence[0]
    article = api.get(f"/api/articles/{evidence.article}").json()
    assert article["sentences"][evidence.sentence]["text"] == evidence.text


def test_story_search_by_words_outlet_entity_and_dates(api: httpx.Client) -> None:
    row = _biggest(api)
    dossier = api.get(f"/api/stories/{row['id']}").json()
    word = max(row["title"].split(), key=len)

    def ids(**params: str) -> list[str]:
        response = api.get("/api/stories", params=params)
        assert response.status_code == 200
        return [r["id"] for r in response.json()]

    assert row["id"] in ids(q=word.upper())
    assert ids(q="zqxjv-no-such-word") == []
    assert row["id"] in ids(outlet=row["outlets"][0])
    assert row["id"] not in ids(outlet="zqxjv")
    assert row["languages"] == ["en"] and row["id"] in ids(language="English")
    assert row["id"] not in ids(language="es")
    person = next(e for e in dossier["entities"] if e["type"] == "PERSON")
    assert row["id"] in ids(entity=person["name"])
    assert row["id"] in ids(since=row["last_published"], until=row["last_published"])
    assert row["id"] not in ids(since="2999-01-01")
    assert api.get("/api/stories", params={"since": "not a date"}).status_code == 422


def test_unknown_ids_are_404_not_500(api: httpx.Client) -> None:
    for path in ("/api/stories/s-nope", "/api/articles/nope", "/api/jobs/nope"):
        response = api.get(path)
        assert response.status_code == 404 and "detail" in response.json()
    assert api.get("/stories/s-nope").status_code == 404
    assert "text/html" in api.get("/articles/nope").headers["content-type"]


def test_jsonl_with_a_bad_line_reports_that_line_and_keeps_the_rest(api: httpx.Client) -> None:
    good = msgspec.json.encode(
        {
            "text": "The Harbourview ferry service resumed on Tuesday after a week of storms. "
            "The operator said two boats would run every hour.",
            "title": "Ferries back",
            "outlet": "Coastline Post",
            "date": "2021-05-06",
        }
    )
    body = good + b"\n{not json\n"
    response = api.post(
        "/api/articles", content=body, headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 202
    assert response.headers["location"] == f"/api/jobs/{response.json()['id']}"
    job = wait_for_job(api, response.json()["id"])
    assert job["state"] == "done"
    assert len(job["added"]) == 1
    [problem] = job["problems"]
    assert problem["file"] == "request body.jsonl" and problem["line"] == 2
    assert problem["rejected"] and "JSON" in problem["reason"]
    article = api.get(f"/api/articles/{job['added'][0]}").json()
    assert article["outlet"] == "Coastline Post" and article["path"] == "request body.jsonl"


def test_pages_send_a_strict_csp_and_no_inline_script(api: httpx.Client) -> None:
    row = _biggest(api)
    for path in ("/", f"/stories/{row['id']}", "/upload", "/api/stories"):
        response = api.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    html = api.get(f"/stories/{row['id']}").text
    for tag in html.split("<script")[1:]:
        head = tag.split(">", 1)[0]
        assert 'src="/static/' in head or 'type="application/json"' in head, head


@pytest.fixture
def small_app(tmp_path: Path) -> Any:
    config = WebConfig(
        settings=load_settings(db=str(tmp_path / "s.sqlite")),
        token="s3cret",
        max_files=2,
        max_body=10_000,
    )
    with TestClient(create_app(config)) as client:
        yield client


def test_writes_need_the_token(small_app: TestClient) -> None:
    body = {"text": "A short fictional report."}
    assert small_app.post("/api/articles", json=body).status_code == 401
    wrong = {"authorization": "Bearer nope"}
    assert small_app.post("/api/articles", json=body, headers=wrong).status_code == 401
    form = {"text": "A short report.", **form_fields(small_app)}
    response = small_app.post("/upload", data=form)
    assert response.status_code == 401 and "token" in response.text
    right = {"authorization": "Bearer s3cret"}
    assert (
        small_app.post(
            "/api/articles", content=b"{x", headers={**right, "content-type": "application/json"}
        ).status_code
        == 400
    )
    assert (
        small_app.post(
            "/api/articles", content=b"hi", headers={**right, "content-type": "text/plain"}
        ).status_code
        == 415
    )


def test_upload_limits(small_app: TestClient) -> None:
    big = {"text": "x" * 20_000}
    response = small_app.post("/api/articles", json=big, headers={"authorization": "Bearer s3cret"})
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    files = [("files", (f"{i}.txt", b"some text", "text/plain")) for i in range(3)]
    response = small_app.post(
        "/upload", files=files, data={"token": "s3cret", **form_fields(small_app)}
    )
    assert response.status_code == 400
    assert "error" in response.text


def test_pasted_text_becomes_an_article_with_its_fields(api: httpx.Client) -> None:
    form = {
        "text": "The Orrin Valley rail line reopened on Thursday after repairs to a bridge. "
        "The operator said trains would run every thirty minutes.",
        "title": "Rail line reopens",
        "outlet": "Valley Signal",
        "date": "2021-07-03",
        "url": "javascript:alert(1)",
        **form_fields(api),
    }
    response = api.post("/upload", data=form, follow_redirects=False)
    assert response.status_code == 303
    job = wait_for_job(api, response.headers["location"].rsplit("/", 1)[-1])
    assert job["state"] == "done" and job["files"] == ["pasted text"] and len(job["added"]) == 1
    article = api.get(f"/api/articles/{job['added'][0]}").json()
    assert (article["title"], article["outlet"]) == ("Rail line reopens", "Valley Signal")
    assert article["published"] == {"date": "2021-07-03", "basis": "metadata", "note": None}
    assert article["url"] is None  # only http(s) is ever linked or served as a link
    listed = api.get("/api/stories", params={"outlet": "Valley Signal"}).json()
    assert [r["id"] for r in listed] == job["stories"]


def test_story_page_labels_a_disagreement_the_text_explains(api: httpx.Client) -> None:
    stories = [api.get(f"/api/stories/{r['id']}").json() for r in api.get("/api/stories").json()]
    explained = [(s, c) for s in stories for c in s["conflicts"] if c.get("explained")]
    assert explained, "the sample's talks-length entry is noted as explained"
    story = explained[0][0]
    page = api.get(f"/stories/{story['story']['id']}").text
    heading = page.split('<article class="conflict explained">', 1)[1].split("</h3>", 1)[0]
    assert "noted: both may hold" in heading


@pytest.mark.slow
def test_a_job_infers_dates_only_for_stories_whose_dossier_is_out_of_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import engine
    from tests.web.conftest import EXAMPLE

    settings = load_settings(db=str(tmp_path / "s.sqlite"), out=str(tmp_path / "out"))
    built = engine.build([EXAMPLE], settings=settings)
    kept = {s.id for s in built.stories}
    seen: list[str] = []
    real = engine.infer_dates

    def recording(store: Any, settings: Any, stories: Any) -> list[str]:
        seen.extend(s.id for s in stories)
        return real(store, settings, stories)

    monkeypatch.setattr(engine, "infer_dates", recording)
    config = WebConfig(settings=settings, token="s3cret")
    report = {
        "text": "The Quillby chess club elected a new chair on Monday after a close vote. "
        "The club said its winter tournament would go ahead in the town hall.",
        "title": "Quillby chess club elects a chair",
        "outlet": "Quillby Courier",
        "date": "2031-03-04",
    }
    with TestClient(create_app(config)) as client:
        response = client.post(
            "/api/articles", json=report, headers={"authorization": "Bearer s3cret"}
        )
        job = wait_for_job(client, response.json()["id"])
    assert job["state"] == "done" and len(job["added"]) == 1
    assert seen, "the story of the new report was not looked at"
    assert not kept & set(seen), "a story with an up-to-date dossier had its dates inferred"
