"""Dates that a sentence names for something other than its own event.

Rule: a date inside a "since" phrase ("since the start of the revolt, on March 15",
"depuis l'annonce du cessez-le-feu le 12 avril") dates the start of a state that runs
to the report's day, never the sentence's own event (a speech in June, a toll in May).
The phrase runs from its "since" word to the date over at most
``EventsConfig.since_words`` words and no sentence punctuation; a comma inside it must
come right before the date's own words (", on March 15", then up to twice as many words:
the date restates the phrase's start), else the phrase ended there ("Since March,
troops ... on Monday"). ``date_refs.named_as_reference`` covers a date
right after its word ("since April 30"); this covers the words in between.
Reason: audited dossier timelines dated speeches and tolls to the day a revolt began.

Rule: in a language other than English, a date inside an "after" phrase ("après sa
condamnation le 2 juin", "tras la muerte de su padre el 4 de junio") is the day of the
earlier event the phrase names, not of the sentence's own: from the "after" word to the
date over at most ``EventsConfig.since_words`` words, no comma or sentence punctuation
between ("Après des semaines de grève, ... mardi" keeps its day) and no time of day
("après minuit mardi"). English is read from the parse instead: an "after" clause that says
the date's own verb is cut into that clause (``_lone_clause``), and a noun phrase ("after
their talks last March") keeps its sentence, the one telling of those talks. Reason: the
blind audit of four ML-Crisis stories gave the days of sentencings, deaths and captures
named after "après" to later states and moves.

Rule: "this Friday", "ce vendredi", "este lunes", read with no verb tense to go by, is
the nearest such weekday to the report's day, when one lies within
``EventsConfig.this_week`` days of it ("ce vendredi" in a Thursday report is the next
day, not six days before); a bare weekday right after a future verb ("se rendra samedi",
within ``future_before`` words and no comma between) or opening a sentence that a future
verb goes on ("Vendredi sera ...", within ``future_after`` words) is the next one after
the report's day. Reason: a call to protest "ce vendredi" and an envoy's coming visit
were dated to days before the report.

Rule: a day written without its year ("the note of March 7") takes the year of the
nearest date the report writes with its year ("February 14 2003") when that one lies
within ``EventsConfig.year_sentences`` sentences and the day, in its year, falls within
``year_days`` days of it: a report of 2005 retelling March 2003 does not mean March 2005.
A day read after the report that its verb puts ahead (future tense, modality) stays.
A date with its year that names a thing ("the August 1988 cease-fire", "the attacks of
September 11, 2001") sets no year: it is the day of that thing, not the time the text is
telling. Reason: an inquiry's report of 2005 dated the legal advice of March 2003 to March
2005; a hearing a report of July 2010 announced "on July 29" went to July 2009; "Iraq's
invasion of Kuwait on Aug. 2", a sentence after "the August 1988 cease-fire", went to 1988.

Rule: a report whose first line opens with a day and a colon ("June 2: Robots swarm the
wellhead.") but that carries no chronology (``date_refs.chronology_entries``) opens with
a photo caption: the caption's day dates what the photo shows, not an event told.
Reason: a gallery's captions stood for their days as entries.

Rule: a date a noun takes ("the minute of March 7", "the attacks of September 11", "the
talks between the two leaders, on 16 April last year, have ...") names the day of that
thing, not of the sentence's own event (the saying, the insisting, now): English "<noun>
of <date>", unless the noun is a stretch of time ("the morning of March 7"), and a date
set off by commas after a noun whose sentence goes on in the present ("has", "is").
``date_refs.named_as_reference`` covers the possessive and "the <date> <noun>" shapes.
Reason: audited timelines dated a minister's answer and a new inquiry to the days of the
earlier notes and meetings they named, and a famous attack to the report's own year.

Rule: a day written without its year, read by the annotator as falling after the
report's day though nothing says it lies ahead (no future tense or modality on its verb,
no cue word of a plan or an expectation in its sentence), has its year wrong (the
annotator took the report's year for "the words on September 11"): it dates nothing. A
plan told in the present ("vote on October 15", tense present) keeps its day, and so
does a day no verb governs (a headline: "Owners to meet harbour master on July 2").
Reason: audited timelines dated a remembered day to the report's year, after the report.
"""

