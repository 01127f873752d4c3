"""Dates a sentence names for something else do not date its event: invented sentences,
with their time expressions placed by hand (no annotator needed)."""

from __future__ import annotations

import re
from typing import Literal

import pytest

from storyline.link.events import find_events
from storyline.model import Annotation, Article, Published, Sentence, TimeExpr

PUB = "2031-06-18"  # a Wednesday


def _events(sentence: str, dates: dict[str, str], language: str = "en") -> list[str | None]:
    """The dates of the events ``find_events`` reads off one-sentence report ``sentence``,
    whose expressions ``dates`` (text -> value) the annotator would have found."""
    return [date for date, _ in _told(sentence, dates, language)]


def _told(
    sentence: str,
    dates: dict[str, str],
    language: str = "en",
    verb: str | None = None,
    tense: Literal["past", "present", "future"] | None = None,
) -> list[tuple[str | None, str]]:
    """(date, text) of each event ``find_events`` reads off ``sentence`` (``_events``)."""
    timexes = [
        TimeExpr(
            sentence=0,
            start=sentence.index(text),
            end=sentence.index(text) + len(text),
            text=text,
            type="DATE",
            value=value,
            relative=True,
            verb=verb,
            tense=tense,
        )
        for text, value in dates.items()
    ]
    ann = Annotation(
        article="a",
        sentences=[Sentence(index=0, start=0, end=len(sentence), text=sentence)],
        timexes=timexes,
    )
    art = Article(id="a", text=sentence, published=Published(date=PUB), language=language)
    return [(e.date, e.text) for e in find_events([art], [ann], lambda a, s: [])]


@pytest.mark.parametrize(
    ("language", "sentence", "date", "value"),
    [
        ("en", "In his third speech since the start of the strike on March 15, the mayor "
         "offered talks.", "March 15", "2031-03-15"),
        ("en", "The toll has passed 800 since the truce was declared, on April 12.",
         "April 12", "2031-04-12"),
        ("fr", "Plus de 800 personnes sont mortes depuis l'annonce de la trêve le 12 avril.",
         "12 avril", "2031-04-12"),
        ("fr", "C'est le bilan de la répression depuis l'instauration d'une trêve, le 12 avril.",
         "12 avril", "2031-04-12"),
        ("es", "Desde el pasado 27 de enero, la plaza de Varria ha sido escenario de marchas.",
         "27 de enero", "2031-01-27"),
        ("fr", "C'est le premier reporter tué à Varria depuis le début de la grève contre le "
         "régime, le 15 mars.", "15 mars", "2031-03-15"),
    ],
)  # fmt: skip
def test_a_date_inside_a_since_phrase_dates_no_event(
    language: str, sentence: str, date: str, value: str
) -> None:
    assert _events(sentence, {date: value}, language) == []


@pytest.mark.parametrize(
    ("sentence", "date", "value"),
    [
        ("Since March, the rebels have taken three towns and the port on Monday.", "Monday",
         "2031-06-16"),
        ("Since March, rebels have held the hills; the port fell on Monday.", "Monday",
         "2031-06-16"),
        ("The envoy met the rebels on Monday, his first visit since the truce.", "Monday",
         "2031-06-16"),
    ],
)  # fmt: skip
def test_a_date_after_the_since_phrase_ended_still_dates_its_event(
    sentence: str, date: str, value: str
) -> None:
    assert _events(sentence, {date: value}) == [value]


@pytest.mark.parametrize(
    ("language", "sentence", "date", "read", "value"),
    [
        # The annotator read each weekday back from the report's Wednesday.
        ("fr", "Un collectif appelle à manifester ce vendredi dans toutes les villes de Varria.",
         "vendredi", "2031-06-13", "2031-06-20"),
        ("es", "Los pescadores de Varria ocuparon el puerto este lunes por la mañana.",
         "lunes", "2031-06-16", "2031-06-16"),
        ("en", "Ferry owners to meet the harbour master this Thursday", "this Thursday",
         "2031-06-12", "2031-06-19"),
        ("fr", "L'émissaire de Varria se rendra samedi au port de Tessel.", "samedi",
         "2031-06-14", "2031-06-21"),
        ("es", "El emisario de Varria visitará el sábado el puerto de Tessel.", "sábado",
         "2031-06-14", "2031-06-21"),
        ("fr", "Samedi sera une journée de grève au port de Tessel.", "Samedi",
         "2031-06-14", "2031-06-21"),
    ],
)  # fmt: skip
def test_this_weekday_is_the_nearest_and_a_future_one_the_next(
    language: str, sentence: str, date: str, read: str, value: str
) -> None:
    assert _events(sentence, {date: read}, language) == [value]


