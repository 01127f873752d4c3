"""Dates the annotator reads in Spanish copy: agency conventions (invented sentences)."""

from __future__ import annotations

import datetime

from storyline.annotate.multilingual import read


def test_a_day_in_brackets_after_today_is_the_day_meant_and_a_bare_unit_is_no_date() -> None:
    text = "En el día de hoy (25) se han manifestado los pescadores de Quorra. Ayer (24) llovió."
    found = read(text, "es", datetime.date(2031, 1, 27)).timexes
    assert [(t.text, t.value) for t in found] == [("hoy", "2031-01-25"), ("Ayer", "2031-01-24")]
