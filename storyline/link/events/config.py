"""The tuned constants of event linking, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventsConfig:
    """How dated sentences merge into events and which words decide their status."""

    merge_similarity: float = 0.6  # MiniLM cosine at which two dated sentences are one event
    entity_merge: int = 2  # shared entities that let two sentences merge on less similarity
    entity_merge_similarity: float = 0.45  # ... the cosine they need then
    near: float = 0.15  # ... or the Jaccard of the words right around their dates
    window_words: int = 10  # words each side of a date that make its window
    status_before: int = 8  # words before a date read for its status cue
    status_after: int = 5  # ... words after it
    since_words: int = 8  # words between "since" and a date that still make it a reference
    relative_days: int = 1  # days from the report a relative clause's date may lie and still date
    background_days: int = 365  # ... English: days beyond which such a date is background
    this_week: int = 2  # days from the report's day within which "this <weekday>" is read
    future_before: int = 4  # words before a weekday read for a future verb ("se rendra")
    future_after: int = 3  # ... words after one that opens its sentence ("Vendredi sera")
    year_sentences: int = 5  # sentences from a date written with its year that lend it
    year_days: int = 60  # ... to a yearless day falling within these days of it


EVENTS = EventsConfig()
