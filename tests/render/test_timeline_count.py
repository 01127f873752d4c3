"""A timeline that shows a subset of the story's dated events says so and lists the rest."""

from __future__ import annotations

import msgspec

from storyline.model import Dossier, TimelineEntry
from storyline.render import to_html, to_markdown


def _with_rest(dossier: Dossier) -> tuple[Dossier, TimelineEntry]:
    shown = dossier.timeline[0]
    other = msgspec.structs.replace(
        shown, date="2031-02-27", text="Ferry crews at the harbour of Tessel voted to strike."
    )
    return msgspec.structs.replace(dossier, timeline_rest=[other]), other


def test_html_says_how_many_dated_events_it_shows_and_lists_the_others(dossier: Dossier) -> None:
    with_rest, _ = _with_rest(dossier)
    n = len(dossier.timeline)
    page = to_html(with_rest)
    assert f"{n} of {n + 1} dated events" in page
    details = page[page.index('<details class="timeline-rest">') :]
    assert (
        "Ferry crews at the harbour of Tessel voted to strike."
        in details[: details.index("</details>")]
    )
    assert "dated events" not in to_html(dossier)  # showing them all: nothing to say


def test_markdown_says_how_many_dated_events_it_shows_and_lists_the_others(
    dossier: Dossier,
) -> None:
    with_rest, _ = _with_rest(dossier)
    n = len(dossier.timeline)
    text = to_markdown(with_rest)
    assert f"The timeline shows {n} of {n + 1} dated events." in text
    assert "Ferry crews at the harbour of Tessel voted to strike." in text
    assert "dated events" not in to_markdown(dossier)
