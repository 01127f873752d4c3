"""Replay Timeline17 as live feeds on 127.0.0.1 and measure `storyline watch`.

One RSS feed per outlet (bbc, guardian, reuters, cnn, ...), items in publication order,
each report served as an HTML page (og:site_name, article:published_time) made in memory
from the corpus text at run time (nothing is copied into the project). The poller runs
in a background thread, as `storyline watch --interval` does, against a fresh store.

Three phases:
1. warm-up: the first ``--warm`` reports of each topic are released and polled (models
   loaded, stories made); not timed;
2. latency: the next reports are released one at a time, ``--gap`` seconds apart
   (compressed time); the latency of a report is from its release (it appears in its
   outlet's feed) to the end of the poll that stored it and rebuilt its story's dossier;
   it includes the wait for the next poll (``--interval``);
3. throughput: the rest are released at once; reports/s = reports / time until all are
   stored and their stories rebuilt;
4. rebuild: the largest story the timed reports joined is rebuilt (linked, synthesized,
   rendered) as a poll rebuilds it, reusing what each report alone gave (storyline.memo),
   and again from scratch (the memos emptied), alternately ``--rebuilds`` times; the
   ratio of the two medians is what reuse saves.

Each timed report's CPU time (the process's, all threads: fetch, annotate, rebuild) is
printed beside its latency: on a shared machine the wall-clock latency mostly measures
the other processes (the load average is printed too).

The annotator uses the sentence budgets the other Timeline17 benchmarks use (settings
``read_sentences = 16``, ``embed_sentences = 8``, what `storyline build` users set for
large archives); the per-host delay is 0 (every feed is on one local host).

    .venv/bin/python benchmarks/watch_replay.py --topics H1N1,MJ --per-topic 40   # quick
    .venv/bin/python benchmarks/watch_replay.py                                   # all
    .venv/bin/python benchmarks/watch_replay.py --topics LibyaWar --per-topic 330 \
        --warm 300 --timed 20                          # one story of ~300 reports growing

The last line printed is one JSON object.
"""

from __future__ import annotations

import html
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import TIMELINE17, emit, parser, settings
from _timeline17 import documents, topics

from storyline import engine, memo
from storyline import render as render_stage
from storyline.model import Story
from storyline.settings import Settings
from storyline.sources import FetchPolicy, Poller, PollReport, add_sources
from storyline.store import Store, open_store


class Replay:
    """The served site: released reports, grouped into one feed per outlet."""

    def __init__(self, docs: list[dict[str, str]]) -> None:
        self.docs = docs
        self.released: list[int] = []
        self.released_at: dict[str, float] = {}  # page URL -> monotonic release time
        self.lock = threading.Lock()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, kind, body, etag = replay.answer(self.path, self.headers)
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                if etag:
                    self.send_header("etag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def outlets(self) -> list[str]:
        return sorted({d["outlet"] for d in self.docs})

    def page_url(self, i: int) -> str:
        return f"{self.url}/a/{i}.html"

    def release(self, indexes: list[int]) -> None:
        with self.lock:
            now = time.monotonic()
            for i in indexes:
                self.released.append(i)
                self.released_at[self.page_url(i)] = now

    def answer(self, path: str, headers: object) -> tuple[int, str, bytes, str | None]:
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n", None
        if path.startswith("/feeds/"):
            outlet = path[len("/feeds/") : -len(".xml")]
            with self.lock:
                mine = [i for i in self.released if self.docs[i]["outlet"] == outlet]
            etag = f'"{len(mine)}"'
            if headers.get("if-none-match") == etag:  # type: ignore[attr-defined]
                return 304, "application/rss+xml", b"", etag
            return 200, "application/rss+xml", self.feed(outlet, mine).encode(), etag
        if path.startswith("/a/"):
            i = int(path[3:].split(".")[0])
            return 200, "text/html; charset=utf-8", self.page(i).encode(), None
        return 404, "text/plain", b"not here", None

    def feed(self, outlet: str, indexes: list[int]) -> str:
        items = []
        for i in indexes:
            day = datetime.fromisoformat(self.docs[i]["date"]).replace(hour=8, tzinfo=UTC)
            items.append(
                f"<item><title>{html.escape(self.title(i))}</title><link>{self.page_url(i)}"
                f"</link><guid>{self.page_url(i)}</guid><pubDate>{format_datetime(day)}"
                "</pubDate></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<title>{outlet}</title><link>{self.url}</link><description>replay</description>"
            + "".join(items)
            + "</channel></rss>"
        )

    def title(self, i: int) -> str:
        first = self.docs[i]["text"].split("\n", 1)[0]
        return first[:90]

    def page(self, i: int) -> str:
        d = self.docs[i]
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in d["text"].split("\n"))
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(self.title(i))}</title>"
            f'<meta property="og:site_name" content="{html.escape(d["outlet"])}">'
            f'<meta property="article:published_time" content="{d["date"]}T08:00:00Z">'
            f"</head><body><article>{paragraphs}</article></body></html>"
        )


