"""How each language writes a day: "25 de enero de 2011", "le 1er mars", "25. Januar",
a weekday, "ayer", the line of a chronology, and the words that make a day a reference.

Hand-written patterns built from ``calendar`` and ``words``, not a date library: the
timeline reads every sentence of every report for the days it refers back to, and a
library reader (Recognizers-Text) costs 15-20 ms a sentence where these cost
microseconds (``benchmarks/day_shapes.py``). English keeps its own patterns in
``date_refs``; this module holds the other languages ``calendar.CALENDARS`` knows.

- A month is written lower-case (German: capitalized); "6 de Abril" in a Spanish
  sentence is part of a name ("Movimiento 6 de Abril"), as is a day written right after
  a capitalized word that does not open the sentence ("Movimiento 6 de abril",
  "Place du 25 janvier" is read, "Plaza 25 de Mayo" is not).
- A weekday is written lower-case too, but where it opens a sentence ("Domingo" within
  a sentence is a name). After a plural article ("los viernes") it is a habit, not a day.
- ``named_as_reference``: "desde el 25 de enero", "depuis le 25 janvier", "seit dem 25.
  Januar", and a day hung on a noun by "del", "du", "vom" ("las protestas del 25 de
  enero", "la révolution du 25 janvier"): the day of something else, the background of
  what the sentence tells. A part of a day before it ("la noche del domingo") leaves it
  the sentence's own day.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from storyline.languages.calendar import CALENDARS, alternation
from storyline.languages.words import WORDS

_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"(?P<day>1er|[12]\d|3[01]|0?[1-9])(?:º|°|\.)?"
_CLOCK = r"\d{1,2}(?:[:.h]\d\d|\s*h\b)"
_SECOND_DAY = r"(?:\s*[-–/]\s*(?:[12]\d|3[01]|0?[1-9]))?"
# Between the day and the month, and before the year: "25 de enero de 2011", "25 janvier 2011".
_OF = {"es": r"\s+de\s+", "pt": r"\s+de\s+"}
_YEAR_OF = {"es": r"(?:\s+de(?:l)?\s+|,?\s+)", "pt": r"(?:\s+de\s+|,?\s+)"}
# "el 25 de enero: ...", "Le 25 janvier : ...", "Am 25. Januar - ...": a chronology line may
# open with the article its language puts before a day.
_ARTICLE = {
    "es": "el", "pt": "em|a", "fr": "le", "it": "il|l'", "de": "am", "nl": "op",
}  # fmt: skip
# A weekday after these is a habit ("los viernes", "les lundis"), not one day.
_HABIT = {"es": "los", "pt": "às|aos", "fr": "les", "it": "il|ogni", "de": "jeden", "nl": "elke"}
# Before a day, the words that make it the day of something else (see the docstring).
_SINCE = {
    "es": r"desde(?:\s+(?:el|que))?|tras|después\s+de(?:l|\s+el)?|antes\s+de(?:l|\s+el)?"
    r"|hasta(?:\s+el)?|a\s+partir\s+de(?:l)?",
    "pt": r"desde|após|depois\s+d[eoa]|antes\s+d[eoa]|até|a\s+partir\s+d[eoa]",
    "fr": r"depuis(?:\s+le)?|après(?:\s+le)?|avant(?:\s+le)?|jusqu'au|jusqu['’]à|dès(?:\s+le)?"
    r"|à\s+partir\s+du",
    "it": r"da(?:l|ll')?|dopo(?:\s+il)?|prima\s+del|fino\s+al|a\s+partire\s+dal",
    "de": r"seit(?:\s+dem)?|nach(?:\s+dem)?|vor\s+dem|bis\s+zum|ab\s+dem",
    "nl": r"sinds|na|voor|tot|vanaf",
}
# A noun, then one of these, then the day: the day names the thing ("la revolución del 25").
_OF_THE = {"es": "del", "pt": "do|da", "fr": "du|de", "it": "del|della", "de": "vom", "nl": "van"}
# ... unless the noun is a part of the day ("la madrugada del domingo"): then it is the day.
_DAY_PARTS = {
    "es": "mañana tarde noche madrugada mediodía jornada día",
    "pt": "manhã tarde noite madrugada dia",
    "fr": "matin soir soirée nuit après-midi matinée journée jour",
    "it": "mattina mattino sera serata notte pomeriggio giornata giorno",
    "de": "morgen abend nacht nachmittag tag",
    "nl": "ochtend avond nacht middag dag",
}


@dataclass(frozen=True)
class DayShapes:
    """One language's ways of writing a day, as compiled patterns."""

    language: str
    months: dict[str, int]  # every month word, abbreviations too -> 1..12
    weekdays: dict[str, int]  # every weekday word -> Python's weekday (Monday 0)
    back: dict[str, int]  # "ayer" -> 1: words naming a day before the report's
    day_month: re.Pattern[str]  # groups day, month, year
    weekday: re.Pattern[str]  # group weekday
    habit_before: re.Pattern[str]  # "los ": a weekday after it is a habit
    back_word: re.Pattern[str] | None  # group word
    today: re.Pattern[str]  # "hoy", "aujourd'hui": the report's day, unless brackets say
    chronology: re.Pattern[str]  # groups day, month, year or year2
    reference_before: re.Pattern[str]  # matches the end of the text before a day
    since_start: re.Pattern[str]  # a date expression that took its "desde" in
    day_part_before: re.Pattern[str]


