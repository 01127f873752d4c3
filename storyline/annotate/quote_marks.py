"""Quote marks, paired by a small state machine rather than a regular expression.

News text mixes straight and curly marks, leaves a quote open across paragraphs, and
sometimes closes one with an opening mark; ``quoted_spans`` pairs them all the same.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPENERS = {'"', "“", "„", "«"}
CLOSERS = {'"', "”", "»", "“"}
PARAGRAPH = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s*")
QUOTE_CHARS = '"“”„«» \t\n'


@dataclass
class Quoted:
    """One stretch between quote marks; ``open``/``close`` are the marks' offsets."""

    open: int
    close: int  # offset of the closing mark, or the paragraph end when it runs on
    tokens: list[Token] = field(default_factory=list)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open mark, close mark) offsets of each quoted stretch of ``text``.

    A quote left open at a paragraph end counts only when the next paragraph
    opens a quote again (the newspaper convention for a quote running on).
    """
    out: list[tuple[int, int]] = []
    # A text with no blank line holds a paragraph (or a sentence) a line: there a quote still
    # open at a line end that the next line opens again is the running-on convention.
    by_line = PARAGRAPH.search(text) is None
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)] + [(len(text), len(text))]
    p = 0
    opened: int | None = None
    i = 0
    while i < len(text):
        if i >= paragraphs[p][0]:
            if opened is not None:
                # The next paragraph's first character, without copying the text's rest.
                nxt = _SPACES.match(text, paragraphs[p][1]).end()  # type: ignore[union-attr]
                if text[nxt : nxt + 1] in OPENERS:
                    out.append((opened, paragraphs[p][0]))
            opened = None
            i = paragraphs[p][1]
            p += 1
            continue
        ch = text[i]
        if ch == "\n" and by_line and opened is not None and text[i:].lstrip()[:1] in OPENERS:
            out.append((opened, i))
            opened = None
        elif opened is None and ch in OPENERS:
            opened = i
        elif (
            opened is None
            and ch == "”"
            and (i == 0 or text[i - 1].isspace())
            and text[i + 1 : i + 2].isalpha()
        ):
            opened = i  # a closing mark used to open: `”word`
        elif opened is not None and ch in CLOSERS:
            out.append((opened, i))
            opened = None
        i += 1
    return out


def tokens_between(doc: Doc, lo: int, hi: int) -> list[Token]:
    """Tokens that start at an offset in [lo, hi)."""
    if lo >= hi:
        return []
    span = doc.char_span(lo, hi, alignment_mode="expand")
    return [] if span is None else [t for t in span if lo <= t.idx < hi]


def inside(tok: Token, spans: list[Quoted]) -> bool:
    """Whether ``tok`` lies within one of ``spans`` (in text order and apart, as
    ``quoted_spans`` gives them): a binary search, as a long report holds thousands."""
    i = bisect.bisect_right(spans, tok.idx, key=lambda q: q.open) - 1
    return i >= 0 and tok.idx <= spans[i].close
