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

The dossier and ``benchmarks/eval_tls.py`` run this same function; the benchmark only
sets how many dates, how many sentences per date, and the window (``span``: the gold
timeline's first to last date, as news-tls evaluates; ``storyline build --from/--until``
for a user).
"""

from __future__ import annotations

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
    listed_days,
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

VectorOf = Callable[[str, int], "np.ndarray | None"]


def date_scores(
    events: Sequence[Event],
    source_of: Callable[[str], str],
    published: Mapping[str, str] | None = None,
    references: Mapping[str, frozenset[str]] | None = None,
    listed: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """How much each date matters to the story (see the module docstring).

    Every date of ``events``, every publication day and every listed day gets a score.
    ``references`` maps article id to the days its whole text refers to
    (``date_refs.referenced_days``); with ``published`` it tells which reports
    look back at a day. ``listed`` weighs, per day, the chronologies of reports that
    list it (``listed_by_hindsight``).
    """
    listed = listed or {}
    published = published or {}
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
        d: sum(1 for a in arts if published.get(a, "") > d) for d, arts in looking_back.items()
    }
    on_day = Counter(published.values())
    return {
        d: COARSE_WEIGHT[granularity.get(d, "day")]
        * (
            TELLER_WEIGHT * len(tellers.get(d, ()))
            + PUBLISHED_WEIGHT * on_day.get(d, 0)
            + LATER_WEIGHT * later.get(d, 0)
            + LISTED_WEIGHT * listed.get(d, 0)
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


def listed_by_hindsight(articles: Sequence[Article]) -> dict[str, float]:
    """Per day, the weight of the chronologies in ``articles`` that list it.

    The reports that carry a chronology (``date_refs.listed_days``) are ranked by
    publication; the k-th of n counts k / n, so the latest counts 1. A chronology
    written later has hindsight: it keeps the days that turned out to matter, where an
    early one lists what seemed to at the time. On Timeline17 (cached annotations) this
    took AR1-F 0.149 -> 0.157 against counting every chronology alike; no timeline lost.
    """
    chronologies = sorted(
        (a.published.date or "", a.id, days)
        for a in articles
        if (days := listed_days(a.body_text(), a.published.date))
    )
    listed: dict[str, float] = defaultdict(float)
    for k, (_, _, days) in enumerate(chronologies, start=1):
        for d in days:
            listed[d] += k / len(chronologies)
    return dict(listed)


def chronology_events(
    articles: Sequence[Article], annotations: Sequence[Annotation], events: Sequence[Event]
) -> list[Event]:
    """The sentences of the chronologies that reports carry, each a candidate for its day.

    An entry such as "March 17 - The council votes to close the strait. / Ferries turn
    back." is an editor's account of that day, written after the fact; the annotator
    may date its first line to an event under another telling, and the lines after it
    to nothing. Every sentence of an entry (``date_refs.chronology_entries``) stands
    for the day the entry opens with; one that already tells an event of that day is
    left to it.
    """
    dated = {(ev.article, ev.sentence, e.date) for e in events for ev in e.evidence}
    by_id = {a.id: a for a in articles}
    out: list[Event] = []
    for ann in annotations:
        article = by_id.get(ann.article)
        if article is None:
            continue
        for day, begin, end in dated_entries(article.body_text(), article.published.date):
            for sent in ann.sentences:
                if not begin <= sent.start < end or (ann.article, sent.index, day) in dated:
                    continue
                if MIN_WORDS <= len(sent.text.split()) <= MAX_WORDS:
                    out.append(_told_by(ann.article, sent, day))
    return out


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
    max_events: int = 40,
    *,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[str, str] | None = None,
) -> list[TimelineEntry]:
    """The timeline of a story: what every dossier shows and what the benchmark scores.

    With ``span`` (first and last ISO day, inclusive) the timeline covers that window
    only: it is read from the reports published within it, and its dates fall within it.
    """
    if span is not None:
        articles, annotations, events = within_span(articles, annotations, events, span)
    listed = listed_by_hindsight(articles)
    return build_timeline(
        [
            *events,
            *lede_events(articles, annotations, events),
            *chronology_events(articles, annotations, events),
        ],
        source_of,
        max_events,
        published={a.id: a.published.date for a in articles if a.published.date},
        references={a.id: referenced_days(a.body_text(), a.published.date) for a in articles},
        listed=listed,
        vector_of=sentence_vectors(annotations),
        dates=dates,
        per_date=per_date,
    )


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
        if e.date and e.granularity in COARSE_WEIGHT and len(e.text.split()) <= MAX_WORDS
    ]
    by_date: dict[str, list[Event]] = defaultdict(list)
    for e in usable:
        by_date[e.date or ""].append(e)
    # A publication day with no event of its own has nothing to show.
    scores = {
        d: v
        for d, v in date_scores(usable, source_of, published, references, listed).items()
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
        )
        if picked:
            taken_dates += 1
            chosen.extend(picked)
    chosen.sort(key=lambda e: (e.date or "", e.text))
    return [
        TimelineEntry(
            date=e.date or "",
            granularity=e.granularity or "year",
            status=e.status,
            text=e.text,
            entities=e.entities,
            evidence=e.evidence,
        )
        for e in chosen
    ]


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
            + W_CHRONOLOGY * is_chronology_line(e.text),
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


_WORD = re.compile(r"[^\W_]+")


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
