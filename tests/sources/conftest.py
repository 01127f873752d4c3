from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.sources import FetchPolicy
from storyline.store import open_store
from tests.sources.site import Site, article_html

# Fictional reports written for these tests: a ferry strike in an imaginary port.
REPORTS = {
    "/news/ferry-strike-begins": (
        "Ferry crews at Kelmsby walk out over rosters",
        "The Harbour Ledger",
        "2025-04-01",
        [
            "Ferry crews at the port of Kelmsby stopped work on Tuesday after talks over new "
            "duty rosters broke down, leaving about 40 sailings cancelled.",
            "The Kelmsby Mariners Union said its 210 members would stay out until Friday.",
            '"We asked for rest days that people can plan a life around," said union '
            "secretary Idris Vantongeren.",
            "The operator, Northway Crossings, said it regretted the disruption and would "
            "run a reduced timetable with agency staff.",
        ],
    ),
    "/news/ferry-talks-resume": (
        "Kelmsby ferry talks to resume on Thursday",
        "The Harbour Ledger",
        "2025-04-02",
        [
            "Talks between Northway Crossings and the Kelmsby Mariners Union will resume on "
            "Thursday at the port authority's offices, both sides said.",
            "The strike has now cancelled 65 sailings, the operator said on Wednesday.",
            '"We are ready to sit down without conditions," Northway Crossings chief '
            "executive Marta Okonkwo-Reyes told reporters.",
            "Freight hauliers said queues of lorries had formed on the approach road.",
        ],
    ),
    "/news/no-date": (
        "Islanders turn to fishing boats as ferries stay idle",
        "The Harbour Ledger",
        None,
        [
            "Residents of the Varne islands hired fishing boats to reach the mainland as the "
            "Kelmsby ferry strike entered its second day.",
            "One skipper said he had carried 30 passengers across the sound since dawn.",
            "Northway Crossings urged travellers not to attempt the crossing in small craft.",
        ],
    ),
}


def serve_reports(site: Site, paths: list[str] | None = None) -> None:
    for path in paths or list(REPORTS):
        title, outlet, day, paragraphs = REPORTS[path]
        site.page(path, article_html(title, outlet, day, paragraphs))


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site().start()
    served.text("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    try:
        yield served
    finally:
        served.close()


@pytest.fixture
def policy() -> FetchPolicy:
    """Quick to give up, so that a test of timeouts and retries stays short."""
    return FetchPolicy(
        timeout=1.0, body_deadline=5.0, retries=2, backoff=0.05, host_delay=0.0, max_bytes=200_000
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    opened = open_store(str(tmp_path / "store.sqlite"))
    try:
        yield opened
    finally:
        opened.close()
