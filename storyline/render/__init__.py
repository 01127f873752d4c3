"""storyline.render: stage 5, a dossier as JSON (the contract), Markdown and HTML.

Render reads only :class:`storyline.model.Dossier`; it imports no other stage
and no NLP library, so it is cheap to import from the CLI and the web app.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.render.html import to_html
from storyline.render.jsonout import to_json
from storyline.render.markdown import to_markdown

__all__ = ["to_html", "to_json", "to_markdown", "write_dossier"]

logger = logging.getLogger(__name__)

FILES = {"json": "dossier.json", "md": "dossier.md", "html": "index.html"}


def write_dossier(dossier: Dossier, out_dir: Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and index.html into ``out_dir`` (created if missing).

    Each file is written to a temporary name and moved into place, so a reader
    never sees half a file and a failed run leaves the previous files intact.
    Returns ``{"json": path, "md": path, "html": path}``.
    """
    texts = {"json": to_json(dossier), "md": to_markdown(dossier), "html": to_html(dossier)}
    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for kind, name in FILES.items():
            target = out_dir / name
            _write_atomic(target, texts[kind])
            written[kind] = target
    except OSError as exc:
        raise StorylineError(
            f"cannot write the dossier into {str(out_dir)!r}: {exc.strerror or exc}; "
            "choose a writable output directory"
        ) from exc
    logger.info("wrote dossier for story %s to %s", dossier.story.id, out_dir)
    return written


def _write_atomic(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a report is meant to be read and served
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
