"""Quotes by speaker: the same words told by several outlets are one quote.

Two quotes are one when most of their words agree, a word agreeing with another that
shares its first six letters: translations of one statement often pick another form of
a word ("substantive" / "substantial").  Their speakers must agree too: the same
entity, one unknown, or an organisation and a person whose title names it (a statement
of "the State Department" and the words of its spokesperson).  Where an outlet says the
words were given ("in a statement") is kept with the quote as its ``channel``.
A quote and its translation into another language are one quote too: the same known
speaker, and sentences the multilingual encoder finds alike (``_translations``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.model import Annotation, Entity, Evidence, Mention, QuoteEntry

_WORD = re.compile(r"\w+")
SAME_QUOTE = 0.6
# Cosine of two sentences' multilingual vectors above which two quotes of one speaker in
# two languages are one translated (the measure: one sentence in English, Spanish
# and French 0.84-0.90, unrelated 0.07-0.36).
SAME_TRANSLATION = 0.75
_BLOCK = 512  # entries compared at once with all others
_PART = 4  # words a quoted part needs to be taken for a part of a longer quote


_STEM = 6  # letters two forms of one word share: "substantive" / "substantial"


def _words(text: str) -> set[str]:
    return {w.lower()[:_STEM] for w in _WORD.findall(text)}


def collect_quotes(
    annotations: Sequence[Annotation],
    entities: Sequence[Entity],
    mention_entity: dict[str, str],
    language: Mapping[str, str] | None = None,
) -> list[QuoteEntry]:
    alias_entity: dict[str, str] = {}
    # People first: a name that is both a person's and an organisation's is the person's.
    for e in sorted(entities, key=lambda e: e.type != "PERSON"):
        for alias in [e.name, *e.aliases]:
            alias_entity.setdefault(alias.lower(), e.id)
    by_id = {e.id: e for e in entities}
    entries: list[tuple[QuoteEntry, set[str]]] = []
    told = [(ann, q, _words(q.text)) for ann in annotations for q in ann.quotes if q.text.strip()]
    index = _Candidates([words for _, _, words in told])
    for ann, q, words in told:
        speaker_entity = _speaker_entity(q.speaker, ann, mention_entity, alias_entity)
        ev = [
            Evidence(article=ann.article, sentence=i, text=ann.sentences[i].text)
            for i in q.sentences or [q.sentence]
        ]
        for k in index.of(words):  # the first earlier entry it is one quote with
            entry, ewords = entries[k]
            if (
                entry.direct == q.direct
                and _same(words, ewords)
                and _same_speaker(entry.speaker_entity, speaker_entity, by_id)
            ):
                entry.evidence.extend(e for e in ev if e not in entry.evidence)
                if entry.direct and words > ewords:
                    entry.text = q.text  # the fullest telling of the quote
                    ewords |= words
                    index.add(k, ewords)
                if _prefer(speaker_entity, entry.speaker_entity, by_id):
                    entry.speaker_entity, entry.speaker = speaker_entity, q.speaker
                entry.channel = entry.channel or q.channel
                break
        else:
            index.add(len(entries), words)
            entries.append(
                (
                    QuoteEntry(
                        speaker=q.speaker,
                        speaker_entity=speaker_entity,
                        text=q.text,
                        direct=q.direct,
                        evidence=ev,
                        channel=q.channel,
                    ),
                    words,
                )
            )
    out = _translations(annotations, [e for e, _ in entries], language or {})
    out.sort(key=lambda e: (e.speaker_entity or "~", -len(e.evidence), e.text))
    return out


def _translations(
    annotations: Sequence[Annotation], entries: list[QuoteEntry], language: Mapping[str, str]
) -> list[QuoteEntry]:
    """Entries that translate each other made one: the same known speaker, both direct or
    both reported, told in no language in common, their sentences' multilingual vectors at
    least ``SAME_TRANSLATION`` alike. The entry kept is the English one where there is one."""

    def tongues(entry: QuoteEntry) -> set[str]:
        return {language.get(ev.article, "") for ev in entry.evidence}

    gone: set[int] = set()
    for i, j in translated_pairs(entries, annotations, language, SAME_TRANSLATION):
        a, b = entries[i], entries[j]
        if i in gone or j in gone or a.speaker_entity is None or tongues(a) & tongues(b):
            continue  # (the languages of an entry grow as it takes its translations)
        if b.speaker_entity != a.speaker_entity or b.direct != a.direct:
            continue
        if "en" in tongues(b) and "en" not in tongues(a):
            (i, a), (j, b) = (j, b), (i, a)  # the English telling keeps its text
        a.evidence.extend(e for e in b.evidence if e not in a.evidence)
        a.channel = a.channel or b.channel
        gone.add(j)
    return [e for k, e in enumerate(entries) if k not in gone]


def translated_pairs(
    entries: Sequence[QuoteEntry],
    annotations: Sequence[Annotation],
    language: Mapping[str, str],
    threshold: float,
) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of entries told in no language in common whose first
    sentences' vectors are at least ``threshold`` alike (most alike first); none in a story
    told in one language."""
    if len(set(language.values())) < 2:
        return []
    vectors = {a.article: a.vectors() for a in annotations}
    rows: list[int] = []
    found: list[np.ndarray] = []
    for k, entry in enumerate(entries):
        ev = entry.evidence[0]
        v = vectors.get(ev.article)
        if v is None or not v.shape[1] or ev.sentence >= len(v) or not v[ev.sentence].any():
            continue
        if not found or len(v[ev.sentence]) == len(found[0]):
            rows.append(k)
            found.append(v[ev.sentence])
    if len(rows) < 2:
        return []
    matrix = np.vstack(found)
    tongues = [{language.get(ev.article, "") for ev in entries[k].evidence} for k in rows]
    pairs: list[tuple[float, int, int]] = []
    for start in range(0, len(rows), _BLOCK):
        alike = matrix[start : start + _BLOCK] @ matrix.T
        for i, j in zip(*np.nonzero(alike >= threshold), strict=True):
            a, b = start + int(i), int(j)
            if a < b and not tongues[a] & tongues[b]:
                pairs.append((-float(alike[i, j]), rows[a], rows[b]))
    return [(i, j) for _, i, j in sorted(pairs)]


