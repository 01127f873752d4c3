"""The cues of a timeline candidate's sentence that the annotations give, for
``entry_model.py``: whether a sentence tells a dated event of its story, read without any
word list (its place in its report, its shape, the names and dates the annotator read in
it, the quotation it speaks, the story's key names, another report telling it too).

Measured leave-one-story-out on the timeline audit they separate events from non-events
only weakly (docs/experiments.md, "Timelines: entries that are events (session 12)"), so
no library code reads them.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

import numpy as np
from _clause_cues import CLAUSE, clause_cues, stored_clause_cues

from storyline.calendar_safe import iso_day
from storyline.model import Annotation, Article, Event
from storyline.synthesize.timeline import reading
from storyline.synthesize.timeline.config import DEFAULT_WEIGHTS
from storyline.synthesize.timeline.voice import in_writers_voice

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|‘[^’]*’|``.*?\'\'')
# A standfirst's or caption's label before the text: "VIDEO -", "REPORTAGE:", "Photo:".
_LABEL = re.compile(r"^\W*[^\W\d_][\w'’ ]{0,24}?\s*[:|–—-]\s")
_CAPS = re.compile(r"\b[^\W\d_a-z]{2,}\b")
_DIGIT = re.compile(r"\d")
_LEDE = DEFAULT_WEIGHTS.lede
_ECHO_DAYS = 2  # reports up to this many days after an entry's day may tell it again
_OPENING = 30  # characters from a sentence's start within which a name is its subject


@dataclass(frozen=True)
class _Sentence:
    """What the annotations say of one sentence of a report."""

    index: int
    count: int  # sentences in its report
    names: frozenset[str]  # words of the named mentions in it
    name_count: int
    timexes: tuple[tuple[str, str | None, str | None, bool, bool], ...]  # value, tense, modality
    quoted: bool  # inside a direct quotation the annotator read, or speaking one
    said: bool  # it reports what someone said (a quotation the annotator read begins in it)
    subject: bool  # a name opens it (within its first words)
    counts: int  # figures of things counted in it (casualties, arrests)
    report_dated: float  # share of its report's sentences with a calendar date
    report_said: float  # share of its report's sentences that report speech


class StoryReading:
    """The story's annotations as the entry test reads them: per (report, sentence) its
    names, dates and quotation, each report's publication day and language, and the
    story's key terms and core names."""

    def __init__(
        self,
        articles: Sequence[Article],
        annotations: Sequence[Annotation],
        terms: frozenset[str],
        core: frozenset[str],
        roundup: frozenset[str] = frozenset(),
    ) -> None:
        self.published = {a.id: (a.published.date or "")[:10] for a in articles}
        self.language = {a.id: a.language or "en" for a in articles}
        self.terms, self.core, self.roundup = terms, core, roundup
        self.stops: Set[str] = reading.stop_words_of(articles)
        self.sentences: dict[tuple[str, int], _Sentence] = {}
        # The annotator's main clause of each sentence (annotator 12; none in older stores).
        self.clauses = {
            (ann.article, c.sentence): c for ann in annotations for c in getattr(ann, "clauses", ())
        }
        self.vectors = {ann.article: ann.vectors() for ann in annotations}
        self.words = {
            ann.article: [frozenset(reading._words(s.text, self.stops)) for s in ann.sentences]
            for ann in annotations
        }
        self.on_day: dict[str, list[str]] = {}
        for a in articles:
            self.on_day.setdefault(self.published[a.id], []).append(a.id)
        for ann in annotations:
            self._read(ann)

    def echo(self, article: str, sentence: int, day: str) -> tuple[float, float]:
        """How closely another report published on ``day`` or in the ``_ECHO_DAYS`` after
        it tells what this sentence tells: the best cosine of their sentence vectors, and
        the best share of this sentence's words another report's sentence uses."""
        first = iso_day(day[:10]) if len(day) >= 10 else None
        if first is None:
            return 0.0, 0.0
        others = [
            other
            for k in range(_ECHO_DAYS + 1)
            for other in self.on_day.get((first + datetime.timedelta(days=k)).isoformat(), ())
            if other != article
        ]
        own = self.words.get(article, [])
        words = own[sentence] if sentence < len(own) else frozenset()
        lexical = max(
            (len(words & w) / len(words) for o in others for w in self.words.get(o, ()) if words),
            default=0.0,
        )
        vectors = self.vectors.get(article)
        if vectors is None or sentence >= len(vectors) or not vectors.shape[1]:
            return 0.0, lexical
        v = vectors[sentence]
        if not v.any():
            return 0.0, lexical
        best = 0.0
        for o in others:
            m = self.vectors.get(o)
            if m is not None and m.shape[1] == v.shape[0] and len(m):
                best = max(best, float(np.max(m @ v)))
        return best, lexical

    def _read(self, ann: Annotation) -> None:
        names: dict[int, set[str]] = {}
        counts: dict[int, int] = {}
        for m in ann.mentions:
            if m.label in reading._NAMED:
                names.setdefault(m.sentence, set()).update(reading._words(m.text, self.stops))
                counts[m.sentence] = counts.get(m.sentence, 0) + 1
        dates: dict[int, list[tuple[str, str | None, str | None, bool, bool]]] = {}
        for t in ann.timexes:
            if t.type == "DATE" and t.granularity:
                row = (t.value, t.tense, t.modality, t.relative, t.negated)
                dates.setdefault(t.sentence, []).append(row)
        quoted = {i for q in ann.quotes if q.direct for i in q.sentences}
        said = {q.sentence for q in ann.quotes}
        starts = {s.index: s.start for s in ann.sentences}
        opened = {
            m.sentence
            for m in ann.mentions
            if m.label in reading._NAMED and m.start - starts.get(m.sentence, m.start) <= _OPENING
        }
        counted: dict[int, int] = {}
        for q in ann.quantities:
            if q.kind == "count":
                counted[q.sentence] = counted.get(q.sentence, 0) + 1
        count = max((s.index for s in ann.sentences), default=0) + 1
        shares = (len(dates) / max(len(ann.sentences), 1), len(said) / max(len(ann.sentences), 1))
        for s in ann.sentences:
            self.sentences[(ann.article, s.index)] = _Sentence(
                index=s.index,
                count=count,
                names=frozenset(names.get(s.index, ())),
                name_count=counts.get(s.index, 0),
                timexes=tuple(dates.get(s.index, ())),
                quoted=s.index in quoted,
                said=s.index in said,
                subject=s.index in opened,
                counts=counted.get(s.index, 0),
                report_dated=shares[0],
                report_said=shares[1],
            )


