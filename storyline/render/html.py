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
from storyline.render import view as views
from storyline.render.jsonout import script_json

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


def _coverage(view: views.View) -> list[dict[str, Any]]:
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
    view = views.build_view(dossier, reader_language=reader_language)
    timeline = views.timeline_entries(view)
    articles: list[views.ArticleView] = [a for a in view.articles.values() if a.number]
    page = assets.template.render(
        view=view,
        change_labels=views.CHANGE_LABELS,
        articles=articles,
        timeline=timeline,
        coverage=_coverage(view),
        tracks=[
            {"about": t.about, "points": t.points, "svg": views.track_svg(t)}
            for t in dossier.tracks
        ],
        unknown_outlet=views.UNKNOWN_OUTLET,
        language_name=views.language_name,
        first=views.date_label(dossier.story.first_published),
        last=views.date_label(dossier.story.last_published),
        window=views.window_label(dossier),
        count=views.timeline_count(dossier),
        rest=views.timeline_rest(view),
        data=script_json(views.timeline_data(view, timeline)),
        css=assets.css,
        js=assets.js,
        csp=assets.csp,
    )
    logger.debug("rendered HTML for story %s: %d characters", dossier.story.id, len(page))
    return page
