"""The dossier as one self-contained HTML file that works offline from file://.

The page is a Jinja2 template with autoescaping on, so every article-derived
string is HTML-escaped.  The data the timeline script draws from is embedded as
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as
``\\u003c`` etc. (:func:`storyline.render.jsonout.script_json`).  The CSS and JS
come from ``static/`` and are inlined; a Content-Security-Policy allows exactly
those two blocks by hash, so even a string that slipped past escaping could not
run a script or load anything from the network.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2

from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.render.jsonout import script_json
from storyline.render.view import (
    CHANGE_LABELS,
    UNKNOWN_OUTLET,
    ArticleView,
    View,
    build_view,
    date_label,
    language_name,
    timeline_count,
    timeline_data,
    timeline_entries,
    timeline_rest,
    track_chart,
    window_label,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Assets:
    template: jinja2.Template
    css: str
    js: str
    csp: str


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.cache
def _assets() -> _Assets:
    """Template, CSS and JS from the package, read once per process."""
    static = resources.files("storyline.render") / "static"
    try:
        source = (static / "dossier.html.j2").read_text(encoding="utf-8")
        css = (static / "dossier.css").read_text(encoding="utf-8")
        js = (static / "dossier.js").read_text(encoding="utf-8")
    except OSError as exc:
        raise StorylineError(
            f"storyline's HTML assets are missing ({exc}); reinstall the package"
        ) from exc
    for name, text in (("dossier.css", css), ("dossier.js", js)):
        if "</" in text:
            # Inlined as-is, so they must not be able to close their own element.
            raise StorylineError(f"static/{name} contains '</' and cannot be inlined")
    env = jinja2.Environment(
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    try:
        template = env.from_string(source)
    except jinja2.TemplateError as exc:
        raise StorylineError(f"static/dossier.html.j2 is not a valid template: {exc}") from exc
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_hash(js)}",
            f"style-src {_hash(css)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return _Assets(template=template, css=css, js=js, csp=csp)


def _coverage(view: View) -> list[dict[str, Any]]:
    return [
        {
            "outlet": view.outlet_label(item.outlet),
            "articles": [view.article(a) for a in item.articles],
            "claims": len(item.claims),
            "exclusive": [view.claim_label(c) for c in item.exclusive_claims],
            "missing": [view.claim_label(c) for c in item.missing_claims],
        }
        for item in view.dossier.coverage
    ]


def to_html(dossier: Dossier, reader_language: str = "en") -> str:
    """The dossier as one HTML page: no external fetches, CSS and JS inline; a report or
    summary sentence not in ``reader_language`` is named with its language."""
    assets = _assets()
    view = build_view(dossier, reader_language=reader_language)
    timeline = timeline_entries(view)
    articles: list[ArticleView] = [a for a in view.articles.values() if a.number]
    page = assets.template.render(
        view=view,
        change_labels=CHANGE_LABELS,
        articles=articles,
        timeline=timeline,
        coverage=_coverage(view),
        tracks=[
            {"about": t.about, "points": t.points, "chart": track_chart(t)} for t in dossier.tracks
        ],
        unknown_outlet=UNKNOWN_OUTLET,
        language_name=language_name,
        first=date_label(dossier.story.first_published),
        last=date_label(dossier.story.last_published),
        window=window_label(dossier),
        count=timeline_count(dossier),
        rest=timeline_rest(view),
        data=script_json(timeline_data(view, timeline)),
        css=assets.css,
        js=assets.js,
        csp=assets.csp,
    )
    logger.debug("rendered HTML for story %s: %d characters", dossier.story.id, len(page))
    return page
