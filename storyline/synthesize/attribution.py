"""One statement, attributed to different speakers by different sources.

Quotes are grouped by ``quotes.collect_quotes``: the same words with agreeing speakers
(the same entity, one unknown, or a person speaking for their organisation) are one
quote. Two groups left with the same words and speakers that do not agree are an
attribution conflict: each position is one speaker, with the sentences that attribute
the words to them. Short quotes ("We will rebuild") are left out: different people say
them independently; and so is a person against an organisation (a minister's words
given to "the ministry" is the ministry speaking through her, even where the text gives
no title that says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

import numpy as np

from storyline.model import Conflict, Entity, Position, QuoteEntry
from storyline.synthesize.quotes import quote_words, same_speaker, same_words_table

MIN_WORDS = 6  # distinct words a quote needs before two speakers of it are a dispute
ABOUT_CHARS = 90
_BLOCK = 256  # rows of quotes compared at once with all later ones


def find_attribution_conflicts(
    quotes: Sequence[QuoteEntry],
    entities: Sequence[Entity],
    source_of: Callable[[str], str],
    translated: Sequence[tuple[int, int]] = (),
) -> list[Conflict]:
    """``translated``: pairs of ``quotes`` (indices) in two languages that translate each
    other (``quotes.translated_pairs``), one statement as much as the same words are."""
    by_id = {e.id: e for e in entities}
    # Only quoted words can be one statement: a paraphrase ("he said he did not want to
    # go") gives a view in the reporter's words, which another speaker may share.
    kept = [k for k, q in enumerate(quotes) if q.speaker_entity and q.direct]
    kept = [k for k in kept if len(quote_words(quotes[k].text)) >= MIN_WORDS]
    known = [quotes[k] for k in kept]
    words = [quote_words(q.text) for q in known]
    from scipy.cluster.hierarchy import DisjointSet

    joined = DisjointSet(range(len(known)))
    at = {k: n for n, k in enumerate(kept)}
    across = [(at[i], at[j]) for i, j in translated if i in at and j in at]
    told = [_told(q.text) for q in known]
    alike = [(i, j) for i, j in _same_pairs(words) if _one_run(told[i], told[j])]
    for i, j in [*alike, *across]:
        a, b = known[i], known[j]
        if (
            not same_speaker(a.speaker_entity, b.speaker_entity, by_id)
            and not _person_and_body(a.speaker_entity, b.speaker_entity, by_id)
            and not {e.article for e in a.evidence} & {e.article for e in b.evidence}
        ):
            joined.merge(i, j)
    groups: dict[int, list[QuoteEntry]] = {}
    for i, q in enumerate(known):
        groups.setdefault(joined[i], []).append(q)
    conflicts = []
    for members in groups.values():
        speakers: dict[str, list[QuoteEntry]] = {}
        for q in members:
            speakers.setdefault(q.speaker_entity or "", []).append(q)
        sources = {source_of(e.article) for q in members for e in q.evidence}
        if len(speakers) < 2 or len(sources) < 2:
            continue
        longest = max(members, key=lambda q: len(q.text)).text
        text = longest if len(longest) <= ABOUT_CHARS else longest[: ABOUT_CHARS - 1] + "…"
        conflicts.append(
            Conflict(
                about=f"who said “{text}”",
                kind="attribution",
                positions=[
                    Position(
                        value=by_id[eid].name if eid in by_id else (qs[0].speaker or eid),
                        evidence=[e for q in qs for e in q.evidence],
                    )
                    for eid, qs in speakers.items()
                ],
            )
        )
    return conflicts


def _told(text: str) -> list[str]:
    """A quote's words as written, in order (case folded, punctuation dropped)."""
    return re.findall(r"\w+(?:['’]\w+)*", text.casefold())


def _one_run(a: list[str], b: list[str]) -> bool:
    """Whether two quotes share a run of ``MIN_WORDS`` words as written, or the shorter
    whole: one statement quoted more or less fully. Quotes that only share words in
    other orders or forms ("doing what's in his best interest" / "from doing what is in
    his best interests") are two statements on one subject, as a wrong dispute is worse
    than a missed one."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match()
    return match.size >= min(MIN_WORDS, len(a), len(b))


def _person_and_body(a: str | None, b: str | None, by_id: dict[str, Entity]) -> bool:
    """One speaker is a person, the other an organisation or place: most often the
    organisation speaking through that person, whose title the text may not give."""
    kinds = {by_id[e].type == "PERSON" for e in (a, b) if e in by_id}
    return kinds == {True, False}


def _same_pairs(words: list[set[str]]) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of quotes with the same words (``quotes.same_words``).

    A big story holds thousands of quotes, and the common words of speech link most
    of them: the shared words of every pair are counted with sparse matrix products,
    a block of rows at a time, instead of pair by pair.
    """
    from scipy import sparse

    n = len(words)
    vocab: dict[str, int] = {}
    cols = [vocab.setdefault(w, len(vocab)) for ws in words for w in ws]
    indptr = np.cumsum([0, *(len(ws) for ws in words)])
    table = sparse.csr_matrix(
        (np.ones(len(cols), np.float32), cols, indptr), shape=(n, max(1, len(vocab)))
    )
    sizes = np.array([len(ws) for ws in words], dtype=np.int64)
    out: list[tuple[int, int]] = []
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        both = (table[start:stop] @ table[start:].T).toarray()
        same = same_words_table(both, sizes[start:stop], sizes[start:])
        same &= np.arange(stop - start)[:, None] < np.arange(n - start)[None, :]
        for i, j in zip(*np.nonzero(same), strict=True):
            out.append((start + int(i), start + int(j)))
    return out
