"""storyline: a sourced story dossier from a pile of news reports.

The public API: build dossiers from files (``build``), or keep a store up to date
(``update``: what was added and rejected, which stories changed) and read or build one
story's dossier (``storyline.engine.dossier``); or run the flow step by step with
``storyline.engine`` (``ingest``, ``annotate``, ``detect``, ``infer_dates``,
``dossier_for``) on a store opened with ``open_store``; render a ``Dossier`` as JSON,
Markdown or HTML. (``ingest`` and ``annotate`` are not re-exported here: those names
are the stage subpackages.)
Heavy modules (spaCy, the embedder) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Article",
    "BuildReport",
    "Dossier",
    "Evidence",
    "Rejection",
    "Settings",
    "Story",
    "StorylineError",
    "UpdateReport",
    "__version__",
    "build",
    "detect",
    "dossier_for",
    "infer_dates",
    "load_settings",
    "open_store",
    "read_inputs",
    "to_html",
    "to_json",
    "to_markdown",
    "update",
    "write_dossier",
]

# name -> module that defines it; imported on first access (PEP 562) so that
# `import storyline` stays cheap and loads no model.
_LAZY = {
    "Annotation": "storyline.model",
    "Article": "storyline.model",
    "Dossier": "storyline.model",
    "Evidence": "storyline.model",
    "Rejection": "storyline.model",
    "Story": "storyline.model",
    "StorylineError": "storyline.errors",
    "Settings": "storyline.settings",
    "load_settings": "storyline.settings",
    "open_store": "storyline.store",
    "read_inputs": "storyline.ingest",
    "to_html": "storyline.render",
    "to_json": "storyline.render",
    "to_markdown": "storyline.render",
    "write_dossier": "storyline.render",
    "BuildReport": "storyline.engine",
    "build": "storyline.engine",
    "detect": "storyline.engine",
    "dossier_for": "storyline.engine",
    "infer_dates": "storyline.engine",
    "UpdateReport": "storyline.engine",
    "update": "storyline.engine",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'storyline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from storyline.engine import (
        BuildReport,
        UpdateReport,
        build,
        detect,
        dossier_for,
        infer_dates,
        update,
    )
    from storyline.errors import StorylineError
    from storyline.ingest import read_inputs
    from storyline.model import Annotation, Article, Dossier, Evidence, Rejection, Story
    from storyline.render import to_html, to_json, to_markdown, write_dossier
    from storyline.settings import Settings, load_settings
    from storyline.store import open_store
