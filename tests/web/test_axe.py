"""Accessibility in the browser: axe-core on the list, story, article, upload, job and
entity pages; no serious or critical violation.

axe-core is a dev dependency from the npm registry, installed once into tests/.axe
(git-ignored) and served to the page from the app's own origin by the browser's
request routing, so the Content-Security-Policy (script-src 'self') allows it and
nothing is loaded from a CDN.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import LiveServer, Watched, WebStore, _skip, story_of

AXE_VERSION = "4.14.1"
AXE_DIR = Path(__file__).resolve().parents[1] / ".axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    installed = AXE_DIR / "node_modules" / "axe-core" / "package.json"
    if not AXE_JS.exists() or f'"version": "{AXE_VERSION}"' not in installed.read_text():
        npm = shutil.which("npm")
        if npm is None:
            _skip("npm is not installed (apt-get install npm): it fetches axe-core")
        AXE_DIR.mkdir(exist_ok=True)
        done = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(AXE_DIR),
                f"axe-core@{AXE_VERSION}",
                "--no-audit",
                "--no-fund",
                "--no-save",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or not AXE_JS.exists():
            _skip(f"npm could not install axe-core {AXE_VERSION}: {done.stderr[-300:]}")
    return AXE_JS.read_text(encoding="utf-8")


def _violations(page: Watched, path: str, axe: str) -> list[str]:
    url = page.base + "/__axe.min.js"
    page.page.route(url, lambda r: r.fulfill(body=axe, content_type="text/javascript"))
    page.goto(path)
    page.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.page.add_script_tag(url=url)
    found: list[dict[str, Any]] = page.page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, n: v.nodes.length, "
        "at: v.nodes.slice(0, 2).map(n => n.target.join(' '))})))"
    )
    return [
        f"{path}: {v['id']} ({v['impact']}, {v['n']}x at {v['at']})"
        for v in found
        if v["impact"] in SERIOUS
    ]


def test_no_serious_accessibility_violations(
    page: Watched, live_server: LiveServer, web_store: WebStore, axe_source: str
) -> None:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        dossier = story_of(client, web_store.seed_articles)
        record = {"text": "The Lowmarsh ferry ran late on Friday. Its crew said fog slowed it."}
        job = client.post("/api/articles", json=record).json()["id"]
    story = dossier["story"]["id"]
    article = dossier["articles"][0]["id"]
    entity = dossier["entities"][0]["id"]
    paths = [
        "/",
        f"/stories/{story}",
        f"/articles/{article}",
        "/upload",
        f"/entities/{story}/{entity}",
        f"/jobs/{job}",
        f"/stories/{story}/claims",
    ]
    problems = []
    for path in paths:
        problems += _violations(page, path, axe_source)
    assert problems == [], "\n".join(problems)
