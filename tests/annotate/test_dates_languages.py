"""Dates the annotator reads in Spanish copy: agency conventions (invented sentences)."""

from __future__ import annotations

import datetime

from storyline.annotate.multilingual import read


def test_a_day_in_brackets_after_today_is_the_day_meant_and_a_bare_unit_is_no_date() -> None:
    text = "En el día de hoy (25) se han manifestado los pescadores de Quorra. Ayer (24) llovió."
    found = read(text, "es", datetime.date(2031, 1, 27)).timexes
    assert [(t.text, t.value) for t in found] == [("hoy", "2031-01-25"), ("Ayer", "2031-01-24")]


def _dates(text: str, language: str, published: datetime.date) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in read(text, language, published).timexes]


def test_a_weekday_before_a_few_words_or_a_full_stop_is_still_read() -> None:
    # Recognizers-Text reads nothing of "el miércoles con su familia" and no value from
    # "lundi.": the weekday is read again on its own.
    published = datetime.date(2031, 7, 17)  # a Thursday
    assert _dates("Marta huyó el miércoles con su familia del barrio.", "es", published) == [
        ("miércoles", "2031-07-16")
    ]
    assert _dates("Le barrage a cédé lundi.", "fr", published) == [("lundi", "2031-07-14")]


def test_a_part_of_a_day_and_a_night_across_two_days_date_the_day_they_start() -> None:
    published = datetime.date(2031, 7, 17)  # a Thursday
    assert _dates("Le barrage a cédé mardi soir.", "fr", published) == [
        ("mardi soir", "2031-07-15")
    ]
    night = _dates("Dans la nuit de lundi à mardi, l'eau a monté.", "fr", published)
    assert [v for _, v in night] == ["2031-07-14"]
    assert _dates("La presa cedió la noche de este martes.", "es", published) == [
        ("martes", "2031-07-15")
    ]


def test_a_month_takes_the_year_written_after_it_and_a_number_after_a_comma_is_no_year() -> None:
    published = datetime.date(2031, 1, 2)
    assert _dates("Durant les crues de février 2029, la digue a tenu.", "fr", published) == [
        ("février 2029", "2029-02")
    ]
    found = _dates("Le 27 décembre, 16 000 habitants ont quitté Ostley.", "fr", published)
    assert found == [("27 décembre", "2030-12-27")]


def test_a_weekday_abbreviation_alone_is_no_date_nor_a_weekday_that_does_not_fit_its_day() -> None:
    published = datetime.date(2031, 7, 17)
    assert _dates("Les pêcheurs de Quorra sont partis en mer.", "fr", published) == []
    # 23 July 2031 is a Wednesday: "jeudi 23 juillet" is a page's date from another year.
    assert _dates("Jeudi 23 juillet\nLa météo du jour.", "fr", published) == []
    assert _dates("Mercredi 16 juillet, la digue a cédé.", "fr", published) == [
        ("Mercredi 16 juillet", "2031-07-16")
    ]


def test_a_day_that_must_come_is_read_ahead() -> None:
    published = datetime.date(2031, 7, 13)  # a Sunday
    found = _dates("Les résultats doivent être annoncés jeudi par la commission.", "fr", published)
    assert found == [("jeudi", "2031-07-17")]


def test_a_chronology_line_is_dated_as_the_chronology_reads_in_order() -> None:
    # A review of the year published in December: "14 jan" is last January, not the
    # coming one, and "23 nov" is read though the library reads no "nov".
    text = (
        "- 14 jan: OSTLEY - La digue cède.\n- 3 fév: QUORRA - Les pêcheurs partent.\n"
        "- 23 nov: VARRIA - Le port rouvre."
    )
    found = read(text, "fr", datetime.date(2031, 12, 22)).timexes
    assert [(t.text, t.value) for t in found] == [
        ("14 jan", "2031-01-14"),
        ("3 fév", "2031-02-03"),
        ("23 nov", "2031-11-23"),
    ]


THURSDAY = datetime.date(2031, 7, 17)


def _read_on_thursday(cases: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    for text, language, expected in cases:
        assert _dates(text, language, THURSDAY) == expected, text


def test_last_weekday_is_the_last_such_day_before_the_report_not_the_week_before() -> None:
    # Recognizers-Text's French reads a Thursday's "mardi dernier" as the Tuesday of the
    # week before (8 July); the writer means two days back.
    _read_on_thursday(
        [
            ("La digue de Quorra a cédé mardi dernier.", "fr", [("mardi dernier", "2031-07-15")]),
            ("Les pêcheurs sont rentrés samedi dernier.", "fr", [("samedi dernier", "2031-07-12")]),
            ("La presa cedió el martes pasado.", "es", [("martes pasado", "2031-07-15")]),
        ]
    )


def test_a_count_of_days_ago_dates_the_day_it_counts_back_to() -> None:
    _read_on_thursday(
        [
            ("Le maire d'Ostley a démissionné il y a trois jours.", "fr",
             [("il y a trois jours", "2031-07-14")]),
            ("La presa de Quorra cedió hace dos días.", "es", [("hace dos días", "2031-07-15")]),
            # a length is no day: "depuis trois jours", "durante dos días"
            ("La digue tient depuis trois jours.", "fr", []),
            ("Llovió durante dos días.", "es", []),
        ]
    )  # fmt: skip


def test_a_weekday_and_a_bare_number_is_that_day_of_the_month_not_a_clock_time() -> None:
    # Recognizers-Text reads "jeudi 10" as Thursday at 10 o'clock (the report's own day);
    # no Wednesday 10 lies near the report: no day rather than a wrong one.
    _read_on_thursday(
        [
            ("Jeudi 10, la digue de Quorra a cédé.", "fr", [("Jeudi 10", "2031-07-10")]),
            ("Mercredi 10, la digue a cédé.", "fr", []),
        ]
    )
