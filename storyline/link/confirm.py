"""Who confirms a claim: the independent sources of its sentences, each telling counted once.

The claims stage keeps in a claim only the sentences that tell the fact of its text (its
most central sentence) themselves; of those, the sources counted are:

* a sentence that credits another of the story's sources ("told the Herald", "told the
  Associated Press") is that source's telling (``sources.relayed_source``);
* sentences that are one copy count once, however many sites carry it: the same words
  outside their quotes and any dateline, line by line (a syndicated column, agency copy
  rerun on another site, a photo caption one site repeats over its pages), for a line of
  ``COPY_WORDS`` words or more. Two reporters do not write a long line alike, while a quote
  told word for word by two outlets is two tellings of what was said;
* so do a long line and its lightly edited copy (an agency's line rerun with a word or two
  added: "U.S. Secretary of State ..." for "Secretary of State ..."): lines of
  ``NEAR_COPY_WORDS`` words or more whose word sequences match at ``NEAR_COPY_RATIO`` or more
  (``difflib``'s ratio over the words outside quotes and datelines). A quotation whose
  marks lie outside the sentence reads as the line's own words, so two outlets' tellings
  of it may count once: the count errs low, never high.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from storyline.link.sources import relayed_source

COPY_WORDS = 8  # words of a line (outside quotes) that make it a copy when another has them
# A line this long whose words match another's at this ratio is an edited copy of it (round
# values, not tuned: two reporters' own lines of 15 words share far less than 90% in order).
NEAR_COPY_WORDS = 15
NEAR_COPY_RATIO = 0.9
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
# An agency's dateline run into the sentence ("AP NEW ORLEANS --", "HOUSTON (Reuters) -"):
# the place, the brackets and the dash are the page's, not the telling's.
_DATELINE = re.compile(
    r"^(?:[A-Z]{2,}\s+)?(?:[A-Z][A-Z.'’-]+,?\s+)+(?:[A-Z][a-z]{1,4}\.?\s+)?"
    r"(?:(?:\(|-LRB-\s*)[A-Za-z]+(?:\)|\s*-RRB-)\s*)?(?:--|—|–|-)\s+"
)


def copy_keys(text: str) -> set[str]:
    """The words of each line of a sentence outside its quotes and any dateline, lowercased,
    for the lines of ``COPY_WORDS`` words or more (a text copy may run a page's caption and
    the report's first line into one sentence: each line is a copy on its own)."""
    keys = set()
    for line in text.split("\n"):
        words = _WORDS.findall(_QUOTED.sub(" ", _DATELINE.sub("", line.strip())).lower())
        if len(words) >= COPY_WORDS:
            keys.add(" ".join(words))
    return keys


def confirmers(
    texts: dict[int, str], source_of: Callable[[int], str], known: set[str]
) -> list[str]:
    """The independent sources (sorted) of the sentences ``texts`` (member -> text) of one
    claim: a sentence crediting another of the story's ``known`` sources is that source's
    telling, and sentences that are one copy count once, under the first name in sort order."""
    own = {m: relayed_source(text, source_of(m), known) for m, text in texts.items()}
    parent: dict[str, str] = {s: s for s in own.values()}

    def root(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    def join(x: str, y: str) -> None:
        a, b = sorted((root(x), root(y)))
        parent[b] = a

    by_copy: dict[str, str] = {}
    long_lines: list[tuple[list[str], str]] = []
    for m, text in texts.items():
        for key in copy_keys(text):
            if key in by_copy:
                join(by_copy[key], own[m])
            else:
                by_copy[key] = own[m]
            words = key.split()
            if len(words) >= NEAR_COPY_WORDS:
                long_lines.append((words, own[m]))
    for i, (words, source) in enumerate(long_lines):
        for other, other_source in long_lines[i + 1 :]:
            if root(source) != root(other_source) and _near_copy(words, other):
                join(source, other_source)
    return sorted({root(s) for s in own.values()})


def _near_copy(a: list[str], b: list[str]) -> bool:
    match = SequenceMatcher(None, a, b, autojunk=False)
    # the two quick ratios are upper bounds of the ratio: most pairs stop there
    return (
        match.real_quick_ratio() >= NEAR_COPY_RATIO
        and match.quick_ratio() >= NEAR_COPY_RATIO
        and match.ratio() >= NEAR_COPY_RATIO
    )
