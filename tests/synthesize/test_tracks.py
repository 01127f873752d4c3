"""Tracks gather one measure however the reports word it, and keep other measures and
other scopes apart.

Every sentence is fictional, written for these tests. 2031-05-06 is a Tuesday.
"""

from __future__ import annotations

from storyline.model import Track
from storyline.synthesize.tracks import story_tracks
from tests.synthesize.fictional import Linked, article, link, three_days


def tracks(story: Linked) -> list[Track]:
    return story_tracks(story.articles, story.annotations, story.links)


def values(track: Track) -> list[tuple[str, float]]:
    return [(p.date, p.value) for p in track.points]


def test_deaths_and_people_killed_are_one_toll() -> None:
    story = three_days(
        "The floods in Vessa have killed 12 people, officials said.",
        "Officials in Vessa have now counted 31 deaths from the floods.",
        "The floods in Vessa have killed 57 people, officials said.",
    )
    (track,) = tracks(story)
    assert values(track) == [("2031-05-06", 12.0), ("2031-05-08", 31.0), ("2031-05-11", 57.0)]
    assert track.about.startswith("persons dead")


def test_barrels_and_gallons_a_day_are_one_flow_in_barrels() -> None:
    story = three_days(
        "The broken well is leaking 5,000 barrels of oil a day, engineers said.",
        "The broken well is now leaking 420,000 gallons of oil a day, engineers said.",
        "The broken well is leaking 25,000 barrels of oil a day, engineers said.",
    )
    (track,) = tracks(story)
    assert track.unit == "barrel" and "a day" in track.about
    assert values(track) == [
        ("2031-05-06", 5000.0),
        ("2031-05-08", 10000.0),  # 420,000 US gallons
        ("2031-05-11", 25000.0),
    ]
    assert track.points[1].text == "420,000 gallons"  # the words as written


def test_oil_collected_is_not_oil_leaking() -> None:
    leak, cap = "The well is leaking {} barrels of oil a day.", "The cap captures {} barrels a day."
    story = link(
        [
            article("Strait Herald", "2031-05-06", leak.format("5,000")),
            article("Karsholm Post", "2031-05-08", leak.format("9,000")),
            article("Harbour Times", "2031-05-09", cap.format("1,000")),
            article("Vessa Daily", "2031-05-11", cap.format("3,000")),
        ]
    )
    by_about = {t.about: values(t) for t in tracks(story)}
    assert sorted(by_about.values()) == [
        [("2031-05-06", 5000.0), ("2031-05-08", 9000.0)],
        [("2031-05-09", 1000.0), ("2031-05-11", 3000.0)],
    ]
    assert any("collected" in about for about in by_about)


def test_a_toll_told_in_reported_speech_is_a_running_count() -> None:
    story = three_days(
        "The ministry said on Monday that 40 people had died of the fever in Vessa.",
        "The ministry said that 65 people had died of the fever in Vessa.",
        "The ministry said that 90 people had died of the fever in Vessa.",
    )
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [40.0, 65.0, 90.0]


def test_the_worlds_count_is_kept_apart_from_one_countrys() -> None:
    vessa = "The fever has now infected {} people in Vessa."
    story = link(
        [
            article("Strait Herald", "2031-05-06", vessa.format(120)),
            article("Karsholm Post", "2031-05-08", vessa.format(300)),
            article(
                "Harbour Times", "2031-05-09",
                "Health officials said 40 countries have now confirmed 5,000 cases of the fever.",
            ),
            article(
                "Vessa Daily", "2031-05-11",
                "Health officials said 52 countries have now confirmed 9,000 cases of the fever.",
            ),
        ]
    )  # fmt: skip
    found = sorted([v for _, v in values(t)] for t in tracks(story))
    assert found == [[120.0, 300.0], [5000.0, 9000.0]]


