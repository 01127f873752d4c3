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

Rule: "this Friday", "ce vendredi", "este lunes", read with no verb tense to go by, is
the nearest such weekday to the report's day, when one lies within ``THIS_WEEK`` days of
it ("ce vendredi" in a Thursday report is the next day, not six days before). Reason: a
call to protest "ce vendredi" was dated to the Friday before the call.

Rule: a report whose first line opens with a day and a colon ("June 2: Robots swarm the
wellhead.") but that carries no chronology (``date_refs.chronology_entries``) opens with
a photo caption: the caption's day dates what the photo shows, not an event told.
Reason: a gallery's captions stood for their days as entries.
"""

from __future__ import annotations

import datetime
import functools
import re

from storyline.calendar_safe import shift_days
from storyline.date_refs import chronology_entries, is_chronology_line
from storyline.languages.calendar import CALENDARS

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
# The word that makes a weekday the one of the report's own week, per language.
_THIS = {
    "en": r"this",
    "fr": r"ce",
    "es": r"este|esta",
    "pt": r"neste|nesta|este|esta",
    "it": r"questo|questa",
    "de": r"diesen|diesem",
    "nl": r"deze",
}
THIS_WEEK = 2  # days from the report's day within which "this <weekday>" is read


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
    opened = [m.end() for m in pattern.finditer(before)]
    if not opened:
        return False
    between = before[opened[-1] :]
    if _STOPS.search(between) or len(between.split()) > config.since_words:
        return False
    return "," not in between or len(between.rsplit(",", 1)[1].split()) <= 1


def this_weekday(
    sentence: str, start: int, end: int, language: str, published: str | None
) -> str | None:
    """The ISO day "this <weekday>" at ``sentence[start:end]`` names (module docstring),
    read against ISO day ``published``; None when it is no such expression or no weekday
    of that name lies within ``THIS_WEEK`` days of the report."""
    calendar, this = CALENDARS.get(language), _THIS.get(language)
    if calendar is None or this is None or not published:
        return None
    words = sentence[start:end].lower().split()
    if not words or words[-1] not in calendar.weekday_numbers:
        return None
    opened = words[:-1] or sentence[:start].lower().split()[-1:]
    if len(opened) != 1 or not re.fullmatch(this, opened[0]):
        return None
    try:
        pub = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    weekday = calendar.weekday_numbers[words[-1]]
    for offset in sorted(range(-THIS_WEEK, THIS_WEEK + 1), key=abs):
        day = shift_days(pub, offset)
        if day is not None and day.weekday() == weekday:
            return day.isoformat()
    return None


_DAY_COLON = re.compile(r"^[^:\-–—]{3,24}:\s")


def opening_caption(text: str, language: str = "en") -> int:
    """The length of the photo caption that opens ``text`` (module docstring), 0 if none."""
    line = text.split("\n", 1)[0]
    if not (_DAY_COLON.match(line.strip()) and is_chronology_line(line.strip(), language)):
        return 0
    return 0 if chronology_entries(text, language) else len(line)
