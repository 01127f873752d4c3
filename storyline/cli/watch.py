"""`storyline watch` and `storyline sources`: thin commands over ``storyline.sources``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from types import FrameType
from typing import Any

from storyline.settings import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _bad_sources(values: list[str]) -> list[str]:
    from storyline.sources.poll import is_url

    return [v for v in values if not is_url(v) and not Path(v).expanduser().is_file()]


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the poll finishes or drops its page in flight and
    commits nothing half done); a second signal interrupts at once."""
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        print(
            f"storyline: {signal.Signals(signum).name}: stopping after the page in flight "
            "(again to stop at once)",
            file=sys.stderr,
        )
        stop.set()
        for sig, old in previous.items():
            signal.signal(sig, old)

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def watch(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.sources import FetchPolicy, Poller, add_sources, source_name
    from storyline.store import open_store

    bad = _bad_sources(args.sources)
    if bad:
        print(
            f"storyline: error: {bad[0]!r} is neither an http(s) URL nor a file; a SOURCE is a "
            "feed or sitemap URL, an OPML file or a text file of article URLs",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.interval <= 0 or args.delay < 0 or args.timeout <= 0 or args.max_page_bytes < 1:
        print(
            "storyline: error: --interval and --timeout must be > 0, --delay >= 0, "
            "--max-page-bytes >= 1",
            file=sys.stderr,
        )
        return EXIT_USAGE
    policy = FetchPolicy(timeout=args.timeout, host_delay=args.delay, max_bytes=args.max_page_bytes)
    stop = threading.Event()
    store = open_store(settings.db)
    try:
        add_sources(store, args.sources)
        if not store.watched_sources():
            print(
                "storyline: error: no sources to watch; give SOURCE arguments or add some with "
                "`storyline sources add URL`",
                file=sys.stderr,
            )
            return EXIT_ERROR
        only = [source_name(s) for s in args.sources] or None
        poller = Poller(store, settings, policy, stop)
        status = EXIT_OK
        try:
            with _stop_on_signals(stop):
                if args.once:
                    report = poller.poll(only)
                    _show(report, args)
                    status = EXIT_OK if report.ok else EXIT_FAILED
                else:
                    for report in poller.run(args.interval, only):
                        _show(report, args)
        finally:
            poller.close()
        return status
    finally:
        store.close()


def _show(report, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    from storyline.guard import failure_text

    for problem in report.failed:
        print(f"storyline: {problem}", file=sys.stderr)
    if not args.quiet:
        for problem in report.skipped:
            print(
                f"storyline: {problem.source}: {problem.url}: skipped: {problem.reason}",
                file=sys.stderr,
            )
    for f in report.failures:
        print(f"storyline: {failure_text(f)}", file=sys.stderr)
    if args.json:
        out = asdict(report)
        out["failures"] = [_failure_dict(f) for f in report.failures]
        print(json.dumps(out), flush=True)
    elif not args.quiet:
        stopped = " (stopped before the end: the rest on the next poll)" if report.stopped else ""
        print(
            f"{report.started}: {len(report.polled)} source(s) polled, "
            f"{len(report.not_modified)} not modified; {len(report.added)} new report(s), "
            f"{len(report.known)} already stored, {len(report.skipped)} skipped, "
            f"{len(report.failed)} failed; {len(report.stories)} story(ies) updated"
            f"{': ' + ', '.join(report.stories) if report.stories else ''}{stopped}",
            flush=True,
        )


def _failure_dict(f) -> dict[str, object]:  # type: ignore[no-untyped-def]
    import msgspec

    return msgspec.structs.asdict(f)  # type: ignore[no-any-return]


def sources(args: argparse.Namespace, settings: Settings) -> int:
    import msgspec

    from storyline.sources import add_sources, health, source_name
    from storyline.store import open_store

    if args.action != "list" and not args.urls:
        print(
            f"storyline: error: `storyline sources {args.action}` needs URL arguments",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.action == "list" and args.urls:
        print("storyline: error: to add sources: `storyline sources add URL...`", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "add":
        bad = _bad_sources(args.urls)
        if bad:
            print(
                f"storyline: error: {bad[0]!r} is neither an http(s) URL nor a file",
                file=sys.stderr,
            )
            return EXIT_USAGE
    store = open_store(settings.db)
    try:
        if args.action == "add":
            added = add_sources(store, args.urls)
            for url in args.urls:
                name = source_name(url)
                note = "added" if name in added else "already watched"
                if not args.quiet:
                    print(f"{name}: {note}")
            return EXIT_OK
        if args.action == "remove":
            status = EXIT_OK
            for url in args.urls:
                name = source_name(url)
                if store.remove_source(name):
                    if not args.quiet:
                        print(f"{name}: removed")
                else:
                    print(f"storyline: {name}: not a watched source", file=sys.stderr)
                    status = EXIT_FAILED
            return status
        listed = store.watched_sources()
        failing_pages = {s.url: _failing_pages(store, s.url) for s in listed}
    finally:
        store.close()
    if args.json:
        rows = []
        for s in listed:
            row = msgspec.structs.asdict(s)
            row["health"] = health(s)
            row["failing_pages"] = failing_pages[s.url]
            rows.append(row)
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    for s in listed:
        pages = f"; {failing_pages[s.url]} page(s) failing" if failing_pages[s.url] else ""
        print(f"{s.url}  [{s.kind or '?'}]  {health(s)}{pages}")
    if not listed and not args.quiet:
        print("no sources yet; add one with `storyline sources add URL`", file=sys.stderr)
    return EXIT_OK


def _failing_pages(store, url: str) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for item in store.seen_items(url).values() if item.state == "failing")
