"""The entries of the chosen days: the most told, most central events, without repeats."""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence, Set

import numpy as np

from storyline.date_refs import is_chronology_line
from storyline.languages.calendar import ENGLISH
from storyline.model import Annotation, Event, TimelineEntry

from .config import DEFAULT_WEIGHTS, GRANULARITIES, TimelineConfig
from .dates import date_scores, ranked_dates
from .reading import _WORD, STOP_WORDS, _words

VectorOf = Callable[[str, int], "np.ndarray | None"]
_WEEKDAY_NAMES = frozenset(ENGLISH.weekday_numbers)
# Month words, whole: a prefix test dropped "marched", "mayor" or "novel" as months.
_MONTH_WORDS = frozenset(ENGLISH.month_numbers)


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
    weights: TimelineConfig = DEFAULT_WEIGHTS,
    relevance: Mapping[str, float] | None = None,
    stop_words: Set[str] = STOP_WORDS,
    languages: Sequence[str] = ("en",),
    pickable: Callable[[Event], bool] | None = None,
) -> list[TimelineEntry]:
    """The timeline: the most reported dates, and for each its most told, most central events.

    ``published`` maps article id to publication day; ``vector_of(article, sentence)``
    gives a sentence's vector (centrality and redundancy use it when given).
    With ``dates`` set, that many dates get up to ``per_date`` entries each (the
    benchmark's setting); otherwise dates are taken in order of importance, each with
    up to ``per_date`` entries (all of its events when None), until ``max_events``.
    Two entries are redundant only when they also share a status: a plan and its
    cancellation are both kept. ``stop_words`` are left out of the sentences' words
    (``reading.stop_words_of``: those of the story's languages); a chronology line is
    read in each of ``languages``, those of the story's reports. An event ``pickable``
    refuses (a sentence in its writer's own voice: ``voice.tells_as_reporter``) still
    counts for its day's score but is no entry: the day's next candidate stands for the
    day, and a day with none left goes.
    """
    usable = [
        e
        for e in events
        if e.date
        and e.granularity in GRANULARITIES
        and len(e.text.split()) <= weights.max_words
        and tells_something(e.text)
    ]
    by_date: dict[str, list[Event]] = defaultdict(list)
    for e in usable:
        if pickable is None or pickable(e):
            by_date[e.date or ""].append(e)
    # A publication day with no event of its own has nothing to show.
    scores = {
        d: v
        for d, v in date_scores(
            usable, source_of, published, references, listed, weights=weights, relevance=relevance
        ).items()
        if d in by_date
    }
    idf = _idf(usable, stop_words)
    limit = dates * (per_date or 1) if dates is not None else max_events
    chosen: list[Event] = []
    chosen_vecs: list[tuple[str, np.ndarray]] = []
    chosen_texts: set[str] = set()
    chosen_bags: list[dict[str, float]] = []
    taken_dates = 0
    days = (published or {}).values()
    for d in ranked_dates(scores, listed or {}, slots=dates, published=days):
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
            weights,
            stop_words,
            languages,
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
        text=clean_text(e.text),
        entities=e.entities,
        evidence=e.evidence,
    )


# What a sentence budget leaves of a sentence it skipped (``annotate.budget.reading_text``
# blanks it with spaces, offsets kept): a run of spaces, and a quotation mark that closed
# or opened the skipped sentence, standing alone beside that run or at the text's edge.
_QUOTE_MARKS = "\"“”‘’'«»"
_STRAY_MARK = re.compile(
    rf"(?:^|[ \t]{{2,}})[{_QUOTE_MARKS}]+(?=\s|$)|(?:^|(?<=\s))[{_QUOTE_MARKS}]+(?=[ \t]{{2,}}|$)"
)
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_AROUND_LINE = re.compile(r"[ \t]*\n[ \t]*")


