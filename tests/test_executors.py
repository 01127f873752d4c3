"""Stage 2 on Dask gives what the in-process run gives; a Dask run that cannot start says why.

The Dask tests start their own clusters on this machine: the engine's own
LocalCluster (``--executor dask`` with no address) and a cluster the test starts
and hands over by address (``--scheduler``), as an existing cluster would be.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline.cli.main import EXIT_ERROR, main
from storyline.errors import ConfigError
from storyline.settings import Settings, load_settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dravenmoor-dam"

FERRY = (
    "date 2025-02-03 By Lena Ortvik, Harbor Gazette\n\n"
    "The ferry Calder Star ran aground near Pellham Point on Monday, the port authority said.\n\n"
    "All 212 passengers were taken ashore by lifeboats within three hours, officials said.\n"
)
BRIDGE = (
    "date 2025-02-05 By Tom Brisk, Coastline Daily\n\n"
    "The Varn bridge reopened on Wednesday after two weeks of repairs, the city said.\n\n"
    "\u201cTraffic will flow normally by Friday,\u201d engineer Sela Moran told reporters.\n"
)


def needs_dask() -> None:
    if importlib.util.find_spec("distributed") is None:
        pytest.skip("the dask extra is not installed (pip install -e '.[dask]')")


def without_generated(paths: list[Path]) -> dict[str, dict[str, Any]]:
    out = {}
    for p in paths:
        d = json.loads(p.read_text(encoding="utf-8"))
        d.pop("generated", None)
        out[d["story"]["id"]] = d
    return out


@pytest.mark.slow
def test_a_dask_cluster_of_two_workers_builds_the_same_dossiers(tmp_path: Path) -> None:
    needs_dask()
    from distributed import LocalCluster

    from storyline.engine import build

    paths = sorted(p for p in EXAMPLE.iterdir() if p.suffix in {".txt", ".jsonl", ".html"})
    local = Settings(executor="local", chunk_size=2)
    here = build(paths, tmp_path / "here", str(tmp_path / "here.sqlite"), settings=local)
    expected = without_generated(here.dossiers)
    assert expected, "the in-process build wrote no dossier"
    # Thread workers share the models this process already loaded, which keeps the test
    # fast; the process workers of the engine's own cluster are tested below.
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        # Small chunks so that the example spreads over both workers.
        on_dask = Settings(executor="dask", scheduler=cluster.scheduler_address, chunk_size=2)
        dask = build(paths, tmp_path / "dask", str(tmp_path / "dask.sqlite"), settings=on_dask)
        ran = cluster.scheduler.task_prefixes.get("annotate_chunk")
        assert ran is not None and ran.all_durations["compute"] > 0  # the workers did the work
    assert without_generated(dask.dossiers) == expected


def worker_pid(chunk: list[int]) -> tuple[list[int], int]:
    """A stand-in for a stage function: which process handled the chunk."""
    return [n * n for n in chunk], os.getpid()


@pytest.mark.slow
def test_the_engines_own_cluster_runs_chunks_in_two_worker_processes() -> None:
    needs_dask()
    from storyline.executors import dask_map

    chunks = [[n, n + 1] for n in range(0, 24, 2)]  # more chunks than the window in flight
    results = list(dask_map(worker_pid, iter(chunks), Settings(executor="dask", workers=2)))
    squares = sorted(n for values, _ in results for n in values)
    assert squares == [n * n for n in range(24)]  # every chunk once, none lost
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_records_cross_to_a_worker_process_unchanged() -> None:
    """What a process worker receives and returns is what was sent (Dask's serialization)."""
    needs_dask()
    from distributed.protocol import deserialize, serialize

    from storyline.model import Annotation, Article, Published, Sentence

    article = Article(
        id="a1",
        text="The Varn bridge reopened.",
        outlet="Coastline Daily",
        published=Published(date="2025-02-05", basis="header"),
    )
    annotation = Annotation(
        article="a1",
        sentences=[Sentence(index=0, start=0, end=25, text=article.text)],
        embedding_dim=2,
        embeddings=b"\x00" * 8,
        annotator="1+minilm-int8",
    )
    for record in ([article], [annotation]):
        assert deserialize(*serialize(record)) == record


@pytest.mark.slow
def test_an_existing_cluster_by_address_annotates_like_this_process(tmp_path: Path) -> None:
    needs_dask()
    from distributed import LocalCluster

    from storyline.annotate import annotate_chunk
    from storyline.engine import annotate, ingest
    from storyline.store import open_store

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name, text in (("ferry.txt", FERRY), ("bridge.txt", BRIDGE)):
        (inputs / name).write_text(text, encoding="utf-8")
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        settings = Settings(executor="dask", scheduler=cluster.scheduler_address, chunk_size=1)
        store = open_store(str(tmp_path / "store.sqlite"))
        try:
            ingest([inputs], store, settings)
            assert annotate(store, settings) == 2
            assert annotate(store, settings) == 0  # nothing left to do
            articles = store.articles()
            on_dask = store.get_annotations(a.id for a in articles)
        finally:
            store.close()
        ran = cluster.scheduler.task_prefixes.get("annotate_chunk")
        assert ran is not None and ran.all_durations["compute"] > 0  # the workers did the work
    assert on_dask == annotate_chunk(articles)


def test_a_scheduler_address_needs_the_dask_executor(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError, match="only with executor 'dask'"):
        load_settings(executor="local", scheduler="tcp://10.0.0.5:8786")
    code = main(["ingest", "nowhere.txt", "--scheduler", "tcp://10.0.0.5:8786", "--quiet"])
    assert code == EXIT_ERROR
    assert "--executor dask" in capsys.readouterr().err


def test_dask_without_its_package_fails_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "distributed" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(ConfigError, match=r"pip install 'storyline\[dask\]'"):
        Settings(executor="dask")
    monkeypatch.undo()

    # Installed when the settings were checked, gone when the run starts: still loud.
    needs_dask()
    from storyline.executors import dask_map

    settings = Settings(executor="dask")
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(ConfigError, match=r"pip install 'storyline\[dask\]'"):
        list(dask_map(len, [[1, 2]], settings))


@pytest.mark.slow
def test_an_unreachable_scheduler_fails_with_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_dask()
    from storyline import executors

    with socket.socket() as s:  # a port with nothing listening on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    settings = Settings(executor="dask", scheduler=f"tcp://127.0.0.1:{port}")
    with pytest.raises(
        ConfigError, match=f"cannot reach the Dask scheduler at 'tcp://127.0.0.1:{port}'"
    ):
        list(executors.dask_map(len, [[1, 2]], settings))
