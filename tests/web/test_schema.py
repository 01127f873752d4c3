"""Property-based tests of the HTTP API against its own OpenAPI schema (Schemathesis).

Every generated request must get an answer that is not a server error and that
matches the schema.  Writes need a token here, so generated bodies are checked
(401 is documented) without queueing random jobs.  Schemathesis's pytest plugin
does not run under pytest 9, so each operation's Hypothesis strategy is driven here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from storyline.settings import load_settings  # noqa: E402
from storyline.web.app import WebConfig, create_app  # noqa: E402

OPERATIONS = [
    "GET /api/stories",
    "GET /api/stories/{story_id}",
    "GET /api/articles/{article_id}",
    "GET /api/jobs/{job_id}",
    "POST /api/articles",
    "GET /api/sources",
]


@pytest.fixture(scope="module")
def web_schema(web_db: str) -> Iterator[Any]:
    app = create_app(WebConfig(settings=load_settings(db=web_db), token="t0ken"))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.app.state.storyline.close()


def test_schema_lists_every_operation(web_schema: Any) -> None:
    labels = {result.ok().label for result in web_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_answers_match_the_schema(web_schema: Any, label: str) -> None:
    method, path = label.split(" ")
    operation = web_schema[path][method]
    calls = []

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        query = case.query or {}
        since, until = str(query.get("since") or ""), str(query.get("until") or "")
        if since and until and since > until:
            # A range that ends before it starts is refused (422, with the reason); no
            # OpenAPI schema can say that one parameter must not exceed another.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code == 422
            calls.append(response)
            return
        calls.append(case.call_and_validate())

    check()
    assert calls and all(r.status_code < 500 for r in calls)
