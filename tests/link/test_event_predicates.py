"""Dated events and verb meaning: contrary tellings are two events, paraphrases one."""

from __future__ import annotations

import pytest

from storyline.model import Event
from tests.link.test_claims import CONTRARY, PARAPHRASES
from tests.synthesize.fictional import Linked


def _event_of(story: Linked, text: str) -> Event | None:
    found = [e for e in story.links.events if any(ev.text == text for ev in e.evidence)]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(("a", "b"), CONTRARY)
def test_contrary_tellings_of_one_day_are_two_events(verbs: Linked, a: str, b: str) -> None:
    first, second = _event_of(verbs, a), _event_of(verbs, b)
    assert first is not None
    assert second is None or second is not first  # a denied telling dates no event
    assert b not in {ev.text for ev in first.evidence}


# Paraphrases the embeddings also join (the fifth is two events for other reasons).
@pytest.mark.parametrize(("a", "b"), PARAPHRASES[:4])
def test_one_event_told_with_other_verbs_stays_one(verbs: Linked, a: str, b: str) -> None:
    event = _event_of(verbs, a)
    assert event is not None and {a, b} <= {ev.text for ev in event.evidence}
