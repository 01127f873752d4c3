"""The days a sentence's own events happen on, as the events stage dates them.

Two sentences that tell one fact tell it of one time: "the rig sank on 22 April" and
"the leaks were found on Saturday" are two facts, and so are a vote "on Thursday" and
one "on Tuesday", however much else they share. The days are those ``link/events``
reads for the sentence's own event (a date inside an "after" phrase or a relative
clause names another event and is left out), each a span of days (a day, a month, a
year), and the weeks its time expressions that govern a verb name ("was awarded last
week", "talked by phone this weekend"), which the events stage does not date. Two
sentences are apart when both give days and no span of one meets a span of the other,
unless both write one date alike ("early Saturday" in two reports of different days
reads as two Saturdays), or both are one sentence with other dates: one telling whose
day changed, which the ledger shows as a date conflict (``synthesize/date_conflicts``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from storyline.link.events import EVENTS, dated_readings
from storyline.model import Annotation

_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")  # "last week", "this weekend"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words of a date that say nothing of which day it is ("on Friday", "late Wednesday").
_VAGUE = frozenset({"on", "the", "of", "early", "late", "le", "el", "de"})


@dataclass(frozen=True)
class Days:
    """A sentence's own days as spans of day ordinals, and its dates as written (lower
    case, without the words that do not say which day: "early Saturday" is "saturday")."""

    spans: frozenset[tuple[int, int]] = frozenset()
    words: frozenset[str] = frozenset()
    rest: tuple[str, ...] = ()  # the sentence's words outside its dates


NO_DAYS = Days()


def _span(day: str) -> tuple[int, int] | None:
    """A day, month or year (``YYYY[-MM[-DD]]``) as the first and last day ordinals."""
    try:
        year = int(day[:4])
        if len(day) >= 10:
            d = datetime.date.fromisoformat(day[:10]).toordinal()
            return d, d
        if len(day) >= 7:
            month = int(day[5:7])
            last = calendar.monthrange(year, month)[1]
            return (
                datetime.date(year, month, 1).toordinal(),
                datetime.date(year, month, last).toordinal(),
            )
        return datetime.date(year, 1, 1).toordinal(), datetime.date(year, 12, 31).toordinal()
    except ValueError:
        return None


def days_of(
    ann: Annotation, published: str | None, language: str = "en", caption: int = 0
) -> dict[int, Days]:
    """Each dated sentence's own days (``link/events`` reading them as the report's, a
    date in its first ``caption`` characters, an opening photo caption, dating nothing)."""
    spans: dict[int, set[tuple[int, int]]] = {}
    for sentence, _text, day, *_ in dated_readings(ann, published, EVENTS, language, caption):
        span = _span(day)
        if span is not None:
            spans.setdefault(sentence, set()).add(span)
    for t in ann.timexes:
        week = _WEEK.match(t.value) if t.type == "DATE" and t.verb else None
        if week is not None:
            monday = datetime.date.fromisocalendar(int(week[1]), int(week[2]), 1).toordinal()
            span = (monday + 5, monday + 6) if week[3] else (monday, monday + 6)
            spans.setdefault(t.sentence, set()).add(span)
    words: dict[int, set[str]] = {}
    cut: dict[int, list[tuple[int, int]]] = {}
    for t in ann.timexes:
        if t.sentence in spans and t.type in ("DATE", "TIME"):
            written = " ".join(w for w in _WORD.findall(t.text.lower()) if w not in _VAGUE)
            words.setdefault(t.sentence, set()).add(written)
            cut.setdefault(t.sentence, []).append((t.start, t.end))
    out: dict[int, Days] = {}
    for s, v in spans.items():
        told = ann.sentences[s]
        text = list(told.text)
        for start, end in cut.get(s, ()):
            text[start - told.start : end - told.start] = " " * (end - start)
        rest = tuple(w for w in _WORD.findall("".join(text).lower()) if w not in _VAGUE)
        out[s] = Days(frozenset(v), frozenset(words.get(s, ())), rest)
    return out


def days_apart(a: Days, b: Days) -> bool:
    """Both sentences give their own days, none of one meets one of the other, they write
    no date alike, and they are not one sentence told with other dates."""
    if not a.spans or not b.spans or a.words & b.words or (a.rest and a.rest == b.rest):
        return False
    return not any(x0 <= y1 and y0 <= x1 for x0, x1 in a.spans for y0, y1 in b.spans)
