"""Dates a sentence names inside a clause or phrase that tells another, earlier event.

Rule: in French and Spanish, a date inside a relative clause ("la révolte qui a renversé
le roi en mars", "l'agression dont elle a été victime dimanche", "el ministro, que
dimitió el lunes, ...", "a quien Obama llamó el sábado") is the day of the clause's
event, a thing the sentence names, not the day of its own event (a state now, a later
move, a statement): it dates no event, unless it lies within
``EventsConfig.relative_days`` of the report's day (the day's news told in a clause:
"l'Otan, qui a indiqué avoir touché 20 cibles vendredi" in Saturday's report). The clause
runs from its pronoun to the date over at most ``EventsConfig.since_words`` words, with no
comma or sentence punctuation between, save a comma right after the pronoun or right
before a date that writes its day of the month (", le 11 février 2011", up to twice as
many words). French opens it with "qui", "dont", "lequel" or a "que" after a comma;
Spanish with "quien", "cuyo", "el cual", "en el que" or a "que" after a comma (a bare
"que" also opens what was said: "dijo que el sábado murieron 10", whose day is the
event's). A pronoun opening the sentence asks a question; one in upper case is a name.
In English only a clause set off by a comma ("who", "which", "where", "when", "whose")
counts, and only with a date more than ``EventsConfig.background_days`` (a year) from the
report (the clause may then run twice ``since_words``: "who was born in Prague and fled
just after the takeover in 1948"): nearer, such clauses hold the days of the story's own
news too often ("the WHO, which raised its alert on Wednesday, said ..."). Reason: the
session-11 blind audit dated a revolution, a vote and an assault to days their French and
Spanish sentences named in relative clauses; an English rally of 2000 was dated to a
landing of 1956 told in a "where" clause.

Rule: a date inside a phrase that names another event as a landmark ("ahead of the vote
on Sunday", "in the wake of the storm on Monday", "on the anniversary of the invasion in
2003", "until the inquiry met on October 21", "avant le sommet de lundi", "antes del pleno
del martes") dates no event, on the same limits as ``references.in_after_phrase`` (a
time of day keeps the date: "avant l'aube dimanche"). Reason: audited timelines dated
reactions to the day of the event they followed or came before.

Rule: a date the annotator read in a number with a decimal comma ("10,2 millions") is no
day. Reason: a French tourist count was dated to a Wednesday ("10,2 mi").

Rule: an "after" phrase that sets its date off with commas ("Après avoir poussé à
l'adoption, jeudi, d'une résolution", "tras la firma, ayer miércoles, de un acuerdo") is
still one phrase when the words after the date go on with the phrase's noun ("de",
"d'", "du", "des", "del") or when the date writes a day of the month and then ends the
sentence or the phrase ("un mois après le début de l'intervention, le 19 mars, la
situation ..."): its date is the earlier event's. A bare weekday set off by commas after
an "after" phrase and followed by the main clause ("Après des semaines de grève, mardi,
les ouvriers ...") keeps its day. Reason: the blind audit dated a French intervention
and a Yemeni strike to the days of the resolutions and deals they followed.
"""

from __future__ import annotations

import datetime
import functools
import re

from .config import EVENTS, EventsConfig
from .references import _AFTER, _phrase, held_in_phrase
from .references import _opener as _word_opener

# Each alternative ends its own word: a "que" after a comma, "qu'" before a vowel.
_RELATIVE = {
    "fr": r"(?:qui|dont|lequel|laquelle|lesquels|lesquelles|auquel|duquel)\b"
    r"|(?<=,)\s*(?:que\b|qu['’])",
    "es": r"(?:quien(?:es)?|cuy[oa]s?|(?:el|la|los|las|lo)\s+cual(?:es)?"
    r"|(?:en|de|por|con|a|desde|sobre|durante|tras)\s+(?:el|la|los|las|lo)\s+que)\b"
    r"|(?<=,)\s*que\b",
    # Only a clause set off by a comma ("Niquero, where ..."): "that" also opens what was said.
    "en": r"(?<=,)\s*(?:who|which|where|when|whose)\b",
}
# Days from the report beyond which a relative clause's date is background, per language
# other than ``EventsConfig.relative_days``'s (English: ``background_days``).
_FAR_ONLY = frozenset({"en"})
# A phrase that names another event as a landmark. English "before" is left: it took the
# only date of a sentence the example dossier's timeline shows for its day.
_LANDMARK = {
    "en": r"(?:ahead\s+of|in\s+the\s+wake\s+of|in\s+the\s+run-up\s+to|anniversary\s+of"
    r"|until)\b",
    "fr": r"(?:avant|à\s+la\s+veille\s+d[eu]|en\s+prévision\s+d[eu])\b",
    "es": r"(?:antes\s+del?|en\s+vísperas\s+del?)\b",
}
# An "after" phrase set off by commas goes on with its noun after the date: "..., jeudi, d'une".
_GOES_ON = re.compile(r"^\s*,\s*(?:de|d['’]|du|des|del|da|do|dos|das|della|del)\b", re.I)
_ENDS = re.compile(r"^\s*(?:[.;:!?]|$)")
# Sentence punctuation; a dot inside an abbreviation ("U.S.-led") is none.
_STOPS = re.compile(r"[;:!?()\[\]]|\.(?!\w|-)")
_DECIMAL = re.compile(r"^\d+,\d")
_DIGIT = re.compile(r"\d")


