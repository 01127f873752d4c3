"""The candidates for a day: the dated events (a clause ended as its sentence ends), report
ledes and chronology lines, and the days the story's chronologies list. A day with no
candidate is never shown: the gate keeps out days only references or bursts point to."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Sequence

import msgspec

from storyline.calendar_safe import shift_days
from storyline.coarse_dates import told_earlier, unsure_weekdays
from storyline.date_refs import dated_entries, is_chronology_line
from storyline.languages.apparatus import is_apparatus, is_caption_or_trail
from storyline.model import Annotation, Article, Event, Evidence, Sentence

from .config import DEFAULT_WEIGHTS, TimelineConfig
from .entries import tells_something
from .reading import _names, telling_of


def story_candidates(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    terms: frozenset[str],
    span: tuple[str, str] | None = None,
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> list[Event]:
    """Every candidate entry of a story: its dated events, its reports' ledes and its
    chronologies' lines, within ``span`` and naming one of the story's key ``terms``."""
    candidates = [
        *(_as_statement(e) for e in events),
        *lede_events(articles, annotations, events, config),
        *chronology_events(articles, annotations, events, terms, config),
    ]
    # A caption, an author's note, a series note, a promotion, a picture's account of
    # itself, a video's trail: the page, not the story.
    language = {a.id: a.language or "en" for a in articles}
    candidates = [e for e in candidates if not _apparatus(e, language)]
    if span is not None:
        # A chronology line can date a day outside the window ("March 21: ..." in a
        # list of two years' losses); the window holds for every candidate.
        candidates = [e for e in candidates if _within(e.date, span)]
    if terms and len(annotations) >= config.query_reports:
        # The story's key names are its query: a sentence that names none of them (a
        # sidebar headline, another country's protest, a page stamp) is not its entry.
        candidates = [e for e in candidates if _names(e.text, terms)]
    # A day whose every candidate is a run-on: its events stand in shorter tellings.
    fits = {e.date for e in candidates if len(e.text.split()) <= config.max_words}
    return [e if e.date in fits else _fitting(e, config) for e in candidates]


def _apparatus(event: Event, language: dict[str, str]) -> bool:
    """Whether the sentence that stands for ``event`` is the page's apparatus."""
    telling = telling_of(event)
    lang = language.get(telling.article, "en") if telling else "en"
    return is_apparatus(event.text, lang) or is_caption_or_trail(event.text, lang)


def _within(date: str | None, span: tuple[str, str]) -> bool:
    """Whether ``date`` (a day, month or year) overlaps the window ``span``."""
    return bool(date) and span[0][: len(date or "")] <= (date or "") <= span[1][: len(date or "")]


def _as_statement(event: Event) -> Event:
    """An event told by one clause of a sentence, ended as its sentence ends.

    "The rig exploded on April 20, killing 11, and BP shares fell on Friday" tells April
    20 by its first clause, which ends without the sentence's full stop, so no entry
    filter would take it for a complete statement (``entries.tells_something``). The
    clause of a sentence that is one (a report's statement, not a stamp, a list of links
    or a cut-off line) gets that sentence's end; any other stays as it is.
    """
    text = event.text.rstrip()
    sentences = [ev.text.rstrip() for ev in event.evidence if text in ev.text and text != ev.text]
    if not sentences or tells_something(text) or not tells_something(sentences[0]):
        return event
    end = _FINAL.search(sentences[0])
    closed = text.rstrip(" ,;:—–-") + (end.group() if end else ".")
    return msgspec.structs.replace(event, text=closed) if tells_something(closed) else event


_FINAL = re.compile(r"""[.!]["'”’)\]]*$""")


def _fitting(event: Event, config: TimelineConfig = DEFAULT_WEIGHTS) -> Event:
    """An event that several reports tell, whose sentence is too long to stand as an
    entry, told by the first of its other tellings that is not (``story_candidates``
    asks it only on a day with no other candidate that fits: elsewhere the day's
    entries stay as they were).

    Several reports telling one event ("shot to death on the night of Oct. 23 as he
    stood in the kitchen of his home ... and one of his four sons", "was shot in the
    back on Friday night as he stood in his kitchen") make one event, which one of their
    sentences stands for; when that one is a run-on over ``config.max_words`` the event,
    however often told, would never be an entry. A telling of one line only: a sentence
    across lines is a list or a caption run into the text.
    """
    tellers = {ev.article for ev in event.evidence}
    if len(event.text.split()) <= config.max_words or len(tellers) < 2:
        return event
    for ev in event.evidence:
        words = len(ev.text.split())
        if (
            config.min_words <= words <= config.max_words
            and "\n" not in ev.text.strip()
            and tells_something(ev.text)
        ):
            return msgspec.structs.replace(event, text=ev.text)
    return event


