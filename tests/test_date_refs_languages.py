"""Days a report refers back to, read in the report's own language (invented sentences)."""

from __future__ import annotations

import pytest

from storyline.date_refs import (
    chronology_day,
    dated_entries,
    is_chronology_line,
    named_as_reference,
    referenced_days,
)
from storyline.link.events import find_events
from storyline.model import Annotation, Article, Published, Sentence, TimeExpr

# 2031-02-13 is a Thursday.
PUB = "2031-02-13"


@pytest.mark.parametrize(
    ("language", "text", "days"),
    [
        ("es", "Los pescadores de Varria protestaron el 25 de enero. Ayer el puerto cerró.",
         {"2031-01-25", "2031-02-12"}),
        ("es", "La presa se abrió el 3 de marzo de 2029 y anteayer se cerró.",
         {"2029-03-03", "2031-02-11"}),
        ("fr", "Le 1er février, la foule envahit le quai. Hier soir, et avant-hier aussi.",
         {"2031-02-01", "2031-02-12", "2031-02-11"}),
        ("de", "Am 25. Januar 2031 begann der Streik in Varria. Gestern sprach der Rat.",
         {"2031-01-25", "2031-02-12"}),
        ("it", "Il 25 gennaio i pescatori di Varria hanno protestato, ieri il porto ha chiuso.",
         {"2031-01-25", "2031-02-12"}),
        ("nl", "Op 25 januari protesteerden de vissers; gisteren sloot de haven.",
         {"2031-01-25", "2031-02-12"}),
        ("pt", "Em 25 de janeiro os pescadores protestaram e ontem o porto fechou.",
         {"2031-01-25", "2031-02-12"}),
    ],
)  # fmt: skip
def test_days_are_read_in_the_reports_language(language: str, text: str, days: set[str]) -> None:
    assert referenced_days(text, PUB, language) == days


def test_weekdays_look_back_and_open_a_sentence_capitalized() -> None:
    # Monday, Tuesday before a Thursday report.
    assert referenced_days("El consejo votó el lunes.", PUB, "es") == {"2031-02-10"}
    assert referenced_days("Mardi, le conseil a voté.", PUB, "fr") == {"2031-02-11"}
    assert referenced_days("Der Rat stimmte am Montag ab.", PUB, "de") == {"2031-02-10"}


def test_a_weekday_that_is_a_name_or_a_habit_is_no_day() -> None:
    text = "El tenor Ramiro Domingo cantó en Varria. Los viernes rezan en la plaza."
    assert referenced_days(text, PUB, "es") == frozenset()


def test_a_day_inside_a_name_is_no_day() -> None:
    text = "El Movimiento 6 de abril convocó una marcha. La Avenida 9 de Julio quedó cortada."
    assert referenced_days(text, PUB, "es") == frozenset()
    # A month written capitalized where the language writes months lower-case: a name.
    assert referenced_days("Los jóvenes del 6 de Abril marcharon.", PUB, "es") == frozenset()


def test_english_words_are_not_read_in_another_language() -> None:
    text = "Mayo Varria vio el April 20 y yesterday en el puerto."
    assert referenced_days(text, PUB, "es") == frozenset()
    assert referenced_days(text, PUB, "sv") == frozenset()  # no calendar: no day


def test_a_chronology_in_spanish_and_french_is_listed() -> None:
    es = (
        "Cronología de la crisis en Varria:\n"
        "25 de enero: Los pescadores ocupan el puerto.\n"
        "28 de enero.- El gobierno corta las comunicaciones.\n"
        "El 2 de febrero - Choques en la plaza Mayor.\n"
    )
    assert [d for d, _, _ in dated_entries(es, PUB, "es")] == [
        "2031-01-25",
        "2031-01-28",
        "2031-02-02",
    ]
    assert is_chronology_line("Le 3 février : les pêcheurs bloquent le port.", "fr")
    assert chronology_day("3. Februar - Die Fischer blockieren den Hafen.", PUB, "de") == (
        "2031-02-03"
    )
    # A day and a clock time stamp a reader's comment, not a day of the story.
    assert not is_chronology_line("3 de febrero de 2031 - 20:25 Qué vergüenza.", "es")
    # English patterns stay English: a Spanish line read as English is no chronology line.
    assert not is_chronology_line("25 de enero: Los pescadores ocupan el puerto.")


def _at(sentence: str, date: str) -> tuple[str, int, int]:
    start = sentence.index(date)
    return sentence, start, start + len(date)


