"""Chronology lines dated by a month or a year alone ("1948: ...", "Jan-Feb 2011 - ...").

Rule: a line whose label before its colon or dash holds only month words, years and the
words that join them is an entry a list dates more coarsely than a day. Reason: such a
line sat inside the entry of the day line before it and took that day
(``date_refs.dated_entries``; history in docs/experiments.md).
"""

from __future__ import annotations

import re

from storyline.languages.calendar import CALENDARS, ENGLISH

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
