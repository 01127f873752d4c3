"""Polling: each watched source fetched, its new items read as reports, and the
stories they touch brought up to date through the engine (as `storyline build`).

    Poller(store, settings).poll()   once: every source, then the engine
    Poller.run(interval)             until ``stop`` is set (SIGINT/SIGTERM, app shutdown)

A source or page that fails is recorded in the store (the source's failure count and
last error; the page as a "failing" item, tried again on later polls up to
``MAX_PAGE_TRIES``) and named in the report; it never stops the others. Each report
is stored in one transaction with the item that listed it, so a poll stopped half
way (``stop``) keeps every report it stored and drops the page in flight; its
stories are built on the next poll (they are out of date until then).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import msgspec

from storyline import engine
from storyline.model import Failure, Rejection, SeenItem, WatchedSource
from storyline.settings import Settings
from storyline.sources.fetch import (
    Closing,
    Fetched,
    Fetcher,
    FetchError,
    FetchPolicy,
    Stopped,
)
from storyline.sources.listings import Item, Listing, ListingError, parse_listing
from storyline.sources.pages import page_article
from storyline.store import Store

log = logging.getLogger(__name__)

MAX_PAGE_TRIES = 5  # a failing page is tried again on this many polls, then left alone
MAX_CHILD_SITEMAPS = 50  # sitemaps read from one sitemap index per poll


@dataclass(frozen=True)
class Problem:
    """A source or page that failed (or was skipped), for the user."""

    source: str
    url: str
    reason: str

    def __str__(self) -> str:
        if self.url == self.source:
            return f"{self.source}: {self.reason}"
        return f"{self.source}: {self.url}: {self.reason}"


@dataclass
class PollReport:
    started: str = ""
    polled: list[str] = field(default_factory=list)  # sources fetched
    not_modified: list[str] = field(default_factory=list)  # sources that answered 304
    added: list[str] = field(default_factory=list)  # ids of reports new to the store
    known: list[str] = field(default_factory=list)  # items whose report was stored already
    skipped: list[Problem] = field(default_factory=list)  # no report there; not tried again
    failed: list[Problem] = field(default_factory=list)  # sources and pages; tried again
    stories: list[str] = field(default_factory=list)  # stories whose dossier was rebuilt
    failures: list[Failure] = field(default_factory=list)  # engine failures new in this poll
    stopped: bool = False  # stop was asked before the poll was done

    @property
    def ok(self) -> bool:
        return not self.failed and not self.failures


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def source_name(value: str) -> str:
    """How a source is stored: a URL as given, a local file by its absolute path."""
    if is_url(value):
        return value
    return str(Path(value).expanduser().resolve())


class Poller(Closing):
    """Polls the watched sources of ``store`` (a store the caller owns and closes)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        policy: FetchPolicy | None = None,
        stop: threading.Event | None = None,
        on_change: Callable[[PollReport], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.stop = stop or threading.Event()
        self.fetcher = Fetcher(policy, self.stop, transport)
        self.on_change = on_change or (lambda report: None)

    def close(self) -> None:
        self.fetcher.close()

    # ------------------------------------------------------------------ loop
    def run(self, interval: float, only: list[str] | None = None) -> Iterator[PollReport]:
        """Poll every ``interval`` seconds until ``stop`` is set; yields each poll's report."""
        while not self.stop.is_set():
            yield self.poll(only)
            if self.stop.wait(interval):
                break

    def poll(self, only: list[str] | None = None, update: bool = True) -> PollReport:
        """Every watched source (or those named in ``only``) once; then, with ``update``,
        the engine over what is new."""
        report = PollReport(started=now())
        standing = {(f.kind, f.id, f.stage) for f in self.store.failures()}
        todo = [s for s in self.store.watched_sources() if only is None or s.url in only]
        done: set[str] = set()
        try:
            while todo:
                source = todo.pop(0)
                if source.url in done:
                    continue
                done.add(source.url)
                todo.extend(self._poll_source(source, report))
        except Stopped:
            report.stopped = True
        if update and not report.stopped:
            try:
                self._update(report)
            except Stopped:
                report.stopped = True
            report.failures = [
                f for f in self.store.failures() if (f.kind, f.id, f.stage) not in standing
            ]
        if report.stopped:
            log.info(
                "stopped: %d new report(s) kept; their stories are built on the next poll",
                len(report.added),
            )
        self.on_change(report)
        return report

    # ------------------------------------------------------------------ one source
    def _poll_source(self, source: WatchedSource, report: PollReport) -> list[WatchedSource]:
        """Fetch one source and its new items; returns the sources it lists (OPML)."""
        state = msgspec.structs.replace(source, last_poll=now())
        try:
            listing, answer = self._listing(state)
        except (FetchError, ListingError) as exc:
            reason = exc.reason if isinstance(exc, FetchError) else _reason(exc, state.url)
            report.failed.append(Problem(state.url, getattr(exc, "url", state.url), reason))
            self.store.update_source(
                msgspec.structs.replace(
                    state,
                    failures=state.failures + 1,
                    failing_since=state.failing_since or state.last_poll,
                    last_error=reason,
                )
            )
            return []
        except Stopped:
            self.store.update_source(state)
            raise
        report.polled.append(state.url)
        healthy = dict(failures=0, failing_since=None, last_error=None, last_success=now())
        if listing is None:  # 304: nothing new
            report.not_modified.append(state.url)
            self.store.update_source(msgspec.structs.replace(state, **healthy))  # type: ignore[arg-type]
            return []
        children: list[WatchedSource] = []
        if listing.kind == "opml":
            for feed in listing.feeds:
                child = WatchedSource(url=feed, kind="feed", added=now())
                if is_url(feed) and self.store.add_source(child):
                    log.info("%s lists a new feed %s", state.url, feed)
                    children.append(child)
            children += [s for s in self.store.watched_sources() if s.url in set(listing.feeds)]
        elif listing.feeds:  # a sitemap index: its sitemaps' items, this poll
            listing.items += self._child_items(state.url, listing.feeds, report)
        self._items(state.url, listing.items, report)
        self.store.update_source(
            msgspec.structs.replace(
                state,
                kind=listing.kind,
                etag=answer.etag if answer else None,
                last_modified=answer.last_modified if answer else None,
                **healthy,  # type: ignore[arg-type]
            )
        )
        return children

    def _listing(self, state: WatchedSource) -> tuple[Listing | None, Fetched | None]:
        if not is_url(state.url):
            limit = self.fetcher.policy.max_bytes
            try:
                with open(state.url, "rb") as handle:
                    body = handle.read(limit + 1)
            except OSError as exc:
                raise ListingError(f"{state.url}: cannot read: {exc.strerror or exc}") from exc
            if len(body) > limit:
                raise ListingError(f"{state.url}: too large: over {limit:,} bytes")
            return parse_listing(body, state.url), None
        answer = self.fetcher.get(state.url, "feed", state.etag, state.last_modified)
        if answer.status == 304:
            return None, answer
        return parse_listing(answer.body, answer.url), answer

    def _child_items(self, source: str, sitemaps: list[str], report: PollReport) -> list[Item]:
        items: list[Item] = []
        for url in sitemaps[:MAX_CHILD_SITEMAPS]:
            try:
                answer = self.fetcher.get(url, "feed")
                child = parse_listing(answer.body, answer.url)
            except (FetchError, ListingError) as exc:
                reason = exc.reason if isinstance(exc, FetchError) else _reason(exc, url)
                report.failed.append(Problem(source, url, reason))
                continue
            items += child.items
        return items

    # ------------------------------------------------------------------ items
    def _items(self, source: str, items: list[Item], report: PollReport) -> None:
        seen = self.store.seen_items(source)
        listed = {i.key for i in items}
        # Pages that failed before and are no longer listed are still tried again.
        retry = [
            Item(url=s.url, guid=s.item if s.item != s.url else None)
            for s in seen.values()
            if s.state == "failing" and s.item not in listed and s.failures < MAX_PAGE_TRIES
        ]
        for item in [*items, *retry]:
            before = seen.get(item.key)
            if before is not None and (
                before.state != "failing" or before.failures >= MAX_PAGE_TRIES
            ):
                continue
            if self.stop.is_set():
                raise Stopped
            self._item(source, item, before, report)

    def _item(self, source: str, item: Item, before: SeenItem | None, report: PollReport) -> None:
        record = SeenItem(
            source=source,
            item=item.key,
            url=item.url,
            first_seen=before.first_seen if before else now(),
        )
        known = self.store.article_for_url(item.url)
        if known is not None:
            self.store.put_seen(msgspec.structs.replace(record, article=known))
            report.known.append(known)
            return
        try:
            if not is_url(item.url):
                raise FetchError(item.url, "not an http(s) URL", permanent=True)
            answer = self.fetcher.get(item.url, "page")
        except FetchError as exc:
            self._page_problem(record, before, exc.reason, exc.permanent, report)
            return
        found = page_article(answer.body, answer.content_type, answer.url, item)
        if isinstance(found, Rejection):
            self._page_problem(record, before, found.reason, True, report)
            return
        canonical = found.url if found.url and found.url != item.url else None
        record = msgspec.structs.replace(record, canonical=canonical)
        if canonical is not None:
            known = self.store.article_for_url(canonical)
            if known is not None:
                self.store.put_seen(msgspec.structs.replace(record, article=known))
                report.known.append(known)
                return
        if self.store.put_seen(msgspec.structs.replace(record, article=found.id), found):
            report.added.append(found.id)
            log.info("%s: new report %s (%s)", source, found.id, item.url)
        else:
            report.known.append(found.id)

    def _page_problem(
        self,
        record: SeenItem,
        before: SeenItem | None,
        reason: str,
        permanent: bool,
        report: PollReport,
    ) -> None:
        problem = Problem(record.source, record.url, reason)
        tries = (before.failures if before else 0) + 1
        if permanent:
            report.skipped.append(problem)
            self.store.put_seen(
                msgspec.structs.replace(record, state="skipped", last_error=reason, failures=tries)
            )
        else:
            report.failed.append(problem)
            self.store.put_seen(
                msgspec.structs.replace(record, state="failing", last_error=reason, failures=tries)
            )

    # ------------------------------------------------------------------ engine
    def _update(self, report: PollReport) -> None:
        """What `storyline build` does after ingest, for the stories whose dossier is out
        of date only: the ones new reports joined (and any a stopped poll left behind)."""
        store, settings = self.store, self.settings
        update = engine.update((), store, settings)  # the reports are stored already
        failed = {f.id for f in store.failures("story")}
        for story in update.changed:
            if self.stop.is_set():
                raise Stopped
            engine.build_isolated(story, store, settings, update.redated, failed)
            if story.id not in {f.id for f in store.failures("story")}:
                report.stories.append(story.id)


def _reason(exc: Exception, url: str) -> str:
    text = str(exc)
    prefix = f"{url}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def add_sources(store: Store, values: list[str]) -> list[str]:
    """Watch ``values`` (URLs or local files); returns the ones that were new."""
    added = []
    for value in values:
        name = source_name(value)
        if store.add_source(WatchedSource(url=name, added=now())):
            added.append(name)
    return added


def health(source: WatchedSource) -> str:
    """ok / failing since … (N polls): reason / never polled."""
    if source.last_poll is None:
        return "never polled"
    if source.failures:
        return (
            f"failing since {source.failing_since} ({source.failures} poll(s)): {source.last_error}"
        )
    return f"ok (last success {source.last_success})"


__all__ = ["PollReport", "Poller", "Problem", "add_sources", "health", "source_name"]
