"""Claims: one claim tells one fact, never two counts of one measure or two days' events.

Fictional sentences written for these tests: each pair is alike in words and names, so
that without its count or its day the claim grouping would join them.
"""

from __future__ import annotations

from tests.synthesize.fictional import article, link, told_in_pairs

# Two counts of one measure: a bare count said of cases counts people, nations are
# countries, and a shared "one death" does not make 109 and 403 cases one count; one
# count told of one country and of many countries is two facts.
COUNTS = [
    (
        "The number of confirmed cases of the fever in Vessa has risen to 27, officials said.",
        "The number of confirmed cases of the fever in Vessa has risen to 28, officials said.",
    ),
    (
        "The Tarn fever has now killed 65 people in 34 countries, the health agency said.",
        "The Tarn fever has now killed 65 people in 33 nations, the health agency said.",
    ),
    (
        "Officials in Vessa have reported 109 confirmed cases of the fever and one death.",
        "Officials in Vessa have reported 403 confirmed cases of the fever and one death.",
    ),
    # one count of two scopes: one country's, and one over many
    (
        "The Tarn fever has infected more than 1,200 people in Vessa, officials said.",
        "The Tarn fever has infected more than 1,200 people in 21 countries, officials said.",
    ),
]
# One event told of two days, in other words: a repeated event, not one fact (one
# sentence told word for word with another date is a date conflict: the ledger's).
DAYS = [
    (
        "Minister Ilka Brandt spoke by phone with the Karsholm harbour chief on Tuesday.",
        "Minister Ilka Brandt talked by phone with the Karsholm harbour chief on Thursday.",
    ),
    (
        "The Vessa relief convoy reached the flooded town of Osterby on 3 May.",
        "The Vessa aid convoy reached the flooded town of Osterby on 9 May.",
    ),
    (
        "Captain Rune Ostberg was awarded the Karsholm harbour medal last week.",
        "Captain Rune Ostberg received the Karsholm harbour medal on Monday.",
    ),
]


def test_two_counts_or_two_days_are_two_claims() -> None:
    story = told_in_pairs(COUNTS + DAYS)
    joined = [
        (a, b) for a, b in COUNTS + DAYS if any(len(story.claim_of(s).evidence) > 1 for s in (a, b))
    ]
    assert joined == []


def _told_with(a: str, first_day: str, b: str, second_day: str) -> set[str]:
    """The sentences of ``a``'s claim when two outlets tell ``a`` and ``b`` on two days."""
    story = link(
        [
            article("Strait Herald", first_day, a, filler=0),
            article("Karsholm Post", second_day, b, filler=2),
        ]
    )
    return {e.text for e in story.claim_of(a).evidence}


def test_one_day_written_alike_in_reports_of_other_days_is_one_claim() -> None:
    """ "Early Saturday" in a Saturday report and in a Monday one reads as two Saturdays;
    the same words are one telling, whatever the calendar makes of them."""
    a = "President Oren Vask said early Saturday that he had asked the cabinet to resign."
    b = "President Oren Vask said early Saturday that he had asked his cabinet to resign."
    assert _told_with(a, "2031-05-10", b, "2031-05-19") == {a, b}


def test_one_day_told_two_ways_is_one_claim() -> None:
    a = "The Vessa relief convoy reached the flooded town of Osterby on Tuesday."
    b = "The Vessa relief convoy reached the flooded town of Osterby on 6 May."
    assert _told_with(a, "2031-05-06", b, "2031-05-07") == {a, b}


def test_two_days_stay_apart_though_each_agrees_with_undated_tellings() -> None:
    """Tellings that give no day agree with both days; the two days are still two facts."""
    undated = "The Vessa relief convoy reached the flooded town of Osterby, officials said."
    reworded = "Officials said the Vessa relief convoy had reached the flooded town of Osterby."
    tuesday = (
        "The Vessa relief convoy reached the flooded town of Osterby on Tuesday, officials said."
    )
    thursday = (
        "The Vessa relief convoy reached the flooded town of Osterby on Thursday, police said."
    )
    story = link(
        [
            article("Strait Herald", "2031-05-09", undated, filler=0),
            article("Karsholm Post", "2031-05-09", tuesday, filler=2),
            article("Harbour Times", "2031-05-09", thursday, filler=4),
            article("Vessa Daily", "2031-05-09", reworded, filler=1),
        ]
    )
    told = {e.text for e in story.claim_of(tuesday).evidence}
    assert {undated, reworded} <= told
    assert thursday not in told