@pytest.mark.parametrize(
    ("language", "sentence", "date", "read"),
    [
        ("fr", "Un collectif a appelé à manifester vendredi dans toutes les villes de Varria.",
         "vendredi", "2031-06-13"),
        # The future verb governs another clause, or lies past a comma.
        ("es", "Los mediadores llegaron el domingo a Tessel, donde intentarán negociar.",
         "domingo", "2031-06-15"),
        ("fr", "Un comité sera formé prochainement, a annoncé mardi le journal de Varria.",
         "mardi", "2031-06-17"),
    ],
)  # fmt: skip
def test_a_bare_weekday_keeps_the_annotators_reading(
    language: str, sentence: str, date: str, read: str
) -> None:
    assert _events(sentence, {date: read}, language) == [read]


@pytest.mark.parametrize(
    ("sentence", "date", "value", "verb", "told"),
    [
        ("The state closed the fishing grounds after the tanker Marisol exploded on March 3, "
         "spilling its cargo.", "March 3", "2031-03-03", "explode",
         "the tanker Marisol exploded on March 3"),
        ("Crews rebuilt the quay at Tessel, and on Monday the first ferry docked there.",
         "Monday", "2031-06-16", "dock", "on Monday the first ferry docked there."),
    ],
)  # fmt: skip
def test_a_lone_date_after_a_clause_break_is_told_by_its_own_clause(
    sentence: str, date: str, value: str, verb: str, told: str
) -> None:
    assert _told(sentence, {date: value}, verb=verb) == [(value, told)]


def test_a_date_that_hangs_on_a_noun_after_a_break_keeps_its_whole_sentence() -> None:
    sentence = "The mayor hoped to meet the guild again after their long talks last March."
    assert _told(sentence, {"last March": "2031-03"}) == [("2031-03", sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said on Monday, after a night of clashes, that twenty people had died in Tessel.",
        "The harbour master met the ferry owners and the port union on Monday.",
    ],
)
def test_a_lone_date_before_any_clause_break_keeps_its_whole_sentence(sentence: str) -> None:
    assert _told(sentence, {"Monday": "2031-06-16"}, verb="say") == [("2031-06-16", sentence)]


