"""storyline.render: stage 5, a dossier as JSON (the contract), Markdown and HTML.

Render reads only :class:`storyline.model.Dossier`; it imports no other stage
and no NLP library, so it is cheap to import from the CLI and the web app.
"""

from __future__ import annotations

import logging
from pathlib import Path

from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.render.files import folder_lock, write_files
from storyline.render.html import to_html
from storyline.render.jsonout import to_json
from storyline.render.markdown import to_markdown

__all__ = ["to_html", "to_json", "to_markdown", "write_dossier"]

logger = logging.getLogger(__name__)


def write_dossier(
    dossier: Dossier, out_dir: Path, *, locked: bool = False, reader_language: str = "en"
) -> dict[str, Path]:
    """Write dossier.json, dossier.md and index.html into ``out_dir`` (created if missing).

    Each file is written to a temporary name, synced to disk and moved into place, so
    a reader never sees half a file and a run killed at any moment leaves whole files;
    then the folder's stamp (``.stamp.json``) records which dossier they hold. Writers
    of one folder take turns; pass ``locked=True`` when already holding
    ``folder_lock(out_dir)``. Returns ``{"json": path, "md": path, "html": path}``.
    """
    texts = {
        "json": to_json(dossier),
        "md": to_markdown(dossier, reader_language),
        "html": to_html(dossier, reader_language),
    }
    out_dir = Path(out_dir)
    try:
        if locked:
            written = write_files(dossier, out_dir, texts)
        else:
            with folder_lock(out_dir):
                written = write_files(dossier, out_dir, texts)
    except OSError as exc:
        raise StorylineError(
            f"cannot write the dossier into {str(out_dir)!r}: {exc.strerror or exc}; "
            "choose a writable output directory"
        ) from exc
    logger.info("wrote dossier for story %s to %s", dossier.story.id, out_dir)
    return written
