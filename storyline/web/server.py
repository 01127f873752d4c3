"""``storyline serve``: the web app under uvicorn, bound to localhost unless told otherwise."""

from __future__ import annotations

import logging

from storyline.settings import Settings
from storyline.web import create_app, require_web

log = logging.getLogger(__name__)


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    watch: float | None = None,
    allow_private_sources: bool = False,
) -> None:
    """Run the app until interrupted. With ``token``, every write must carry it; with
    ``watch``, the watched sources are polled every ``watch`` seconds."""
    require_web()
    import uvicorn

    from storyline.web.app import WebConfig

    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        log.warning("serving on %s without --token: anyone who can reach it can add articles", host)
    app = create_app(
        WebConfig(
            settings=settings,
            token=token,
            watch_interval=watch,
            allow_private_sources=allow_private_sources,
        )
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", lifespan="on")
