"""Outlets from every cue the text gives, on the first lines as well as at the ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.model import Article


def _read(tmp_path: Path, text: str) -> Article:
    (tmp_path / "r.txt").write_text(text)
    found = [a for a in read_inputs([tmp_path]) if isinstance(a, Article)]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize(
    ("text", "outlet", "gone"),
    [
        (  # a tokenized dateline behind two lines of page furniture
            "Watch the evening show at 8 .\nSee the latest pictures from the harbour\n"
            "Amberley , Norland -LRB- NWA -RRB- -- The ferry line reopened on Monday .\n"
            "Passengers queued for hours .",
            "NWA",
            "-LRB- NWA -RRB-",
        ),
        (  # a dateline after a time stamp on its line
            "AMBERLEY | Mon Mar 3 , 2031 4:08 am EDT AMBERLEY (Reuters) - The ferry line "
            "reopened on Monday.\nPassengers queued for hours.",
            "Reuters",
            "(Reuters)",
        ),
        (  # a staff byline on the first line
            "By the Valley Post Wire Staff The ferry line reopened on Monday.\n"
            "Passengers queued for hours.",
            "Valley Post",
            "Wire Staff",
        ),
        (  # a byline naming an outlet, on the second line
            "Ferry line reopens\nBy Ada Lind, Valley Post\nThe ferry line reopened on Monday.\n"
            "Passengers queued for hours.",
            "Valley Post",
            "Ada Lind",
        ),
        (  # a trailing agency tag: the copy is the agency's
            "The ferry line reopened on Monday.\nPassengers queued for hours./AFP",
            "AFP",
            "/AFP",
        ),
    ],
)
def test_the_outlet_is_read_from_the_first_lines_and_the_cue_is_cut(
    tmp_path: Path, text: str, outlet: str, gone: str
) -> None:
    article = _read(tmp_path, text)
    assert article.outlet == outlet
    assert gone not in article.text
    assert "The ferry line reopened on Monday" in article.text


def test_a_dateline_after_highlights_keeps_the_highlights_and_credits_the_outlet(
    tmp_path: Path,
) -> None:
    highlight = "Ferry line to reopen. Unions agree to a new timetable"
    article = _read(
        tmp_path,
        f"{highlight} Amberley -LRB- NWA -RRB- -- The ferry line reopened on Monday .\nMore .",
    )
    assert article.outlet == "NWA"
    assert highlight in article.text and "-LRB-" not in article.text


def test_a_contributor_line_names_the_outlet_when_nothing_else_does(tmp_path: Path) -> None:
    article = _read(
        tmp_path,
        "The ferry line reopened on Monday.\nValley Post's Ada Lind contributed to this report.\n"
        "Comments are closed.",
    )
    assert article.outlet == "Valley Post"


def test_a_byline_naming_no_outlet_on_a_later_line_gives_none(tmp_path: Path) -> None:
    article = _read(
        tmp_path,
        "Ferry line reopens\nBy Ada Lind, Amberley\nThe ferry line reopened on Monday.\nMore.",
    )
    assert article.outlet is None


def test_an_abbreviation_spelt_out_before_it_is_no_dateline(tmp_path: Path) -> None:
    article = _read(
        tmp_path,
        "Harbour repairs begin\nThe repairs fall under the Coastal Damage Review "
        "-LRB- CDR -RRB- -- a process that takes years .\nMore .",
    )
    assert article.outlet is None and article.credits == []