@pytest.mark.parametrize(
    ("language", "sentence", "date", "reference"),
    [
        ("es", "La cifra de muertos desde el 25 de enero llega a 300.", "25 de enero", True),
        ("es", "Desde que las protestas del 25 de enero comenzaron, cerró el puerto.",
         "25 de enero", True),
        ("es", "En la madrugada del domingo murieron tres pescadores.", "domingo", False),
        ("es", "El 28 de enero murieron tres pescadores.", "28 de enero", False),
        ("es", "El Movimiento 6 de abril convocó una marcha.", "6 de abril", True),
        ("fr", "Depuis le 25 janvier, la place est occupée.", "25 janvier", True),
        ("fr", "La révolution du 25 janvier a changé Varria.", "25 janvier", True),
        ("fr", "Dans la nuit du 3 février, le port a brûlé.", "3 février", False),
        ("de", "Seit dem 25. Januar ist der Platz besetzt.", "25. Januar", True),
    ],
)  # fmt: skip
def test_a_day_named_as_the_background_is_a_reference(
    language: str, sentence: str, date: str, reference: bool
) -> None:
    assert named_as_reference(*_at(sentence, date), language) is reference


def test_a_spanish_report_dates_no_event_by_a_reference_day() -> None:
    own = "El 28 de enero murieron tres pescadores en Varria."
    background = "Desde el 25 de enero, el puerto de Varria sigue cerrado."
    text = own + " " + background
    sentences = [
        Sentence(index=0, start=0, end=len(own), text=own),
        Sentence(index=1, start=len(own) + 1, end=len(text), text=background),
    ]
    timexes = [
        TimeExpr(sentence=i, start=s.start + a, end=s.start + b, text=d, type="DATE", value=v)
        for i, s, d, v in [
            (0, sentences[0], "28 de enero", "2031-01-28"),
            (1, sentences[1], "25 de enero", "2031-01-25"),
        ]
        for a, b in [(s.text.index(d), s.text.index(d) + len(d))]
    ]
    article = Article(id="a", text=text, published=Published(date=PUB), language="es")
    ann = Annotation(article="a", sentences=sentences, timexes=timexes)
    events = find_events([article], [ann], lambda a, s: [])
    assert [(e.date, e.text) for e in events] == [("2031-01-28", own)]


def test_a_chronology_of_day_headings_dates_the_lines_under_each() -> None:
    text = (
        "Cronología de la crisis en Varria\n"
        "Martes, 25 de enero\n"
        "Los pescadores ocupan el puerto.\n"
        "Miércoles, 26 de enero\n"
        "La policía desaloja el muelle.\n"
        "Jueves, 27 de Enero\n"
        "El gobierno corta las comunicaciones.\n"
    )
    entries = dated_entries(text, PUB, "es")
    assert [(d, text[a:b].split("\n")[1]) for d, a, b in entries] == [
        ("2031-01-25", "Los pescadores ocupan el puerto."),
        ("2031-01-26", "La policía desaloja el muelle."),
        ("2031-01-27", "El gobierno corta las comunicaciones."),
    ]
    # A page's stamp is no heading, nor a sentence that opens with a day.
    assert not is_chronology_line("8 de febrero de 2031 Actualizado a las 06:28", "es")
    assert not is_chronology_line("25 de enero fue un día triste en Varria.", "es")


def test_a_day_of_the_month_in_brackets_says_which_day_a_word_means() -> None:
    # Agency copy filed on the 25th and published on the 27th: "hoy (25)" is the 25th.
    text = "En el día de hoy (25) los pescadores de Varria protestaron. Ayer (24) llovió."
    assert referenced_days(text, "2031-01-27", "es") == {"2031-01-25", "2031-01-24"}
    # Across the turn of a month, and a weekday: "el martes (1)" in a report of the 3rd.
    assert referenced_days("El martes (1) cerró el puerto.", "2031-02-03", "es") == {"2031-02-01"}


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("fr", ["- 14 jan: OSTLEY - La digue cède.", "- 3 fév: QUORRA - Les pêcheurs partent.",
                "- 15-16 fév: VARRIA - Le port ferme.", "- 28/29 oct: OSTLEY - La crue passe."]),
        ("es", ["- 14 ene: OSTLEY - La presa cede.", "- 3 feb: QUORRA - Los barcos se van.",
                "- 15-16 feb: VARRIA - El puerto cierra.", "- 28/29 oct: OSTLEY - Pasa el agua."]),
    ],
)  # fmt: skip
def test_a_chronology_may_abbreviate_its_months_and_name_two_days(
    language: str, lines: list[str]
) -> None:
    text = "\n".join(lines)
    days = [day for day, _, _ in dated_entries(text, "2031-12-20", language)]
    assert days == ["2031-01-14", "2031-02-03", "2031-02-15", "2031-10-28"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Édition du vendredi 24 juillet. Mercredi 22 juillet, la digue d'Ostley a cédé."),
        ("es", "Edición del viernes 24 de julio. El miércoles 22 de julio cedió la presa."),
    ],
)
def test_a_weekday_written_with_its_day_is_dated_by_it_and_must_fit_it(
    language: str, text: str
) -> None:
    # In 2031 the 24th of July is a Thursday and the 22nd a Tuesday: neither weekday fits
    # its day (an edition's date of another year), so neither day nor weekday is read.
    assert referenced_days(text, "2031-07-31", language) == frozenset()
    # In 2020 the 24th was a Friday and the 22nd a Wednesday: both days, no lone weekday.
    assert referenced_days(text, "2020-07-31", language) == {"2020-07-24", "2020-07-22"}
