"""Which store a --db value opens, and how a store that cannot be read says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.cli.main import EXIT_ERROR, main
from storyline.errors import ConfigError, StoreError
from storyline.store import SQLiteStore, open_store


@pytest.mark.parametrize("url", ["mysql://news@db.example/news", "sqlite://news.sqlite"])
def test_an_unknown_url_scheme_is_refused_not_taken_for_a_file_name(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        open_store(url)
    message = str(caught.value)
    scheme = url.split("://")[0]
    assert f"scheme {scheme!r}" in message
    assert "sqlite:///" in message and "postgresql://" in message  # what is accepted
    assert main(["stories", "--db", url]) == EXIT_ERROR
    assert f"scheme {scheme!r}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no SQLite file named after the URL


def test_a_sqlite_path_and_url_open_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "news.sqlite"
    for url in (str(path), f"sqlite:///{path}"):
        store = open_store(url)
        try:
            assert isinstance(store, SQLiteStore) and store.path == path
        finally:
            store.close()


def test_a_sqlite_read_that_fails_is_a_store_error_naming_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news.sqlite"
    open_store(str(path)).close()
    store = open_store(str(path))
    try:
        with sqlite3.connect(path) as other:  # another program breaks the file under us
            other.execute("DROP TABLE stories")
            other.execute("CREATE TABLE stories (id TEXT PRIMARY KEY)")
        with pytest.raises(StoreError) as caught:
            store.stories()
        assert str(path) in str(caught.value) and "no such column" in str(caught.value)
        with pytest.raises(StoreError):
            store.get_story("s-1")
    finally:
        store.close()
    # the command line says so in one line, no traceback
    assert main(["stories", "--db", str(path)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: store") and "Traceback" not in err
