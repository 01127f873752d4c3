"""PostgreSQL as a user meets it: the CLI builds the same dossiers as on SQLite, and the
errors say what to do (driver missing, server unreachable; never the password)."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import pytest

from storyline.cli.main import EXIT_OK, main
from storyline.errors import MissingExtraError, StoreError
from storyline.store import open_store

FERRY = (
    "date 2025-02-03 By Lena Ortvik, Harbor Gazette\n\n"
    "The ferry Calder Star ran aground near Pellham Point on Monday, the port authority said.\n\n"
    "All 212 passengers were taken ashore by lifeboats within three hours, officials said.\n\n"
    "\u201cThe crew acted quickly and no one was hurt,\u201d port director Ravi Okonkwo said.\n"
)
FERRY_NEXT = (
    "date 2025-02-04 By Tom Brisk, Coastline Daily\n\n"
    "Investigators began examining the Calder Star on Tuesday, a day after the ferry ran aground "
    "near Pellham Point.\n\n"
    "The port authority said 214 passengers had been brought ashore safely.\n"
)
FERRY_LATER = (
    "date 2025-02-06 By Lena Ortvik, Harbor Gazette\n\n"
    "The Calder Star was towed off the rocks near Pellham Point on Thursday, the port "
    "authority said.\n\n"
    "Port director Ravi Okonkwo said the ferry would be repaired in Castro Quay.\n"
)


def dossiers(out: Path) -> dict[str, dict[str, Any]]:
    found = {}
    for path in out.glob("*/dossier.json"):
        d = json.loads(path.read_text(encoding="utf-8"))
        d.pop("generated", None)  # build times: the only fields that differ between builds
        d.pop("previous_build", None)
        found[d["story"]["id"]] = d
    return found


@pytest.mark.slow
def test_the_cli_builds_the_same_dossiers_on_postgres_as_on_sqlite(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (inputs / "ferry-next.txt").write_text(FERRY_NEXT, encoding="utf-8")
    later = tmp_path / "later.txt"
    later.write_text(FERRY_LATER, encoding="utf-8")
    stores = {"sqlite": str(tmp_path / "store.sqlite"), "postgres": postgres_url}
    built: dict[str, list[dict[str, dict[str, Any]]]] = {}
    for name, db in stores.items():
        out = tmp_path / f"out-{name}"
        assert main(["build", str(inputs), "-o", str(out), "--db", db, "--quiet"]) == EXIT_OK
        first = dossiers(out)
        # and again with one more report: the incremental path on each backend
        assert main(["build", str(later), "-o", str(out), "--db", db, "--quiet"]) == EXIT_OK
        built[name] = [first, dossiers(out)]
        capsys.readouterr()
        assert main(["stories", "--db", db, "--json"]) == EXIT_OK
        built[name].append(json.loads(capsys.readouterr().out))
    assert built["sqlite"][0], "the SQLite build wrote no dossier"
    assert sum(d["story"]["articles"] for d in built["sqlite"][1].values()) == 3
    assert built["postgres"] == built["sqlite"]


def test_without_the_driver_the_error_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    with pytest.raises(MissingExtraError, match=r"pip install 'storyline\[postgres\]'"):
        open_store("postgresql://news@127.0.0.1:5432/news")


@pytest.mark.slow
def test_an_unreachable_server_is_named_without_its_password() -> None:
    pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    with socket.socket() as s:  # a port with nothing listening on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://news:hunter2secret@127.0.0.1:{port}/news?connect_timeout=3"
    with pytest.raises(StoreError, match="cannot connect") as exc:
        open_store(url)
    message = str(exc.value)
    assert f"127.0.0.1:{port}" in message and "news:***@" in message
    assert "hunter2secret" not in message


def test_a_database_of_another_schema_version_is_refused(postgres_url: str) -> None:
    import psycopg

    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="has schema 0, this storyline needs 1"):
        open_store(postgres_url)
