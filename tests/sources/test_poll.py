"""Polling sources into the store (without the engine step): what is stored, what is
not stored twice, what a second poll asks, and how failures are recorded and named."""

from __future__ import annotations

import itertools
from pathlib import Path

from storyline.settings import Settings
from storyline.sources import FetchPolicy, Poller, add_sources, health
from tests.sources.conftest import REPORTS, serve_reports
from tests.sources.site import Answer, Site, article_html, rss

DAY1 = "Tue, 01 Apr 2025 08:00:00 GMT"
DAY2 = "Wed, 02 Apr 2025 09:00:00 GMT"


def poller(store, tmp_path: Path, policy: FetchPolicy) -> Poller:  # type: ignore[no-untyped-def]
    settings = Settings(db=str(tmp_path / "store.sqlite"), out=str(tmp_path / "out"))
    return Poller(store, settings, policy)


def feed(site: Site, *paths: str, dates: tuple[str | None, ...] = ()) -> str:
    items = [
        (REPORTS[p][0], site.url + p, dates[i] if i < len(dates) else DAY1)
        for i, p in enumerate(paths)
    ]
    return rss("Harbour Ledger", items)


def test_second_poll_is_conditional_and_stores_nothing_new(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    serve_reports(site)
    body = feed(site, "/news/ferry-strike-begins", "/news/ferry-talks-resume")
    site.conditional("/feed.xml", body, "application/rss+xml", '"e1"')
    add_sources(store, [f"{site.url}/feed.xml"])
    with poller(store, tmp_path, policy) as p:
        first = p.poll(update=False)
        count = store.article_count()
        second = p.poll(update=False)
    assert len(first.added) == 2 and first.ok
    assert second.not_modified == [f"{site.url}/feed.xml"] and second.added == []
    assert store.article_count() == count == 2
    sent = site.asked("/feed.xml")[1].headers
    assert sent["if-none-match"] == '"e1"' and "if-modified-since" in sent
    assert len(site.asked("/news/ferry-strike-begins")) == 1  # pages are not fetched again
    (source,) = store.watched_sources()
    assert (source.kind, source.etag, source.failures) == ("feed", '"e1"', 0)
    assert health(source).startswith("ok")


def test_a_failing_source_is_named_and_the_others_still_ingest(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    serve_reports(site)
    site.text("/good.xml", feed(site, "/news/ferry-strike-begins"), "application/rss+xml")
    site.routes["/broken.xml"] = lambda r: Answer(500)
    site.text("/garbled.xml", "<rss><channel><item><title>x", "application/rss+xml")
    add_sources(
        store, [f"{site.url}/broken.xml", f"{site.url}/garbled.xml", f"{site.url}/good.xml"]
    )
    with poller(store, tmp_path, policy) as p:
        report = p.poll(update=False)
    assert len(report.added) == 1 and not report.ok
    named = {(f.source, f.reason.split(" (")[0]) for f in report.failed}
    assert (f"{site.url}/broken.xml", "HTTP 500") in named
    assert any(s == f"{site.url}/garbled.xml" and "malformed" in r for s, r in named)
    broken = next(s for s in store.watched_sources() if s.url.endswith("/broken.xml"))
    assert broken.failures == 1 and broken.failing_since and "HTTP 500" in (broken.last_error or "")
    assert health(broken).startswith("failing since")


def test_failing_page_is_retried_on_a_later_poll(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    title, outlet, day, paragraphs = REPORTS["/news/ferry-talks-resume"]
    page = Answer(
        body=article_html(title, outlet, day, paragraphs).encode(),
        headers={"content-type": "text/html"},
    )
    answers = itertools.chain(itertools.repeat(Answer(503), 3), itertools.repeat(page))
    site.routes["/news/ferry-talks-resume"] = lambda r: next(answers)
    site.text("/feed.xml", feed(site, "/news/ferry-talks-resume"), "application/rss+xml")
    add_sources(store, [f"{site.url}/feed.xml"])
    with poller(store, tmp_path, policy) as p:
        first = p.poll(update=False)
        (item,) = store.seen_items(f"{site.url}/feed.xml").values()
        assert (item.state, item.failures, item.article) == ("failing", 1, None)
        second = p.poll(update=False)
    assert [str(f) for f in first.failed] == [
        f"{site.url}/feed.xml: {site.url}/news/ferry-talks-resume: HTTP 503 (3 tries)"
    ]
    assert len(second.added) == 1 and second.ok
    (item,) = store.seen_items(f"{site.url}/feed.xml").values()
    assert item.state == "ok" and item.article == second.added[0]


def test_same_report_is_not_stored_twice(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    """The same page under another URL (its canonical URL says so), and the same text
    on another site's page, are each stored once."""
    title, outlet, day, paragraphs = REPORTS["/news/ferry-strike-begins"]
    html = article_html(title, outlet, day, paragraphs)
    canonical = f'<link rel="canonical" href="{site.url}/news/ferry-strike-begins">'
    site.page("/news/ferry-strike-begins", html.replace("</head>", canonical + "</head>"))
    site.page("/amp/ferry-strike", html.replace("</head>", canonical + "</head>"))
    site.page("/syndicated/strike", html)  # same text, no canonical link
    site.text(
        "/a.xml",
        rss("A", [(title, site.url + "/news/ferry-strike-begins", DAY1)]),
        "application/rss+xml",
    )
    site.text(
        "/b.xml",
        rss(
            "B",
            [
                (title, site.url + "/amp/ferry-strike", DAY1),
                (title, site.url + "/syndicated/strike", DAY1),
            ],
        ),
        "application/rss+xml",
    )
    add_sources(store, [f"{site.url}/a.xml", f"{site.url}/b.xml"])
    with poller(store, tmp_path, policy) as p:
        report = p.poll(update=False)
    assert store.article_count() == 1 and len(report.added) == 1
    assert len(report.known) == 2


def test_feed_date_fills_in_for_a_page_without_one(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    serve_reports(site, ["/news/no-date", "/news/ferry-talks-resume"])
    body = feed(site, "/news/no-date", "/news/ferry-talks-resume", dates=(DAY2, DAY1))
    site.text("/feed.xml", body, "application/rss+xml")
    add_sources(store, [f"{site.url}/feed.xml"])
    with poller(store, tmp_path, policy) as p:
        p.poll(update=False)
    by_title = {a.title: a for a in store.articles()}
    undated = by_title[REPORTS["/news/no-date"][0]]
    assert (undated.published.date, undated.published.basis) == ("2025-04-02", "metadata")
    dated = by_title[REPORTS["/news/ferry-talks-resume"][0]]
    assert dated.published.date == "2025-04-02" and dated.published.note is None  # the page's
    assert undated.outlet == "The Harbour Ledger"  # the site name is the outlet
    assert "All rights reserved" not in undated.text and "Home" not in undated.text.split()[:3]
    assert undated.url == f"{site.url}/news/no-date"


def test_robots_disallowed_page_is_skipped_and_not_fetched(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    serve_reports(site, ["/news/ferry-strike-begins"])
    site.page("/private/leak", "<html><body><p>Not for crawlers.</p></body></html>")
    items = [
        ("a", site.url + "/news/ferry-strike-begins", DAY1),
        ("b", site.url + "/private/leak", DAY1),
    ]
    site.text("/feed.xml", rss("L", items), "application/rss+xml")
    add_sources(store, [f"{site.url}/feed.xml"])
    with poller(store, tmp_path, policy) as p:
        report = p.poll(update=False)
        again = p.poll(update=False)
    assert report.ok and len(report.added) == 1
    assert [(s.url, s.reason) for s in report.skipped] == [
        (f"{site.url}/private/leak", "disallowed by robots.txt")
    ]
    assert again.skipped == [] and site.asked("/private/leak") == []


def test_sitemap_json_feed_opml_and_url_list(
    site: Site, store, tmp_path: Path, policy: FetchPolicy
) -> None:
    serve_reports(site)
    site.text(
        "/sitemap.xml",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.url}/news/ferry-strike-begins</loc></url></urlset>",
        "application/xml",
    )
    site.text(
        "/feed.json",
        '{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": '
        f'[{{"id": "1", "url": "{site.url}/news/ferry-talks-resume"}}]}}',
        "application/feed+json",
    )
    site.text("/feed.xml", feed(site, "/news/no-date"), "application/rss+xml")
    opml = tmp_path / "desk.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline xmlUrl="{site.url}/feed.xml"/></body></opml>'
    )
    urls = tmp_path / "picks.txt"
    urls.write_text(f"# picks\n{site.url}/news/ferry-strike-begins\n")
    add_sources(store, [f"{site.url}/sitemap.xml", f"{site.url}/feed.json", str(opml), str(urls)])
    with poller(store, tmp_path, policy) as p:
        report = p.poll(update=False)
    assert report.ok and len(report.added) == 3 and len(report.known) == 1
    kinds = {s.url.rsplit("/", 1)[-1]: s.kind for s in store.watched_sources()}
    assert kinds == {
        "sitemap.xml": "sitemap",
        "feed.json": "feed",
        "desk.opml": "opml",
        "picks.txt": "urls",
        "feed.xml": "feed",  # added from the OPML file
    }


def test_removed_source_is_forgotten(site: Site, store, tmp_path: Path) -> None:
    assert add_sources(store, [f"{site.url}/feed.xml"]) == [f"{site.url}/feed.xml"]
    assert add_sources(store, [f"{site.url}/feed.xml"]) == []
    assert store.remove_source(f"{site.url}/feed.xml")
    assert not store.remove_source(f"{site.url}/feed.xml")
    assert store.watched_sources() == []
