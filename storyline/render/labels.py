"""The words and safe links every output format uses for dates, outlets and notes.

Raw text only (each renderer escapes it for its own syntax); shared so that the
Markdown page, the HTML page and the web app label things alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse

from storyline.languages.words import name_of
from storyline.model import Dossier

UNKNOWN_OUTLET = "unknown outlet"
# Claims that are not key shown under "all claims" (folded); more are only counted, so that
# a story of thousands of reports keeps a page a browser opens.
OTHER_CLAIMS_SHOWN = 200
CHANGE_LABELS = {
    "new_claim": "New claim",
    "revised_figure": "Revised figure",
    "new_conflict": "New disagreement",
    "claim_dropped": "No longer supported",
    "new_article": "New report",
}

# Links in a report go only to web pages; anything else ("javascript:", "data:",
# "file:") is shown as text or not at all.
_LINK_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None.

    Control characters and white space are rejected outright rather than
    stripped: browsers ignore some of them inside a scheme ("java\\tscript:"),
    so a URL that carries them is not one we want to link to.
    """
    if not url or any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.netloc:
        return None
    return url


def language_name(code: str) -> str:
    """ "es" -> "Spanish", for a reader."""
    return name_of(code).strip("'")


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def unique_parts(note: str) -> str:
    """A note of "; "-separated parts with each part once, in order."""
    parts: list[str] = []
    for part in note.split("; "):
        if part.strip() and part not in parts:
            parts.append(part)
    return "; ".join(parts)


_UNKNOWN_OUTLET_OF = re.compile(r"^\(unknown outlet: (.+)\)$")


def window_label(dossier: Dossier) -> str:
    """The timeline's window in words, or "" when it covers the whole story."""
    first, last = dossier.timeline_from, dossier.timeline_until
    if first and last:
        return f"Window: {date_label(first)} to {date_label(last)}, from the reports published then"
    if first:
        return f"Window: from {date_label(first)}, from the reports published since"
    if last:
        return f"Window: up to {date_label(last)}, from the reports published by then"
    return ""


@functools.lru_cache(maxsize=4096)
def date_label(value: str | None) -> str:
    """A reader's form of an ISO date at its own granularity: "18 Jun 2023", "Jun 2023", "2023"."""
    if not value:
        return "undated"
    for fmt, out in (("%Y-%m-%d", "%d %b %Y"), ("%Y-%m", "%b %Y"), ("%Y", "%Y")):
        try:
            parsed = dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        text = parsed.strftime(out)
        # strftime's %d pads with a zero; "08 Jun" reads worse than "8 Jun".
        return text[1:] if text.startswith("0") else text
    return value  # a granularity we do not spell out ("2023-W23"): show it as given