from __future__ import annotations

import datetime
import functools
import re

from storyline.calendar_safe import shift_days
from storyline.date_refs import chronology_entries, is_chronology_line, named_as_reference
from storyline.languages.calendar import CALENDARS
from storyline.model import Sentence, TimeExpr

from .config import EVENTS, EventsConfig
from .status import cue_status

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
# The word that opens a phrase naming an earlier event, per language other than English
# ("après la mort de son père le 20 octobre", "tras el ataque del lunes"); a space must
# follow ("après-midi" is an afternoon).
_AFTER = {
    "fr": r"après",
    "es": r"tras|después\s+del?",
    "pt": r"após|depois\s+d[aeo]s?",
    "it": r"dopo",
}
# A time of day after "after" keeps the date the sentence's own ("after midnight on
# Monday", "après minuit mardi", a clock time).
_TIME_OF_DAY = re.compile(
    r"\d|midnight|noon|dawn|dusk|nightfall|minuit|midi|aube|medianoche|mediod[ií]a|"
    r"madrugada|amanecer|meia-noite|meio-dia|mezzanotte|mezzogiorno|alba",
    re.IGNORECASE,
)
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
# A verb in the future tense, per language, for dates the annotator read no tense of
# (English has its own reading, from the parse): "se rendra", "visitará", "wird".
_FUTURE = {
    "fr": r"[a-zàâçéèêëîïôûùüÿœ]{2,}r(?:a|ont)",
    "es": r"\w+r(?:á|án)|van?\s+a",
    "pt": r"\w+r(?:á|ão)|vai|vão",
    "it": r"\w+r(?:à|anno)",
    "de": r"wird|werden",
    "nl": r"zal|zullen",
}


@functools.cache
def _opener(words: str | None, follow: str) -> re.Pattern[str] | None:
    return re.compile(rf"(?<!\w)(?:{words}){follow}", re.IGNORECASE) if words else None


def _phrase(pattern: re.Pattern[str] | None, sentence: str, start: int) -> str | None:
    """The words between the last phrase opener ``pattern`` finds before ``sentence[start:]``
    and the date there, or None when no such opener comes before it."""
    opened = [m.end() for m in pattern.finditer(sentence[:start])] if pattern else []
    return sentence[opened[-1] : start] if opened else None


def in_since_phrase(
    sentence: str, start: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the date at ``sentence[start:]`` lies in a "since" phrase (module docstring)."""
    between = _phrase(_opener(_SINCE.get(language), r"(?!\w)"), sentence, start)
    if between is None:
        return False
    apposition = "," in between and len(between.rsplit(",", 1)[1].split()) <= 1
    if "," in between and not apposition:
        return False  # the phrase ended at its comma: "Since March, troops ... on Monday"
    limit = config.since_words * (2 if apposition else 1)
    return not _STOPS.search(between) and len(between.split()) <= limit


def in_after_phrase(
    sentence: str, start: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the date at ``sentence[start:]`` lies in an "after" phrase (module
    docstring): within ``since_words`` words of its "after" word, with no comma or sentence
    punctuation between and no time of day."""
    between = _phrase(_opener(_AFTER.get(language), r"(?=\s)"), sentence, start)
    return held_in_phrase(between, config.since_words)


def held_in_phrase(
    between: str | None, limit: int, stops: re.Pattern[str] = _STOPS, least: int = 1
) -> bool:
    """Whether a phrase holds its date, ``between`` being the words from the phrase's
    opener to the date: no comma and no sentence punctuation (``stops``) close the phrase
    first, no time of day makes the date the sentence's own ("after midnight on Monday"),
    and ``least`` to ``limit`` words lie between."""
    return (
        between is not None
        and "," not in between
        and not stops.search(between)
        and not _TIME_OF_DAY.search(between)
        and least <= len(between.split()) <= limit
    )


def weekday_day(
    sentence: str,
    start: int,
    end: int,
    language: str,
    published: str | None,
    config: EventsConfig = EVENTS,
) -> str | None:
    """The ISO day the weekday at ``sentence[start:end]`` names when the words around it
    say which one (module docstring): "this <weekday>" the nearest within
    ``config.this_week`` days of ISO day ``published``, a weekday a future verb governs the
    next one after it; None otherwise (the annotator's reading stands)."""
    calendar = CALENDARS.get(language)
    if calendar is None or not published:
        return None
    words = sentence[start:end].lower().split()
    if not words or words[-1] not in calendar.weekday_numbers:
        return None
    try:
        pub = datetime.date.fromisoformat(published[:10])
    except ValueError:
        return None
    weekday = calendar.weekday_numbers[words[-1]]
    opened = words[:-1] or sentence[:start].lower().split()[-1:]
    this = _THIS.get(language)
    if this and len(opened) == 1 and re.fullmatch(this, opened[0]):
        for offset in sorted(range(-config.this_week, config.this_week + 1), key=abs):
            day = shift_days(pub, offset)
            if day is not None and day.weekday() == weekday:
                return day.isoformat()
        return None
    if len(words) == 1 and _future_governs(sentence, start, end, language, config):
        day = shift_days(pub, (weekday - pub.weekday()) % 7 or 7)
        return day.isoformat() if day else None
    return None


def _future_governs(
    sentence: str, start: int, end: int, language: str, config: EventsConfig
) -> bool:
    """Whether a future verb governs the weekday at ``sentence[start:end]``: one of the
    ``config.future_before`` words before it, nearest first, up to a comma; or, when the
    weekday opens the sentence, one of the ``config.future_after`` words after it."""
    future = _future(language)
    if future is None:
        return False
    before = sentence[:start].split()
    for word in reversed(before[-config.future_before :]):
        if word.endswith((",", ";", ":")):
            return False
        if future.search(word):
            return True
    if before:
        return False
    return any(future.search(w) for w in sentence[end:].split()[: config.future_after])


@functools.cache
def _future(language: str) -> re.Pattern[str] | None:
    words = _FUTURE.get(language)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)") if words else None