def _report_events(lines: list[str], dates: dict[str, str]) -> list[tuple[str | None, str]]:
    """(date, text) of the events of a report of one sentence per line; ``dates`` maps
    each time expression's text (first found) to its value."""
    text = "\n".join(lines)
    sentences, start = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(index=i, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    timexes = []
    for phrase, value in dates.items():
        s = next(s for s in sentences if phrase in s.text)
        at = s.start + s.text.index(phrase)
        timexes.append(
            TimeExpr(
                sentence=s.index, start=at, end=at + len(phrase), text=phrase, type="DATE",
                value=value, relative=re.search(r"\d{4}", phrase) is None,
            )
        )  # fmt: skip
    ann = Annotation(article="a", sentences=sentences, timexes=timexes)
    art = Article(id="a", text=text, published=Published(date=PUB))
    return [(e.date, e.text) for e in find_events([art], [ann], lambda a, s: [])]


def test_a_dated_photo_caption_opening_a_report_dates_no_event() -> None:
    lines = [
        "June 2: Divers inspect the hull of the ferry Marisol off Tessel Point.",
        "The owners of the Marisol said on Monday that the ferry would be towed to Varria.",
    ]
    events = _report_events(lines, {"June 2": "2031-06-02", "Monday": "2031-06-16"})
    assert events == [("2031-06-16", lines[1])]


def test_a_chronology_opening_a_report_still_dates_its_lines() -> None:
    lines = [
        "June 2: The ferry Marisol runs aground off Tessel Point.",
        "June 3: Divers reach the hull of the Marisol.",
        "June 5: The harbour master of Tessel resigns.",
    ]
    events = _report_events(
        lines, {"June 2": "2031-06-02", "June 3": "2031-06-03", "June 5": "2031-06-05"}
    )
    assert [d for d, _ in events] == ["2031-06-02", "2031-06-03", "2031-06-05"]


def test_a_yearless_day_takes_the_year_the_report_writes_nearby() -> None:
    lines = [
        "The inquiry into the Tessel dam opened on February 14 2029.",
        "The harbour master warned on March 7 that the dam could fail.",
    ]
    events = _report_events(lines, {"February 14 2029": "2029-02-14", "March 7": "2031-03-07"})
    assert sorted(d for d, _ in events) == ["2029-02-14", "2029-03-07"]


def test_a_yearless_day_keeps_its_reading_beside_a_year_alone() -> None:
    lines = ["The Tessel dam was built in 2029.", "Its spillway failed on March 7 after a storm."]
    events = _report_events(lines, {"2029": "2029", "March 7": "2031-03-07"})
    assert ("2031-03-07", lines[1]) in events


@pytest.mark.parametrize(
    ("sentence", "date", "value"),
    [
        ("The harbour master's confidential note of March 7 said the dam could fail.",
         "March 7", "2031-03-07"),
        ("The minister insists the written answer of March 17 was accurate.", "March 17",
         "2031-03-17"),
        ("The mayor said the bombings of September 11 changed the port of Tessel.", "September 11",
         "2030-09-11"),
        ("The meeting between the two mayors, on 16 April last year, has reached the courts.",
         "16 April last year", "2030-04-16"),
    ],
)  # fmt: skip
def test_a_date_a_noun_takes_dates_no_event(sentence: str, date: str, value: str) -> None:
    assert _events(sentence, {date: value}) == []


@pytest.mark.parametrize(
    ("sentence", "date", "value"),
    [
        ("On March 4, a senior officer was killed in Tessel.", "March 4", "2031-03-04"),
        ("On the morning of March 7, troops entered Tessel.", "March 7", "2031-03-07"),
        ("The shooting on Friday evening, which left two dead, shocked Tessel.",
         "Friday evening", "2031-06-13"),
        ("As of March 7, the toll in Tessel stood at forty.", "March 7", "2031-03-07"),
        ("The attack, on Monday, killed twelve people in Tessel.", "Monday", "2031-06-16"),
        ("Police said, on Monday, that the port of Tessel had reopened.", "Monday",
         "2031-06-16"),
    ],
)  # fmt: skip
def test_a_date_of_a_stretch_of_time_or_of_the_sentence_still_dates_it(
    sentence: str, date: str, value: str
) -> None:
    assert _events(sentence, {date: value}) == [value]


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The two mayors met on July 2 at the Tessel dam.", "past"),
        # Governed by "questioned" through a noun: the annotator read no tense.
        ("Anyone who questioned the mayor's words on July 2 was silenced.", None),
    ],
)
def test_a_yearless_day_read_after_the_report_with_nothing_ahead_dates_nothing(
    sentence: str, tense: Literal["past"] | None
) -> None:
    assert _told(sentence, {"July 2": "2031-07-02"}, verb="meet", tense=tense) == []


@pytest.mark.parametrize(
    ("sentence", "value", "verb", "tense"),
    [
        ("The two mayors will meet on July 2 at the Tessel dam.", "2031-07-02", "meet",
         "future"),
        ("The two mayors met on June 2 at the Tessel dam.", "2031-06-02", "meet", "past"),
        ("Voters in Tessel go to the polls on July 2.", "2031-07-02", "go", "present"),
        ("The mayors of Tessel and Varria were invited to talks on July 2.", "2031-07-02",
         "invite", "past"),
        ("Ferry owners to meet the harbour master on July 2", "2031-07-02", None, None),
    ],
)  # fmt: skip
def test_a_yearless_day_said_to_lie_ahead_or_before_the_report_keeps_its_reading(
    sentence: str, value: str, verb: str | None, tense: Literal["past", "present", "future"] | None
) -> None:
    date = sentence.split(" on ")[1].split(" at ")[0].rstrip(".")
    assert [d for d, _ in _told(sentence, {date: value}, verb=verb, tense=tense)] == [value]