class _Candidates:
    """The entries a quote may be one quote with (``_same``), without comparing it with
    every entry: a story of a thousand articles holds thousands of quotes.

    Two word sets are the same quote only when at least 60% of the smaller one's words
    are in the other (a part held whole is 100%), so at most 40% of them are missing:
    any ``floor(0.4 n) + 1`` of the smaller one's ``n`` words hold one the other has.
    Each set's first such words (rarest first, in one order fixed for the story) are its
    *prefix*; a pair that may be one quote shares a word in one of their prefixes. The
    index maps each word to the entries holding it, and to those with it in their
    prefix; ``of`` gives the entries in the order they were made, so that the first
    that matches is the one a scan over every entry finds.
    """

    def __init__(self, told: Sequence[set[str]]) -> None:
        df = Counter(w for ws in told for w in ws)
        self._rank = {w: (df[w], w) for w in df}
        self._holding: dict[str, set[int]] = defaultdict(set)
        self._leading: dict[str, set[int]] = defaultdict(set)

    def _prefix(self, words: set[str]) -> list[str]:
        # +2, not +1: a margin over the rounding of the 60% test
        return sorted(words, key=self._rank.__getitem__)[: int(0.4 * len(words)) + 2]

    def add(self, entry: int, words: set[str]) -> None:
        """Index ``entry`` under ``words`` (again, when its words grew)."""
        for w in words:
            self._holding[w].add(entry)
        for w in self._prefix(words):
            self._leading[w].add(entry)

    def of(self, words: set[str]) -> list[int]:
        found: set[int] = set()
        for w in self._prefix(words):
            found |= self._holding.get(w, set())
        for w in words:
            found |= self._leading.get(w, set())
        return sorted(found)


def _same(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    shorter, longer = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
    if shorter < _PART and shorter / longer < 0.4:
        return False  # too short to be a part, too unlike in size to be the same
    both = len(a & b)
    if both == shorter and shorter >= _PART:
        return True  # a part of the quote, told by an outlet that quoted less of it
    return both / shorter >= SAME_QUOTE and both / longer >= 0.4


def same_words_table(both: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``_same`` for a whole table of pairs at once: ``both[i, j]`` words shared by a
    set of ``rows[i]`` words and one of ``cols[j]``."""
    both = both.astype(np.float64)
    shorter = np.minimum(rows[:, None], cols[None, :]).astype(np.float64)
    longer = np.maximum(rows[:, None], cols[None, :]).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        part = (both == shorter) & (shorter >= _PART)
        close = (both / shorter >= SAME_QUOTE) & (both / longer >= 0.4)
    return (shorter > 0) & (part | close)


def _speaker_entity(
    speaker: str | None,
    ann: Annotation,
    mention_entity: dict[str, str],
    alias_entity: dict[str, str],
) -> str | None:
    if not speaker:
        return None

    def entity(m: Mention) -> str | None:
        return mention_entity.get(f"{ann.article}:{m.start}")

    people = sorted(ann.mentions, key=lambda m: m.label != "PERSON")  # a person's mention first
    exact = [entity(m) for m in people if m.text == speaker]
    if any(exact):
        return next(e for e in exact if e)
    known = alias_entity.get(speaker.lower())
    if known:
        return known
    for m in people:  # "the Harbour Board" / "Harbour Board"; "Roe" / "Jane Roe"
        if speaker.endswith(" " + m.text) or m.text.endswith(" " + speaker):
            eid = entity(m)
            if eid:
                return eid
    return alias_entity.get(speaker.lower())


def _same_speaker(a: str | None, b: str | None, by_id: dict[str, Entity]) -> bool:
    if a == b or a is None or b is None:
        return True
    ea, eb = by_id.get(a), by_id.get(b)
    if ea is None or eb is None:
        return False
    return _speaks_for(ea, eb) or _speaks_for(eb, ea)


def _speaks_for(person: Entity, org: Entity) -> bool:
    """True when ``person``'s title names ``org`` ("State Department spokesman")."""
    if person.type != "PERSON" or org.type == "PERSON":
        return False
    titles = " ".join(person.titles).lower()
    return any(
        len(name.split()) > 1 and name.lower() in titles for name in [org.name, *org.aliases]
    ) or any(
        " ".join(name.lower().split()[1:]) in titles
        for name in [org.name, *org.aliases]
        if len(name.split()) > 2  # "US State Department" -> "State Department"
    )


def _prefer(new: str | None, old: str | None, by_id: dict[str, Entity]) -> bool:
    """The speaker an entry keeps: a known one over none, a person over their organisation."""
    if new is None:
        return False
    if old is None:
        return True
    return new != old and by_id.get(new) is not None and by_id[new].type == "PERSON"


# What the attribution ledger (``attribution.py``) needs to tell one quote told with two
# different speakers: the same words, by this module's rule, and speakers that disagree.
quote_words = _words
same_words = _same
same_speaker = _same_speaker
