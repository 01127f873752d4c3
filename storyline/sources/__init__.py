"""Live sources: feeds and sites that ``storyline watch`` follows.

    listings   what a source lists: RSS/Atom (feedparser), JSON Feed, (news) sitemaps and
               sitemap indexes, OPML files of feeds, text files of article URLs
    fetch      httpx with a User-Agent, robots.txt, per-host delay, timeouts, retries,
               conditional GET, byte and redirect limits, content-type checks
    addresses  which addresses a source added through the web app may reach
    pages      a fetched page as a report (the ingest stage's HTML reader)
    poll       the poller: sources -> new reports -> the stories they touch rebuilt

The fetch state (validators, last poll, failures) and the items seen live in the store.
"""

from __future__ import annotations

from storyline.sources.addresses import AddressError
from storyline.sources.fetch import USER_AGENT, Fetcher, FetchError, FetchPolicy
from storyline.sources.listings import Item, Listing, ListingError, parse_listing
from storyline.sources.poll import Poller, PollReport, Problem, add_sources, health, source_name

__all__ = [
    "USER_AGENT",
    "AddressError",
    "FetchError",
    "FetchPolicy",
    "Fetcher",
    "Item",
    "Listing",
    "ListingError",
    "PollReport",
    "Poller",
    "Problem",
    "add_sources",
    "health",
    "parse_listing",
    "source_name",
]
