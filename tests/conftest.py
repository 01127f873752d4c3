"""Shared fixtures: the real sample (read at run time, never copied) and a CI guard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        if IN_CI:
            pytest.fail(
                f"the real sample is missing: {SEEDS} (CI must have ../shared beside the clone)"
            )
        pytest.skip(f"the real sample is not beside this clone: {SEEDS}")
    return SEEDS


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("003" -> 003_….txt)."""
    matches = sorted(SEEDS.glob(f"{prefix}*"))
    assert len(matches) == 1, f"expected one seed file starting with {prefix!r} in {SEEDS}"
    return matches[0]


# The "slow" mark: a test that takes a second or more on its own, or whose fixture builds
# whole corpora, starts processes, servers or a browser. `make test-fast` (-m "not slow")
# leaves them out for the edit loop; `make test` and CI run everything. Besides the tests
# marked by hand, these are slow: those using one of SLOW_FIXTURES (the sample and the
# example built into a store, the app server, a browser, a PostgreSQL server) and the
# property tests of tests/fuzz (`make fuzz` runs them with many more examples).
SLOW_FIXTURES = frozenset(
    {"web_store", "web_db", "live_server", "browser", "page", "postgres_server", "postgres_url"}
)
SLOW_FOLDERS = frozenset({REPO / "tests" / "fuzz"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        slow_fixture = SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        if slow_fixture or SLOW_FOLDERS & set(Path(item.path).parents):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With CI=true a skip is a failure: CI installs everything the tests need."""
    outcome = yield
    report = outcome.get_result()
    if (
        IN_CI
        and report.skipped
        and call.when in ("setup", "call")
        and not hasattr(report, "wasxfail")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (CI=true), which must run every test: {reason}"
