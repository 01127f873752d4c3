"""Days a report refers back to, read from its whole text."""

from __future__ import annotations

from storyline.synthesize.date_refs import referenced_days


def test_month_and_day_take_the_year_nearest_publication() -> None:
    text = "The Tessel ferry ran aground on Dec. 30. Salvage began on 2 January."
    assert referenced_days(text, "2032-01-04") == {"2031-12-30", "2032-01-02"}


def test_an_explicit_year_is_kept() -> None:
    text = "The harbour opened on March 5, 1998, and closed on 7th of May 2029."
    assert referenced_days(text, "2031-06-01") == {"1998-03-05", "2029-05-07"}


def test_weekdays_and_yesterday_look_back_from_publication() -> None:
    # 2031-03-06 is a Thursday.
    text = "Divers reached the hull on Monday. The inquiry opened yesterday. On Thursday, talks."
    assert referenced_days(text, "2031-03-06") == {"2031-03-03", "2031-03-05", "2031-03-06"}


def test_impossible_days_and_month_words_without_a_day_are_not_read() -> None:
    text = "No ship sails on April 31. The crew may return in May. Mayor Ilse Varn spoke."
    assert referenced_days(text, "2031-04-02") == frozenset()


def test_without_a_publication_day_nothing_is_dated() -> None:
    assert referenced_days("The ferry sank on March 3.", None) == frozenset()
    assert referenced_days("The ferry sank on March 3.", "someday") == frozenset()
