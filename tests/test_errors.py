"""One hierarchy of errors: every error storyline raises on purpose is a StorylineError,
and a missing optional extra says so with the pip command that installs it."""

from __future__ import annotations

import sys

import pytest

from storyline import errors
from storyline.errors import MissingExtraError, RecognizerError, StorylineError
from storyline.guard import isolated


def test_every_error_class_is_under_the_root() -> None:
    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert RecognizerError in classes and MissingExtraError in classes
    assert all(issubclass(c, StorylineError) for c in classes)
    from storyline.web.bodies import BodyError
    from storyline.web.search import QueryError

    assert issubclass(BodyError, StorylineError) and issubclass(QueryError, StorylineError)
    # the recognizer's failure is one article's failure; a missing extra stops the run
    assert isolated(RecognizerError("x"), strict=False)
    assert not isolated(MissingExtraError("dask", "x needs y"), strict=False)


def test_the_annotator_raises_the_recognizer_error_of_the_hierarchy() -> None:
    from storyline.annotate.timex import recognizer

    assert recognizer.RecognizerError is RecognizerError


def test_a_web_app_without_the_web_extra_names_its_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.web import require_web

    monkeypatch.setitem(sys.modules, "fastapi", None)  # makes `import fastapi` fail
    with pytest.raises(MissingExtraError, match=r"pip install 'storyline\[web\]'") as caught:
        require_web()
    assert "fastapi" in str(caught.value) and caught.value.extra == "web"


def test_a_dask_run_without_the_dask_extra_names_its_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from storyline.executors import executor_for
    from storyline.settings import Settings

    executor = executor_for(Settings(executor="dask"))  # installed when the run was set up
    monkeypatch.setitem(sys.modules, "distributed", None)  # and gone when it starts
    with pytest.raises(MissingExtraError, match=r"pip install 'storyline\[dask\]'") as caught:
        list(executor.map(len, [[]]))  # type: ignore[arg-type]
    assert caught.value.extra == "dask" and "--executor local or process" in str(caught.value)


def test_a_postgres_store_without_the_driver_names_its_pip_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.store import open_store

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'storyline\[postgres\]'") as caught:
        open_store("postgresql://news@127.0.0.1:5432/news")
    assert caught.value.extra == "postgres"
