"""An event's date and status from its time expression and the words around it."""

from __future__ import annotations

import re

from storyline.model import EventStatus, Granularity, TimeExpr

from .config import EVENTS, EventsConfig

# A day (a time of day may follow), a month or a year: "2031-03-12T17:00", "2031-03", "2031".
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})|$)|$)")


def _cue(alternatives: str) -> re.Pattern[str]:
    """Any of ``alternatives`` (a regular expression's ``a|b|c``) as whole words, in any case."""
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


# The status of the first of these whose words a sentence holds.
_CUES: tuple[tuple[EventStatus, re.Pattern[str]], ...] = (
    (
        "cancelled",
        _cue(
            r"cancel+ed|cancel+ing|called off|call off|postpone[ds]?|scrapped|scrap(?:s|ping)?|"
            r"delay(?:ed|s|ing)?|put off|shelved|suspended|abandoned|changed plans|dropped plans|"
            r"pulled out|will not (?:go ahead|take place)|no longer"
        ),
    ),
    (
        "planned",
        _cue(
            r"will|shall|plans? to|planned|planning|scheduled|is set to|are set to|set for|"
            r"is to|are to|to be held|intends? to|is due|are due|eyeing|invited|agreed to"
        ),
    ),
    (
        "expected",
        _cue(r"expected|expects?|likely|may|might|could|hopes? to|hoping|would|possible|probably"),
    ),
)


def _clause(sentence: str, start: int, end: int, config: EventsConfig = EVENTS) -> str:
    """The words that govern a date's status: a few before it, fewer after.

    One sentence often tells a plan and a past event ("is eyeing February 6 for
    meetings which follow up on a summit late last year"); the cue words nearest
    the date are the ones that speak of it.
    """
    before = sentence[:start].split()[-config.status_before :]
    after = sentence[end:].split()[: config.status_after]
    return " ".join([*before, sentence[start:end], *after])


STATUS_RANK: dict[str, int] = {"cancelled": 3, "occurred": 2, "planned": 1, "expected": 0}


def parse_date(value: str) -> tuple[str, Granularity] | None:
    """A TimeML value as a calendar date at its own granularity, or None."""
    m = _VALUE.match(value)
    if m is None:
        return None
    if m[3]:
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    return value, "month" if m[2] else "year"


def status_of(sentence: str, date: str, published: str | None) -> EventStatus:
    """Status from cue words near the date.

    Only for time expressions with no governing verb (a headline fragment) or stored
    by an annotator that did not yet record tense and modality.
    """
    return cue_status(sentence) or _by_date(date, published)


def cue_status(text: str) -> EventStatus | None:
    """The status the first cue words ``text`` holds say (``_CUES``), None if none."""
    for status, cue in _CUES:
        if cue.search(text):
            return status
    return None


def _by_date(date: str, published: str | None) -> EventStatus:
    """With nothing else to go on: after the report is a plan, up to it happened."""
    if published and date[: len(published)] > published[: len(date)]:
        return "planned"
    return "occurred"


def timex_status(t: TimeExpr, date: str, published: str | None) -> EventStatus | None:
    """The status of the event a time expression dates, from its governing verb.

    None when the verb negates a past event ("did not meet on Monday"): nothing
    happened on that date, so there is no event to date.
    """
    if t.cancelled:
        return "cancelled"
    if t.modality == "planned":
        return "planned"
    if t.modality == "expected":
        return "expected"
    if t.negated and t.tense in ("past", "present"):
        return None
    if t.tense == "future":
        return "planned"
    return _by_date(date, published)


def _annotated(t: TimeExpr) -> bool:
    return t.verb is not None or t.tense is not None or t.modality is not None or t.cancelled
