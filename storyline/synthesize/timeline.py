"""The story's timeline, chosen from the whole story rather than article by article.

1. **Dates.** A date matters when reports published later come back to it: each
   article published after a day that refers to it, in any sentence
   (``date_refs.referenced_days`` reads every sentence, not only the annotator's
   budget), adds ``LATER_WEIGHT``; each independent source that dates an event to it
   adds ``TELLER_WEIGHT``, and each article published on that day
   ``PUBLISHED_WEIGHT`` (a burst of reporting marks a turning point). Days are
   preferred to months and years, which are named more often but say less
   (``COARSE_WEIGHT``). On the Timeline17 topics (14 gold
   timelines) looking back was the strongest signal: date F1 0.47 with the counts
   of naming sources and articles, 0.53 with it; its weight against the publication
   count was flat between 0.1 and 0.5 per article (``benchmarks/eval_tls.py``).
   A day that the chronology of a report lists ("Here is a timeline of ...:
   March 17 - The council votes ...", ``date_refs.listed_days``) is an editor's pick
   and counts up to ``LISTED_WEIGHT`` per report that lists it, enough to put it
   ahead of days chosen by counts alone; later chronologies count more
   (``listed_by_hindsight``). On Timeline17 this took AR1-F 0.122 -> 0.143 and AR2-F
   0.035 -> 0.055 (cold run, every chronology alike); the agencies' own timelines are
   in the corpus for four of its seven topics, and a day an editor listed is what a
   gold timeline holds (weights 5 to 1000 all gain; 20 is best).
2. **Sentences per date.** The candidates are the events dated to that day. Each is
   scored by how many independent sources tell it plus how central its sentence is
   among everything said about that date: cosine to the mean MiniLM vector of the
   date's sentences (``W_VEC``) and to their TF-IDF centroid (``W_LEX``, the
   words most reports use), so that the entry reads like what most reports say
   happened; a telling from a report published within ``FRESH_DAYS`` of the day
   is preferred to a later report's passing mention (``W_FRESH``; AR1-F +0.0015 on
   Timeline17, the same for 1 to 3 days). A line of a chronology that a report
   carries ("April 25 - The coast guard says ...") is an editor's own account of the
   day and is preferred (``W_CHRONOLOGY``; AR2-F 0.033 -> 0.035 on Timeline17, the
   same for weights 2 to 10). Every line of a chronology is a candidate for the day
   it opens with, even when the annotator dated it to nothing
   (``chronology_events``). Sentences longer than ``MAX_WORDS`` are
   not candidates: the chosen
   entries ran to 34 tokens against 21 in the gold timelines. On Timeline17 the
   lexical centroid and the length cap took AR1-F from 0.102 to 0.111; weights
   within a factor of two of these moved it by less than 0.003.
3. **No repeats.** A sentence too close to one already chosen, for this date or
   another, is skipped (``REDUNDANT``).

The figures above were measured in-sample, on the topics the weights were tuned on. Chosen
leave-one-topic-out (``eval_tls.py --loto``: ``LISTED_WEIGHT`` 0 / 2 / 20 and the relevance
weighting on or off, each topic scored with the weights best on the six others) the same
code scores AR1-F 0.133, AR2-F 0.043, date F1 0.608 against 0.128 / 0.039 / 0.615 for
DATEWISE trained the same way in the same run; the defaults here are the weights five of
the seven folds choose.

4. **This story only.** Only the body of a report gives entries, references and
   chronologies (``body_only``, ``Article.body_text``: ``Article.zones`` are left out). The
   story's key names (``story_terms``) are its query: a chronology counts when half its
   entries name them (``story_chronologies``; reader-comment stamps are no chronology
   lines), a report that mostly names other things counts for less (``relevance``), and
   in a story of ``QUERY_REPORTS`` or more reports an entry must name one of them.

The dossier and ``benchmarks/eval_tls.py`` run this same function; the benchmark only
sets how many dates, how many sentences per date, and the window (``span``: the gold
timeline's first to last date, as news-tls evaluates; ``storyline build --from/--until``
for a user).
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import msgspec
import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.date_refs import (
    dated_entries,
    is_chronology_line,
    referenced_days,
)
from storyline.model import Annotation, Article, Event, Evidence, Sentence, TimelineEntry

TELLER_WEIGHT = 0.25
PUBLISHED_WEIGHT = 0.25
LATER_WEIGHT = 1.0
LISTED_WEIGHT = 20.0
W_SOURCES = 0.5
W_VEC = 1.0
W_LEX = 2.0
W_FRESH = 0.5
FRESH_DAYS = 2  # reports up to this many days after a day tell what happened on it
COARSE_WEIGHT = {"day": 1.0, "month": 0.3, "year": 0.1}
REDUNDANT = 0.8
LEX_REDUNDANT = 0.5
W_CHRONOLOGY = 2.0
LEDE = 3  # opening sentences of a report that stand for its publication day
MIN_WORDS = 6
MAX_WORDS = 45  # a longer "sentence" is a run-on paragraph or a clause chain, not one entry

AUTO_DATES = 4.0  # a dossier's days per square root of its publication days (auto_dates)
AUTO_PER_DATE = 2  # entries per day in a dossier
QUERY_REPORTS = 5  # reports a story needs before its shared names are a query for its entries
KEY_TERMS = 20  # the story's most widespread names: the query its reports are read against
ON_TOPIC = 0.5  # share of a chronology's entries that must name the story for it to count

VectorOf = Callable[[str, int], "np.ndarray | None"]
_WORD = re.compile(r"[^\W_]+")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_PREFIXES = frozenset(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
)


@dataclasses.dataclass(frozen=True)
class Weights:
    """The weights of the date ranking and the entry choice (see the module docstring).

    The defaults are the values ``benchmarks/eval_tls.py --loto`` chooses leave-one-topic-out
    on Timeline17; the benchmark passes others to tune them the same way.
    """

    teller: float = TELLER_WEIGHT
    published: float = PUBLISHED_WEIGHT
    later: float = LATER_WEIGHT
    listed: float = LISTED_WEIGHT
    chronology: float = W_CHRONOLOGY
    relevance: bool = True  # reports mostly about something else count for less


DEFAULT_WEIGHTS = Weights()


def date_scores(
    events: Sequence[Event],
    source_of: Callable[[str], str],
    published: Mapping[str, str] | None = None,
    references: Mapping[str, frozenset[str]] | None = None,
    listed: Mapping[str, float] | None = None,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    relevance: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """How much each date matters to the story (see the module docstring).

    Every date of ``events``, every publication day and every listed day gets a score.
    ``references`` maps article id to the days its whole text refers to
    (``date_refs.referenced_days``); with ``published`` it tells which reports
    look back at a day. ``listed`` weighs, per day, the chronologies of reports that
    list it (``listed_by_hindsight``). ``relevance`` (article id -> 0..1, default 1)
    scales what a report adds by publishing on a day or looking back at it.
    """
    listed = listed or {}
    published = published or {}
    relevance = relevance or {}
    tellers: dict[str, set[str]] = defaultdict(set)
    naming: dict[str, set[str]] = defaultdict(set)
    granularity: dict[str, str] = {}
    for e in events:
        if not e.date or e.granularity not in COARSE_WEIGHT:
            continue
        granularity[e.date] = e.granularity
        tellers[e.date].update(source_of(ev.article) for ev in e.evidence)
        naming[e.date].update(ev.article for ev in e.evidence)
    looking_back: dict[str, set[str]] = defaultdict(set)
    for article, days in (references or {}).items():
        for d in days:
            looking_back[d].add(article)
    for d, arts in naming.items():
        if granularity.get(d) == "day":
            looking_back[d].update(arts)
    later = {
        d: sum(relevance.get(a, 1.0) for a in arts if published.get(a, "") > d)
        for d, arts in looking_back.items()
    }
    on_day: dict[str, float] = defaultdict(float)
    for a, day in published.items():
        on_day[day] += relevance.get(a, 1.0)
    return {
        d: COARSE_WEIGHT[granularity.get(d, "day")]
        * (
            weights.teller * len(tellers.get(d, ()))
            + weights.published * on_day.get(d, 0)
            + weights.later * later.get(d, 0)
            + weights.listed * listed.get(d, 0)
        )
        for d in set(tellers) | set(on_day) | set(later) | set(listed)
    }


def lede_events(
    articles: Sequence[Article], annotations: Sequence[Annotation], events: Sequence[Event]
) -> list[Event]:
    """Each dated report's opening sentences that carry no date of their own.

    A news report opens with what happened by the time it was published, so its
    first ``LEDE`` sentences stand as candidates for its publication day, with
    the report itself as their evidence. Sentences that already date an event
    are left to that event.
    """
    dated = {(ev.article, ev.sentence) for e in events for ev in e.evidence}
    published = {a.id: a.published.date for a in articles if a.published.date}
    out: list[Event] = []
    for ann in annotations:
        day = published.get(ann.article)
        if not day:
            continue
        for sent in ann.sentences[:LEDE]:
            words = len(sent.text.split())
            if (ann.article, sent.index) in dated or not MIN_WORDS <= words <= MAX_WORDS:
                continue
            if sent.text[:1] in "\"“‘'":
                continue  # an opening quotation needs its context
            out.append(_told_by(ann.article, sent, day))
    return out


def listed_by_hindsight(
    articles: Sequence[Article], terms: frozenset[str] | None = None
) -> dict[str, float]:
    """Per day, the weight of the chronologies in ``articles`` that list it.

    The reports that carry a chronology of this story (``story_chronologies``) are
    ranked by publication; the k-th of n counts k / n, so the latest counts 1. A
    chronology written later has hindsight: it keeps the days that turned out to matter,
    where an early one lists what seemed to at the time. On Timeline17 (cached
    annotations) this took AR1-F 0.149 -> 0.157 against counting every chronology alike.
    """
    chronologies = sorted(
        (a.published.date or "", a.id, frozenset(day for day, _, _ in entries))
        for a, entries in story_chronologies(articles, terms)
    )
    listed: dict[str, float] = defaultdict(float)
    for k, (_, _, days) in enumerate(chronologies, start=1):
        for d in days:
            listed[d] += k / len(chronologies)
    return dict(listed)


def story_chronologies(
    articles: Sequence[Article], terms: frozenset[str] | None = None
) -> list[tuple[Article, list[tuple[str, int, int]]]]:
    """Each report's chronology of this story: (day, start, end) of its entries.

    Read from the report's body only (reader comments, captions and sidebars are
    zones apart). With the story's key ``terms`` (``story_terms``), an entry counts
    only when it names one of them, and a chronology only when at least ``ON_TOPIC``
    of its entries do: another war's chronology in a regional roundup is not this
    story's.
    """
    out = []
    for a in articles:
        text = a.body_text()
        entries = list(dated_entries(text, a.published.date))
        if entries and terms:
            about = [e for e in entries if _names(text[e[1] : e[2]], terms)]
            entries = about if len(about) >= ON_TOPIC * len(entries) else []
        if entries:
            out.append((a, entries))
    return out


def chronology_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    terms: frozenset[str] | None = None,
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
    for article, entries in story_chronologies(articles, terms):
        ann = by_article.get(article.id)
        if ann is None:
            continue
        for day, begin, end in entries:
            for sent in ann.sentences:
                if not begin <= sent.start < end or (ann.article, sent.index, day) in dated:
                    continue
                if any(is_chronology_line(line.strip()) for line in sent.text.split("\n")[1:]):
                    continue  # runs on into the next entry ("... / August 23 - The rebels ...")
                if MIN_WORDS <= len(sent.text.split()) <= MAX_WORDS:
                    out.append(_told_by(ann.article, sent, day))
    return out


def body_only(
    articles: Sequence[Article], annotations: Sequence[Annotation], events: Sequence[Event]
) -> tuple[list[Annotation], list[Event]]:
    """Annotations and events with every sentence outside the reports' bodies left out.

    A reader's comment, a caption or a sidebar headline is never a timeline entry, and
    the days it names do not date the story's events.
    """
    zones = {a.id: a.zones for a in articles if a.zones}
    if not zones:
        return list(annotations), list(events)
    outside: set[tuple[str, int]] = set()
    kept_annotations = []
    for ann in annotations:
        spans = zones.get(ann.article)
        if not spans:
            kept_annotations.append(ann)
            continue
        body = []
        for sent in ann.sentences:
            if any(z.start <= sent.start < z.end for z in spans):
                outside.add((ann.article, sent.index))
            else:
                body.append(sent)
        kept_annotations.append(msgspec.structs.replace(ann, sentences=body))
    kept_events = []
    for e in events:
        evidence = [ev for ev in e.evidence if (ev.article, ev.sentence) not in outside]
        if len(evidence) == len(e.evidence):
            kept_events.append(e)
        elif evidence:
            text = e.text if any(ev.text == e.text for ev in evidence) else evidence[0].text
            kept_events.append(msgspec.structs.replace(e, evidence=evidence, text=text))
    return kept_annotations, kept_events


_NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def story_terms(
    annotations: Sequence[Annotation],
    k: int = KEY_TERMS,
    articles: Sequence[Article] = (),
) -> frozenset[str]:
    """The story's key terms: the words of the names most of its reports mention.

    They stand for the keyword query a timeline-summarization system is given by hand
    (DATEWISE's "keywords"); storyline derives it from the story itself. Words of
    names mentioned by at least two reports, the ``k`` most widespread; the outlets and
    agencies that carry the story ("CNN", "Reuters" in every report) are not what it is
    about.
    """
    carriers = {w for a in articles for name in (a.outlet or "", *a.credits) for w in _words(name)}
    df: Counter[str] = Counter()
    for ann in annotations:
        df.update({w for m in ann.mentions if m.label in _NAMED for w in _words(m.text)})
    ranked = sorted(
        (w for w, c in df.items() if c >= 2 and len(w) > 2 and w not in carriers),
        key=lambda w: (-df[w], w),
    )
    return frozenset(ranked[:k])


def relevance(annotations: Sequence[Annotation], terms: frozenset[str]) -> dict[str, float]:
    """Per article, how much it is about this story (0..1).

    The share of the names it mentions that are the story's key terms, against the
    story's median report: a report at or above the median counts 1, a regional roundup
    or a market wrap that mostly names other things counts for less.
    """
    shares: dict[str, float] = {}
    for ann in annotations:
        words = [w for m in ann.mentions if m.label in _NAMED for w in _words(m.text)]
        if words:
            shares[ann.article] = sum(w in terms for w in words) / len(words)
    if not shares:
        return {}
    median = sorted(shares.values())[len(shares) // 2]
    if median <= 0:
        return {}
    return {a: min(1.0, share / median) for a, share in shares.items()}


def _names(text: str, terms: frozenset[str]) -> bool:
    return not terms.isdisjoint(_WORD.findall(text.lower()))


def _told_by(article: str, sent: Sentence, day: str) -> Event:
    """A candidate for ``day`` whose one telling is sentence ``sent`` of ``article``."""
    return Event(
        date=day,
        granularity="day",
        status="occurred",
        text=sent.text,
        evidence=[Evidence(article=article, sentence=sent.index, text=sent.text)],
    )


def story_timeline(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    source_of: Callable[[str], str],
    max_events: int | None = None,
    *,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[str, str] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[TimelineEntry]:
    """The timeline of a story: what every dossier shows and what the benchmark scores.

    With ``span`` (first and last ISO day, inclusive) the timeline covers that window
    only: it is read from the reports published within it, and its dates fall within it.
    Without ``dates`` the number of days adapts to the story (``auto_dates``), each with
    up to ``per_date`` entries (``AUTO_PER_DATE``); ``max_events`` caps the entries.
    """
    return dossier_timeline(
        articles,
        annotations,
        events,
        source_of,
        max_events,
        dates=dates,
        per_date=per_date,
        span=span,
        weights=weights,
    )[0]


def dossier_timeline(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    source_of: Callable[[str], str],
    max_events: int | None = None,
    *,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[str, str] | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """``story_timeline`` and the story's other dated events (by date, in the order told),
    for a reader who wants more than the chosen days."""
    if span is not None:
        articles, annotations, events = within_span(articles, annotations, events, span)
    annotations, events = body_only(articles, annotations, events)
    terms = story_terms(annotations, articles=articles)
    if dates is None:
        dates = auto_dates(articles)
        per_date = per_date or AUTO_PER_DATE
        if max_events is not None:
            dates = max(1, min(dates, max_events // per_date))
    published = {a.id: a.published.date for a in articles if a.published.date}
    candidates = [
        *events,
        *lede_events(articles, annotations, events),
        *chronology_events(articles, annotations, events, terms),
    ]
    if terms and len(annotations) >= QUERY_REPORTS:
        # The story's key names are its query: a sentence that names none of them (a
        # sidebar headline, another country's protest, a page stamp) is not its entry.
        candidates = [e for e in candidates if _names(e.text, terms)]
    shown = build_timeline(
        candidates,
        source_of,
        max_events or 10**9,
        published=published,
        references={a.id: referenced_days(a.body_text(), a.published.date) for a in articles},
        listed=listed_by_hindsight(articles, terms),
        vector_of=sentence_vectors(annotations),
        dates=dates,
        per_date=per_date,
        weights=weights,
        relevance=relevance(annotations, terms) if weights.relevance else None,
    )
    texts = {(e.date, e.text) for e in shown}
    rest = sorted(
        (
            e
            for e in events
            if e.date
            and e.granularity in COARSE_WEIGHT
            and (e.date, e.text) not in texts
            and MIN_WORDS <= len(e.text.split()) <= MAX_WORDS
        ),
        key=lambda e: (e.date or "", _told_at(e, published)),
    )
    return shown, [_entry(e) for e in rest]


def auto_dates(articles: Sequence[Article]) -> int:
    """How many days a story's timeline shows: ``AUTO_DATES`` times the square root of
    the number of days its reports were published on.

    Chosen leave-one-topic-out on the Timeline17 gold timelines: the median of gold
    dates over the square root of publication days in the window was 4.0 to 4.3 on
    every six topics out of seven (1.1 to 10.7 per timeline), and gold days hold a
    median 2.1 to 2.7 sentences (``AUTO_PER_DATE``). A 20-day burst of 260 reports gets
    18 days, a 10-month story with 300 publication days 69 (under the cap).
    """
    days = {a.published.date[:10] for a in articles if a.published.date}
    return max(1, round(AUTO_DATES * math.sqrt(len(days))))


def within_span(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    events: Sequence[Event],
    span: tuple[str, str],
) -> tuple[list[Article], list[Annotation], list[Event]]:
    """The reports published within ``span`` and the events they date within it.

    A report with no publication date cannot be placed in the window and is left out.
    An event keeps only the tellings of those reports; a month or a year is within
    the window when it overlaps it.
    """
    first, last = span
    kept = [a for a in articles if a.published.date and first <= a.published.date[:10] <= last]
    ids = {a.id for a in kept}
    in_span = []
    for e in events:
        if not e.date or not first[: len(e.date)] <= e.date <= last[: len(e.date)]:
            continue
        evidence = [ev for ev in e.evidence if ev.article in ids]
        if evidence:
            text = e.text
            if not any(text in ev.text for ev in evidence):  # a sentence, or a clause of one
                # The telling that stood for the event is out of the window: the closest
                # kept telling stands for it instead.
                words = set(_words(text))
                text = max(evidence, key=lambda ev: len(words & set(_words(ev.text)))).text
            in_span.append(msgspec.structs.replace(e, evidence=evidence, text=text))
    return kept, [a for a in annotations if a.article in ids], in_span


def build_timeline(
    events: Sequence[Event],
    source_of: Callable[[str], str],
    max_events: int = 40,
    *,
    published: Mapping[str, str] | None = None,
    references: Mapping[str, frozenset[str]] | None = None,
    listed: Mapping[str, float] | None = None,
    vector_of: VectorOf | None = None,
    dates: int | None = None,
    per_date: int | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    relevance: Mapping[str, float] | None = None,
) -> list[TimelineEntry]:
    """The timeline: the most reported dates, and for each its most told, most central events.

    ``published`` maps article id to publication day; ``vector_of(article, sentence)``
    gives a sentence's vector (centrality and redundancy use it when given).
    With ``dates`` set, that many dates get up to ``per_date`` entries each (the
    benchmark's setting); otherwise dates are taken in order of importance, each with
    up to ``per_date`` entries (all of its events when None), until ``max_events``.
    Two entries are redundant only when they also share a status: a plan and its
    cancellation are both kept.
    """
    usable = [
        e
        for e in events
        if e.date
        and e.granularity in COARSE_WEIGHT
        and len(e.text.split()) <= MAX_WORDS
        and tells_something(e.text)
    ]
    by_date: dict[str, list[Event]] = defaultdict(list)
    for e in usable:
        by_date[e.date or ""].append(e)
    # A publication day with no event of its own has nothing to show.
    scores = {
        d: v
        for d, v in date_scores(
            usable, source_of, published, references, listed, weights=weights, relevance=relevance
        ).items()
        if d in by_date
    }
    ranked_dates = sorted(scores, key=lambda d: (-scores[d], -len(d), d))
    idf = _idf(usable)
    limit = dates * (per_date or 1) if dates is not None else max_events
    chosen: list[Event] = []
    chosen_vecs: list[tuple[str, np.ndarray]] = []
    chosen_texts: set[str] = set()
    chosen_bags: list[dict[str, float]] = []
    taken_dates = 0
    for d in ranked_dates:
        if len(chosen) >= limit or (dates is not None and taken_dates >= dates):
            break
        room = min(per_date or limit, limit - len(chosen))
        picked = _pick(
            by_date[d],
            source_of,
            vector_of,
            room,
            chosen_vecs,
            chosen_texts,
            chosen_bags,
            idf,
            published or {},
            weights.chronology,
        )
        if picked:
            taken_dates += 1
            chosen.extend(picked)
    chosen.sort(key=lambda e: (e.date or "", _told_at(e, published or {})))
    return [_entry(e) for e in chosen]


def _entry(e: Event) -> TimelineEntry:
    return TimelineEntry(
        date=e.date or "",
        granularity=e.granularity or "year",
        status=e.status,
        text=e.text,
        entities=e.entities,
        evidence=e.evidence,
    )


_STAMP_WORDS = frozenset(
    [
        "am",
        "pm",
        "et",
        "gmt",
        "bst",
        "edt",
        "est",
        "cet",
        "utc",
        "at",
        "updated",
        "posted",
        "by",
        "on",
        "of",
        "the",
    ]
) | frozenset(_WEEKDAY_NAMES)
_END = re.compile(r"""[.!]["'”’)\]]*\s*$""")


def tells_something(text: str) -> bool:
    """Whether a sentence can stand as an entry: a complete statement, not a question,
    a page stamp or a cut-off fragment.

    "January 31, 2011 at 3:03 pm", "How can we avoid a pandemic?" and a caption cut
    off at "Some residents don surgical masks (" tell no event of the story.
    """
    if not _END.search(text):
        return False
    words = [w for w in _WORD.findall(text.lower()) if not w.isdigit()]
    told = [w for w in words if w not in _STAMP_WORDS and w[:3] not in _MONTH_PREFIXES]
    return len(told) >= 3


def _told_at(e: Event, published: Mapping[str, str]) -> tuple[str, str, int]:
    """Where an entry stands within its day: in the order it was told (the first
    report's publication, then its place in that report), not alphabetically."""
    if not e.evidence:
        return ("", "", 0)
    return min((published.get(ev.article, ""), ev.article, ev.sentence) for ev in e.evidence)


def sentence_vectors(annotations: Sequence[Annotation]) -> VectorOf:
    """``vector_of`` for ``build_timeline``: a sentence's stored MiniLM vector, if any."""
    by_article = {a.article: a.vectors() for a in annotations}

    def vector_of(article: str, sentence: int) -> np.ndarray | None:
        vecs = by_article.get(article)
        if vecs is None or not vecs.shape[1] or sentence >= len(vecs):
            return None
        return vecs[sentence]

    return vector_of


def _pick(
    candidates: list[Event],
    source_of: Callable[[str], str],
    vector_of: VectorOf | None,
    room: int,
    chosen_vecs: list[tuple[str, np.ndarray]],
    chosen_texts: set[str],
    chosen_bags: list[dict[str, float]],
    idf: Mapping[str, float],
    published: Mapping[str, str],
    w_chronology: float = W_CHRONOLOGY,
) -> list[Event]:
    vecs = [_vector(e, vector_of) for e in candidates]
    bags = [_bag(e.text, idf) for e in candidates]
    lex_centroid: Counter[str] = Counter()
    for b in bags:
        lex_centroid.update(b)
    lex_norm = math.sqrt(sum(v * v for v in lex_centroid.values())) or 1.0
    known = [v for v in vecs if v is not None]
    centroid = np.mean(known, axis=0) if known else None
    if centroid is not None:
        centroid = centroid / (float(np.linalg.norm(centroid)) or 1.0)

    def score(i: int) -> tuple[float, int, str]:
        e, v = candidates[i], vecs[i]
        sources = len({source_of(ev.article) for ev in e.evidence})
        central = float(v @ centroid) if v is not None and centroid is not None else 0.0
        lexical = sum(w * lex_centroid[t] for t, w in bags[i].items()) / lex_norm
        return (
            W_SOURCES * math.log1p(sources)
            + W_VEC * central
            + W_LEX * lexical
            + W_FRESH * _fresh(e, published)
            + w_chronology * is_chronology_line(e.text),
            len(e.evidence),
            e.text,
        )

    out: list[Event] = []
    for i in sorted(range(len(candidates)), key=score, reverse=True):
        if len(out) >= room:
            break
        e, v = candidates[i], vecs[i]
        if e.text in chosen_texts:
            continue
        if v is not None and any(
            st == e.status and float(v @ c) >= REDUNDANT for st, c in chosen_vecs
        ):
            continue
        if any(_cosine(bags[i], b) >= LEX_REDUNDANT for b in chosen_bags):
            continue
        chosen_bags.append(bags[i])
        out.append(e)
        chosen_texts.add(e.text)
        if v is not None:
            chosen_vecs.append((e.status, v))
    return out


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def _idf(events: Sequence[Event]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for e in events:
        df.update(set(_words(e.text)))
    n = len(events) or 1
    return {w: math.log(n / c) for w, c in df.items()}


def _bag(text: str, idf: Mapping[str, float]) -> dict[str, float]:
    tf = Counter(_words(text))
    bag = {w: c * idf.get(w, 0.0) for w, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
    return {w: v / norm for w, v in bag.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _fresh(e: Event, published: Mapping[str, str]) -> float:
    """The share of an event's tellings published on its day or just after.

    Reports written as it happened describe the event; reports weeks later mention
    it in passing ("since the spill began on April 20, ...").
    """
    if not e.date or len(e.date) != 10:
        return 0.0
    day = datetime.date.fromisoformat(e.date)
    n = 0
    for ev in e.evidence:
        pub = published.get(ev.article)
        if pub and 0 <= (datetime.date.fromisoformat(pub[:10]) - day).days <= FRESH_DAYS:
            n += 1
    return n / len(e.evidence) if e.evidence else 0.0


def _vector(e: Event, vector_of: VectorOf | None) -> np.ndarray | None:
    if vector_of is None or not e.evidence:
        return None
    rep = next((ev for ev in e.evidence if ev.text == e.text), None)
    if rep is None and any(e.text in ev.text for ev in e.evidence):
        return None  # one clause of a sentence that dates several: its vector is the sentence's
    rep = rep or e.evidence[0]
    v = vector_of(rep.article, rep.sentence)
    if v is None or not v.shape or not v.shape[0] or not v.any():
        return None  # no vector, or a sentence left out of the embedding budget
    return v
