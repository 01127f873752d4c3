"""Dates of a period's books, a caption, a page stamp or a thing named beside a yearless day
(session 15): invented reports of Wednesday 2031-06-18, their time expressions placed by
hand as the annotator reads them."""

from __future__ import annotations

import pytest

from storyline.languages.apparatus import is_apparatus
from storyline.link.events import find_events
from storyline.model import Annotation, Article, Published, Sentence, TimeExpr
from storyline.synthesize.timeline import lede_events
from storyline.synthesize.timeline.entries import clean_text
from tests.link.test_event_references import _events, _report_events


@pytest.mark.parametrize(
    ("language", "sentence", "dates"),
    [
        ("en", "Tessel Port Holdings said net income rose 12% in the quarter ended Sept. 30.",
         {"Sept. 30": "2030-09-30"}),
        ("en", "Varria Ferries lost $3 million in the fiscal year ending March 31.",
         {"March 31": "2031-03-31"}),
        ("fr", "Le port de Tessel a perdu 3 millions sur l'exercice clos le 31 mars.",
         {"31 mars": "2031-03-31"}),
        ("es", "El puerto de Tessel perdió 3 millones en el trimestre terminado el 31 de marzo.",
         {"31 de marzo": "2031-03-31"}),
        ("en", "A picture taken by a drone on June 16 shows the broken spillway of the dam.",
         {"June 16": "2031-06-16"}),
        ("fr", "Sur cette photo prise le 16 juin, des plongeurs inspectent la coque du ferry.",
         {"16 juin": "2031-06-16"}),
        ("es", "Una imagen tomada el 16 de junio muestra la presa de Tessel rota.",
         {"16 de junio": "2031-06-16"}),
        ("en", "Page last updated at 14:05 GMT, Monday, 16 June 2031",
         {"16 June 2031": "2031-06-16"}),
    ],
)  # fmt: skip
def test_the_end_of_a_period_a_caption_or_a_page_stamp_dates_no_event(
    language: str, sentence: str, dates: dict[str, str]
) -> None:
    assert _events(sentence, dates, language) == []


@pytest.mark.parametrize(
    ("sentence", "dates", "kept"),
    [
        # A period that ends is no book: the strike ended that day.
        ("The strike at the port of Tessel ended on Monday.", {"Monday": "2031-06-16"},
         ["2031-06-16"]),
        # A photographer's work told as news keeps its day.
        ("The photographer was arrested on Monday at the Tessel dam.",
         {"Monday": "2031-06-16"}, ["2031-06-16"]),
        # The WHO updating its figures is an event, not a page stamp.
        ("The harbour board updated its flood figures on Monday.", {"Monday": "2031-06-16"},
         ["2031-06-16"]),
    ],
)  # fmt: skip
def test_days_of_events_beside_those_words_keep_their_day(
    sentence: str, dates: dict[str, str], kept: list[str]
) -> None:
    assert _events(sentence, dates) == kept


def test_a_date_naming_a_thing_sets_no_year_for_a_yearless_day_nearby() -> None:
    # A 2031 report: the invasion of June 2 is this year's, not the year of the truce named.
    lines = [
        "Tessel and Varria signed the August 2028 truce after two years of raids.",
        "The council condemned Varria's invasion of Tessel on June 2.",
    ]
    events = _report_events(lines, {"August 2028": "2028-08", "June 2": "2031-06-02"})
    assert ("2031-06-02", lines[1]) in events
    assert not any(d and d.startswith("2028-06") for d, _ in events)