@functools.cache
def _opener(words: str, flags: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{words})", flags)


def _between(words: str | None, sentence: str, start: int, relative: bool) -> str | None:
    """The words between the last opener ``words`` finds before ``sentence[start:]`` and
    the date there, or None with no such opener. A relative pronoun is written in lower
    case ("the WHO on June 11" names no clause) and does not open the sentence (a question)."""
    if not words:
        return None
    opened = list(_opener(words, 0 if relative else re.IGNORECASE).finditer(sentence[:start]))
    if not opened or (relative and not sentence[: opened[-1].start()].strip(" \"'«“,")):
        return None
    return sentence[opened[-1].end() : start]


def _set_off(between: str, date: str, limit: int) -> bool:
    """Whether ``between`` runs from its opener to ``date`` within ``limit`` words, with no
    sentence punctuation and no comma but one right after the opener ("qui, vendredi,")
    or one right before a date that writes its day of the month (", le 11 février")."""
    if _STOPS.search(between):
        return False
    if "," not in between:
        return len(between.split()) <= limit
    head, tail = between.rsplit(",", 1)
    if "," in head or len(tail.split()) > 1:
        return False
    return not head.strip() or (bool(_DIGIT.search(date)) and len(head.split()) <= 2 * limit)


def in_relative_clause(
    sentence: str, span: tuple[int, int], day: str, published: str | None, language: str = "en",
    config: EventsConfig = EVENTS,
) -> bool:  # fmt: skip
    """Whether the date at ``sentence[slice(*span)]``, read as ISO ``day``, lies in a
    relative clause (module docstring) and more than ``EventsConfig.relative_days`` from
    ISO day ``published``."""
    start, end = span
    between = _between(_RELATIVE.get(language), sentence, start, relative=True)
    # An English clause is read only for a date of long ago: it may run twice as long.
    words = config.since_words * (2 if language in _FAR_ONLY else 1)
    if between is None or not _set_off(between, sentence[start:end], words):
        return False
    try:
        back = (datetime.date.fromisoformat((published or "")[:10]) - _first_day(day)).days
    except ValueError:
        return True  # no day to weigh it against: the clause's event stands apart
    limit = config.background_days if language in _FAR_ONLY else config.relative_days
    return abs(back) > limit


def _first_day(value: str) -> datetime.date:
    """The first day of ISO date ``value`` ("2011", "2011-03", "2011-03-19")."""
    parts = [int(p) for p in value[:10].split("-")]
    return datetime.date(parts[0], *[*parts[1:], 1, 1][:2])


def in_landmark_phrase(
    sentence: str, start: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the date at ``sentence[start:]`` lies in an English phrase that names
    another event as a landmark: "ahead of", "in the wake of", "until" (module docstring)."""
    between = _between(_LANDMARK.get(language), sentence, start, relative=False)
    return held_in_phrase(between, config.since_words, _STOPS, least=0)


def after_phrase_set_off(
    sentence: str, start: int, end: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the date at ``sentence[start:end]`` is set off by commas inside an "after"
    phrase that goes on past it (module docstring)."""
    between = _phrase(_word_opener(_AFTER.get(language), r"(?=\s)"), sentence, start)
    if between is None or "," not in between or _STOPS.search(between):
        return False
    head, tail = between.rsplit(",", 1)
    if len(tail.split()) > 1 or "," in head or not 0 < len(head.split()) <= config.since_words:
        return False
    after = sentence[end:]
    restated = bool(_DIGIT.search(sentence[start:end])) and (
        after.lstrip().startswith(",") or _ENDS.match(after) is not None
    )
    return bool(_GOES_ON.match(after)) or restated


def a_number(text: str) -> bool:
    """Whether a time expression's text ``text`` is a number with a decimal comma."""
    return bool(_DECIMAL.match(text.strip()))
