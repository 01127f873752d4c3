"""The story's timeline: its most salient dated events, in date order."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from storyline.model import Event, TimelineEntry


def build_timeline(
    events: Sequence[Event], source_of: Callable[[str], str], max_events: int = 40
) -> list[TimelineEntry]:
    """Keep the ``max_events`` events told by the most independent sources, in date order.

    Salience is the number of independent sources behind an event, then its
    number of evidence sentences; ties keep the finer date.
    """
    dated = [e for e in events if e.date and e.granularity in ("day", "month", "year")]

    def salience(e: Event) -> tuple[int, int, int]:
        sources = {source_of(ev.article) for ev in e.evidence}
        return (len(sources), len(e.evidence), len(e.date or ""))

    chosen = sorted(dated, key=salience, reverse=True)[:max_events]
    chosen.sort(key=lambda e: (e.date or "", e.text))
    return [
        TimelineEntry(
            date=e.date or "",
            granularity=e.granularity or "year",
            status=e.status,
            text=e.text,
            entities=e.entities,
            evidence=e.evidence,
        )
        for e in chosen
    ]
