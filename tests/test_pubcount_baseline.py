"""The publication-count baseline's ledes: a sentence, not a headline line split off it."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from storyline.model import Annotation, Article, Published, Sentence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from pubcount import timeline

HEADLINE = "Harbour cranes halted by the strike in Velmora"
LEDE = "Dock workers in Velmora stopped every crane on Tuesday, the union said."


def _report(lines: list[str]) -> tuple[Article, Annotation]:
    text = "\n".join(lines)
    sentences, at = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(index=i, start=at, end=at + len(line), text=line))
        at += len(line) + 1
    art = Article(id="a1", text=text, published=Published(date="2031-05-06"))
    return art, Annotation(article="a1", sentences=sentences)


def _lede(lines: list[str]) -> list[str]:
    art, ann = _report(lines)
    got = timeline([art], [ann], ("2031-05-01", "2031-05-31"), 1, 1)
    return got[datetime.date(2031, 5, 6)]


def test_a_headline_line_split_off_the_lede_is_not_the_lede() -> None:
    assert _lede([HEADLINE, LEDE]) == [LEDE]


def test_a_report_of_headline_lines_only_still_gives_its_first_long_line() -> None:
    assert _lede([HEADLINE, "Cranes idle along the whole Velmora quay"]) == [HEADLINE]