@functools.cache
def day_shapes(language: str) -> DayShapes | None:
    """The shapes of ``language``; None for English (``date_refs`` holds its own) and for
    a language with no calendar."""
    calendar = CALENDARS.get(language)
    if calendar is None or language == "en":
        return None
    capital = language == "de"
    # In running text a month is written out or cut to four letters or more ("févr"):
    # "mar" and "ago" are words of their own there.
    written = [w for w in calendar.month_numbers if len(w) >= 4 or w in calendar.month_names]
    month = r"(?P<month>" + alternation(written, capitalized=capital) + r")\.?(?![\w-])"
    of_year = _YEAR_OF.get(language, r",?\s+")
    year, year2, year3 = (
        of_year + r"(?P<" + name + r">" + _YEAR + r")\b" for name in ("year", "year2", "year3")
    )
    day_month = r"(?<![\w.,])" + _DAY + _OF.get(language, r"\s+") + month
    weekday = alternation(calendar.weekday_numbers, capitalized=capital)
    if not capital:  # "Mardi, la foule ...": capitalized where it opens a sentence
        weekday += "|" + alternation(calendar.weekday_numbers, capitalized=True)
    back = {w: -n for w, n in WORDS[language].deictic.items() if n < 0}
    article = r"(?i:(?:" + _ARTICLE[language] + r")\s*)?"
    upper = r"[A-ZÀ-ÖØ-Þ¿¡«\"“]"
    # A chronology's line: a day, then a dash or colon and the entry, or a year and the
    # entry; or a day alone on its line, a weekday before it, the entry on the lines after
    # ("Martes, 25 de enero" / "Miles de personas ..."), where a month may be capitalized.
    # A chronology's line may abbreviate its month ("- 14 fév:", "3 oct. -", "14 ene:",
    # without its "de") and name two days ("15-16 fév:"): it is dated by the first.
    months = calendar.month_numbers
    any_month = r"(?P<month>" + alternation(months) + "|" + alternation(months, True) + r")\.?"
    chronology = (
        r"^[\W_]{0,3}(?:(?:" + weekday + r"),?\s+)?" + article + _DAY + _SECOND_DAY
        + r"(?:" + _OF.get(language, r"\s+") + r"|\s+)" + any_month + r"(?![\w-])"
        + r"(?:(?:" + year + r")?\s*\.?\s*[-–—:]\s+(?!" + _CLOCK + r")\S"
        + r"|" + year2 + r"\.?\s+(?!(?:\S+\s+){1,4}" + _CLOCK + r")" + upper
        + r"|(?:" + year3 + r")?\s*$)"
    )  # fmt: skip
    parts = "|".join(_DAY_PARTS[language].split())
    return DayShapes(
        language=language,
        months=months,
        weekdays=dict(calendar.weekday_numbers),
        back=back,
        day_month=re.compile(day_month + r"(?:" + year + r")?"),
        weekday=re.compile(r"(?<![\w-])(?P<weekday>" + weekday + r")(?![\w-])"),
        habit_before=re.compile(r"\b(?:" + _HABIT[language] + r")\s+$", re.IGNORECASE),
        back_word=re.compile(
            r"(?<![\w-])(?P<word>" + alternation(back) + r")(?![\w-])", re.IGNORECASE
        )
        if back
        else None,
        today=re.compile(
            r"(?<![\w-])(?:"
            + alternation(w for w, n in WORDS[language].deictic.items() if n == 0)
            + r")(?![\w-])",
            re.IGNORECASE,
        ),
        chronology=re.compile(chronology),
        reference_before=re.compile(
            r"(?:\b(?:" + _SINCE[language] + r")|\w\s+(?:" + _OF_THE[language] + r"))\s+$",
            re.IGNORECASE,
        ),
        since_start=re.compile(r"(?:" + _SINCE[language] + r")\s", re.IGNORECASE),
        day_part_before=re.compile(
            r"\b(?:" + parts + r")\s+(?:" + _OF_THE[language] + r")\s+$", re.IGNORECASE
        ),
    )