_DAY_COLON = re.compile(r"^[^:\-–—]{3,24}:\s")


def opening_caption(text: str, language: str = "en") -> int:
    """The length of the photo caption that opens ``text`` (module docstring), 0 if none."""
    line = text.split("\n", 1)[0]
    if not (_DAY_COLON.match(line.strip()) and is_chronology_line(line.strip(), language)):
        return 0
    return 0 if chronology_entries(text, language) else len(line)


_YEAR_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DIGIT = re.compile(r"\d")


def explicit_dates(
    timexes: list[TimeExpr], sentences: list[Sentence] | None = None, language: str = "en"
) -> list[tuple[int, datetime.date]]:
    """(sentence, day) of each day or month the report writes with its year, but for one
    named as the day of a thing (``named_as_reference``, ``of_a_thing``: "the August 1988
    cease-fire") when ``sentences`` are given: that date sets the year of the thing it
    names, not of the days written around it."""
    out = []
    for t in timexes:
        if t.type != "DATE" or t.relative or not _YEAR_WRITTEN.search(t.text):
            continue
        if sentences is not None and _names_a_thing(t, sentences[t.sentence], language):
            continue
        parts = t.value[:10].split("-")
        if len(parts) >= 2 and all(p.isdigit() for p in parts):
            try:
                out.append(
                    (
                        t.sentence,
                        datetime.date(
                            int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1
                        ),
                    )
                )
            except ValueError:
                continue
    return out


def _names_a_thing(t: TimeExpr, sent: Sentence, language: str) -> bool:
    start, end = t.start - sent.start, t.end - sent.start
    return named_as_reference(sent.text, start, end, language) or of_a_thing(
        sent.text, start, end, language
    )