def test_a_count_of_one_days_events_told_higher_the_next_day_is_a_revision() -> None:
    story = link(
        [
            article(
                "Strait Herald", "2031-05-06",
                "Three people were killed in Tuesday's clashes in Vessa, the health ministry said.",
            ),
            article(
                "Karsholm Post", "2031-05-07",
                "At least eight people were killed in Tuesday's clashes in Vessa, "
                "the health ministry said.",
            ),
        ]
    )  # fmt: skip
    (track,) = tracks(story)
    assert values(track) == [("2031-05-06", 3.0), ("2031-05-07", 8.0)]


def test_a_further_count_is_an_increment_not_a_value_of_the_toll() -> None:
    story = three_days(
        "The fever has killed 20 people in Vessa, officials said.",
        "The fever has killed a further 15 people in Vessa, officials said.",
        "The fever has killed 41 people in Vessa, officials said.",
    )
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [20.0, 41.0]


def test_a_count_told_as_mostly_or_partly_in_a_place_is_not_that_places_count() -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", "The fever has now killed 12 people in Vessa."),
            article("Karsholm Post", "2031-05-08", "The fever has now killed 30 people in Vessa."),
            article(
                "Harbour Times", "2031-05-09",
                "The fever has now killed 65 people, most of them in Vessa.",
            ),
            article(
                "Vessa Daily", "2031-05-10",
                "The fever has now infected 40 people in Vessa and Ostmark.",
            ),
            article("Ostmark Post", "2031-05-11", "The fever has now infected 90 people in Vessa."),
        ]
    )  # fmt: skip
    assert [[v for _, v in values(t)] for t in tracks(story)] == [[12.0, 30.0]]


def test_suspected_cases_are_not_suspected_deaths() -> None:
    story = three_days(
        "Officials in Vessa said 20 people are suspected to have died of the fever.",
        "Officials in Vessa said 300 suspected cases of the fever have now been reported.",
        "Officials in Vessa said 45 people are now suspected to have died of the fever.",
    )
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [20.0, 45.0]


def test_cases_that_are_no_patients_make_no_track() -> None:
    story = three_days(
        "Lawyers in Vessa have now filed 40 cases over the spill.",
        "Lawyers in Vessa have now filed 75 cases over the spill.",
        "Lawyers in Vessa have now filed 120 cases over the spill.",
    )
    assert all(story.figures()), "each report tells its figure"
    assert tracks(story) == []


def test_a_volume_of_something_else_is_not_the_spill() -> None:
    leak = "The well has now leaked {} barrels of oil, engineers said."
    story = link(
        [
            article("Strait Herald", "2031-05-06", leak.format("9,000")),
            article("Karsholm Post", "2031-05-08", leak.format("20,000")),
            article(
                "Harbour Times", "2031-05-09",
                "Crews have now poured 50,000 barrels of dispersant into the sea.",
            ),
            article("Vessa Daily", "2031-05-11", leak.format("31,000")),
        ]
    )  # fmt: skip
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [9000.0, 20000.0, 31000.0]


def test_a_value_foreseen_is_not_a_value_told() -> None:
    story = link(
        [
            article("Strait Herald", "2031-05-06", "The fever has infected 12 people in Vessa."),
            article("Karsholm Post", "2031-05-08", "The fever has infected 30 people in Vessa."),
            article(
                "Harbour Times", "2031-05-09",
                "The fever has spread fast and could infect 500 people in Vessa, officials said.",
            ),
        ]
    )  # fmt: skip
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [12.0, 30.0]


def test_one_place_told_by_its_name_and_its_initials_is_one_scope() -> None:
    story = three_days(
        "The fever has now infected 40 people in the United Kingdom, officials said.",
        "The fever has now infected 95 people in the UK, officials said.",
        "The fever has now infected 160 people in the United Kingdom, officials said.",
    )
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [40.0, 95.0, 160.0]


def test_lives_the_floods_cost_are_people_dead() -> None:
    story = three_days(
        "The floods in Vessa have killed 12 people, officials said.",
        "The floods in Vessa have now cost 31 lives, officials said.",
        "The floods in Vessa have killed 57 people, officials said.",
    )
    (track,) = tracks(story)
    assert [v for _, v in values(track)] == [12.0, 31.0, 57.0]
