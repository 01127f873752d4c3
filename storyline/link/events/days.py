"""Days a reader would quote wrongly: a date whose words do not give the day it was read as.

Rule: a bare weekday ("said Friday", "landed Monday morning", "vendredi") that the
annotator read ``EventsConfig.week_back`` (6) days before the report's day dates nothing.
That weekday is also the day after the report's, and wire copy is written for the next
morning's papers or from a time zone ahead ("headed Tuesday to East Africa" in a
Monday file that says "said Monday before leaving"): the text cannot say which of the
two it means. A weekday with "last", "this" or "next" beside it ("el jueves pasado") keeps
its reading. Reason: audited
timelines put a trip, a reaction and a landing a week before the day they happened.

Rule: "the day before" or "the day after" right before a date ("the day before last
Tuesday's hearing") is the day next to that date; before any other words ("the day
before the vote") it is the day next to an event the text does not date: no day. Reason:
a visit the day before a hearing was dated to the day before the report.

Rule: a date set as a deadline ("set Friday as the deadline") is the day something was
due, not the day anything happened: it dates nothing. Reason: a deadline later lifted was
shown on its day. (Ends of a "between" stretch and a date after "by" were tried and left:
they flipped MJ's leave-one-topic-out weights, docs/experiments.md.)

Rule: a date in the clause of a plan denied ("did not plan to remove him on Thursday",
"has no plans to travel on Friday") dates nothing: nothing happened that day. The
annotator reads the negation on the governing verb only, not on the plan above it.
Reason: officials who said they would not act on a Thursday were shown acting that day.

Rule: a day "that year" ("died on 25 June that year") takes the year of the nearest date
written with its year before it, within ``EventsConfig.year_sentences`` sentences; with
none, it dates nothing (the annotator read it in the report's year). Reason: a death of
2009 retold in a report of 2011 was dated to 2011.

Rule: a day in the clause of something called off ("Bush called off a scheduled trip to
Florida today", "the vote on Sunday was postponed") is the day a thing did not happen:
its event is "cancelled", whatever tense the annotator read on the verb governing the
date (often the plan's own: "trip", "meet"). The words are read before the date back to
the clause's comma, and a few after it. Reason: a trip called off the night before was
shown as made on its day.

Rule: the day a reporting period ends ("net income rose 12% in the quarter ended Sept. 30",
"el trimestre terminado el 30 de junio", "l'exercice clos le 30 juin") is a line of the
books, not the day anything happened: it dates nothing. Reason: a company's results, told
the day they were published, were shown on the last day of the quarter they cover.

Rule: a date inside a photo's or a video's caption ("A picture taken on June 18 shows ...",
"photo prise le 18 juin", "imagen tomada el 18 de junio") or a page's stamp ("Page last
updated at 14:05 GMT, Friday, 4 June", "mis à jour le", "actualizado el") dates the
picture or the page, not an event of the story: it dates nothing (the sentence is the
page's apparatus too: ``languages.apparatus``). Reason: audited timelines showed captions
and page stamps as entries of their days.

English only for the first five rules (the words are English); the last two read English,
French and Spanish.
"""

from __future__ import annotations

import datetime
import re

from storyline.calendar_safe import shift_days
from storyline.languages.apparatus import caption_or_stamp_before
from storyline.model import TimeExpr

from .config import EVENTS, EventsConfig

_DAY_NEXT_TO = re.compile(r"^(?:the|a)\s+day\s+(before|after)$", re.IGNORECASE)
_WORD_NEXT = re.compile(r"^\s+[^\W\d_]")


def day_next_to(
    t: TimeExpr, sentence_timexes: list[TimeExpr], text_after: str
) -> tuple[bool, str | None]:
    """For "the day before"/"the day after" (``t``; ``sentence_timexes`` the time
    expressions of its sentence, ``text_after`` the sentence after it): whether the rule
    applies, and the ISO day it names (None: no day; module docstring)."""
    m = _DAY_NEXT_TO.match(t.text.strip())
    if m is None:
        return False, None
    following = [u for u in sentence_timexes if 0 <= u.start - t.end <= 1 and u is not t]
    if following:
        value = following[0].value[:10]
        try:
            landmark = datetime.date.fromisoformat(value)
        except ValueError:
            return True, None
        moved = shift_days(landmark, -1 if m.group(1).lower() == "before" else 1)
        return True, moved.isoformat() if moved else None
    if _WORD_NEXT.match(text_after):
        return True, None  # "the day before the vote": a day next to an undated event
    return False, None