def year_from_report(
    t: TimeExpr,
    day: str,
    explicit: list[tuple[int, datetime.date]],
    config: EventsConfig = EVENTS,
    published: str | None = None,
) -> str | None:
    """ISO day ``day`` (the annotator's reading of yearless ``t``) moved to the year of
    the nearest date the report writes with its year (module docstring), or None. A day
    read after ISO day ``published`` whose verb says it lies ahead (a future tense or a
    modality: "will now begin on 9 May", "would hold a hearing on July 29") keeps its
    reading: a plan is not a retelling."""
    ahead = bool(published) and day > (published or "")[:10]
    if (
        (ahead and (t.tense == "future" or t.modality is not None))
        or not t.relative
        or len(day) != 10
        or _YEAR_WRITTEN.search(t.text)
        or not _DIGIT.search(t.text)
    ):
        return None
    near = [
        (abs(s - t.sentence), d)
        for s, d in explicit
        if abs(s - t.sentence) <= config.year_sentences
    ]
    if not near:
        return None
    anchor = min(near, key=lambda x: x[0])[1]
    if str(anchor.year) == day[:4]:
        return None
    try:
        moved = datetime.date(anchor.year, int(day[5:7]), int(day[8:10]))
    except ValueError:
        return None
    return moved.isoformat() if abs((moved - anchor).days) <= config.year_days else None


# "<noun> of <date>": the noun before "of" names what the date is the day of.
_OF_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+of\s+$", re.IGNORECASE)
# Nouns of a stretch of time ("the morning of March 7") and words that are no noun
# ("as of March 7", "all of the next day"): with them the date is the day of the
# sentence's own event.
_NOT_A_THING = re.compile(
    r"morning|afternoon|evening|night|days?|weeks?|weekend|months?|years?|hours?|end|start|"
    r"beginning|middle|half|eve|dawn|dusk|spring|summer|autumn|fall|winter|period|course|"
    r"first|ides|quarter|season|decade|century|close|turn|rest|remainder|part|as|all|each|"
    r"both|some|most|none|one|any|many|much",
    re.IGNORECASE,
)
# ", on 16 April last year, has reached": a date set off by commas after a noun, with
# the sentence going on in the present.
_COMMA_BEFORE = re.compile(r"\b([a-z][a-z-]+),\s+(?:on\s+|in\s+)?$", re.IGNORECASE)
_PRESENT_AFTER = re.compile(
    r"^[^,.;:]{0,20},\s+(?:has|have|is|are|remains|remain|continues|continue)\b",
    re.IGNORECASE,
)
_SAID_LIKE = re.compile(r"(?:ed|aid|old|rote|ave)$", re.IGNORECASE)


def of_a_thing(sentence: str, start: int, end: int, language: str = "en") -> bool:
    """Whether the date at ``sentence[start:end]`` is the day of a thing a noun names
    (module docstring): "the minute of March 7", "the talks, on 16 April, have ..."."""
    if language != "en":
        return False
    before = sentence[:start]
    m = _OF_BEFORE.search(before)
    if m and not _NOT_A_THING.fullmatch(m.group(1)):
        return True
    m = _COMMA_BEFORE.search(before)
    return bool(m and not _SAID_LIKE.search(m.group(1)) and _PRESENT_AFTER.match(sentence[end:]))


def year_after_report(
    t: TimeExpr, day: str, sentence: str, published: str | None, language: str = "en"
) -> bool:
    """Whether ISO day ``day``, the reading of yearless ``t`` in English ``sentence``,
    falls after ISO day ``published`` though nothing says it lies ahead (module docstring;
    the plan cues are English words)."""
    if (
        language != "en"
        or t.verb is None
        or t.tense not in (None, "past")
        or t.modality is not None
        or t.cancelled
        or not t.relative
        or not published
        or len(day) != 10
        or _YEAR_WRITTEN.search(t.text)
        or not _DIGIT.search(t.text)
    ):
        return False
    return day > published[:10] and cue_status(sentence) is None


def dates_another_thing(
    t: TimeExpr,
    day: str,
    sentence: str,
    offset: int,
    published: str | None,
    language: str = "en",
    config: EventsConfig = EVENTS,
) -> bool:
    """Whether time expression ``t``, read as ISO day ``day`` in ``sentence`` (which starts
    at ``offset`` in its report), names the day of something other than the sentence's own
    event, so dates no event: a reference ("after Tuesday's earthquake",
    ``date_refs.named_as_reference``), a "since" phrase, a day a noun takes, or a yearless
    day read after the report with nothing saying it lies ahead."""
    start, end = t.start - offset, t.end - offset
    return (
        named_as_reference(sentence, start, end, language)
        or in_since_phrase(sentence, start, language, config)
        or of_a_thing(sentence, start, end, language)
        or year_after_report(t, day, sentence, published, language)
    )
