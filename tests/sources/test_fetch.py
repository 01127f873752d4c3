"""The fetcher against a real HTTP server on 127.0.0.1: robots.txt, validators, retries,
timeouts, byte and redirect limits, content types, User-Agent, per-host delay, and the
address checks a web-added source goes through."""

from __future__ import annotations

import dataclasses
import email.message
import importlib.metadata
import itertools
import time

import pytest

from storyline.sources import Fetcher, FetchError, FetchPolicy, addresses
from storyline.sources import fetch as fetch_module
from storyline.sources.addresses import AddressError, why_not_public
from tests.sources.site import Answer, Site

PAGE = "<html><body><p>A short page.</p></body></html>"


def test_user_agent_and_robots_txt(site: Site, policy: FetchPolicy) -> None:
    site.page("/news/open", PAGE)
    site.page("/private/secret", PAGE)
    with Fetcher(policy) as fetcher:
        assert fetcher.get(f"{site.url}/news/open", "page").status == 200
        with pytest.raises(FetchError, match=r"disallowed by robots\.txt") as refused:
            fetcher.get(f"{site.url}/private/secret", "page")
        assert refused.value.permanent
        fetcher.get(f"{site.url}/news/open", "page")
    assert site.asked("/private/secret") == []  # never requested
    assert len(site.asked("/robots.txt")) == 1  # read once per host, then cached
    agent = site.asked("/news/open")[0].headers["user-agent"]
    assert agent.startswith(f"storyline/{importlib.metadata.version('storyline')}")