# "set Friday as the deadline", "as their final deadline".
_DEADLINE = re.compile(
    r"^\s*,?\s*as\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}deadline\b", re.I
)
# "did not plan to", "has no plans to", "never intended to", "is not scheduled to".
_DENIALS = "not|n['’]t|never|no"
_PLANS = "plans?|planned|planning|intends?|intended|intending|scheduled|going|expect(?:ed|ing)?"
_PLAN_DENIED = re.compile(rf"(?<!\w)(?:{_DENIALS})\s+(?:{_PLANS})\s+to\b[^,;:.!?]*$", re.I)


def deadline_or_denied(sentence: str, start: int, end: int, language: str = "en") -> bool:
    """Whether the English date at ``sentence[start:end]`` is set as a deadline ("as the
    deadline") or lies in the clause of a plan denied (module docstring)."""
    if language != "en":
        return False
    before = sentence[:start]
    return bool(_DEADLINE.match(sentence[end:]) or _PLAN_DENIED.search(before))


_THAT_YEAR = re.compile(r"\b(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_YEAR_WRITTEN = re.compile(r"\b(?:1[89]|20)\d\d\b")


def that_year(
    t: TimeExpr, timexes: list[TimeExpr], day: str, config: EventsConfig = EVENTS
) -> tuple[bool, str | None]:
    """For a day "that year" (``t``, read as ISO ``day``; ``timexes`` the report's time
    expressions): whether the rule applies, and the ISO day in the year last written
    before it (None: no such year; module docstring)."""
    if len(day) != 10 or not _THAT_YEAR.search(t.text) or _YEAR_WRITTEN.search(t.text):
        return False, None
    earlier = [
        u
        for u in timexes
        if u.start < t.start
        and t.sentence - u.sentence <= config.year_sentences
        and _YEAR_WRITTEN.search(u.text)
        and u.value[:4].isdigit()
    ]
    if not earlier:
        return True, None
    year = int(max(earlier, key=lambda u: u.start).value[:4])
    try:
        return True, datetime.date(year, int(day[5:7]), int(day[8:10])).isoformat()
    except ValueError:
        return True, None


# "the quarter ended Sept. 30", "fiscal 1989 ending June 30", "el trimestre terminado el",
# "l'exercice clos le": the end of a reporting period, per language.
_PERIOD_END = {
    "en": re.compile(
        r"\b(?:quarter|period|year|half|months|weeks|semester|fiscal\s+(?:19|20)\d\d)\s+"
        r"(?:that\s+)?(?:ended|ending|ends|to|through)\s+(?:on\s+)?$",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:trimestre|semestre|exercice|période|mois)\s+(?:[\w'’-]+\s+){0,2}"
        r"(?:clos|close|achevée?|terminée?|arrêtée?|au)\s+(?:le\s+|au\s+)?$",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:trimestre|semestre|ejercicio|per[ií]odo|meses)\s+(?:[\w-]+\s+){0,2}"
        r"(?:terminad[oa]s?|finalizad[oa]s?|cerrad[oa]s?|concluid[oa]s?|hasta)\s+"
        r"(?:el\s+|en\s+)?$",
        re.IGNORECASE,
    ),
}


def books_or_page(sentence: str, start: int, language: str = "en") -> bool:
    """Whether the date starting at ``sentence[start]`` ends a reporting period or lies in
    a caption or a page stamp (module docstring): it dates nothing."""
    before = sentence[:start]
    period = _PERIOD_END.get(language)
    return bool(period and period.search(before)) or caption_or_stamp_before(before, language)


# Words of a thing called off: it did not happen on its day. "Suspended", "delayed" are
# left: a suspension or a delay is an event of its own day ("trading was suspended Monday").
_CALLED_OFF = re.compile(
    r"\b(?:call(?:ed|s|ing)?\s+off|cancel+(?:ed|s|ing)?|postpon(?:ed|es|ing)|scrapped|"
    r"put\s+off|shelved)\b",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(r"[,;:.!?]")


def called_off(
    sentence: str, start: int, end: int, language: str = "en", config: EventsConfig = EVENTS
) -> bool:
    """Whether the English date at ``sentence[start:end]`` lies in the clause of a thing
    called off (module docstring): the words before it back to the clause's punctuation,
    or the ``status_after`` words after it up to any."""
    if language != "en":
        return False
    before = _CLAUSE_STOP.split(sentence[:start])[-1]
    after = " ".join(_CLAUSE_STOP.split(sentence[end:])[0].split()[: config.status_after])
    return bool(_CALLED_OFF.search(before) or _CALLED_OFF.search(after))
