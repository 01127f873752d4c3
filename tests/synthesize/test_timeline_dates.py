"""Date selection: what a chronology written early in a long story may decide."""

from __future__ import annotations

from storyline.model import Event, Evidence
from storyline.synthesize.timeline import build_timeline
from storyline.synthesize.timeline.dates import listed_reach, ranked_dates


def _event(date: str, text: str, *articles: str) -> Event:
    return Event(
        date=date,
        granularity="day",
        status="occurred",
        text=text,
        evidence=[Evidence(article=a, sentence=0, text=text) for a in articles],
    )


# A ten-month harbour dispute: a chronology published in its second month lists four
# days of the first month; the later months have their own busy days.
LISTED = {"2031-01-05": 1.0, "2031-01-12": 1.0, "2031-01-19": 1.0, "2031-01-26": 1.0}
PUBLISHED_DAYS = [f"2031-{m:02d}-{d:02d}" for m in range(1, 11) for d in (3, 17)]


def test_an_early_chronology_fills_only_its_share_of_a_long_storys_timeline() -> None:
    later = {f"2031-{m:02d}-17": 10.0 + m for m in range(2, 11)}  # busy days of later months
    scores = {**{d: 1.0 for d in LISTED}, **later}
    assert listed_reach(LISTED, PUBLISHED_DAYS) == 0.1  # 2 of 20 publication days
    ranked = ranked_dates(scores, LISTED, slots=6, published=PUBLISHED_DAYS)
    # one slot of six for the chronology (a tenth, rounded up), five for the later months
    assert ranked[:6] == ["2031-01-05", *sorted(later, key=lambda d: -later[d])[:5]]
    # Without the timeline's length, every listed day still comes first.
    assert ranked_dates(scores, LISTED)[:4] == sorted(LISTED)


def test_a_chronology_written_at_the_end_of_the_story_keeps_every_slot() -> None:
    listed = {**LISTED, "2031-10-17": 1.0}  # the last chronology reaches the story's end
    scores = {d: 1.0 for d in listed} | {"2031-06-17": 50.0}
    assert listed_reach(listed, PUBLISHED_DAYS) == 1.0
    assert set(ranked_dates(scores, listed, slots=5, published=PUBLISHED_DAYS)[:5]) == set(listed)


def test_the_dossier_timeline_of_a_long_story_is_not_all_first_month() -> None:
    texts = {
        "2031-01-05": "Dockers at Tessel walked out over night shifts.",
        "2031-01-12": "The Tessel harbour authority closed the port to ferries.",
        "2031-01-19": "Ferry passengers were sent on to Varn by coach.",
        "2031-01-26": "Talks between the dockers and the authority opened in Varn.",
        "2031-06-17": "The dockers of Tessel voted to accept the new shift rota.",
        "2031-09-17": "The port of Tessel reopened to ferries after eight months.",
    }
    events = [_event(d, t, f"r{i}") for i, (d, t) in enumerate(texts.items())]
    published = {f"p{i}": day for i, day in enumerate(PUBLISHED_DAYS)}
    # Ten reports each look back to the vote and to the reopening.
    published |= {f"late{i}": "2031-10-17" for i in range(10)}
    refs = {f"late{i}": frozenset({"2031-06-17", "2031-09-17"}) for i in range(10)}
    timeline = build_timeline(
        events, str, published=published, references=refs, listed=LISTED, dates=3, per_date=1
    )
    # The chronology's reach is 2 of 20 days: one of three slots; the vote and the
    # reopening that reports keep coming back to take the rest.
    assert [e.date for e in timeline] == ["2031-01-05", "2031-06-17", "2031-09-17"]
