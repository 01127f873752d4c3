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

import dataclasses
import hashlib
import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

from storyline.coarse_dates import week_unknown
from storyline.memo import Memo, digest
from storyline.model import Annotation, Article, Event, EventStatus, Granularity, TimeExpr

from .clauses import a_number, after_phrase_set_off, in_landmark_phrase, in_relative_clause
from .config import EVENTS, EventsConfig
from .days import books_or_page, called_off, day_next_to, deadline_or_denied, that_year
from .merge import _event, _merge, _Raw, _window
from .references import (
    dates_another_thing,
    explicit_dates,
    in_after_phrase,
    opening_caption,
    weekday_day,
    year_from_report,
)
from .status import (
    STATUS_RANK,
    _annotated,
    _clause,
    parse_date,
    status_of,
    timex_status,
)

__all__ = [
    "EVENTS",
    "STATUS_RANK",
    "EventsConfig",
    "dated_readings",
    "dated_sentences",
    "find_events",
    "parse_date",
    "status_of",
    "timex_status",
]

_DAY_WORD = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day|\b(yesterday|today|tonight|tomorrow)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)

# Where one clause of a sentence ends and another begins: a semicolon, or a connective
# ("after", "before", "while", "following", "ahead of", "and then") after a comma or on its own.
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s*,\s*(?:and\s+then|and|but|after|before|while|following|ahead\s+of|"
    r"a\s+day\s+after|days?\s+after)\s+|\s+(?:after|before|following|ahead\s+of|while)\s+",
    re.IGNORECASE,
)


_SUBORDINATE = re.compile(r"\b(?:after|before|following|ahead\s+of|while)\s*$", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")


def _dated_clauses(ann: Annotation) -> dict[tuple[int, int], str]:
    """For a sentence that dates several things ("A met B on Monday, after talks with C on
    Sunday"), the clause each date governs, keyed by the time expression's span: each date
    gives its own event, told by its own clause. Only a break that lies between two time
    expressions splits the sentence, and only the first such break.

    A sentence with one date is cut the same way when a break comes before the date and
    the verb that governs the date is said after it: "BP imposed a moratorium after the
    rig exploded on April 20, killing 11" tells April 20 by "the rig exploded on April
    20", not by the moratorium of May; a clause that a subordinating word opens ("after",
    "while") ends at the next comma."""
    by_sentence: dict[int, list[TimeExpr]] = {}
    for t in ann.timexes:
        if t.type in ("DATE", "TIME") and parse_date(t.value) is not None:
            by_sentence.setdefault(t.sentence, []).append(t)
    out: dict[tuple[int, int], str] = {}
    for index, times in by_sentence.items():
        sent = ann.sentences[index]
        if len({parse_date(t.value) for t in times}) < 2:
            out.update(_lone_clause(sent.text, sent.start, times))
            continue
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


def _lone_clause(text: str, offset: int, times: list[TimeExpr]) -> dict[tuple[int, int], str]:
    """The clause of a sentence's one date, when a clause break comes before it
    (``_dated_clauses``); ``offset`` is where the sentence starts in the report."""
    first = min(times, key=lambda t: t.start)
    a, b = first.start - offset, max(t.end for t in times) - offset
    before = [m for m in _CLAUSE_BREAK.finditer(text) if m.end() <= a]
    if not before:
        return {}
    opened = before[-1]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() >= b]
    if _SUBORDINATE.search(text[opened.start() : opened.end()]):
        ends += [m.start() for m in _COMMA.finditer(text) if m.start() >= b]
    clause = text[opened.end() : min(ends, default=len(text))].strip(" ,;:—–-")
    said = _said(first.verb)
    if (
        len(clause.split()) < 3
        or clause == text
        or not said(clause)
        or said(text[: opened.start()])
    ):
        return {}
    return {(t.start, t.end): clause for t in times}


def _names_earlier(
    sentence: str,
    start: int,
    end: int,
    day: str,
    published: str | None,
    language: str,
    config: EventsConfig,
) -> bool:
    """Whether the date at ``sentence[start:end]``, read as ISO ``day``, lies in a phrase or
    clause that names another event than the sentence's own (``references.in_after_phrase``,
    ``clauses``)."""
    return (
        in_after_phrase(sentence, start, language, config)
        or after_phrase_set_off(sentence, start, end, language, config)
        or in_relative_clause(sentence, (start, end), day, published, language, config)
        or in_landmark_phrase(sentence, start, language, config)
    )


def _quotable(
    t: TimeExpr,
    parsed: tuple[str, Granularity],
    ann: Annotation,
    pub: str | None,
    language: str,
    config: EventsConfig,
) -> tuple[str, Granularity] | None:
    """The day (and granularity) time expression ``t``, read as ``parsed``, lets a reader
    quote, or None when its words do not give it (``days``): a weekday a week back, a
    deadline, a plan denied, a period's end, a caption or page stamp; "the day before
    <date>" moves to that date's neighbour, a day "that year" to the year last written."""
    sent = ann.sentences[t.sentence]
    start, end = t.start - sent.start, t.end - sent.start
    applies, moved = day_next_to(
        t, [u for u in ann.timexes if u.sentence == t.sentence], sent.text[end:]
    )
    if not applies:
        applies, moved = that_year(t, ann.timexes, parsed[0], config)
    if applies:
        return (moved, "day") if moved else None
    if (
        week_unknown(sent.text, start, end, parsed[0], pub, language)
        or deadline_or_denied(sent.text, start, end, language)
        or books_or_page(sent.text, start, language)
    ):
        return None
    return parsed