FEATURES = (
    "opening",  # the report's first sentence
    "position",  # log(1 + its index)
    "words",  # log of its length in words
    "question",  # it asks
    "quoted",  # share of it inside quotation marks, or spoken in a quote the annotator read
    "first_person",  # the writer says I / we outside a quotation
    "label",  # it opens with a label and a colon or dash ("VIDEO -", "Photo:")
    "caps",  # share of its words written in capitals
    "digits",  # share of its characters that are digits
    "no_name",  # it names no person, place or organization
    "key_terms",  # log(1 + the story's key terms it names)
    "core",  # it names one of the story's core names
    "roundup",  # its report is a roundup of other stories
    "dated",  # the annotator read a calendar date in it
    "own_date",  # one of its dates is the entry's
    "past",  # the verb its date governs is in the past
    "future",  # ... in the future, or planned, or expected
    "negated",  # ... negated
    "after_report",  # the entry's day is after its report's publication
    "age",  # log(1 + days from the entry's day to the report's publication)
    "coarse",  # the entry is a month or a year
    "tellings",  # log of the reports that tell it
    "said",  # it reports what someone said
    "subject",  # a name opens it
    "counts",  # it counts something (log(1 + figures))
    "relative",  # its own date is read relative to the report ("on Tuesday")
    "present",  # the verb its own date governs is in the present
    "report_day",  # the entry's day is its report's publication day
    "lede",  # an undated opening sentence standing for its report's day
    "echo",  # best sentence-vector cosine to another report of its day or just after
    "echo_words",  # best share of its words one sentence of such a report uses
    "report_dated",  # share of its report's sentences with a calendar date
    "report_said",  # share of its report's sentences that report speech
    "report_length",  # log of its report's sentences
    *CLAUSE,
)


