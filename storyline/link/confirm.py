"""Who confirms a claim: the independent sources whose sentences tell the claim's own fact.

A claim groups sentences that tell one fact with most of its first members, so a sentence
on the edge of a claim (a related fact that shares words and a day: "the Arab League
called for a no-fly zone" beside "the Security Council imposed a no-fly zone") can sit in
it. Grouping may keep it (the claim still points at related telling), but a confirmation is
what a fact-checker quotes, so a source counts only when one of its sentences tells the
fact of the claim's core, its most central sentence (the claim's text), itself:

* the pair test of the claims stage holds between the two sentences (not only with half of
  the claim's first members);
* the same figure is not given for two scopes ("13 cases in the UK" / "the total in
  London to 13");
* the two sentences are not one copy: a sentence word for word the same outside its
  quotes (a syndicated column, agency copy rerun on another site) is one telling, however
  many pages carry it;
* a sentence that credits another of the story's sources ("told the Herald") is that
  source's telling (``sources.relayed_source``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.link.sources import relayed_source

# A sentence this many words long or more, the same word for word outside its quotes as
# another, is one copy of it: two reporters do not write a long sentence alike.
COPY_WORDS = 8
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
# An agency's dateline run into the sentence ("AP NEW ORLEANS --", "HOUSTON (Reuters) -"):
# the place, the brackets and the dash are the page's, not the telling's.
_DATELINE = re.compile(
    r"^(?:[A-Z]{2,}\s+)?(?:[A-Z][A-Z.'’-]+,?\s+)+(?:[A-Z][a-z]{1,4}\.?\s+)?"
    r"(?:(?:\(|-LRB-\s*)[A-Za-z]+(?:\)|\s*-RRB-)\s*)?(?:--|—|–|-)\s+"
)


def copy_key(text: str) -> str | None:
    """The words a sentence tells outside its quotes and any dateline, lowercased, when
    there are ``COPY_WORDS`` or more of them (else None: too short to tell a copy)."""
    words = _WORDS.findall(_QUOTED.sub(" ", _DATELINE.sub("", text)).lower())
    return " ".join(words) if len(words) >= COPY_WORDS else None


def confirmers(texts: dict[int, str], source_of: Callable[[int], str], known: set[str]) -> list[str]:
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
        key = copy_key(text)
        if key is None:
            continue
        if key in by_copy:
            a, b = sorted((root(by_copy[key]), root(own[m])))
            parent[b] = a
        else:
            by_copy[key] = own[m]
    return sorted({root(s) for s in own.values()})
