"""Lengths of time a figure tells: whether one is a window still ahead ("within 24
hours") rather than how long something lasted, and which event a length names ("two weeks
of bombings"). Two lengths pair only as the length of one event.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.synthesize.measures import Figure

_WINDOW = re.compile(r"\b(next|within|coming|another)\b[\w\s-]{0,12}$", re.IGNORECASE)
_EVENT = re.compile(r"^\s+of\s+((?:[a-z-]+\s*){1,4})")
_NOT_HEAD = re.compile(
    r"\b(and|or|in|on|at|to|by|for|with|from|that|which|who|was|were|is|are|has|have)\b.*"
)


def window(f: Figure) -> bool:
    """A length of time still ahead ("the next 12 to 18 hours", "within 24 hours"): a
    deadline or a window, not how long something lasted."""
    start = f.q.start - f.offset
    return f.key[0] == "duration" and bool(_WINDOW.search(f.text[max(0, start - 24) : start]))


def event_of(f: Figure) -> str | None:
    """The event a length names after it ("two weeks of intense bombings": bombing)."""
    m = _EVENT.match(f.text[f.q.end - f.offset :])
    words = _NOT_HEAD.sub("", m.group(1)).split() if m else []
    return words[-1].removesuffix("s") if words else None