def features(e: Event, story: StoryReading) -> dict[str, float]:
    """The cues of ``FEATURES`` for the sentence that stands for ``e``."""
    telling = reading.telling_of(e)
    article = telling.article if telling else ""
    sent = story.sentences.get((article, telling.sentence)) if telling else None
    text = e.text
    language = story.language.get(article, "en")
    words = text.split()
    quoted_chars = sum(len(m.group()) for m in _QUOTED.finditer(text))
    lexical = reading._words(text, story.stops)
    names = sent.names if sent else frozenset()
    own = [t for t in (sent.timexes if sent else ()) if e.date and t[0][:10] == e.date[:10]]
    governing = own[0] if own else None
    published = story.published.get(article, "")
    age = _days(e.date or "", published)
    echo = story.echo(article, telling.sentence, e.date or "") if telling else (0.0, 0.0)
    return {
        "opening": float(sent is not None and sent.index == 0),
        "position": math.log1p(sent.index) if sent else 0.0,
        "words": math.log(max(len(words), 1)),
        "question": float("?" in text or "¿" in text),
        "quoted": max(quoted_chars / max(len(text), 1), float(bool(sent and sent.quoted))),
        "first_person": float(in_writers_voice(text, language)),
        "label": float(bool(_LABEL.match(text))),
        "caps": len(_CAPS.findall(text)) / max(len(words), 1),
        "digits": len(_DIGIT.findall(text)) / max(len(text), 1),
        "no_name": float(not names and (sent is None or not sent.name_count)),
        "key_terms": math.log1p(len(story.terms.intersection(lexical))),
        "core": float(any(reading.names_core(w, story.core) for w in lexical)),
        "roundup": float(article in story.roundup),
        "dated": float(bool(sent and sent.timexes)),
        "own_date": float(governing is not None),
        "past": float(governing is not None and governing[1] == "past"),
        "future": float(
            governing is not None and (governing[1] == "future" or governing[2] is not None)
        ),
        "negated": float(governing is not None and governing[4]),
        "after_report": float(age is not None and age < 0),
        "age": math.log1p(max(age, 0)) if age is not None else 0.0,
        "coarse": float(e.granularity in ("month", "year")),
        "tellings": math.log(max(len({ev.article for ev in e.evidence}), 1)),
        "said": float(bool(sent and sent.said)),
        "subject": float(bool(sent and sent.subject)),
        "counts": math.log1p(sent.counts) if sent else 0.0,
        "relative": float(governing is not None and governing[3]),
        "present": float(governing is not None and governing[1] == "present"),
        "report_day": float(age == 0),
        "lede": float(bool(sent and not sent.timexes and sent.index < _LEDE)),
        "echo": echo[0],
        "echo_words": echo[1],
        "report_dated": sent.report_dated if sent else 0.0,
        "report_said": sent.report_said if sent else 0.0,
        "report_length": math.log(sent.count) if sent else 0.0,
        **(
            stored_clause_cues(story.clauses[(article, telling.sentence)], language)
            if telling and (article, telling.sentence) in story.clauses
            else clause_cues(text, language)
        ),
    }


def _days(date: str, published: str) -> int | None:
    """Days from ``date`` (its first day, for a month or a year) to ``published``."""
    first = iso_day((date + "-01-01")[:10] if len(date) < 10 else date[:10])
    report = iso_day(published)
    return (report - first).days if first and report else None
