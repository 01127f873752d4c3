"""Who confirms a claim: the independent sources of its sentences, each telling counted once.

The claims stage keeps in a claim only the sentences that tell the fact of its text (its
most central sentence) themselves; of those, the sources counted are:

* a sentence that credits another of the story's sources ("told the Herald", "told the
  Associated Press") is that source's telling (``sources.relayed_source``);
* sentences that are one copy count once, however many sites carry it: the same words
  outside their quotes and any dateline, line by line (a syndicated column, agency copy
  rerun on another site, a photo caption one site repeats over its pages), for a line of
  ``COPY_WORDS`` words or more. Two reporters do not write a long line alike, while a quote
  told word for word by two outlets is two tellings of what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.link.sources import relayed_source

COPY_WORDS = 8  # words of a line (outside quotes) that make it a copy when another has them
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

    by_copy: dict[str, str] = {}
    for m, text in texts.items():
        for key in copy_keys(text):
            if key in by_copy:
                a, b = sorted((root(by_copy[key]), root(own[m])))
                parent[b] = a
            else:
                by_copy[key] = own[m]
    return sorted({root(s) for s in own.values()})