def test_a_yearless_day_ahead_in_another_language_keeps_its_reading() -> None:
    # The plan cues are English words: a French plan the annotator read no tense of stays.
    sentence = "La manifestation prévue le 2 juillet réunira les pêcheurs de Tessel."
    told = _told(sentence, {"2 juillet": "2031-07-02"}, "fr", verb="prévoir")
    assert [d for d, _ in told] == ["2031-07-02"]


def test_a_plan_ahead_of_the_report_keeps_its_year_beside_an_older_date() -> None:
    # "will hold ... on July 29" in a report of June 2031 that also retells June 2029:
    # the hearing is this July's, not July 2029's.
    lines = [
        "The Tessel inquiry first sat on June 3 2029.",
        "The harbour board will hold a new hearing on July 29.",
    ]
    text = "\n".join(lines)
    sentences = [
        Sentence(index=0, start=0, end=len(lines[0]), text=lines[0]),
        Sentence(index=1, start=len(lines[0]) + 1, end=len(text), text=lines[1]),
    ]
    first, at = text.index("June 3 2029"), text.index("July 29")
    timexes = [
        TimeExpr(sentence=0, start=first, end=first + 11, text="June 3 2029", type="DATE",
                 value="2029-06-03", relative=False, verb="sit", tense="past"),
        TimeExpr(sentence=1, start=at, end=at + 7, text="July 29", type="DATE",
                 value="2031-07-29", relative=True, verb="hold", tense="future"),
    ]  # fmt: skip
    ann = Annotation(article="a", sentences=sentences, timexes=timexes)
    art = Article(id="a", text=text, published=Published(date=PUB))
    dates = {e.text: e.date for e in find_events([art], [ann], lambda a, s: [])}
    assert dates[lines[1]] == "2031-07-29"
    assert dates[lines[0]] == "2029-06-03"


@pytest.mark.parametrize(
    ("language", "sentence", "date", "value"),
    [
        ("fr", "L'ancien gouverneur est détenu à la prison de Tessel après sa condamnation le "
         "2 juin à dix ans de réclusion.", "2 juin", "2031-06-02"),
        ("fr", "Après avoir pris le port de Tessel le 3 juin, les rebelles avançaient vers "
         "le nord.", "3 juin", "2031-06-03"),
        ("es", "El hijo del gobernador desapareció tras la muerte de su padre el 4 de junio.",
         "4 de junio", "2031-06-04"),
        ("pt", "O porto de Tessel reabriu após o ataque de 5 de junho aos navios.",
         "5 de junho", "2031-06-05"),
    ],
)  # fmt: skip
def test_a_date_inside_an_after_phrase_dates_no_event(
    language: str, sentence: str, date: str, value: str
) -> None:
    # The sentence tells a later state or move; the day is that of the event "after" names.
    assert _events(sentence, {date: value}, language) == []


@pytest.mark.parametrize(
    ("language", "sentence", "date", "value"),
    [
        ("fr", "Peu après minuit mardi, la digue de Tessel a cédé.", "mardi", "2031-06-17"),
        # English is read from its parse: this noun phrase keeps its sentence.
        ("en", "The mayor met the guild after their long talks on Monday.", "Monday",
         "2031-06-16"),
        ("fr", "Les pêcheurs ont bloqué le port mardi après-midi.", "mardi", "2031-06-17"),
        ("fr", "Après des semaines de grève, les dockers ont repris le travail mardi.",
         "mardi", "2031-06-17"),
    ],
)  # fmt: skip
def test_a_date_outside_an_after_phrase_still_dates_its_event(
    language: str, sentence: str, date: str, value: str
) -> None:
    assert _events(sentence, {date: value}, language) == [value]