def test_a_date_telling_the_time_still_sets_the_year_nearby() -> None:
    lines = [
        "In August 2028, Varria's army crossed into Tessel.",
        "The council condemned the invasion on August 9.",
    ]
    events = _report_events(lines, {"August 2028": "2028-08", "August 9": "2031-08-09"})
    assert ("2028-08-09", lines[1]) in events


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A picture taken on June 16 shows divers at the hull of the Marisol.", "en"),
        ("Page last updated at 14:05 GMT, Monday, 16 June 2031", "en"),
        ("Photo prise le 16 juin près du barrage de Tessel.", "fr"),
        ("Imagen tomada el 16 de junio cerca de la presa de Tessel.", "es"),
    ],
)
def test_a_caption_or_a_page_stamp_is_apparatus(text: str, language: str) -> None:
    assert is_apparatus(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels released a video on Monday showing the captured harbour master.",
        "The harbour board updated its figures on Monday.",
        "Divers took pictures of the hull on Monday.",
    ],
)
def test_a_report_telling_of_pictures_is_no_apparatus(text: str) -> None:
    assert not is_apparatus(text, "en")


LEDE = [
    "Earlier this week, the harbour master of Tessel closed the northern locks.",
    "Ferry owners of Tessel protested at the town hall against the closure.",
]


def _lede_report(phrase: str, value: str) -> tuple[Article, Annotation]:
    sents, start = [], 0
    for i, text in enumerate(LEDE):
        sents.append(Sentence(index=i, start=start, end=start + len(text), text=text))
        start += len(text) + 1
    week = TimeExpr(
        sentence=0, start=0, end=len(phrase), text=phrase, type="DATE", value=value,
        relative=True, verb="close", tense="past",
    )  # fmt: skip
    article = Article(id="a", text=" ".join(LEDE), published=Published(date="2031-06-19"))
    return article, Annotation(article="a", sentences=sents, timexes=[week])


def test_a_lede_telling_earlier_this_week_is_not_the_reports_news() -> None:
    article, ann = _lede_report("Earlier this week", "2031-W25")
    assert [e.evidence[0].sentence for e in lede_events([article], [ann], [])] == [1]


def test_a_lede_telling_this_week_stays_the_reports_news() -> None:
    article, ann = _lede_report("this week", "2031-W25")
    assert [e.evidence[0].sentence for e in lede_events([article], [ann], [])] == [0, 1]


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("”      The harbour master closed the locks.", "The harbour master closed the locks."),
        ("The locks were closed.      “", "The locks were closed."),
        ("The locks,         the mayor said, stay.", "The locks, the mayor said, stay."),
        ('"We will reopen," the mayor said.', '"We will reopen," the mayor said.'),
        ("The dam held.   \nThe locks did not.", "The dam held.\nThe locks did not."),
    ],
)
def test_an_entrys_text_reads_clean(text: str, clean: str) -> None:
    assert clean_text(text) == clean


def _statuses(sentence: str, dates: dict[str, str]) -> list[str]:
    timexes = [
        TimeExpr(
            sentence=0, start=sentence.index(k), end=sentence.index(k) + len(k), text=k,
            type="DATE", value=v, relative=True, verb="meet", tense="past",
        )
        for k, v in dates.items()
    ]  # fmt: skip
    ann = Annotation(
        article="a",
        sentences=[Sentence(index=0, start=0, end=len(sentence), text=sentence)],
        timexes=timexes,
    )
    art = Article(id="a", text=sentence, published=Published(date="2031-06-18"))
    return [e.status for e in find_events([art], [ann], lambda a, s: [])]


@pytest.mark.parametrize(
    ("sentence", "dates", "status"),
    [
        ("Last night the mayor called off a scheduled trip to the Tessel locks today.",
         {"today": "2031-06-18"}, "cancelled"),
        ("The vote on the Tessel dam on Sunday was postponed.", {"Sunday": "2031-06-15"},
         "cancelled"),
        ("After the vote was postponed, the mayor met the ferry owners on Sunday.",
         {"Sunday": "2031-06-15"}, "occurred"),
        ("Trading in Tessel Port shares was suspended on Monday.", {"Monday": "2031-06-16"},
         "occurred"),
    ],
)  # fmt: skip
def test_a_day_of_a_thing_called_off_is_cancelled(
    sentence: str, dates: dict[str, str], status: str
) -> None:
    assert _statuses(sentence, dates) == [status]
