"""`storyline watch` and `storyline sources` end to end against the local site: reports
become dossiers, a new item updates its story (``changes`` names it), a second poll is
conditional, a failing source exits 3 and is named, SIGTERM mid-poll exits cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.cli.main import main
from storyline.store import open_store
from tests.sources.conftest import REPORTS, serve_reports
from tests.sources.site import Answer, Site, rss

DAY1 = "Tue, 01 Apr 2025 08:00:00 GMT"
FAST = ["--delay", "0", "--timeout", "3"]


def items(site: Site, *paths: str) -> list[tuple[str, str, str | None]]:
    return [(REPORTS[p][0], site.url + p, DAY1) for p in paths]


def dossiers(out: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {p.parent.name: json.loads(p.read_text()) for p in out.glob("*/dossier.json")}


@pytest.mark.slow
def test_watch_once_builds_then_updates_the_touched_story(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_reports(site)
    first = rss("Harbour Ledger", items(site, "/news/ferry-strike-begins", "/news/no-date"))
    site.conditional("/feed.xml", first, "application/rss+xml", '"one"')
    db, out = str(tmp_path / "news.sqlite"), tmp_path / "out"
    args = ["--db", db, "-o", str(out), "--once", *FAST]

    assert main(["watch", f"{site.url}/feed.xml", *args]) == 0
    built = dossiers(out)
    assert built, "no dossier written"
    urls = {a["url"] for d in built.values() for a in d["articles"]}
    assert f"{site.url}/news/ferry-strike-begins" in urls

    # nothing new: a conditional request, nothing stored, no story rebuilt
    capsys.readouterr()
    assert main(["watch", *args, "--json"]) == 0  # no SOURCE: every stored source
    quiet = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert quiet["not_modified"] == [f"{site.url}/feed.xml"] and quiet["stories"] == []
    assert site.asked("/feed.xml")[-1].headers.get("if-none-match") == '"one"'

    # a new item: only its story is rebuilt, and its changes name the new report
    more = items(site, "/news/ferry-strike-begins", "/news/no-date", "/news/ferry-talks-resume")
    site.conditional("/feed.xml", rss("Harbour Ledger", more), "application/rss+xml", '"two"')
    assert main(["watch", *args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    (new_id,) = report["added"]
    assert report["stories"], "the new report's story was not rebuilt"
    after = dossiers(out)
    (story,) = [d for d in after.values() if any(a["id"] == new_id for a in d["articles"])]
    assert story["story"]["id"] in report["stories"]
    new = [c for c in story["changes"] if c["kind"] == "new_article"]
    assert [c["text"] for c in new] == [
        f"new report: {REPORTS['/news/ferry-talks-resume'][0]} (The Harbour Ledger, 2025-04-02)"
    ]
    assert story["previous_build"] is not None and story["generated"] >= story["previous_build"]

    assert main(["sources", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert f"{site.url}/feed.xml  [feed]  ok (last success " in listing


@pytest.mark.slow
def test_a_failing_source_exits_3_and_is_named(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_reports(site, ["/news/ferry-strike-begins"])
    site.text(
        "/good.xml", rss("L", items(site, "/news/ferry-strike-begins")), "application/rss+xml"
    )
    site.routes["/bad.xml"] = lambda r: Answer(500)
    db = str(tmp_path / "news.sqlite")
    code = main(
        [
            "watch",
            f"{site.url}/bad.xml",
            f"{site.url}/good.xml",
            "--db",
            db,
            "-o",
            str(tmp_path / "out"),
            "--once",
            *FAST,
        ]
    )
    err = capsys.readouterr().err
    assert code == 3
    assert f"storyline: {site.url}/bad.xml: HTTP 500 (3 tries)" in err
    store = open_store(db)
    try:
        assert store.article_count() == 1
    finally:
        store.close()
    assert main(["sources", "--db", db]) == 0
    assert "failing since" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_mid_poll_exits_cleanly_with_everything_committed(
    site: Site, tmp_path: Path, sig: signal.Signals
) -> None:
    """The CLI in a subprocess: SIGTERM (or Ctrl-C's SIGINT) while a slow page is in
    flight ends the loop at once (exit 0); the reports fetched before it are stored with
    their items, the page in flight is not half recorded, and the next poll picks it up."""
    serve_reports(site, ["/news/ferry-strike-begins"])
    title, outlet, day, paragraphs = REPORTS["/news/ferry-talks-resume"]
    from tests.sources.site import article_html

    slow = article_html(title, outlet, day, paragraphs).encode()
    site.routes["/news/slow"] = lambda r: Answer(
        body=slow, headers={"content-type": "text/html"}, delay=2.0
    )
    feed = [
        (title, site.url + "/news/ferry-strike-begins", DAY1),
        ("s", site.url + "/news/slow", DAY1),
    ]
    site.text("/feed.xml", rss("L", feed), "application/rss+xml")
    db = str(tmp_path / "news.sqlite")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "watch",
            f"{site.url}/feed.xml",
            "--db",
            db,
            "-o",
            str(tmp_path / "out"),
            "--interval",
            "600",
            "--delay",
            "0",
            "--timeout",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not site.asked("/news/slow") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.asked("/news/slow"), "the poll never reached the slow page"
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert f"{sig.name}: stopping" in err
    store = open_store(db)
    try:
        seen = store.seen_items(f"{site.url}/feed.xml")
        assert {i.url for i in seen.values()} <= {
            site.url + "/news/ferry-strike-begins",
            site.url + "/news/slow",
        }
        stored = set(store.article_ids())
        for item in seen.values():  # every item recorded as read has its report stored
            assert item.state == "ok" and item.article in stored
        assert site.url + "/news/ferry-strike-begins" in {i.url for i in seen.values()}
    finally:
        store.close()