def _said(verb: str | None) -> Callable[[str], bool]:
    """Whether a text says ``verb``, the lemma that governs a date ("exploded" for
    "explode"). Only a clause that says it, where the words before the break do not,
    tells the date's event: a date that hangs on a noun ("after their meeting last
    November") has no verb, and "hoped to meet ... after a long meeting in November" is
    no clause of its own. An irregular past ("ran") is missed: the sentence stays whole."""
    stem = (verb or "").lower()[: max(3, min(len(verb or "") - 1, 5))]

    def says(text: str) -> bool:
        return bool(verb) and any(
            w.lower().startswith(stem) for w in re.findall(r"[^\W\d_]+", text)
        )

    return says


def find_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
    config: EventsConfig = EVENTS,
) -> list[Event]:
    """The story's dated events: its dated sentences merged when they tell one event;
    ``config`` holds the stage's tuned constants (``EventsConfig``)."""
    published = {a.id: a.published.date or "" for a in articles}
    language = {a.id: a.language for a in articles}
    caption = {a.id: opening_caption(a.text, a.language or "en") for a in articles}
    raws: list[_Raw] = []
    for ann in annotations:
        vecs = ann.vectors()
        vectors = hashlib.blake2b(ann.embeddings, digest_size=16).digest()
        for sentence, text, day, granularity, status, window, clause in dated_readings(
            ann,
            published.get(ann.article),
            config,
            language.get(ann.article, "en"),
            caption.get(ann.article, 0),
        ):
            entities = frozenset(entities_in(ann.article, sentence))
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
                    entities=entities,
                    window=window,
                    clause=clause,
                    token=(
                        ann.article,
                        sentence,
                        vectors,
                        ann.embedding_dim,
                        status,
                        entities,
                        window,
                    ),
                )
            )
    groups = _merge(raws, config)
    events = [_event(g, entities_in) for g in groups]
    events.sort(key=lambda e: (e.date or "", -len(e.evidence), e.text))
    return events


def dated_sentences(
    article: Article, annotation: Annotation, config: EventsConfig = EVENTS
) -> list[tuple[int, str, str | None]]:
    """(sentence, date, clause) of each date ``find_events`` reads off one report's
    sentences, before any merging: the days, months and years it takes for the sentences'
    own events (``benchmarks/event_dating.py`` scores them against days read by hand)."""
    language = article.language or "en"
    return [
        (sentence, day, clause)
        for sentence, _, day, _, _, _, clause in dated_readings(
            annotation,
            article.published.date,
            config,
            language,
            opening_caption(article.text, language),
        )
    ]


_Dated = tuple[int, str, str, Granularity, EventStatus, frozenset[str], str | None]
_DATED: Memo[list[_Dated]] = Memo("link.dated_sentences")


def dated_readings(
    ann: Annotation,
    pub: str | None,
    config: EventsConfig = EVENTS,
    language: str = "en",
    caption: int = 0,
) -> list[_Dated]:
    """The article's dated sentences, one per (sentence, date), as ``find_events`` reads
    them from the article alone: (sentence, text, date, granularity, status, words near
    the date, clause); a date within the first ``caption`` characters (a photo caption,
    ``references.opening_caption``) dates nothing. Kept per process, so a story rebuilt
    for a new report reads only that report's."""

    def make() -> list[_Dated]:
        out: list[_Dated] = []
        seen: set[tuple[int, str]] = set()
        clauses = _dated_clauses(ann)
        explicit = explicit_dates(ann.timexes, ann.sentences, language)
        for t in ann.timexes:
            if t.type == "TIME" and not _DAY_WORD.search(t.text):
                continue  # a clock time alone ("20:00") gives no day of its own
            if t.type not in ("DATE", "TIME") or t.start < caption:
                continue
            parsed = parse_date(t.value)
            sent = ann.sentences[t.sentence]
            if parsed is not None and not _annotated(t):
                named = weekday_day(
                    sent.text, t.start - sent.start, t.end - sent.start, language, pub, config
                )
                parsed = (named, "day") if named else parsed  # "ce vendredi", "se rendra samedi"
            if parsed is not None and (
                moved := year_from_report(t, parsed[0], explicit, config, pub)
            ):
                parsed = (moved, "day")  # "the note of March 7" near "February 14 2003"
            if parsed is not None:
                parsed = _quotable(t, parsed, ann, pub, language, config)
            if parsed is None or (t.sentence, parsed[0]) in seen:
                continue
            if dates_another_thing(t, parsed[0], sent.text, sent.start, pub, language, config):
                continue  # "after Tuesday's earthquake", "the minute of March 7 said", ...
            if a_number(t.text):
                continue  # "10,2 millions": a number, no day
            if (t.start, t.end) not in clauses and _names_earlier(
                sent.text,
                t.start - sent.start,
                t.end - sent.start,
                parsed[0],
                pub,
                language,
                config,
            ):
                continue  # "après sa condamnation le 2 juin", "qui a renversé le roi en mars"
            if _annotated(t):
                status = timex_status(t, parsed[0], pub)
            else:
                clause = _clause(sent.text, t.start - sent.start, t.end - sent.start, config)
                status = status_of(clause, parsed[0], pub)
            if status is None:
                continue
            if status == "occurred" and called_off(
                sent.text, t.start - sent.start, t.end - sent.start, language, config
            ):
                status = "cancelled"  # "called off a scheduled trip ... today"
            seen.add((t.sentence, parsed[0]))
            window = _window(sent.text, t.start - sent.start, t.end - sent.start, config)
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

    # The settings it reads are part of the key: a run that tunes them reads again.
    tuned = dataclasses.astuple(config)
    return _DATED.get(digest(ann.sentences, ann.timexes, pub, tuned, language, caption), make)
