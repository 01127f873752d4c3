"""Dates known more coarsely than the day they were read as.

Chronology lines dated by a month or a year alone ("1948: ...", "Jan-Feb 2011 - ...").

Rule: a line whose label before its colon or dash holds only month words, years and the
words that join them is an entry a list dates more coarsely than a day. Reason: such a
line sat inside the entry of the day line before it and took that day
(``date_refs.dated_entries``; history in docs/experiments.md).

Rule: a bare weekday ("said Friday", "landed Monday morning", "vendredi") read
``WEEK_BACK`` (6) days before the report's day is also the day after the report's: wire
copy is written for the next morning's papers or from a time zone ahead ("headed Tuesday
to East Africa" in a Monday file that says "said Monday before leaving"), and the text
cannot say which of the two it means. Its week is unknown: it dates no event, and its
sentence is not the report's own news of the day either (``week_unknown``). A weekday with
"last", "this" or "next" beside it ("el jueves pasado") keeps its reading. Reason: audited
timelines put a trip, a reaction and a landing a week before, or on the eve of, the day
they happened.

Rule: a sentence that tells its news by a stretch before the report's day ("earlier this
week", "early this week", "plus tôt cette semaine", "a principios de semana") tells no news
of the report's own day (``told_earlier``): the annotator reads such a stretch as a week,
not as a day, so nothing dates the sentence, and a report's opening would stand it for its
publication day. A week that holds the report's
day ("this week", "cette semaine") keeps the sentence the day's news. Reason: audited
timelines put what happened "earlier this week" on the report's day.
"""

from __future__ import annotations

import datetime
import re

from storyline.languages.calendar import CALENDARS, ENGLISH
from storyline.model import Annotation

WEEK_BACK = 6  # days back at which a bare weekday is also the day after the report's

# A label before a colon or dash that opens a chronology line: "1948: ...", "Jan-Feb 2011 -".
_LABEL = re.compile(r"^[\W_]{0,3}([^\W\d_][^:\n]{0,30}?|\d{4}[^:\n]{0,30}?)\s*(?::|\s[-–—]\s)")
_LABEL_WORD = re.compile(r"[^\W\d_]+|\d+")
# Words a month or year label may hold besides months and years: "de", "of", "and".
_LABEL_JOINS = frozenset(
    ["de", "del", "d", "of", "and", "y", "et", "e", "to", "a", "à", "au", "al", "en", "in"]
)


def coarse_line(line: str, language: str = "en") -> bool:
    """Whether a chronology line opens with a month or a year and no day ("1948: ...",
    "Jan-Feb 2011 - ...", "Septiembre de 1971: ..."): an entry a list dates more
    coarsely than a day, which no line before it dates."""
    m = _LABEL.match(line)
    if m is None:
        return False
    calendar = CALENDARS.get(language)
    months = (calendar or ENGLISH).month_numbers
    words = _LABEL_WORD.findall(m.group(1).lower())
    dated = [
        w
        for w in words
        if w in months or (len(w) == 4 and w.isdigit() and w[:2] in ("18", "19", "20"))
    ]
    return bool(dated) and all(w in months or w in _LABEL_JOINS or w in dated for w in words)


# Words that may open a weekday's time expression without saying which week.
_OPENERS = frozenset({"on", "le", "el", "am", "op"})
# Words before or inside a weekday's expression that say which week it is.
_WHICH_WEEK = re.compile(
    r"^(?:last|this|next|past|coming|dernier|prochain|ce|cette|pasado|pr[oó]ximo|este|esta"
    r"|passado|pr[oó]xim[ao]|scorso|prossimo|questo|letzten|n[aä]chsten|vorigen|vorige"
    r"|volgende|deze)$",
    re.IGNORECASE,
)
# A part of the day that may follow the weekday ("Monday morning", "lundi soir").
_DAY_PART = re.compile(
    r"^(?:morning|afternoon|evening|night|overnight|soir|matin|après-midi|nuit|mañana|tarde"
    r"|noche|madrugada)$",
    re.IGNORECASE,
)


def week_unknown(
    sentence: str,
    start: int,
    end: int,
    day: str,
    published: str | None,
    language: str = "en",
) -> bool:
    """Whether the bare weekday at ``sentence[start:end]``, read as ISO ``day``, lies
    ``WEEK_BACK`` days before ISO day ``published`` (module docstring)."""
    calendar = CALENDARS.get(language)
    if calendar is None or not published or len(day) < 10:
        return False
    words = sentence[start:end].lower().split()
    while words and words[0] in _OPENERS:
        words = words[1:]
    if not words or words[0].strip(",") not in calendar.weekday_numbers:
        return False
    if not all(_DAY_PART.match(w) for w in words[1:]):
        return False
    beside = [*sentence[:start].split()[-1:], *sentence[end:].split()[:1]]
    if any(_WHICH_WEEK.match(w.strip(",.;:")) for w in beside):
        return False  # "last Friday", "el jueves pasado", "lundi dernier"
    try:
        pub = datetime.date.fromisoformat(published[:10])
        read = datetime.date.fromisoformat(day[:10])
    except ValueError:
        return False
    return (pub - read).days == WEEK_BACK


def unsure_weekdays(ann: Annotation, published: str | None, language: str = "en") -> set[int]:
    """Indices of ``ann``'s sentences that hold a weekday whose week is unknown
    (``week_unknown``) against ISO day ``published``."""
    out = set()
    for t in ann.timexes:
        sent = ann.sentences[t.sentence]
        start, end = t.start - sent.start, t.end - sent.start
        if week_unknown(sent.text, start, end, t.value, published, language):
            out.add(t.sentence)
    return out


# A week the annotator read ("2031-W25") and the words that put its news before the report's
# day inside the report's own week, in the languages storyline reads.
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_EARLY_IN_WEEK = re.compile(
    r"\b(?:early|earlier|beginning|start|d[ée]but|plus\s+t[ôo]t|principios?|inicios?|"
    r"comienzos?|primeros|antes|inizio|anfang)\b",
    re.IGNORECASE,
)


def told_earlier(ann: Annotation, published: str | None) -> set[int]:
    """Indices of ``ann``'s sentences that hold a stretch before the report's day (module
    docstring): a time expression read as the report's week, or one before it, whose words
    put it early ("earlier this week", "early last week"). "Last week" alone is left: a
    lede often names it in a clause beside the day's news ("the men sought last week were
    released")."""
    try:
        day = datetime.date.fromisoformat((published or "")[:10])
    except ValueError:
        return set()
    year, week, _ = day.isocalendar()
    out = set()
    for t in ann.timexes:
        if t.type not in ("DATE", "TIME"):
            continue
        m = _WEEK.match(t.value)
        if m and (int(m[1]), int(m[2])) <= (year, week) and _EARLY_IN_WEEK.search(t.text):
            out.add(t.sentence)
    return out