_DAY_IN_BRACKETS = re.compile(r"\s*\((0?[1-9]|[12]\d|3[01])\)")
NEAR = 6  # days a day of the month in brackets may lie from the day its word names


def day_in_brackets(text: str, end: int, named: datetime.date) -> datetime.date | None:
    """The day "hoy (25)", "ayer (24)", "el martes (25)" write in brackets after the word
    ending at ``text[end]`` (agency style: the day of the month the word means), placed
    in the month of ``named``, the day the word alone names, or the month before or
    after; None without brackets or when no such day lies within ``NEAR`` days of it."""
    m = _DAY_IN_BRACKETS.match(text, end)
    if m is None:
        return None
    return next(
        (d for d in days_of_month(named, int(m.group(1))) if abs((d - named).days) <= NEAR), None
    )


def days_of_month(near: datetime.date, day: int) -> list[datetime.date]:
    """Day ``day`` of the month of ``near``, of the month before and of the month after
    (those that have it), in that order: where a day written without its month falls."""
    out = []
    for shift in (0, -1, 1):
        month = (near.month - 1 + shift) % 12 + 1
        year = near.year + (near.month - 1 + shift) // 12
        try:
            out.append(datetime.date(year, month, day))
        except ValueError:
            continue
    return out


_NAME_WORD = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’-]*)\s+$")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\n«\"“(]\s*)$")


def inside_name(text: str, start: int, shapes: DayShapes) -> bool:
    """Whether the day written at ``text[start:]`` is part of a name: it follows a
    capitalized word that is no day word and does not open the sentence
    ("Movimiento 6 de abril", "Avenue 25 janvier")."""
    m = _NAME_WORD.search(text, max(0, start - 60), start)
    if m is None or opens_sentence(text, m.start()):
        return False
    word = m.group(1).lower()
    return word not in shapes.weekdays and word not in shapes.months and word not in shapes.back


def weekday_before(text: str, start: int, shapes: DayShapes) -> int | None:
    """The weekday (Monday 0) written right before the day at ``text[start:]`` ("jeudi 23
    juillet", "el martes 25 de enero", "Donnerstag, 23. Juli"), or None."""
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 24), start)
    word = m.group(1).lower() if m else None
    return shapes.weekdays.get(word) if word else None


def dated_weekday(text: str, end: int, shapes: DayShapes) -> bool:
    """Whether the weekday ending at ``text[end]`` is written with its day ("jeudi 23
    juillet", "el martes 25 de enero"): that day dates it, not the weekday alone."""
    gap = _AFTER_WEEKDAY.match(text, end)
    return bool(gap and shapes.day_month.match(text, gap.end()))


_AFTER_WEEKDAY = re.compile(r",?\s+(?:(?:el|le|il|am|op|a)\s+)?", re.I)
_WEEKDAY_BEFORE = re.compile(r"([^\W\d_]+(?:-feira)?),?\s+(?:(?:el|le|il|am|op|a)\s+)?$", re.I)


def opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` opens a sentence (or a line, or a quotation)."""
    return bool(_SENTENCE_OPEN.search(text, max(0, start - 4), start))


def named_as_reference(sentence: str, start: int, shapes: DayShapes) -> bool:
    """Whether the day written at ``sentence[start:]`` is named as the day of something
    else ("desde el 25 de enero", "las protestas del 25 de enero"): see the docstring."""
    before = sentence[max(0, start - 60) : start]
    return bool(shapes.reference_before.search(before)) and not shapes.day_part_before.search(
        before
    )
