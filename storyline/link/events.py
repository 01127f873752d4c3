"""Dated events: a sentence with a calendar date, its status, merged across articles.

Each time expression with a calendar value (year, month or day) makes an event of
its sentence. Status comes from what the annotator read off the verb that governs
the date (``TimeExpr.tense``, ``modality``, ``negated``, ``cancelled``): a plan
called off, a plan, an expectation, a future tense; a negated past ("did not meet
on Monday") dates nothing. With no such reading, a date after the article's
publication date is a plan and one up to it happened. Cue words near the date are
read only for expressions that hang on no verb. Events from different articles merge when
their sentences say the same thing, their dates agree and their verbs do not take
contrary sides ("opened" / "closed"); the merged date is the
finest one that all of them are consistent with, so a day is only ever kept when
a source gives it.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.date_refs import named_as_reference
from storyline.link.predicates import Side, opposed, sides_of
from storyline.memo import Memo, digest
from storyline.model import (
    Annotation,
    Article,
    Event,
    EventStatus,
    Evidence,
    Granularity,
    TimeExpr,
)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")

_CANCELLED = re.compile(
    r"\b(cancel+ed|cancel+ing|called off|call off|postpone[ds]?|scrapped|scrap(?:s|ping)?|"
    r"delay(?:ed|s|ing)?|put off|shelved|suspended|abandoned|changed plans|dropped plans|"
    r"pulled out|will not (?:go ahead|take place)|no longer)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(will|shall|plans? to|planned|planning|scheduled|is set to|are set to|set for|"
    r"is to|are to|to be held|intends? to|is due|are due|eyeing|invited|agreed to)\b",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    r"\b(expected|expects?|likely|may|might|could|hopes? to|hoping|would|possible|probably)\b",
    re.IGNORECASE,
)

MERGE_SIMILARITY = 0.6
_DAY_WORD = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day|\b(yesterday|today|tonight|tomorrow)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
# Sentences that name the same (at least) three entities on compatible dates need
# less textual similarity: long news sentences carry other material around the event.
ENTITY_MERGE = 2
ENTITY_MERGE_SIMILARITY = 0.45
# ...or share words right around the date ("Biden and Xi met ... in Bali last November").
NEAR = 0.15
WINDOW_WORDS = 10
STATUS_BEFORE, STATUS_AFTER = 8, 5
_TOKEN = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "been",
        "will",
        "would",
        "their",
        "there",
        "about",
        "after",
        "before",
        "which",
        "when",
        "where",
        "while",
        "said",
        "says",
        "also",
        "into",
        "over",
        "than",
        "they",
        "them",
        "what",
        "last",
        "next",
        "early",
        "late",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "today",
        "yesterday",
        "tomorrow",
    ]
)


def _clause(sentence: str, start: int, end: int) -> str:
    """The words that govern a date's status: a few before it, fewer after.

    One sentence often tells a plan and a past event ("is eyeing February 6 for
    meetings which follow up on a summit late last year"); the cue words nearest
    the date are the ones that speak of it.
    """
    before = sentence[:start].split()[-STATUS_BEFORE:]
    after = sentence[end:].split()[:STATUS_AFTER]
    return " ".join([*before, sentence[start:end], *after])


# Where one clause of a sentence ends and another begins: a semicolon, or a connective
# ("after", "before", "while", "following", "ahead of", "and then") after a comma or on its own.
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+then|and|but|after|before|while|following|ahead\s+of|"
    r"a\s+day\s+after|days?\s+after)\s+|\s+(?:after|before|following|ahead\s+of|while)\s+",
    re.IGNORECASE,
)


def _dated_clauses(ann: Annotation) -> dict[tuple[int, int], str]:
    """For a sentence that dates several things ("A met B on Monday, after talks with C on
    Sunday"), the clause each date governs, keyed by the time expression's span: each date
    gives its own event, told by its own clause. Only a break that lies between two time
    expressions splits the sentence, and only the first such break."""
    by_sentence: dict[int, list[TimeExpr]] = {}
    for t in ann.timexes:
        if t.type in ("DATE", "TIME") and parse_date(t.value) is not None:
            by_sentence.setdefault(t.sentence, []).append(t)
    out: dict[tuple[int, int], str] = {}
    for index, times in by_sentence.items():
        if len({parse_date(t.value) for t in times}) < 2:
            continue
        sent = ann.sentences[index]
        spans = sorted((t.start - sent.start, t.end - sent.start) for t in times)
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sent.text)]
        # Between two dates, the first break after the earlier one: the clause of the later
        # date starts there (a list inside it, "candid, and frank talks", stays whole).
        cuts = [
            next(c for c in breaks if a <= c[0] and c[1] <= b)
            for (_, a), (b, _) in itertools.pairwise(spans)
            if any(a <= c[0] and c[1] <= b for c in breaks)
        ]
        if not cuts:
            continue
        for t in times:
            a, b = t.start - sent.start, t.end - sent.start
            begin = max((end for _, end in cuts if end <= a), default=0)
            stop = min((start for start, _ in cuts if start >= b), default=len(sent.text))
            clause = sent.text[begin:stop].strip(" ,;:—–-")
            if len(clause.split()) >= 3 and clause != sent.text:
                out[(t.start, t.end)] = clause
    return out


def _window(sentence: str, start: int, end: int) -> frozenset[str]:
    """Content-word stems within WINDOW_WORDS words of the time expression, itself left out.

    A five-letter prefix is a crude stem ("meeting"/"meets"), enough to compare two
    short windows; a full lemmatizer would need the spaCy doc, which this stage does not have.
    """
    before = _TOKEN.findall(sentence[:start])[-WINDOW_WORDS:]
    after = _TOKEN.findall(sentence[end:])[:WINDOW_WORDS]
    return frozenset(w.lower()[:5] for w in before + after if w.lower() not in _STOP)


STATUS_RANK: dict[str, int] = {"cancelled": 3, "occurred": 2, "planned": 1, "expected": 0}


def parse_date(value: str) -> tuple[str, Granularity] | None:
    """A TimeML value as a calendar date at its own granularity, or None."""
    if m := _DAY.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    if _MONTH.match(value):
        return value, "month"
    if _YEAR.match(value):
        return value, "year"
    return None


def status_of(sentence: str, date: str, published: str | None) -> EventStatus:
    """Status from cue words near the date.

    Only for time expressions with no governing verb (a headline fragment) or stored
    by an annotator that did not yet record tense and modality.
    """
    if _CANCELLED.search(sentence):
        return "cancelled"
    if _PLANNED.search(sentence):
        return "planned"
    if _EXPECTED.search(sentence):
        return "expected"
    return _by_date(date, published)


def _by_date(date: str, published: str | None) -> EventStatus:
    """With nothing else to go on: after the report is a plan, up to it happened."""
    if published and date[: len(published)] > published[: len(date)]:
        return "planned"
    return "occurred"


def timex_status(t: TimeExpr, date: str, published: str | None) -> EventStatus | None:
    """The status of the event a time expression dates, from its governing verb.

    None when the verb negates a past event ("did not meet on Monday"): nothing
    happened on that date, so there is no event to date.
    """
    if t.cancelled:
        return "cancelled"
    if t.modality == "planned":
        return "planned"
    if t.modality == "expected":
        return "expected"
    if t.negated and t.tense in ("past", "present"):
        return None
    if t.tense == "future":
        return "planned"
    return _by_date(date, published)


def _annotated(t: TimeExpr) -> bool:
    return t.verb is not None or t.tense is not None or t.modality is not None or t.cancelled


@dataclass
class _Raw:
    article: str
    sentence: int
    text: str
    date: str
    granularity: Granularity
    status: EventStatus
    published: str
    vector: np.ndarray
    entities: frozenset[str]
    window: frozenset[str]
    clause: str | None = None  # the clause its date governs, when the sentence dates several


# What happened, what was planned or expected, and what was called off stay apart:
# a plan and its cancellation are two entries of the timeline ("will hold a hearing
# on April 4", then "called off the hearing planned for April 4"), not one.
_KIND: dict[str, str] = {
    "occurred": "occurred",
    "cancelled": "cancelled",
    "planned": "plan",
    "expected": "plan",
}


def find_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
) -> list[Event]:
    published = {a.id: a.published.date or "" for a in articles}
    raws: list[_Raw] = []
    for ann in annotations:
        vecs = ann.vectors()
        for sentence, text, day, granularity, status, window, clause in _dated(
            ann, published.get(ann.article)
        ):
            raws.append(
                _Raw(
                    article=ann.article,
                    sentence=sentence,
                    text=text,
                    date=day,
                    granularity=granularity,
                    status=status,
                    published=published.get(ann.article, ""),
                    vector=vecs[sentence] if vecs.shape[1] else np.zeros(1, np.float32),
                    entities=frozenset(entities_in(ann.article, sentence)),
                    window=window,
                    clause=clause,
                )
            )
    groups = _merge(raws)
    events = [_event(g, entities_in) for g in groups]
    events.sort(key=lambda e: (e.date or "", -len(e.evidence), e.text))
    return events


_Dated = tuple[int, str, str, Granularity, EventStatus, frozenset[str], str | None]
_DATED: Memo[list[_Dated]] = Memo("link.dated_sentences")


def _dated(ann: Annotation, pub: str | None) -> list[_Dated]:
    """The article's dated sentences, one per (sentence, date), as ``find_events`` reads
    them from the article alone: (sentence, text, date, granularity, status, words near
    the date, clause). Kept per process, so a story rebuilt for a new report reads only
    that report's."""

    def make() -> list[_Dated]:
        out: list[_Dated] = []
        seen: set[tuple[int, str]] = set()
        clauses = _dated_clauses(ann)
        for t in ann.timexes:
            if t.type == "TIME" and not _DAY_WORD.search(t.text):
                continue  # a clock time alone ("20:00") gives no day of its own
            if t.type not in ("DATE", "TIME"):
                continue
            parsed = parse_date(t.value)
            if parsed is None or (t.sentence, parsed[0]) in seen:
                continue
            sent = ann.sentences[t.sentence]
            if named_as_reference(sent.text, t.start - sent.start, t.end - sent.start):
                continue  # "after Tuesday's earthquake": the day of another event
            if _annotated(t):
                status = timex_status(t, parsed[0], pub)
            else:
                clause = _clause(sent.text, t.start - sent.start, t.end - sent.start)
                status = status_of(clause, parsed[0], pub)
            if status is None:
                continue
            seen.add((t.sentence, parsed[0]))
            window = _window(sent.text, t.start - sent.start, t.end - sent.start)
            out.append(
                (
                    t.sentence,
                    sent.text,
                    parsed[0],
                    parsed[1],
                    status,
                    window,
                    clauses.get((t.start, t.end)),
                )
            )
        return out

    return _DATED.get(digest(ann.sentences, ann.timexes, pub), make)


def _merge(raws: list[_Raw]) -> list[list[_Raw]]:
    """Union events with compatible dates and similar sentences (blocked by year).

    Dates are compatible when they can be one: the same, or one a prefix of the
    other ("2010-05-03", "2010-05", "2010"). Each year's events are compared with
    matrix products: a story of a thousand reports has tens of thousands of dated
    sentences in one year, too many to compare pair by pair in Python.
    """
    if not raws:
        return []  # a story with no dated sentence
    parent = list(range(len(raws)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_year: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(raws):
        by_year[r.date[:4]].append(i)
    # The sides each group's sentences take on contrary verb axes ("opened" / "closed",
    # "raised" / "cut": ``predicates``): two groups that take opposite sides are two
    # events however alike their words, as they are two claims.
    sides: dict[int, set[frozenset[Side]]] = {}
    for i, r in enumerate(raws):
        taken = sides_of(r.text)
        if taken:
            sides[i] = {taken}
    table = _PairTable(raws)
    for members in by_year.values():
        for a, b in table.pairs(members):
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            sa, sb = sides.get(ra), sides.get(rb)
            if sa and sb and any(opposed(x, y) for x in sa for y in sb):
                continue
            parent[ra] = rb
            if sa:
                sides.setdefault(rb, set()).update(sides.pop(ra))
    groups: dict[int, list[_Raw]] = defaultdict(list)
    for i, r in enumerate(raws):
        groups[find(i)].append(r)
    out = []
    for g in groups.values():
        out.extend(_split_inconsistent(g))
    return out


class _PairTable:
    """The merge test of ``_merge`` for whole blocks of events at once."""

    CHUNK = 512

    def __init__(self, raws: list[_Raw]) -> None:
        from scipy import sparse

        dim = max(r.vector.shape[0] for r in raws)
        self.vectors = np.vstack(
            [r.vector if r.vector.shape[0] == dim else np.zeros(dim, np.float32) for r in raws]
        ).astype(np.float32)
        self.kinds = np.array([_KIND[r.status] for r in raws])
        sentence_ids: dict[tuple[str, int], int] = {}
        self.sentences = np.array(
            [sentence_ids.setdefault((r.article, r.sentence), len(sentence_ids)) for r in raws]
        )

        def incidence(sets: list[frozenset[str]]) -> sparse.csr_matrix:
            vocab: dict[str, int] = {}
            cols = [vocab.setdefault(x, len(vocab)) for s in sets for x in s]
            indptr = np.cumsum([0, *(len(s) for s in sets)])
            data = np.ones(len(cols), dtype=np.float32)
            return sparse.csr_matrix((data, cols, indptr), shape=(len(sets), max(1, len(vocab))))

        self.entities = incidence([r.entities for r in raws])
        self.windows = incidence([r.window for r in raws])
        self.window_sizes = np.array([len(r.window) for r in raws], dtype=np.float32)
        dates = {d: k for k, d in enumerate(sorted({r.date for r in raws}))}
        self.date_ids = np.array([dates[r.date] for r in raws])
        # date_prefixes[d]: the dates of the story that are date d or a prefix of it.
        self.date_prefixes = {
            k: [dates[d[:n]] for n in range(4, len(d) + 1) if d[:n] in dates]
            for d, k in dates.items()
        }

    def pairs(self, members: list[int]) -> list[tuple[int, int]]:
        """Pairs of ``members`` (each pair once) that are one event.

        Members are compared date by date: those of one date with each other and with
        those of the dates that are a prefix of it ("2010-05-03" with "2010-05" and
        "2010"), the only dates compatible with it that a year's members can have; a
        year of a big story holds thousands of events over hundreds of dates.
        """
        out: list[tuple[int, int]] = []
        by_date: dict[int, list[int]] = defaultdict(list)
        for m in members:
            by_date[int(self.date_ids[m])].append(m)
        for date, group in by_date.items():
            rows = np.array(group)
            for prefix in self.date_prefixes[date]:
                if prefix in by_date:
                    out.extend(self._block(rows, np.array(by_date[prefix]), prefix == date))
        return out

    def _block(self, rows: np.ndarray, cols: np.ndarray, same: bool) -> list[tuple[int, int]]:
        """The pairs of ``rows`` x ``cols`` that are one event (of ``rows`` alone, each
        pair once, when ``same``), a chunk of rows at a time."""
        out: list[tuple[int, int]] = []
        for start in range(0, len(rows), self.CHUNK):
            part = rows[start : start + self.CHUNK]
            rest = cols[start:] if same else cols
            ok = self.kinds[part][:, None] == self.kinds[rest][None, :]
            ok &= self.sentences[part][:, None] != self.sentences[rest][None, :]
            if same:
                ok &= np.arange(len(part))[:, None] < np.arange(len(rest))[None, :]
            keep = np.flatnonzero(ok.any(axis=0))
            if not len(keep):
                continue
            rest, ok = rest[keep], ok[:, keep]
            sims = self.vectors[part] @ self.vectors[rest].T
            shared = (self.entities[part] @ self.entities[rest].T).toarray()
            inter = (self.windows[part] @ self.windows[rest].T).toarray()
            union = self.window_sizes[part][:, None] + self.window_sizes[rest][None, :] - inter
            near = inter / np.maximum(union, 1.0)
            ok &= (sims >= MERGE_SIMILARITY) | (
                (shared >= ENTITY_MERGE) & ((sims >= ENTITY_MERGE_SIMILARITY) | (near >= NEAR))
            )
            for i, j in zip(*np.nonzero(ok), strict=True):
                out.append((int(part[i]), int(rest[j])))
        return out


def _split_inconsistent(group: list[_Raw]) -> list[list[_Raw]]:
    """Keep the finest date only if every member is consistent with it; split the rest off."""
    finest = max(group, key=lambda r: (len(r.date), -len(r.text)))
    keep = [r for r in group if finest.date.startswith(r.date)]
    rest = [r for r in group if not finest.date.startswith(r.date)]
    return [keep, *(_split_inconsistent(rest) if rest else [])]


def _event(group: list[_Raw], entities_in: Callable[[str, int], list[str]]) -> Event:
    finest = max(group, key=lambda r: len(r.date))
    at_finest = [r for r in group if r.date == finest.date]
    latest = max(group, key=lambda r: (r.published, STATUS_RANK[r.status]))
    status = latest.status
    if any(r.status == "cancelled" for r in group) and status in ("planned", "expected"):
        status = "cancelled"
    if any(r.status == "occurred" for r in group) and status in ("planned", "expected"):
        status = "occurred"
    # The event's text: the most central sentence that gives the finest date and
    # tells it with the event's status.
    pool = [r for r in at_finest if r.status == status] or at_finest
    centroid = np.mean([r.vector for r in group], axis=0)
    rep = max(pool, key=lambda r: (float(r.vector @ centroid), -len(r.text)))
    seen: set[tuple[str, int]] = set()
    evidence = []
    entities: list[str] = []
    for r in sorted(group, key=lambda r: (r.published, r.article, r.sentence)):
        if (r.article, r.sentence) in seen:
            continue
        seen.add((r.article, r.sentence))
        evidence.append(Evidence(article=r.article, sentence=r.sentence, text=r.text))
        for e in entities_in(r.article, r.sentence):
            if e not in entities:
                entities.append(e)
    return Event(
        date=finest.date,
        granularity=finest.granularity,
        status=status,
        text=rep.clause or rep.text,
        entities=entities,
        evidence=evidence,
    )
