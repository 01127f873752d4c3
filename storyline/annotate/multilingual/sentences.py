"""Sentences of a report in a language other than English.

Split by sentencex (Wikimedia's rule-based segmenter, ~300 languages, pure Python),
inside each line, and then mended where it cut too early: after an honorific of the
language ("M. | Morel", "Dhr. | Jansen"), after an initial ("J. | Smit"), or before a
sentence that starts in lower case ("2,5 mln. | euro"). Offsets index the text.

A line break ends a sentence unless the next line starts in lower case (a hard-wrapped
paragraph): news copy puts a headline, a "X writes:" or a chronology's entry on a line
of its own without a full stop, and sentencex, given the paragraph, runs such a line into
the next sentence and leaves a line that opens with a dash ("- 11 fév: ...") unsplit.
"""

from __future__ import annotations

import re

from storyline.languages.words import WORDS
from storyline.model import Sentence

_PARAGRAPH = re.compile(r"\n\s*\n")
_INITIAL = re.compile(r"(?:^|\s)\w\.$")
_LAST_WORD = re.compile(r"(\S+)$")
_BULLETS = str.maketrans({c: "-" for c in "•▪◦‣⁃●■"})


def split_sentences(text: str, language: str) -> list[Sentence]:
    """The sentences of ``text``, never crossing a paragraph break."""
    import sentencex

    honorifics = WORDS[language].honorifics if language in WORDS else frozenset()
    spans: list[tuple[int, int]] = []
    # sentencex stops splitting a paragraph at a bullet ("•", "▪"): read it as a dash,
    # character for character, so that offsets hold.
    plain = text.translate(_BULLETS)
    start = 0
    for paragraph in _blocks(text):
        at = text.index(paragraph, start) if paragraph else start
        start = at + len(paragraph)
        pos = at
        pieces: list[tuple[int, int]] = []
        for piece in sentencex.segment(language, paragraph.translate(_BULLETS)):
            stripped = piece.strip()
            if not stripped:
                continue
            s = plain.index(stripped, pos)
            pieces.append((s, s + len(stripped)))
            pos = s + len(stripped)
        spans.extend(_mended(text, pieces, honorifics))
    return [Sentence(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(spans)]


def _blocks(text: str) -> list[str]:
    """The stretches of ``text`` read apart: its lines, a line that starts in lower case
    joined to the one before it (see the docstring)."""
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        for line in paragraph.split("\n"):
            first = next((c for c in line if c.isalnum()), "")
            if out and out[-1] and first.islower():
                out[-1] += "\n" + line
            else:
                out.append(line)
        out.append("")  # a paragraph break: nothing is joined across it
    return out


def _mended(
    text: str, pieces: list[tuple[int, int]], honorifics: frozenset[str]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out and _cut_too_early(text[out[-1][0] : out[-1][1]], text[s:e], honorifics):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _cut_too_early(before: str, after: str, honorifics: frozenset[str]) -> bool:
    last = _LAST_WORD.search(before)
    word = last.group(1).lower() if last else ""
    return (
        word in honorifics
        or bool(_INITIAL.search(before))
        or (after[:1].islower() and before.endswith("."))
    )
