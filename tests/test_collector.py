"""One story's build runs with the cyclic collector paused, and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from storyline import engine
from storyline.engine.collector import collector_paused
from storyline.model import Story


def test_the_collector_is_paused_during_a_build_and_back_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = []

    def build_story(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        raise RuntimeError("this story fails")

    monkeypatch.setattr(engine, "build_story", build_story)
    monkeypatch.setattr(engine, "failure", lambda *a, **k: None)
    story = Story(id="s-1", title="t", articles=["a"])
    assert gc.isenabled()

    class Store:  # the failure is recorded in a store; a build that raises keeps nothing
        def failures(self):  # type: ignore[no-untyped-def]
            return []

        def put_failure(self, failure):  # type: ignore[no-untyped-def]
            pass

    engine.build_isolated(story, Store(), engine.load_settings(None), failed=[])  # type: ignore[arg-type]
    assert seen == [False]  # paused while the story was built
    assert gc.isenabled()  # and running again after it, though the build raised


def test_a_caller_that_paused_the_collector_keeps_it_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
