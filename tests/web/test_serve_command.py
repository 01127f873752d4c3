"""`storyline serve` runs the app on the port it is given, on loopback by default."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed")


@pytest.mark.slow
def test_serve_answers_and_needs_the_token_for_writes(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db = tmp_path / "new.sqlite"
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen([*command, "--token", "k3y", "-q"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=5)
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "storyline serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json() == []
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert "No stories yet" in page.text
        post = httpx.post(f"http://127.0.0.1:{port}/api/articles", json={"text": "A report."})
        assert post.status_code == 401
        assert db.exists()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