def main(argv: list[str] | None = None) -> int:
    p = parser(__doc__, data="dataset", default=TIMELINE17, budget=True)
    p.add_argument("--topics", help="comma-separated topic names (default: all)")
    p.add_argument("--per-topic", type=int, help="at most this many reports per topic")
    p.add_argument("--warm", type=int, default=10, help="reports per topic before timing")
    p.add_argument("--timed", type=int, default=20, help="reports released one at a time")
    p.add_argument("--gap", type=float, default=2.0, help="seconds between two releases")
    p.add_argument("--interval", type=float, default=0.25, help="poll interval (seconds)")
    p.add_argument("--rebuilds", type=int, default=3, help="rebuilds of each kind in phase 4")
    args = p.parse_args(argv)

    chosen = topics(args.dataset)
    if args.topics:
        wanted = set(args.topics.split(","))
        chosen = {k: v for k, v in chosen.items() if k in wanted}
    per_topic = {name: documents(dirs, args.per_topic) for name, dirs in chosen.items()}
    warm = sorted(
        (d for docs in per_topic.values() for d in docs[: args.warm]), key=lambda d: d["date"]
    )
    rest = sorted(
        (d for docs in per_topic.values() for d in docs[args.warm :]), key=lambda d: d["date"]
    )
    docs = warm + rest
    replay = Replay(docs)
    n_warm, n_timed = len(warm), min(args.timed, len(rest))
    print(
        f"{len(chosen)} topic(s), {len(docs)} reports: {n_warm} warm-up, {n_timed} timed one "
        f"by one ({args.gap:g} s apart, polls every {args.interval:g} s), "
        f"{len(docs) - n_warm - n_timed} in one burst; read {args.read} / embed {args.embed}",
        flush=True,
    )

    root = Path(tempfile.mkdtemp(prefix="watch-replay-"))
    config = settings(args, root)
    store = open_store(config.db)
    add_sources(store, [f"{replay.url}/feeds/{o}.xml" for o in replay.outlets()])
    done: dict[str, float] = {}  # page URL -> when its dossier was rebuilt
    cpu: dict[str, float] = {}  # page URL -> CPU seconds of the poll that stored it
    holders: dict[str, str] = {}  # page URL -> the story it joined
    story_sizes: list[int] = []
    cond = threading.Condition()
    last_cpu = [time.process_time()]

    def on_change(report: PollReport) -> None:
        finished = time.monotonic()
        spent, last_cpu[0] = time.process_time() - last_cpu[0], time.process_time()
        stories = {s.id: s for s in store.stories()}
        for article_id in report.added:
            url = store.get_article(article_id).path or ""
            holder = next((s for s in stories.values() if article_id in s.articles), None)
            if holder is not None and holder.id in report.stories:
                with cond:
                    done[url] = finished
                    cpu[url] = spent
                    holders[url] = holder.id
                    story_sizes.append(len(holder.articles))
        with cond:
            cond.notify_all()

    policy = FetchPolicy(host_delay=0.0, timeout=30.0)
    poller = Poller(store, config, policy, on_change=on_change)
    loop = threading.Thread(target=lambda: list(poller.run(args.interval)), daemon=True)

    def wait_for(urls: list[str], timeout: float = 3600) -> None:
        deadline = time.monotonic() + timeout
        with cond:
            while not all(u in done for u in urls):
                if not cond.wait(timeout=max(0.0, deadline - time.monotonic())):
                    missing = [u for u in urls if u not in done]
                    raise SystemExit(f"timed out waiting for {len(missing)} report(s)")

    started = time.monotonic()
    replay.release(list(range(n_warm)))
    loop.start()
    wait_for([replay.page_url(i) for i in range(n_warm)])
    print(f"warm-up: {n_warm} reports in {time.monotonic() - started:.1f} s", flush=True)

    latencies: list[float] = []
    cpus: list[float] = []
    for i in range(n_warm, n_warm + n_timed):
        replay.release([i])
        url = replay.page_url(i)
        wait_for([url])
        latencies.append(done[url] - replay.released_at[url])
        cpus.append(cpu[url])
        print(
            f"  report {i - n_warm + 1}/{n_timed}: {latencies[-1]:.2f} s, CPU {cpus[-1]:.2f} s "
            f"(story of {story_sizes[-1]} reports; load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
        time.sleep(max(0.0, args.gap - latencies[-1]))
    sizes = story_sizes[-n_timed:] if n_timed else []

    burst = list(range(n_warm + n_timed, len(docs)))
    rate = None
    if burst:
        t0 = time.monotonic()
        replay.release(burst)
        wait_for([replay.page_url(i) for i in burst])
        rate = len(burst) / (time.monotonic() - t0)

    poller.stop.set()
    loop.join(timeout=600)
    poller.close()
    timed_stories = {holders[replay.page_url(i)] for i in range(n_warm, n_warm + n_timed)}
    largest = max(
        (s for s in store.stories() if s.id in timed_stories),
        key=lambda s: len(s.articles),
        default=None,
    )
    reuse = full = None
    if largest is not None and args.rebuilds:
        reuse, full = rebuild_times(largest, store, config, root / "rebuilt", args.rebuilds)
        print(
            f"rebuild of a story of {len(largest.articles)} reports: reusing "
            f"{reuse[0]:.2f} s (CPU {reuse[1]:.2f} s), from scratch {full[0]:.2f} s "
            f"(CPU {full[1]:.2f} s); ratio {reuse[0] / full[0]:.2f} (CPU {reuse[1] / full[1]:.2f})"
        )
    store.close()
    result = {
        "topics": sorted(chosen),
        "reports": len(docs),
        "timed": len(latencies),
        "median_latency_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_latency_s": round(_p95(latencies), 3) if latencies else None,
        "max_latency_s": round(max(latencies), 3) if latencies else None,
        "median_cpu_s": round(statistics.median(cpus), 3) if cpus else None,
        "p95_cpu_s": round(_p95(cpus), 3) if cpus else None,
        "largest_story_timed": max(sizes) if sizes else None,
        "burst_reports": len(burst),
        "reports_per_s": round(rate, 2) if rate else None,
        "rebuild_story_reports": len(largest.articles) if largest is not None else None,
        "rebuild_reusing_s": round(reuse[0], 3) if reuse else None,
        "rebuild_from_scratch_s": round(full[0], 3) if full else None,
        "rebuild_ratio": round(reuse[0] / full[0], 3) if reuse and full else None,
        "rebuild_cpu_ratio": round(reuse[1] / full[1], 3) if reuse and full else None,
        "load_average": round(os.getloadavg()[0], 1),
        "poll_interval_s": args.interval,
        "read_sentences": args.read,
        "embed_sentences": args.embed,
    }
    if latencies:
        print(
            f"latency from release to updated dossier: median {result['median_latency_s']} s, "
            f"p95 {result['p95_latency_s']} s, max {result['max_latency_s']} s "
            f"(stories up to {result['largest_story_timed']} reports)"
        )
    if rate:
        print(f"sustained: {len(burst)} reports at {rate:.2f} reports/s")
    emit(result)
    return 0


def rebuild_times(
    story: Story, store: Store, settings: Settings, out: Path, rounds: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) seconds of rebuilding ``story``'s dossier as a poll does, reusing
    the memos, and from scratch (memos emptied first); the two alternate."""
    kept: list[tuple[float, float]] = []
    scratch: list[tuple[float, float]] = []

    def once() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        dossier = engine.dossier_for(story, store, settings)
        render_stage.write_dossier(dossier, out / story.id)
        return time.perf_counter() - wall, time.process_time() - cpu

    for _ in range(rounds):
        kept.append(once())
        memo.clear_all()
        scratch.append(once())
    return (
        (statistics.median(w for w, _ in kept), statistics.median(c for _, c in kept)),
        (statistics.median(w for w, _ in scratch), statistics.median(c for _, c in scratch)),
    )


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    raise SystemExit(main())
