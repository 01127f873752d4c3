"""A story's build either stores its new dossier and writes its files, or keeps what it had.

``KeepPrevious`` remembers the dossier a build replaces, so that a story whose
rendering raises after its new dossier was stored gets the previous one back;
``write_stored`` writes the files of the dossier the store holds, under the output
folder's lock, so that the last writer writes the last stored dossier.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storyline import render as render_stage
from storyline.errors import NotFoundError
from storyline.model import Dossier
from storyline.render import files as dossier_files
from storyline.store import Store


class StoreView:
    """The store as one step should see it: every call goes to ``store``, but for the
    methods a subclass overrides."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class KeepPrevious(StoreView):
    """The store, remembering the dossier that a story's build replaces, so that a
    story whose rendering raises after its new dossier was stored gets its previous
    dossier back (``restore``), as it keeps its previous files."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.previous: Dossier | None = None
        self.seen = False  # whether ``previous`` was read
        self.replaced = False

    def get_dossier(self, story_id: str) -> Dossier:
        dossier = self._store.get_dossier(story_id)
        if not self.seen:
            self.previous, self.seen = dossier, True
        return dossier

    def put_dossier(self, dossier: Dossier) -> None:
        if not self.seen:
            try:
                self.previous = self._store.get_dossier(dossier.story.id)
            except NotFoundError:
                self.previous = None
            self.seen = True
        self._store.put_dossier(dossier)
        self.replaced = True

    def restore(self) -> None:
        if self.replaced and self.previous is not None:
            self._store.put_dossier(self.previous)


def write_stored(
    story_id: str,
    store: Store,
    out: Path,
    dossier: Dossier | None = None,
    reader_language: str = "en",
) -> dict[str, Path]:
    """Write the files of the dossier the store holds for ``story_id`` (``dossier`` if
    it still is that one), holding the folder's lock: the last writer writes the last
    stored dossier."""
    with dossier_files.folder_lock(out):
        stamp = store.dossier_stamp(story_id)
        if dossier is None or stamp != (dossier.fingerprint, dossier.generated):
            dossier = store.get_dossier(story_id)  # another build stored a newer one
        return render_stage.write_dossier(
            dossier, out, locked=True, reader_language=reader_language
        )