def test_the_user_agent_names_the_project_as_its_metadata_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Name and version from the package's metadata, and its URL when it gives one: no
    address made up for it."""
    meta = email.message.Message()
    meta["Name"], meta["Version"] = "storyline", "9.8.7"
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: meta)
    assert fetch_module.user_agent() == "storyline/9.8.7"
    meta["Project-URL"] = "Source, https://example.org/storyline"
    assert fetch_module.user_agent() == "storyline/9.8.7 (+https://example.org/storyline)"


def test_conditional_get_answers_304(site: Site, policy: FetchPolicy) -> None:
    site.conditional("/feed.xml", "<rss/>", "application/rss+xml", '"v7"')
    with Fetcher(policy) as fetcher:
        first = fetcher.get(f"{site.url}/feed.xml", "feed")
        again = fetcher.get(f"{site.url}/feed.xml", "feed", first.etag, first.last_modified)
    assert (first.status, first.etag, first.body) == (200, '"v7"', b"<rss/>")
    assert again.status == 304 and again.body == b""
    sent = site.asked("/feed.xml")[1].headers
    assert sent["if-none-match"] == '"v7"' and sent["if-modified-since"] == first.last_modified


def test_server_errors_are_retried_with_backoff(site: Site, policy: FetchPolicy) -> None:
    answers = itertools.chain([Answer(500), Answer(503)], itertools.repeat(Answer(body=b"ok")))
    site.routes["/flaky"] = lambda r: next(answers)
    site.routes["/down"] = lambda r: Answer(502)
    with Fetcher(policy) as fetcher:
        assert fetcher.get(f"{site.url}/flaky", "any").body == b"ok"
        with pytest.raises(FetchError, match=r"HTTP 502 \(3 tries\)"):
            fetcher.get(f"{site.url}/down", "any")
    assert len(site.asked("/flaky")) == 3 and len(site.asked("/down")) == 3


def test_client_errors_are_not_retried(site: Site, policy: FetchPolicy) -> None:
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(f"{site.url}/missing", "page")
    assert len(site.asked("/missing")) == 1


@pytest.mark.slow
def test_slow_answer_times_out(site: Site, policy: FetchPolicy) -> None:
    site.routes["/slow"] = lambda r: Answer(body=b"late", delay=1.5)
    quick = dataclasses.replace(policy, timeout=0.3, retries=1)
    with Fetcher(quick) as fetcher, pytest.raises(FetchError, match=r"timed out.*\(2 tries\)"):
        fetcher.get(f"{site.url}/slow", "any")


def test_huge_page_is_abandoned(site: Site, policy: FetchPolicy) -> None:
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    site.routes["/big"] = lambda r: Answer(body=big, headers={"content-type": "text/html"})
    # no Content-Length to go by: the body is read until the limit
    site.routes["/big-stream"] = lambda r: Answer(
        body=big, headers={"content-type": "text/html", "content-length": ""}
    )
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="too large: 300,"):  # by its Content-Length
            fetcher.get(f"{site.url}/big", "page")
        with pytest.raises(FetchError, match=r"too large: over 200,000 bytes \(stopped"):
            fetcher.get(f"{site.url}/big-stream", "page")


def test_redirect_loop_stops_at_the_limit(site: Site, policy: FetchPolicy) -> None:
    site.routes["/a"] = lambda r: Answer(302, headers={"location": "/b"})
    site.routes["/b"] = lambda r: Answer(301, headers={"location": "/a"})
    site.routes["/moved"] = lambda r: Answer(301, headers={"location": "/news/here"})
    site.page("/news/here", PAGE)
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetcher.get(f"{site.url}/a", "page")
        assert fetcher.get(f"{site.url}/moved", "page").url == f"{site.url}/news/here"
    assert len(site.asked("/a")) + len(site.asked("/b")) == 6


def test_content_type_is_checked(site: Site, policy: FetchPolicy) -> None:
    site.routes["/photo"] = lambda r: Answer(body=b"\x89PNG", headers={"content-type": "image/png"})
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="'image/png' is not an HTML"):
        fetcher.get(f"{site.url}/photo", "page")


@pytest.mark.slow
def test_requests_to_one_host_are_spaced(site: Site, policy: FetchPolicy) -> None:
    site.page("/p", PAGE)
    arrivals: list[float] = []
    site.routes["/p"] = lambda r: (arrivals.append(time.monotonic()), Answer(body=b"x"))[1]
    with Fetcher(dataclasses.replace(policy, host_delay=0.3)) as fetcher:
        for _ in range(3):
            fetcher.get(f"{site.url}/p", "any")
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(gaps) == 2 and min(gaps) >= 0.28


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "0.0.0.0",
        "::1",
        "::",
        "fe80::1",
        "fc00::5",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.8",
    ],
)
def test_non_public_addresses(address: str) -> None:
    assert why_not_public(address) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses(address: str) -> None:
    assert why_not_public(address) is None


def test_private_address_refused_before_connecting(site: Site, policy: FetchPolicy) -> None:
    site.page("/news/open", PAGE)
    guarded = dataclasses.replace(policy, allow_private=False)
    with Fetcher(guarded) as fetcher, pytest.raises(FetchError, match="loopback"):
        fetcher.get(f"{site.url}/news/open", "page")
    assert site.requests == []
    with pytest.raises(AddressError, match="scheme 'file'"):
        addresses.check_scheme("file:///etc/passwd")


def test_every_redirect_hop_is_checked(
    site: Site, policy: FetchPolicy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public name that redirects to a private address is refused at the second hop."""
    real = fetch_module.public_address

    def resolve(host: str, port: int) -> str:
        return "127.0.0.1" if host == "public.test" else real(host, port)

    monkeypatch.setattr(fetch_module, "public_address", resolve)
    monkeypatch.setattr(fetch_module, "why_not_public", lambda address: None)
    site.routes["/robots.txt"] = lambda r: Answer(404)
    site.routes["/go"] = lambda r: Answer(302, headers={"location": f"{site.url}/inside"})
    site.page("/inside", PAGE)
    guarded = dataclasses.replace(policy, allow_private=False)
    with Fetcher(guarded) as fetcher, pytest.raises(FetchError, match=r"resolves to 127\.0\.0\.1"):
        fetcher.get(f"http://public.test:{site.port}/go", "page")
    assert [r.path for r in site.requests] == ["/robots.txt", "/go"]
    assert site.requests[1].headers["host"] == f"public.test:{site.port}"  # name kept


def test_the_peer_reached_is_verified(
    site: Site, policy: FetchPolicy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if resolution were fooled, a connection that lands on a private address is
    refused before its answer is read."""
    monkeypatch.setattr(fetch_module, "public_address", lambda host, port: "127.0.0.1")
    guarded = dataclasses.replace(policy, allow_private=False)
    with Fetcher(guarded) as fetcher, pytest.raises(FetchError, match=r"connected to 127\.0\.0\.1"):
        fetcher.get(f"http://public.test:{site.port}/robots.txt", "robots")
