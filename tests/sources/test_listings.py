"""What a source lists: feeds, JSON Feed, sitemaps, OPML, URL lists; hostile XML refused."""

from __future__ import annotations

import gzip

import pytest

from storyline.sources import ListingError, parse_listing
from tests.sources.site import rss

URL = "http://news.test/feed"


def test_rss_items_with_utc_dates() -> None:
    body = rss(
        "Harbour Ledger",
        [
            ("Strike", "http://news.test/a", "Tue, 01 Apr 2025 23:30:00 -0500"),
            ("Talks", "http://news.test/b", None),
        ],
    ).encode()
    listing = parse_listing(body, URL)
    assert listing.kind == "feed" and listing.title == "Harbour Ledger"
    assert [i.url for i in listing.items] == ["http://news.test/a", "http://news.test/b"]
    assert listing.items[0].published == "2025-04-02"  # 23:30 at UTC-5 is the next day in UTC
    assert listing.items[1].published is None


def test_atom_entries() -> None:
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>Port Gazette</title><id>urn:x</id><updated>2025-04-02T10:00:00Z</updated>
    <entry><title>Queues at the port</title><id>urn:port:1</id>
    <link href="http://news.test/queues"/><published>2025-04-02T10:00:00+02:00</published>
    <updated>2025-04-02T10:00:00Z</updated></entry></feed>"""
    listing = parse_listing(body, URL)
    assert listing.title == "Port Gazette"
    (item,) = listing.items
    assert (item.url, item.guid, item.published) == (
        "http://news.test/queues",
        "urn:port:1",
        "2025-04-02",
    )


def test_json_feed() -> None:
    body = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Sound Radio",
    "items": [{"id": 7, "url": "http://news.test/boats", "title": "Boats",
               "date_published": "2025-04-03T01:00:00+03:00"},
              {"id": "no-link", "content_text": "no url here"}]}"""
    listing = parse_listing(body, URL)
    assert listing.kind == "feed" and listing.title == "Sound Radio"
    (item,) = listing.items
    assert (item.guid, item.published) == ("7", "2025-04-02")


def test_json_that_is_no_feed_is_refused() -> None:
    with pytest.raises(ListingError, match="not a JSON Feed"):
        parse_listing(b'{"version": "2.0", "items": []}', URL)
    with pytest.raises(ListingError, match="not a JSON Feed"):
        parse_listing(b'{"items": "nope"}', URL)


def test_news_sitemap_keeps_publication_dates_not_lastmod() -> None:
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>http://news.test/a</loc><news:news><news:publication>
      <news:name>Ledger</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-04-01</news:publication_date>
      <news:title>Crews walk out</news:title></news:news></url>
    <url><loc>http://news.test/b</loc><lastmod>2025-05-09</lastmod></url></urlset>"""
    listing = parse_listing(gzip.compress(body), "http://news.test/sitemap.xml.gz")
    assert listing.kind == "sitemap"
    a, b = listing.items
    assert (a.url, a.published, a.title) == ("http://news.test/a", "2025-04-01", "Crews walk out")
    assert (b.url, b.published) == ("http://news.test/b", None)


def test_sitemap_index_lists_its_sitemaps() -> None:
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://news.test/s1.xml</loc></sitemap>
    <sitemap><loc>http://news.test/s2.xml</loc></sitemap></sitemapindex>"""
    listing = parse_listing(body, URL)
    assert listing.feeds == ["http://news.test/s1.xml", "http://news.test/s2.xml"]
    assert listing.items == []


def test_opml_lists_feeds() -> None:
    body = b"""<opml version="2.0"><head><title>Desk</title></head><body>
    <outline text="Ports"><outline type="rss" text="a" xmlUrl="http://news.test/a.xml"/>
    <outline type="rss" text="b" xmlUrl="http://other.test/b.xml"/></outline></body></opml>"""
    listing = parse_listing(body, "/tmp/desk.opml")
    assert listing.kind == "opml" and listing.title == "Desk"
    assert listing.feeds == ["http://news.test/a.xml", "http://other.test/b.xml"]


def test_url_list_and_its_bad_line() -> None:
    listing = parse_listing(b"# desk picks\nhttp://news.test/a\n\nhttps://news.test/b\n", URL)
    assert listing.kind == "urls"
    assert [i.url for i in listing.items] == ["http://news.test/a", "https://news.test/b"]
    with pytest.raises(ListingError, match=r":2: 'ftp://news.test/c' is not an http\(s\) URL"):
        parse_listing(b"http://news.test/a\nftp://news.test/c\n", URL)


def test_entity_expansion_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
    <rss><channel><title>&b;</title></channel></rss>"""
    with pytest.raises(ListingError, match="declares entities"):
        parse_listing(bomb, URL)
    external = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>&x;</loc></url></urlset>"""
    with pytest.raises(ListingError, match="declares entities"):
        parse_listing(external, URL)


def test_malformed_feed_is_refused_with_its_reason() -> None:
    with pytest.raises(ListingError, match="malformed"):
        parse_listing(b"<rss><channel><title>broken</title><item><link>", URL)
    with pytest.raises(ListingError, match="not a feed"):
        parse_listing(b"<html><body>a page</body></html>", URL)
