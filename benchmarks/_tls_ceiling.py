"""How far ranking alone could take a timeline's date F1 (``eval_tls.py --ceiling``).

The ceiling of a method on one gold timeline is its date F1 if, of the days it can write an
entry for, every gold day were ranked first: what is left below it is lost to ranking, what
is above it to the candidates. storyline's days are those ``story_timeline`` can give an
entry when asked for every day of the window; DATEWISE's, ``datewise.coverable_days``.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from storyline.model import TimelineEntry

ALL_DAYS = 10**6  # "as many days as the window has": story_timeline stops when they run out


def day_of(entry: TimelineEntry) -> datetime.date:
    """tilse compares days; a month or year entry stands on its first day."""
    parts = [int(p) for p in entry.date.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def date_ceiling(
    candidates: Collection[datetime.date], gold: Collection[datetime.date], shown: int
) -> float:
    """Date F1 of the best ``shown`` days a ranking of ``candidates`` can pick for ``gold``."""
    picked = min(shown, len(candidates))
    hits = min(picked, len(set(candidates) & set(gold)))
    return 2 * hits / (picked + len(gold)) if picked + len(gold) else 0.0
