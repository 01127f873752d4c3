"""Dates in a report in a language other than English, and the status of what they date.

- Spanish, French and Chinese: Microsoft Recognizers-Text in that culture, on each
  sentence that holds a digit, a month or weekday word, or a word naming a day ("ayer",
  "hier"), read against the publication date (relative dates included).
- German, Italian, Dutch, Portuguese and Arabic: dateparser's ``search_dates``. It finds
  dates in ordinary words (German "die" is read as Tuesday), so a match is kept only when
  it holds a month or weekday word of the language, a word naming a day, or digits
  (Arabic: digits only); its granularity is read from the words, never from the date
  dateparser fills in ("im Mai" is a month, not May the 5th).

What a date dates is read in its clause (the words between the commas, or the
conjunctions "que", "dass", "che", "dat" around it): a word of cancellation makes it
cancelled, a word of plan or expectation planned or expected, a future auxiliary or a
future verb ending future, a negation negated.
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import Any

from storyline import date_refs
from storyline.annotate.multilingual.recognized import RECOGNIZED, UNITS, choose, recognized
from storyline.calendar_safe import in_calendar, shift_days
from storyline.languages.calendar import CALENDARS
from storyline.languages.day_shapes import day_in_brackets, day_shapes
from storyline.languages.words import WORDS, Words
from storyline.model import Granularity, Sentence, TimeExpr

log = logging.getLogger(__name__)

PARSED = frozenset({"de", "it", "nl", "pt", "ar"})  # dateparser
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:que|qu'|dass|daß|che|dat|et|and)\b|，|；", re.IGNORECASE)
_FUTURE_ENDINGS = {
    "es": re.compile(r"\w{2,}(?:rá|rán)$"),
    "pt": re.compile(r"\w{2,}(?:rá|rão)$"),
    "it": re.compile(r"\w{2,}(?:rà|ranno)$"),
    "fr": re.compile(r"\w{2,}(?:era|eront|ira|iront)$"),
}
WINDOW = 30  # characters read on each side of a date word
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_ELIDED = re.compile(r"\b[^\W\d_]{1,2}['’]([^\W\d_][\w'’-]*)")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?:\d\d)?\d\d\b")
_DAY_NUMBER = re.compile(r"\b(?:[1-9]|[12]\d|3[01])\b\.?")
_ZH_CUE = re.compile(
    r"[0-9０-９一二三四五六七八九十]+[年月日号]|[今昨明前去]天|[今去明]年|周[一二三四五六日]|星期"
)


def find_dates(
    text: str, sentences: list[Sentence], language: str, anchor: datetime.date | None
) -> list[TimeExpr]:
    """Dated expressions of ``sentences``, normalized against ``anchor``."""
    if language not in RECOGNIZED and language not in PARSED:
        return []
    words = WORDS[language]
    out: list[TimeExpr] = []
    listed = _listed(text, sentences, language, anchor)
    for s in sentences:
        if not _may_date(s.text, language):
            continue
        found = (
            _recognized(s.text, language, anchor)
            if language in RECOGNIZED
            else _parsed(s.text, language, anchor)
        )
        if s.index in listed:
            a, b, day = listed[s.index]
            found = [(a, b, day), *((x, y, v) for x, y, v in found if y <= a or b <= x)]
        for start, end, value in found:
            status = _status(s.text, start, end, words, language)
            if value is None:
                continue
            if len(value) == 10 and in_calendar(value):
                # "hoy (25)": agency copy writes the day of the month its word means.
                named = datetime.date.fromisoformat(value)
                value = (day_in_brackets(s.text, end, named) or named).isoformat()
            if not in_calendar(value):
                continue
            out.append(
                TimeExpr(
                    sentence=s.index,
                    start=s.start + start,
                    end=s.start + end,
                    text=s.text[start:end],
                    type="DATE",
                    value=value,
                    granularity=_granularity(value),
                    relative=not _YEAR.search(s.text[start:end]),
                    **status,
                )
            )
    return out


def _listed(
    text: str, sentences: list[Sentence], language: str, anchor: datetime.date | None
) -> dict[int, tuple[int, int, str]]:
    """Sentence index -> (start, end in the sentence, ISO day) of the day a line of the
    report's chronology opens with, read as ``date_refs`` reads it, in the list's order:
    "- 14 jan: ..." in a review of the year published in December is last January, not
    the coming one."""
    if anchor is None:
        return {}
    entries = date_refs.dated_entries(text, anchor.isoformat(), language)
    shapes = day_shapes(language)
    if not entries or shapes is None:
        return {}
    days = {start: day for day, start, _ in entries}
    out = {}
    for s in sentences:
        line = text.rfind("\n", 0, s.start) + 1
        m = shapes.chronology.match(s.text)
        if line in days and not text[line : s.start].strip() and m:
            out[s.index] = (m.start("day"), m.end("month"), days[line])
    return out


def _may_date(sentence: str, language: str) -> bool:
    """Whether the sentence holds a date word: the costly readers run on these alone."""
    if language == "zh":
        return bool(_ZH_CUE.search(sentence))
    if language == "ar":
        return any(c.isdigit() for c in sentence)
    low = sentence.lower()
    if any(c.isdigit() for c in low):
        return True
    words = set(_WORD.findall(low))
    calendar = CALENDARS[language]
    return bool(
        words & set(calendar.weekday_numbers)
        or words & set(calendar.month_names)
        or any(w in low for w in WORDS[language].deictic)
        # "il y a deux jours": a count of days in words, back from the report's day
        or (words & UNITS.get(language, frozenset()) and any(w in low for w in WORDS[language].ago))
    )


def _recognized(
    sentence: str, language: str, anchor: datetime.date | None
) -> list[tuple[int, int, str | None]]:
    """Recognizers-Text's dates in ``sentence``, read window by window (``_windows``)."""
    words = WORDS[language]
    cues = _cues(sentence, language)
    out = []
    for a, b in _windows(sentence, cues):

        def future(start: int, end: int, a: int = a) -> bool:
            return _future_reading(sentence, a + start, a + end, words, language)

        inside = [(s - a, e - a) for s, e in cues if a <= s and e <= b]
        found = recognized(sentence[a:b], inside, language, anchor, future)
        out += [(a + start, a + end, value) for start, end, value in found]
    return out


