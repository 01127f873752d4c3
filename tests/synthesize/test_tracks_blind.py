"""Track values read wrong on stories nobody tuned for (``benchmarks/data/ledger/blind.jsonl``):
a range written with its scale once, a change told with the value it led to, a value of an
earlier stage, a chronology's line dated by its report.

Every sentence is fictional, written for these tests. 2031-05-06 is a Tuesday.
"""

from __future__ import annotations

import pytest

from storyline.model import Track
from storyline.synthesize.tracks import story_tracks
from tests.synthesize.fictional import Linked, article, link, three_days

pytestmark = pytest.mark.slow


def tracks(story: Linked) -> list[Track]:
    return story_tracks(story.articles, story.annotations, story.links)


def values(track: Track) -> list[tuple[str, float]]:
    return [(p.date, p.value) for p in track.points]


def test_a_range_written_with_its_scale_once_is_read_in_thousands() -> None:
    story = three_days(
        "The broken well is leaking 5,000 barrels of oil a day, engineers said.",
        "The broken well is leaking 20-40,000 barrels of oil a day, engineers said.",
        "The broken well is leaking 60,000 barrels of oil a day, engineers said.",
    )
    (track,) = tracks(story)
    assert values(track) == [
        ("2031-05-06", 5000.0),
        ("2031-05-08", 20000.0),
        ("2031-05-11", 60000.0),
    ]
    assert (track.points[1].low, track.points[1].high) == (20000.0, 40000.0)


def test_a_change_told_with_its_new_value_is_no_value() -> None:
    story = three_days(
        "The floods in Vessa have killed 60 people, officials said.",
        "Vessa's flood death toll rose by three to 78 on Thursday, officials said.",
        "The floods in Vessa have killed 90 people, officials said.",
    )
    (track,) = tracks(story)
    assert 3.0 not in [v for _, v in values(track)]
    assert len(track.points) >= 2


def _leaking_well(third_report_also: str) -> Linked:
    """Three reports of a well's flow (5,000, 9,000, 25,000 barrels a day); the third
    also tells ``third_report_also``."""
    return link(
        [
            article(
                "Strait Herald",
                "2031-05-06",
                "The broken well is leaking 5,000 barrels of oil a day.",
                filler=0,
            ),
            article(
                "Karsholm Post",
                "2031-05-08",
                "The broken well is leaking 9,000 barrels of oil a day.",
                filler=2,
            ),
            article(
                "Harbour Times",
                "2031-05-11",
                "The broken well is leaking 25,000 barrels of oil a day.",
                third_report_also,
                filler=4,
            ),
        ]
    )


def test_a_value_of_an_earlier_stage_is_no_value_of_the_day() -> None:
    story = _leaking_well(
        "Last month, engineers estimated the well was leaking 1,000 barrels of oil a day."
    )
    (track,) = tracks(story)
    assert values(track) == [
        ("2031-05-06", 5000.0),
        ("2031-05-08", 9000.0),
        ("2031-05-11", 25000.0),
    ]


def test_a_chronology_line_tells_the_value_of_its_own_day() -> None:
    story = _leaking_well(
        "May 2 - The coast guard says the well is leaking 1,000 barrels of oil a day."
    )
    (track,) = tracks(story)
    assert ("2031-05-02", 1000.0) in values(track)
    assert ("2031-05-11", 1000.0) not in values(track)