def lede_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> list[Event]:
    """Each dated report's opening sentences that carry no date of their own.

    A news report opens with what happened by the time it was published, so its
    first ``config.lede`` sentences stand as candidates for its news day, with the
    report itself as their evidence: its publication day, or the day before when its
    lede dates what it tells to that day and none of it to the publication day (a
    morning paper: "The House killed the plan yesterday. ... After markets closed,
    the Treasury secretary tried to calm traders."). Sentences that already date an
    event are left to that event, and one holding a weekday of either week
    (``coarse_dates.week_unknown``) or a stretch before the report's day ("earlier this
    week", ``coarse_dates.told_earlier``) to none.
    """
    dated = {(ev.article, ev.sentence) for e in events for ev in e.evidence}
    days_told: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in events:
        if e.date and e.granularity == "day":
            for ev in e.evidence:
                days_told[(ev.article, ev.sentence)].add(e.date)
    published = {a.id: a.published.date for a in articles if a.published.date}
    language = {a.id: a.language or "en" for a in articles}
    out: list[Event] = []
    for ann in annotations:
        day = published.get(ann.article)
        if not day:
            continue
        lede = ann.sentences[: config.lede]
        told = {d for s in lede for d in days_told[(ann.article, s.index)] if d <= day[:10]}
        if told and day[:10] not in told and max(told) == _day_before(day[:10]):
            day = max(told)  # the lede tells the day before's news
        unsure = unsure_weekdays(ann, published.get(ann.article), language.get(ann.article, "en"))
        unsure |= told_earlier(ann, published.get(ann.article))
        for sent in lede:
            if sent.index in unsure:
                continue  # "headed Tuesday", "earlier this week": no news of the day
            words = len(sent.text.split())
            if (
                ann.article,
                sent.index,
            ) in dated or not config.min_words <= words <= config.max_words:
                continue
            if sent.text[:1] in "\"“‘'":
                continue  # an opening quotation needs its context
            if is_chronology_line(sent.text.strip(), language.get(ann.article, "en")):
                continue  # a dated caption or list line: its day is its own, not the report's
            out.append(_told_by(ann.article, sent, day))
    return out


# A table's lines: a label and one figure ("Total dead: 192"), or a heading in capitals
# ("KENYA:").
_FIGURE_LINE = re.compile(r"^[^\W\d_][^:\n]{0,40}:\s*[-+$€£]?\d[\d,.]*\s*%?$")
_HEADING_LINE = re.compile(r"^[^\W\d_a-z][^a-z:\n]{1,40}:$")


def is_table(text: str) -> bool:
    """Whether a report is a table: at least half of its lines are a label with one
    figure or a heading in capitals ending in a colon, two of them or more figures.

    Its opening sentences introduce the table ("The following are the latest figures
    ...", "The source for the figures is ..."): no news of the day. Lines that end in a
    colon before a quotation ("She adds:") are no table.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    figures = sum(bool(_FIGURE_LINE.match(line)) for line in lines)
    headings = sum(bool(_HEADING_LINE.match(line)) for line in lines)
    return figures >= 2 and figures + headings >= 4 and 2 * (figures + headings) >= len(lines)


def listed_by_hindsight(
    articles: Sequence[Article],
    terms: frozenset[str] | None = None,
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> dict[str, float]:
    """Per day, the weight of the chronologies in ``articles`` that list it.

    The reports that carry a chronology of this story (``story_chronologies``) are
    ranked by publication; the k-th of n counts k / n, so the latest counts 1. A
    chronology written later has hindsight: it keeps the days that turned out to matter,
    where an early one lists what seemed to at the time (figures: docs/experiments.md,
    "Timelines").
    """
    chronologies = sorted(
        (a.published.date or "", a.id, frozenset(day for day, _, _ in entries))
        for a, entries in story_chronologies(articles, terms, config)
    )
    listed: dict[str, float] = defaultdict(float)
    for k, (_, _, days) in enumerate(chronologies, start=1):
        for d in days:
            listed[d] += k / len(chronologies)
    return dict(listed)


def story_chronologies(
    articles: Sequence[Article],
    terms: frozenset[str] | None = None,
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> list[tuple[Article, list[tuple[str, int, int]]]]:
    """Each report's chronology of this story: (day, start, end) of its entries.

    Read from the report's body only (reader comments, captions and sidebars are
    zones apart). With the story's key ``terms`` (``story_terms``), an entry counts
    only when it names one of them, and a chronology only when at least ``config.on_topic``
    of its entries do: another war's chronology in a regional roundup is not this
    story's.
    """
    out = []
    for a in articles:
        text = a.body_text()
        entries = list(dated_entries(text, a.published.date, a.language))
        if entries and terms:
            about = [e for e in entries if _names(text[e[1] : e[2]], terms)]
            entries = about if len(about) >= config.on_topic * len(entries) else []
        if entries:
            out.append((a, entries))
    return out


def chronology_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    terms: frozenset[str] | None = None,
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> list[Event]:
    """The sentences of the chronologies that reports carry, each a candidate for its day.

    An entry such as "March 17 - The council votes to close the strait. / Ferries turn
    back." is an editor's account of that day, written after the fact; the annotator
    may date its first line to an event under another telling, and the lines after it
    to nothing. Every sentence of an entry of the story's chronologies
    (``story_chronologies``) stands for the day the entry opens with; one that already
    tells an event of that day is left to it.
    """
    dated = {(ev.article, ev.sentence, e.date) for e in events for ev in e.evidence}
    by_article = {ann.article: ann for ann in annotations}
    out: list[Event] = []
    for article, entries in story_chronologies(articles, terms, config):
        ann, language = by_article.get(article.id), article.language
        if ann is None:
            continue
        for day, begin, end in entries:
            for sent in ann.sentences:
                if not begin <= sent.start < end or (ann.article, sent.index, day) in dated:
                    continue
                lines = sent.text.split("\n")[1:]
                if any(is_chronology_line(line.strip(), language) for line in lines):
                    continue  # runs on into the next entry ("... / August 23 - The rebels ...")
                if config.min_words <= len(sent.text.split()) <= config.max_words:
                    out.append(_told_by(ann.article, sent, day))
    return out


def _day_before(day: str) -> str | None:
    """The ISO day before ISO day ``day``; None for a day no calendar has."""
    try:
        before = shift_days(datetime.date.fromisoformat(day), -1)
    except ValueError:
        return None
    return before.isoformat() if before else None


def _told_by(article: str, sent: Sentence, day: str) -> Event:
    """A candidate for ``day`` whose one telling is sentence ``sent`` of ``article``."""
    return Event(
        date=day,
        granularity="day",
        status="occurred",
        text=sent.text,
        evidence=[Evidence(article=article, sentence=sent.index, text=sent.text)],
    )
