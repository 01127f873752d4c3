"""The live-source tables behave alike on SQLite and PostgreSQL (storyline.sources)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import msgspec

from storyline.ingest.article import build_article
from storyline.model import Published, SeenItem, WatchedSource
from storyline.store import Store, open_store


def test_sources_are_added_once_updated_and_removed(make_store: Callable[[], Store]) -> None:
    store = make_store()
    assert store.add_source(WatchedSource(url="http://news.test/rss", added="2025-04-01T08:00"))
    assert not store.add_source(WatchedSource(url="http://news.test/rss", kind="feed"))
    assert store.add_source(WatchedSource(url="/srv/desk.opml"))
    (rss, opml) = store.watched_sources()
    assert (rss.url, rss.kind, rss.added) == ("http://news.test/rss", None, "2025-04-01T08:00")
    assert opml.added  # stamped when not given
    failing = msgspec.structs.replace(
        rss,
        kind="feed",
        etag='"x"',
        last_poll="t2",
        failures=2,
        failing_since="t1",
        last_error="HTTP 500 (3 tries)",
    )
    store.update_source(failing)
    assert make_store().watched_sources()[0] == failing  # another connection sees it
    assert store.remove_source("http://news.test/rss")
    assert not store.remove_source("http://news.test/rss")
    assert [s.url for s in store.watched_sources()] == ["/srv/desk.opml"]


def test_an_item_is_recorded_with_its_report_in_one_step(make_store: Callable[[], Store]) -> None:
    store = make_store()
    article = build_article(
        "Ferry crews at the port of Kelmsby stopped work after roster talks broke down.",
        path="http://news.test/a",
        published=Published(date="2025-04-01", basis="metadata"),
        url="http://news.test/a?canonical",
    )
    assert article is not None
    item = SeenItem(
        source="http://news.test/rss",
        item="guid-1",
        url="http://news.test/a",
        canonical="http://news.test/a?canonical",
        article=article.id,
    )
    assert store.put_seen(item, article)
    assert not store.put_seen(msgspec.structs.replace(item, item="guid-2"), article)
    assert store.article_count() == 1
    assert store.article_for_url("http://news.test/a") == article.id
    assert store.article_for_url("http://news.test/a?canonical") == article.id
    assert store.article_for_url("http://news.test/other") is None
    failing = SeenItem(
        source="http://news.test/rss",
        item="guid-3",
        url="http://news.test/b",
        state="failing",
        failures=1,
        last_error="timed out",
    )
    store.put_seen(failing)
    store.put_seen(msgspec.structs.replace(failing, failures=2))
    seen = store.seen_items("http://news.test/rss")
    assert set(seen) == {"guid-1", "guid-2", "guid-3"}
    assert seen["guid-3"].failures == 2 and seen["guid-3"].first_seen
    assert store.seen_items("http://elsewhere.test/rss") == {}
    store.add_source(WatchedSource(url="http://news.test/rss"))
    store.remove_source("http://news.test/rss")
    assert store.seen_items("http://news.test/rss") == {}
    assert store.article_count() == 1  # the reports stay


def test_an_older_store_gains_the_tables_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    open_store(str(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE sources")
        db.execute("DROP TABLE seen")
    store = open_store(str(path))
    try:
        assert store.add_source(WatchedSource(url="http://news.test/rss"))
    finally:
        store.close()
