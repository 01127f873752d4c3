"""The ledger as a reader sees it: every kind with its positions, and an entry the text
explains marked as noted rather than flagged (Markdown and HTML)."""

from __future__ import annotations

from storyline.render import to_html, to_markdown
from tests.builders import claim, conflict, ev
from tests.synthesize.test_changes import A1, B2, dossier

FIVE = "The rescue lasted five and a half hours, the coast guard said."
SEVEN = "The rescue lasted seven and a half hours, including the towing, the coast guard said."
MAY_4 = "The ferry caught fire on May 4."
MAY_3 = "The ferry caught fire on May 3."

CONFLICTS = [
    conflict(
        "hours (coast guard)",
        "quantity",
        [
            ("five and a half hours", [ev("a1", 2, FIVE)]),
            ("seven and a half hours", [ev("b2", 2, SEVEN)]),
        ],
        note="the larger figure (seven and a half hours) is told as including something more",
        explained=True,
    ),
    conflict(
        "when: The ferry caught fire on May 4.",
        "date",
        [
            ("2031-05-04 (May 4)", [ev("a1", 3, MAY_4)]),
            ("2031-05-03 (May 3)", [ev("b2", 3, MAY_3)]),
        ],
    ),
]


def _dossier():  # type: ignore[no-untyped-def]
    return dossier([A1, B2], [claim("c-fire", [ev("a1", 3, MAY_4), ev("b2", 3, MAY_3)])], CONFLICTS)


def test_markdown_shows_each_kind_and_marks_the_explained_entry() -> None:
    md = to_markdown(_dossier())
    assert "### hours (coast guard) (quantity; noted: both may hold)" in md
    assert "### when: The ferry caught fire on May 4. (date)" in md
    assert "noted" not in md.split("### when:")[1].split("\n")[0]
    for value in ("five and a half hours", "seven and a half hours", "2031-05-03 (May 3)"):
        assert f"**{value}**" in md


def test_html_marks_the_explained_entry_only() -> None:
    html = to_html(_dossier())
    assert html.count('class="conflict explained"') == 1
    assert html.count('class="conflict"') == 1
    assert "noted: both may hold" in html
