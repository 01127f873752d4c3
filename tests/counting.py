"""Counting what the engine does in a build: which stories it synthesizes again."""

from __future__ import annotations

import pytest


def count_synthesized(mp: pytest.MonkeyPatch) -> list[str]:
    """Patch the engine so that every story it synthesizes is appended (by id) to the list
    returned; ``mp.undo()`` ends the counting."""
    from storyline import engine

    synthesized: list[str] = []
    real = engine.dossier_for

    def counting(story, store, settings):  # type: ignore[no-untyped-def]
        synthesized.append(story.id)
        return real(story, store, settings)

    mp.setattr(engine, "dossier_for", counting)
    return synthesized