def clean_text(text: str) -> str:
    """An entry's text as a reader quotes it: the quotation marks a skipped sentence left
    standing alone taken out, runs of spaces made one, no space at a line's edges."""
    text = _STRAY_MARK.sub(" ", text)
    return _AROUND_LINE.sub("\n", _SPACE_RUN.sub(" ", text)).strip()


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
# "ANDERSON COOPER, CNN ANCHOR: Just some of ...": a broadcast transcript's speaker tag.
_SPEAKER_TAG = re.compile(r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)+, [A-Z][A-Za-z.'’ ()-]{1,40}:\s")
# "Tuesday in Cairo, 8:11 p.m. ET Monday) CNN's ...": a live page's update stamp; the days
# around it date the update, in another time zone than the report's publication day.
# Possessive quantifiers (*+) keep it linear: with plain ones a run of punctuation took
# quadratic time (30,000 dashes: seconds).
_CLOCK_OPENING = re.compile(
    r"^\W*+(?:(?:[A-Z\W]\S*+|in)\s+){0,4}?\d{1,2}[:.]\d\d\s*[ap]\.?m\.?,?\s+(?:[A-Z][a-z]+day\s+)?(?:in\s+[A-Z]|(?:ET|EST|EDT|GMT|BST|CET|UTC)\b)"
)


def tells_something(text: str) -> bool:
    """Whether a sentence can stand as an entry: a complete statement, not a question,
    a page stamp or a cut-off fragment.

    "January 31, 2011 at 3:03 pm", "How can we avoid a pandemic?" and a caption cut
    off at "Some residents don surgical masks (" tell no event of the story.
    """
    if (
        not _END.search(text)
        or _SPEAKER_TAG.match(text)
        or _CLOCK_OPENING.match(text)
        or _closes_before_opening(text)
    ):
        return False
    words = [w for w in _WORD.findall(text.lower()) if not w.isdigit()]
    told = [w for w in words if w not in _STAMP_WORDS and w not in _MONTH_WORDS]
    return len(told) >= 3


# A bracket, as written or as a tokenized corpus writes it ("-LRB-", "-RRB-").
_BRACKET = re.compile(r"[()\[\]]|-[LR][RS]B-")


def _closes_before_opening(text: str) -> bool:
    """Whether ``text`` closes a bracket it never opened: the tail of a sentence split
    inside a parenthesis ("NTC) and under aerial attack from NATO.")."""
    first = _BRACKET.search(text)
    return first is not None and first.group() in (")", "]", "-RRB-", "-RSB-")


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
    config: TimelineConfig = DEFAULT_WEIGHTS,
    stop_words: Set[str] = STOP_WORDS,
    languages: Sequence[str] = ("en",),
) -> list[Event]:
    vecs = [_vector(e, vector_of) for e in candidates]
    bags = [_bag(e.text, idf, stop_words) for e in candidates]
    lexical = _lexical_centrality(candidates, bags, config.lex_reports)
    known = [v for v in vecs if v is not None]
    centroid = np.mean(known, axis=0) if known else None
    if centroid is not None:
        centroid = centroid / (float(np.linalg.norm(centroid)) or 1.0)

    def score(i: int) -> tuple[float, int, str]:
        e, v = candidates[i], vecs[i]
        sources = len({source_of(ev.article) for ev in e.evidence})
        central = float(v @ centroid) if v is not None and centroid is not None else 0.0
        return (
            config.sources * math.log1p(sources)
            + config.vec * central
            + config.lex * lexical[i]
            + config.fresh * _fresh(e, published, config.fresh_days)
            + config.chronology * any(is_chronology_line(e.text, lang) for lang in languages),
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
            st == e.status and float(v @ c) >= config.redundant for st, c in chosen_vecs
        ):
            continue
        if any(_cosine(bags[i], b) >= config.lex_redundant for b in chosen_bags):
            continue
        chosen_bags.append(bags[i])
        out.append(e)
        chosen_texts.add(e.text)
        if v is not None:
            chosen_vecs.append((e.status, v))
    return out


def _lexical_centrality(
    candidates: Sequence[Event], bags: Sequence[Mapping[str, float]], shared: int
) -> list[float]:
    """Per candidate, the cosine of its TF-IDF bag to the centroid of the day's other
    candidates, over the words at least ``shared`` of the day's reports use (all of
    them on a day with fewer).

    What several reports of a day say is its event; a long sentence of one report (a
    lede full of background, a caption) would otherwise be central by its own words.
    """
    reports = {ev.article for e in candidates for ev in e.evidence}
    need = min(shared, len(reports))
    users: dict[str, set[str]] = defaultdict(set)
    total: Counter[str] = Counter()
    for e, bag in zip(candidates, bags, strict=True):
        total.update(bag)
        for t in bag:
            users[t].update(ev.article for ev in e.evidence)
    centroid = {t: w for t, w in total.items() if len(users[t]) >= need}
    square = sum(w * w for w in centroid.values())
    out = []
    for bag in bags:
        # The centroid less this candidate's own bag, in closed form.
        dot = sum(w * centroid[t] for t, w in bag.items() if t in centroid)
        own = sum(w * w for t, w in bag.items() if t in centroid)
        norm = math.sqrt(max(square - 2 * dot + own, 0.0))
        out.append((dot - own) / norm if norm > 1e-9 else 0.0)
    return out


def _idf(events: Sequence[Event], stop_words: Set[str] = STOP_WORDS) -> dict[str, float]:
    df: Counter[str] = Counter()
    for e in events:
        df.update(set(_words(e.text, stop_words)))
    n = len(events) or 1
    return {w: math.log(n / c) for w, c in df.items()}


def _bag(
    text: str, idf: Mapping[str, float], stop_words: Set[str] = STOP_WORDS
) -> dict[str, float]:
    tf = Counter(_words(text, stop_words))
    bag = {w: c * idf.get(w, 0.0) for w, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
    return {w: v / norm for w, v in bag.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _fresh(e: Event, published: Mapping[str, str], fresh_days: int) -> float:
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
        if pub and 0 <= (datetime.date.fromisoformat(pub[:10]) - day).days <= fresh_days:
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
