"""Month and weekday words, per language: the one place the calendar's words live.

A ``Calendar`` holds a language's twelve months (each full name first, then its
abbreviations) and seven weekdays (Monday first), lower-case; the readers of dates
(``annotate/timex``, ``annotate/budget``, ``date_refs``) build their patterns from it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Calendar:
    """One language's month and weekday words, lower-case."""

    language: str  # ISO 639-1 code
    months: tuple[tuple[str, ...], ...]  # 12 entries: the full name, then abbreviations
    weekdays: tuple[tuple[str, ...], ...]  # 7 entries, Monday first: the name, then variants
    # Month or weekday names that are everyday words too (English "may"): read as a
    # date only with a number beside them. Forms that are mostly other words are left out
    # of a calendar altogether: French "sept" (seven), Portuguese "dez" (ten) and
    # "segunda" (second) without its "-feira".
    common_words: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if len(self.months) != 12 or len(self.weekdays) != 7:
            raise ValueError(
                f"calendar {self.language!r} has {len(self.months)} months and "
                f"{len(self.weekdays)} weekdays; it needs 12 and 7"
            )

    @functools.cached_property
    def month_names(self) -> tuple[str, ...]:
        """The twelve full names, January first."""
        return tuple(forms[0] for forms in self.months)

    @functools.cached_property
    def month_numbers(self) -> dict[str, int]:
        """Every month word (full names and abbreviations) -> its number, 1-12."""
        return {word: n for n, forms in enumerate(self.months, 1) for word in forms}

    @functools.cached_property
    def weekday_names(self) -> tuple[str, ...]:
        """The seven day names, Monday first (``weekday_names.index(w)`` is Python's weekday)."""
        return tuple(forms[0] for forms in self.weekdays)

    @functools.cached_property
    def weekday_numbers(self) -> dict[str, int]:
        """Every weekday word -> Python's weekday number (Monday 0)."""
        return {word: n for n, forms in enumerate(self.weekdays) for word in forms}


def alternation(words: Iterable[str], capitalized: bool = False) -> str:
    """A regex alternation of ``words``, longest first (so "sept" is tried before "sep")."""
    found = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(w.capitalize() if capitalized else w for w in found)


ENGLISH = Calendar(
    language="en",
    months=(
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
        ("december", "dec"),
    ),
    weekdays=(
        ("monday",), ("tuesday",), ("wednesday",), ("thursday",), ("friday",),
        ("saturday",), ("sunday",),
    ),
    common_words=frozenset({"may"}),
)  # fmt: skip

SPANISH = Calendar(
    language="es",
    months=(
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("septiembre", "setiembre", "sept", "sep"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ),
    weekdays=(
        ("lunes",),
        ("martes",),
        ("miércoles", "miercoles"),
        ("jueves",),
        ("viernes",),
        ("sábado", "sabado"),
        ("domingo",),
    ),
)
FRENCH = Calendar(
    language="fr",
    months=(
        ("janvier", "janv", "jan"),
        ("février", "fevrier", "févr", "fév"),
        ("mars",),
        ("avril", "avr"),
        ("mai",),
        ("juin",),
        ("juillet", "juil"),
        ("août", "aout"),
        ("septembre",),
        ("octobre", "oct"),
        ("novembre", "nov"),
        ("décembre", "decembre", "déc"),
    ),
    weekdays=(
        ("lundi",),
        ("mardi",),
        ("mercredi",),
        ("jeudi",),
        ("vendredi",),
        ("samedi",),
        ("dimanche",),
    ),
)
ITALIAN = Calendar(
    language="it",
    months=(
        ("gennaio", "gen"),
        ("febbraio", "feb"),
        ("marzo", "mar"),
        ("aprile", "apr"),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "set"),
        ("ottobre", "ott"),
        ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    weekdays=(
        ("lunedì", "lunedi"),
        ("martedì", "martedi"),
        ("mercoledì", "mercoledi"),
        ("giovedì", "giovedi"),
        ("venerdì", "venerdi"),
        ("sabato",),
        ("domenica",),
    ),
)
GERMAN = Calendar(
    language="de",
    months=(
        ("januar", "jänner", "jan"),
        ("februar", "feb"),
        ("märz", "maerz", "mär"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
    weekdays=(
        ("montag",),
        ("dienstag",),
        ("mittwoch",),
        ("donnerstag",),
        ("freitag",),
        ("samstag", "sonnabend"),
        ("sonntag",),
    ),
)
DUTCH = Calendar(
    language="nl",
    months=(
        ("januari", "jan"),
        ("februari", "feb"),
        ("maart", "mrt"),
        ("april", "apr"),
        ("mei",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augustus", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    weekdays=(
        ("maandag",),
        ("dinsdag",),
        ("woensdag",),
        ("donderdag",),
        ("vrijdag",),
        ("zaterdag",),
        ("zondag",),
    ),
)
PORTUGUESE = Calendar(
    language="pt",
    months=(
        ("janeiro", "jan"),
        ("fevereiro", "fev"),
        ("março", "marco", "mar"),
        ("abril", "abr"),
        ("maio", "mai"),
        ("junho", "jun"),
        ("julho", "jul"),
        ("agosto", "ago"),
        ("setembro", "set"),
        ("outubro", "out"),
        ("novembro", "nov"),
        ("dezembro",),
    ),
    weekdays=(
        ("segunda-feira",),
        ("terça-feira", "terca-feira"),
        ("quarta-feira",),
        ("quinta-feira",),
        ("sexta-feira",),
        ("sábado", "sabado"),
        ("domingo",),
    ),
)

CALENDARS: dict[str, Calendar] = {
    c.language: c for c in (ENGLISH, SPANISH, FRENCH, ITALIAN, GERMAN, DUTCH, PORTUGUESE)
}