def _cues(sentence: str, language: str) -> list[tuple[int, int]]:
    """Where ``sentence``'s date words, years and numeric dates are."""
    if language == "zh":
        cues = [(m.start(), m.end()) for m in _ZH_CUE.finditer(sentence)]
    else:
        low = sentence.lower()
        calendar = CALENDARS[language]
        words = {*calendar.weekday_numbers, *calendar.month_names, *WORDS[language].deictic}
        words |= UNITS.get(language, frozenset())
        cues = [(m.start(), m.end()) for m in _WORD.finditer(low) if m.group() in words]
        # "d'aujourd'hui", "l'an": the word after an elided article
        cues += [(m.start(1), m.end()) for m in _ELIDED.finditer(low) if m.group(1) in words]
        cues += [(m.start(), m.end()) for m in _YEAR.finditer(low)]
        cues += [(m.start(), m.end()) for m in _NUMERIC_DATE.finditer(low)]
    return cues


def _windows(sentence: str, cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of ``sentence`` around its date words (``WINDOW`` characters each side, out
    to word ends, overlapping ones joined): Recognizers-Text reads these, not the sentence
    (it costs about 10 ms a sentence, and most sentences are long)."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(cues):
        a, b = max(0, start - WINDOW), min(len(sentence), end + WINDOW)
        while a > 0 and not sentence[a - 1].isspace():
            a -= 1
        while b < len(sentence) and not sentence[b].isspace():
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def _future_reading(sentence: str, start: int, end: int, words: Words, language: str) -> bool:
    clause = _clause(sentence, start, end).lower()
    ending = _FUTURE_ENDINGS.get(language)
    tokens = _WORD.findall(clause)
    return any(
        t in words.future
        or t in words.planned
        or t in words.expected
        or (ending is not None and ending.match(t))
        for t in tokens
    )


def _clause(sentence: str, start: int, end: int) -> str:
    """The words around ``sentence[start:end]`` up to the nearest clause breaks."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def _status(sentence: str, start: int, end: int, words: Words, language: str) -> dict[str, Any]:
    tokens = set(_WORD.findall(_clause(sentence, start, end).lower()))
    if "n'" in sentence[:end].lower():
        tokens.add("n'")
    future = _future_reading(sentence, start, end, words, language)
    return {
        "tense": "future" if future else None,
        "modality": "planned"
        if tokens & words.planned
        else "expected"
        if tokens & words.expected
        else None,
        "negated": bool(tokens & words.negation),
        "cancelled": bool(tokens & words.cancelled),
    }


def _granularity(value: str) -> Granularity:
    return "day" if len(value) == 10 else "month" if len(value) == 7 else "year"


# ---------------------------------------------------------------------- dateparser


def _parsed(
    sentence: str, language: str, anchor: datetime.date | None
) -> list[tuple[int, int, str | None]]:
    from dateparser.search import search_dates

    words = WORDS[language]
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(anchor, datetime.time())
    try:
        found = search_dates(sentence, languages=[language], settings=settings) or []
    except (ValueError, OverflowError, TypeError):
        log.debug("dateparser (%s) failed on %r", language, sentence, exc_info=True)
        return []
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    for matched, when in found:
        start = sentence.find(matched, pos)
        if start < 0:
            continue
        pos = start + len(matched)
        piece = matched.strip(" ,.;:،")
        start = sentence.index(piece, start)
        granularity = _granularity_of(piece, language)
        if granularity is None or (anchor is None and not _YEAR.search(piece)):
            continue
        size = {"day": 10, "month": 7, "year": 4}[granularity]
        value: str | None = when.date().isoformat()[:size]
        future = _future_reading(sentence, start, start + len(piece), words, language)
        if anchor is not None and value is not None and not _YEAR.search(piece):
            value = _placed(value, piece, language, anchor, future)
        out.append((start, start + len(piece), value))
    return out


def _placed(
    value: str, piece: str, language: str, anchor: datetime.date, future: bool
) -> str | None:
    """A date written without its year, placed by the clause's tense (``_choose``): a
    weekday dateparser placed in the past moves a week on when the clause looks ahead."""
    tokens = set(_WORD.findall(piece.lower()))
    if tokens & set(CALENDARS[language].weekday_numbers) and len(value) == 10:
        day = datetime.date.fromisoformat(value)
        if future and day < anchor:
            moved = shift_days(day, 7)
            return moved.isoformat() if moved else None
        return value
    if tokens & set(WORDS[language].deictic):
        return value
    return choose([{"timex": "XXXX" + value[4:]}], anchor, future)


def _granularity_of(piece: str, language: str) -> str | None:
    """What ``piece`` names, read from its words; None when it names no date at all."""
    low = piece.lower()
    if _NUMERIC_DATE.search(low):
        return "day"
    if language == "ar":
        return "day" if _DAY_NUMBER.search(low) and len(low) > 4 else None
    tokens = set(_WORD.findall(low))
    calendar = CALENDARS[language]
    if tokens & set(calendar.weekday_numbers) or tokens & set(WORDS[language].deictic):
        return "day"
    months = tokens & set(calendar.month_numbers)
    if months and (_DAY_NUMBER.search(low) or not _YEAR.search(low)):
        return "day" if _DAY_NUMBER.search(_YEAR.sub("", low)) else "month"
    if months:
        return "month"
    if _YEAR.fullmatch(low.strip()):
        return "year"
    return None
