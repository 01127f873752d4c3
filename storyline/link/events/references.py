"""Dates that a sentence names for something other than its own event.

Rule: a date inside a "since" phrase ("since the start of the revolt, on March 15",
"depuis l'annonce du cessez-le-feu le 12 avril") dates the start of a state that runs
to the report's day, never the sentence's own event (a speech in June, a toll in May).
The phrase runs from its "since" word to the date over at most
``EventsConfig.since_words`` words and no sentence punctuation; a comma inside it must
come right before the date's own words (", on March 15"), else the phrase ended there
("Since March, troops ... on Monday"). ``date_refs.named_as_reference`` covers a date
right after its word ("since April 30"); this covers the words in between.
Reason: audited dossier timelines dated speeches and tolls to the day a revolt began.
"""

from __future__ import annotations

import functools
import re

from .config import EVENTS, EventsConfig

# The word that opens a phrase naming when a lasting state began, per language.
_SINCE = {
    "en": r"since",
    "fr": r"depuis",
    "es": r"desde",
    "pt": r"desde",
    "it": r"sin\s+da|fin\s+da",
    "de": r"seit",
    "nl": r"sinds",
}
_STOPS = re.compile(r"[.;:!?()\[\]]")


@functools.cache
def _since(language: str) -> re.Pattern[str] | None:
    words = _SINCE.get(language)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE) if words else None


def in_since_phrase(
    sentence: str, start: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the date at ``sentence[start:]`` lies in a "since" phrase (module docstring)."""
    pattern = _since(language)
    if pattern is None:
        return False
    before = sentence[:start]
    opened = None
    for opened in pattern.finditer(before):
        pass
    if opened is None:
        return False
    between = before[opened.end() :]
    if _STOPS.search(between) or len(between.split()) > config.since_words:
        return False
    return "," not in between or len(between.rsplit(",", 1)[1].split()) <= 1
