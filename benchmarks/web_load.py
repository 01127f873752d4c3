"""Load on the web app: N concurrent clients on loopback for a bounded time.

Starts `storyline serve` in its own process (so the load generator does not share
its interpreter), then for each target — ``GET /api/stories/{id}`` (the dossier
JSON) and the story page ``GET /stories/{id}`` — runs --clients keep-alive clients
for --seconds and prints requests/s, p50 and p99 latency, errors, the server's CPU
time per request (read from /proc: a figure that does not depend on how busy the
machine is) and the time of the first, uncached request (rendered, then cached until
a job changes the store). First it prints the bytes a browser transfers for a first
view of the story page (the page gzip-compressed and the files it links; aim: under
300 kB).  Aims on a 2-core machine: p99 under 100 ms for the API
and under 250 ms for the page.

    python benchmarks/web_load.py [--db store.sqlite] [--story ID] [--clients 20] [--seconds 10]

Without --db it builds the bundled example (examples/dravenmoor-dam) into a temporary
store first.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _common import EXAMPLE, REPO, emit, parser


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Connection:
    """One keep-alive HTTP/1.1 connection with just enough parsing to time a GET.

    A hand-written client rather than httpx: on a 2-core machine httpx spent about ten
    times the server's CPU per request, so it measured itself instead of the server.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n\r\n"
        self.writer.write(request.encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def _client(
    host: str, port: int, path: str, until: float, latencies: list[float], errors: list[str]
) -> None:
    conn = _Connection(host, port)
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            try:
                status = await conn.get(path)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(type(exc).__name__)
                await conn.close()
                conn = _Connection(host, port)
                continue
            if status != 200:
                errors.append(str(status))
                continue
            latencies.append(time.perf_counter() - start)
    finally:
        await conn.close()


async def _run(host: str, port: int, path: str, clients: int, seconds: float) -> dict[str, float]:
    warm = _Connection(host, port)
    cold = time.perf_counter()
    await warm.get(path)  # the first request renders and caches
    cold = time.perf_counter() - cold
    await warm.close()
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(
        *(_client(host, port, path, until, latencies, errors) for _ in range(clients))
    )
    elapsed = time.perf_counter() - start
    latencies.sort()
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(ms),
        "rps": len(ms) / elapsed,
        "p50": statistics.median(ms) if ms else float("nan"),
        "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else float("nan"),
        "errors": len(errors),
        "cold": cold * 1000,
    }


FIRST_VIEW_AIM = 300_000  # bytes transferred for a first view of a story page


def first_view(base: str, path: str) -> tuple[int, int, list[str]]:
    """Bytes a browser downloads for a first, uncached view of ``path``: the page and
    every file it links (style sheets, scripts, icon), compressed as sent (gzip), with
    the response headers. Returns (page bytes, total bytes, files)."""
    import re

    def fetch(client: httpx.Client, url: str) -> int:
        with client.stream("GET", url, headers={"accept-encoding": "gzip"}) as r:
            body = b"".join(r.iter_raw())
            return len(body) + sum(len(k) + len(v) + 4 for k, v in r.headers.raw) + 17

    with httpx.Client(base_url=base, timeout=60) as client:
        page_bytes = fetch(client, path)
        html = client.get(path).text
        files = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+|/favicon\.ico)"', html)))
        total = page_bytes + sum(fetch(client, f) for f in files)
    return page_bytes, total, files


def main() -> int:
    ap = parser(__doc__)
    ap.add_argument("--db", help="a store with dossiers (default: build the bundled example)")
    ap.add_argument("--story", help="story id (default: the story with the most articles)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0, help="per target")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="storyline-web-load-")
    db = args.db
    if db is None:
        from storyline.engine import build

        db = str(Path(tmp.name) / "store.sqlite")
        print("building the bundled example ...", file=sys.stderr)
        build([EXAMPLE], out_dir=Path(tmp.name) / "out", db=db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", db, "--port", str(port), "-q"],
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                stories = httpx.get(base + "/api/stories", timeout=5).json()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        if not stories:
            print("the store has no stories", file=sys.stderr)
            return 1
        story = args.story or max(stories, key=lambda s: s["articles"])["id"]
        page_bytes, total, files = first_view(base, f"/stories/{story}")
        verdict = "ok" if total < FIRST_VIEW_AIM else f"over the {FIRST_VIEW_AIM // 1000} kB aim"
        print(
            f"first view of /stories/{story}: {total / 1000:.1f} kB transferred "
            f"(page {page_bytes / 1000:.1f} kB gzip + {len(files)} files)  {verdict}"
        )
        result: dict[str, object] = {
            "story": story,
            "first_view_bytes": total,
            "page_gzip_bytes": page_bytes,
            "linked_files": len(files),
            "clients": args.clients,
            "seconds_per_target": args.seconds,
        }
        print(f"story {story}; {args.clients} clients, {args.seconds:g} s per target, loopback")
        print(
            f"{'target':<28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'errors':>6} {'cpu ms':>8} {'first ms':>8}"
        )
        for label, path, aim in (
            ("GET /api/stories/{id}", f"/api/stories/{story}", 100),
            ("GET /stories/{id} (page)", f"/stories/{story}", 250),
        ):
            cpu = _cpu_seconds(server.pid)
            r = asyncio.run(_run("127.0.0.1", port, path, args.clients, args.seconds))
            cpu_ms = (_cpu_seconds(server.pid) - cpu) * 1000 / max(1, r["requests"] + 1)
            verdict = "ok" if r["p99"] < aim else f"over the {aim} ms aim"
            print(
                f"{label:<28} {r['requests']:>8} {r['rps']:>8.0f} {r['p50']:>8.1f} "
                f"{r['p99']:>8.1f} {r['errors']:>6} {cpu_ms:>8.2f} {r['cold']:>8.1f}  p99 {verdict}"
            )
            result[label] = {**r, "cpu_ms": round(cpu_ms, 2)}
    finally:
        server.terminate()
        server.wait(timeout=30)
        tmp.cleanup()
    emit(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
