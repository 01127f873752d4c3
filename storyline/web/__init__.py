"""The web app and HTTP API for newsrooms (``storyline serve``).

FastAPI, uvicorn, Jinja2 and python-multipart come with the ``web`` extra and are
imported only when the app is built, so the rest of storyline works without them::

    pip install 'storyline[web]'

Modules: :mod:`~storyline.web.app` (the app put together), its routes in
:mod:`~storyline.web.pages`, :mod:`~storyline.web.upload`, :mod:`~storyline.web.api`,
:mod:`~storyline.web.entities` and :mod:`~storyline.web.sources`, what they share in
:mod:`~storyline.web.state`; :mod:`~storyline.web.jobs` (background processing of
uploads) and :mod:`~storyline.web.outcomes` (what a job reports);
:mod:`~storyline.web.security` (headers, limits, token), :mod:`~storyline.web.views`
(what the pages show), :mod:`~storyline.web.server` (running it under uvicorn).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.errors import EXTRAS, MissingExtraError

if TYPE_CHECKING:
    from storyline.web.app import WebConfig

INSTALL = EXTRAS["web"]


def require_web() -> None:
    """Fail with the install command when the ``web`` extra is missing."""
    missing = []
    for module in ("fastapi", "uvicorn", "jinja2", "python_multipart"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtraError("web", f"the web app needs {', '.join(missing)}")


def create_app(config: WebConfig) -> Any:
    """The FastAPI application for ``config`` (see :class:`storyline.web.app.WebConfig`)."""
    require_web()
    from storyline.web.app import create_app as _create

    return _create(config)


__all__ = ["INSTALL", "create_app", "require_web"]
