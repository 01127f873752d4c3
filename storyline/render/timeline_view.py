"""The timeline and track charts as the HTML page, dossier.js and the web app draw them.

Built from a :class:`~storyline.render.view.View`, so citation numbers agree with the
rest of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from storyline.model import Dossier, Track
from storyline.render.labels import UNKNOWN_OUTLET, date_label

if TYPE_CHECKING:
    from storyline.render.view import View

STATUSES = ("occurred", "planned", "expected", "cancelled")


def period_start(date: str) -> str | None:
    """First day of the period an ISO date names, for measuring gaps between dates."""
    parts = date.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{parts[0]}-{parts[1]}-01"
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return date
    return None


def timeline_entries(view: View) -> list[dict[str, Any]]:
    """The timeline as the HTML page and the web app draw it."""
    return [
        {
            "date": entry.date,
            "label": date_label(entry.date),
            "start": period_start(entry.date),
            "granularity": entry.granularity,
            "status": entry.status,
            "text": entry.text,
            "entities": [view.entity_name(e) for e in entry.entities],
            "outlets": view.outlets_of(entry.evidence) or [UNKNOWN_OUTLET],
            "refs": view.refs(entry.evidence),
        }
        for entry in view.dossier.timeline
    ]


def timeline_count(dossier: Dossier) -> str:
    """ "40 of 312 dated events" when the timeline shows a subset of them, else ""."""
    rest = len(getattr(dossier, "timeline_rest", None) or [])
    if not rest:
        return ""
    shown = len(dossier.timeline)
    return f"{shown} of {shown + rest} dated events"


def timeline_rest(view: View) -> list[dict[str, Any]]:
    """The dated events the timeline leaves out, for a reader who wants them all."""
    return [
        {
            "label": date_label(entry.date),
            "status": entry.status,
            "text": entry.text,
            "outlets": view.outlets_of(entry.evidence) or [UNKNOWN_OUTLET],
        }
        for entry in getattr(view.dossier, "timeline_rest", None) or []
    ]


def timeline_data(
    view: View,
    timeline: list[dict[str, Any]],
    href: Callable[[str, int], str] | None = None,
) -> dict[str, Any]:
    """What dossier.js draws from: the timeline and every numbered evidence sentence.

    ``href(article, sentence)`` links each source sentence (the web app's article page).
    """
    outlets: list[str] = []
    for entry in timeline:
        outlets += [o for o in entry["outlets"] if o not in outlets]
    sources = []
    for s in view.sources:
        source = {
            "n": s.number,
            "article": s.article.id,
            "sentence": s.sentence,
            "text": s.text,
            "outlet": s.article.name,
            "date": view.readable(s.article.date_basis),
            "title": s.article.title,
            "url": s.article.url,
        }
        if href is not None:
            source["href"] = href(s.article.id, s.sentence)
        sources.append(source)
    return {
        "statuses": [s for s in STATUSES if any(e["status"] == s for e in timeline)],
        "outlets": outlets,
        "timeline": timeline,
        "sources": sources,
    }


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 360, 120, 24


def track_chart(track: Track) -> dict[str, Any]:
    """A small line chart of one track, as SVG coordinates (drawn without any script):
    one point per value, the line through each day's middle value, bounds as whiskers."""
    days = sorted({p.date[:10] for p in track.points})
    values = [p.value for p in track.points]
    values += [v for p in track.points for v in (p.low, p.high) if v is not None]
    top, bottom = max(values), min(0.0, min(values))
    span = (top - bottom) or 1.0
    width = CHART_WIDTH - 2 * CHART_PAD
    height = CHART_HEIGHT - 2 * CHART_PAD

    def x(day: str) -> float:
        k = days.index(day[:10])
        return round(CHART_PAD + (width * k / (len(days) - 1) if len(days) > 1 else width / 2), 1)

    def y(value: float) -> float:
        return round(CHART_PAD + height * (1 - (value - bottom) / span), 1)

    points = [
        {
            "x": x(p.date),
            "y": y(p.value),
            "y_low": y(p.low) if p.low is not None else None,
            "y_high": y(p.high) if p.high is not None else None,
            "label": f"{p.date}: {p.text} ({p.outlet or UNKNOWN_OUTLET})",
        }
        for p in track.points
    ]
    middle = []
    for day in days:
        told = sorted(p.value for p in track.points if p.date[:10] == day)
        middle.append(f"{x(day)},{y(told[len(told) // 2])}")
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": " ".join(middle),
        "points": points,
        "first": days[0],
        "last": days[-1],
        "top": f"{top:,.0f}",
        "pad": CHART_PAD,
    }


def track_svg(track: Track) -> Markup:
    """The chart of ``track`` as inline SVG markup, drawn on the server (no script, works
    offline), for the HTML report and the web app alike; every text in it escaped."""
    c = track_chart(track)
    w, h, pad = c["width"], c["height"], c["pad"]
    parts = [
        f'<svg class="chart" role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        f' aria-label="{escape(track.about)}: values by date">',
        f'<line class="axis" x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}"'
        ' stroke="#888"/>',
        f'<text x="{pad}" y="{h - 6}" font-size="10">{escape(c["first"])}</text>',
        f'<text x="{w - pad}" y="{h - 6}" font-size="10" text-anchor="end">'
        f"{escape(c['last'])}</text>",
        f'<text x="2" y="{pad - 8}" font-size="10">{escape(c["top"])}</text>',
        f'<polyline fill="none" stroke="#36c" stroke-width="1.5" points="{c["line"]}"/>',
    ]
    for p in c["points"]:
        if p["y_low"] is not None or p["y_high"] is not None:
            low = p["y_low"] if p["y_low"] is not None else pad
            high = p["y_high"] if p["y_high"] is not None else pad
            parts.append(
                f'<line x1="{p["x"]}" x2="{p["x"]}" y1="{low}" y2="{high}" stroke="#9ab"/>'
            )
        parts.append(
            f'<circle cx="{p["x"]}" cy="{p["y"]}" r="3" fill="#36c">'
            f"<title>{escape(p['label'])}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))
