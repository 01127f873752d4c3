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

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence

from storyline.model import Conflict, Entity, Position, QuoteEntry
from storyline.synthesize.quotes import quote_words, same_speaker, same_words

MIN_WORDS = 6  # distinct words a quote needs before two speakers of it are a dispute
ABOUT_CHARS = 90


def find_attribution_conflicts(
    quotes: Sequence[QuoteEntry],
    entities: Sequence[Entity],
    source_of: Callable[[str], str],
) -> list[Conflict]:
    by_id = {e.id: e for e in entities}
    known = [q for q in quotes if q.speaker_entity and len(quote_words(q.text)) >= MIN_WORDS]
    words = [quote_words(q.text) for q in known]
    parent = list(range(len(known)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(words):
        a, b = known[i], known[j]
        if (
            same_words(words[i], words[j])
            and not same_speaker(a.speaker_entity, b.speaker_entity, by_id)
            and not _person_and_body(a.speaker_entity, b.speaker_entity, by_id)
            and not {e.article for e in a.evidence} & {e.article for e in b.evidence}
        ):
            parent[find(i)] = find(j)
    groups: dict[int, list[QuoteEntry]] = {}
    for i, q in enumerate(known):
        groups.setdefault(find(i), []).append(q)
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


def _person_and_body(a: str | None, b: str | None, by_id: dict[str, Entity]) -> bool:
    """One speaker is a person, the other an organisation or place: most often the
    organisation speaking through that person, whose title the text may not give."""
    kinds = {by_id[e].type == "PERSON" for e in (a, b) if e in by_id}
    return kinds == {True, False}


def _candidates(words: list[set[str]]) -> Iterator[tuple[int, int]]:
    """Pairs of quotes that may share enough words, without comparing all pairs.

    Two quotes are one when at least 60% of the smaller one's words and 40% of the
    larger one's are shared (``quotes.same_words``), or one holds the other: so at most
    40% of the smaller one's ``n`` words are missing from the other, and it shares a word
    with the other among any ``floor(0.4 n) + 1`` of its words (its rarest are taken,
    and one more as a margin over the rounding of the 60% test). Each quote looks up
    only those in an index of words to quotes.
    """
    df = Counter(w for ws in words for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            index[w].append(i)
    seen: set[tuple[int, int]] = set()
    for i, ws in enumerate(words):
        rarest = sorted(ws, key=lambda w: (df[w], w))[: math.floor(0.4 * len(ws)) + 2]
        for w in rarest:
            for j in index[w]:
                pair = (min(i, j), max(i, j))
                if i != j and pair not in seen:
                    seen.add(pair)
                    yield pair
