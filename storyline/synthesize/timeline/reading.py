"""What of a story the timeline reads: the reports' bodies within the window, the story's
key names (the query its reports are read against) and the roundups of other stories
among its reports."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set

import msgspec
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.calendar_safe import iso_day
from storyline.date_refs import dated_entries
from storyline.languages.demonyms import adjectives_of
from storyline.languages.words import stop_words
from storyline.model import Annotation, Article, Event, Evidence

from .config import DEFAULT_WEIGHTS, TimelineConfig

_WORD = re.compile(r"[^\W_]+")


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
    k: int = DEFAULT_WEIGHTS.key_terms,
    articles: Sequence[Article] = (),
) -> frozenset[str]:
    """The story's key terms: the words of the names most of its reports mention.

    They stand for the keyword query a timeline-summarization system is given by hand
    (DATEWISE's "keywords"); storyline derives it from the story itself. Words of
    names mentioned by at least two reports, the ``k`` most widespread; the outlets and
    agencies that carry the story ("CNN", "Reuters" in every report) are not what it is
    about.
    """
    stops = stop_words_of(articles)
    carriers = {
        w for a in articles for name in (a.outlet or "", *a.credits) for w in _words(name, stops)
    }
    df: Counter[str] = Counter()
    for ann in annotations:
        df.update({w for m in ann.mentions if m.label in _NAMED for w in _words(m.text, stops)})
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


def roundups(
    annotations: Sequence[Annotation],
    terms: frozenset[str],
    articles: Sequence[Article] = (),
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> tuple[frozenset[str], frozenset[str]]:
    """The reports of a story that are roundups of other stories, and the story's core names.

    The core is the key terms at least ``config.core`` as many reports name as the most
    named one. When most reports' named sentences name the core (the story's median
    report, at least ``config.core_median`` of them), a report where under
    ``config.roundup`` times that median do (another country's uprising told in a
    regional review, another war's recap) is a roundup. In a story of many actors,
    whose own reports rarely name its top names, no report is one: a low share there
    says nothing.
    """
    stops = stop_words_of(articles)
    df: Counter[str] = Counter()
    named: dict[str, list[set[str]]] = {}
    for ann in annotations:
        by_sentence: dict[int, set[str]] = {}
        for m in ann.mentions:
            if m.label in _NAMED:
                by_sentence.setdefault(m.sentence, set()).update(_words(m.text, stops))
        named[ann.article] = list(by_sentence.values())
        df.update(set().union(*by_sentence.values()) & terms if by_sentence else set())
    if not df:
        return frozenset(), frozenset()
    top = max(df.values())
    core = frozenset(t for t in terms if df[t] >= config.core * top)
    shares = {
        a: sum(any(names_core(w, core) for w in words) for words in sents) / len(sents)
        for a, sents in named.items()
        if sents
    }
    if not shares:
        return frozenset(), core
    median = sorted(shares.values())[len(shares) // 2]
    if median < config.core_median:
        return frozenset(), core
    return frozenset(a for a, share in shares.items() if share < config.roundup * median), core


def off_story(
    annotations: Sequence[Annotation],
    articles: Sequence[Article] = (),
    config: TimelineConfig = DEFAULT_WEIGHTS,
) -> frozenset[str]:
    """The reports of a story that are mostly about something else, told by how many of the
    other reports name what they name.

    A report's score is the mean, over the names it mentions, of the share of the story's
    other reports that name them too: a report of the story names what most of them name,
    a year-in-review or a photo prize names what few do. Under ``config.off_story`` times
    the median report's score it is off the story. Measured against the other reports,
    not against key terms it helps make: in a story of a dozen reports, three about other
    things bring their names into the key terms.
    """
    stops = stop_words_of(articles)
    names = {
        ann.article: {w for m in ann.mentions if m.label in _NAMED for w in _words(m.text, stops)}
        for ann in annotations
    }
    names = {a: ws for a, ws in names.items() if ws}
    if len(names) < config.query_reports:
        return frozenset()
    df = Counter(w for ws in names.values() for w in ws)
    others = len(names) - 1
    score = {a: sum(df[w] - 1 for w in ws) / (others * len(ws)) for a, ws in names.items()}
    median = sorted(score.values())[len(score) // 2]
    return frozenset(a for a, s in score.items() if s < config.off_story * median)


def names_core(word: str, core: frozenset[str]) -> bool:
    """Whether ``word`` is one of the ``core`` names or a form of one ("yemeníes" of
    "yemen", "iraqi" of "iraq", "syrien" of "syrie"): the same first five letters, or
    one the start of the other when both have at least four."""
    if word in core:
        return True
    for c in core:
        if len(word) >= 4 and len(c) >= 4 and (word.startswith(c) or c.startswith(word)):
            return True
        if len(word) >= 5 and len(c) >= 5 and word[:5] == c[:5]:
            return True
    return False


def on_story(
    roundup: frozenset[str],
    core: frozenset[str],
    stops: Set[str] = STOP_WORDS,
    others: Mapping[tuple[str, int], frozenset[str]] | None = None,
) -> Callable[[Event], bool]:
    """The test ``build_timeline`` gives its ``pickable``: a sentence of a roundup
    (``roundups``) stands for its day only when it names the story's core itself, a
    word of another person's name (``others_names``) aside."""

    def pickable(e: Event) -> bool:
        telling = telling_of(e)
        if telling is None or telling.article not in roundup:
            return True
        return _names_core(e, core, stops, others)

    return pickable


def not_borrowed(
    annotations: Sequence[Annotation],
    aside: frozenset[str],
    terms: frozenset[str],
    own: frozenset[str],
    stops: Set[str] = STOP_WORDS,
    others: Mapping[tuple[str, int], frozenset[str]] | None = None,
) -> Callable[[Event], bool]:
    """The test ``build_timeline`` gives its ``pickable``: a sentence that names a key
    term only the story's off-story reports (``aside``, ``off_story``) made one (a name
    fewer than two of the other reports use: "Mubarak" of a year-in-review filed under
    Yemen) stands only when it also names one of ``own``, the key terms of the other
    reports: else it tells what those reports are about."""
    if not aside:
        return lambda e: True
    df: Counter[str] = Counter()
    for ann in annotations:
        if ann.article not in aside:
            df.update({w for m in ann.mentions if m.label in _NAMED for w in _words(m.text, stops)})
    borrowed = frozenset(w for w in terms - own if df[w] < 2)
    if not borrowed:
        return lambda e: True

    def pickable(e: Event) -> bool:
        telling = telling_of(e)
        skip = (others or {}).get((telling.article, telling.sentence), ()) if telling else ()
        words = [w for w in _words(e.text, stops) if w not in skip]
        if not any(w in borrowed and not names_core(w, own) for w in words):
            return True
        return any(names_core(w, own) for w in words)

    return pickable


def _names_core(
    e: Event,
    core: frozenset[str],
    stops: Set[str],
    others: Mapping[tuple[str, int], frozenset[str]] | None,
) -> bool:
    """Whether ``e``'s text names a word of ``core`` outside another person's name."""
    telling = telling_of(e)
    aside = (others or {}).get((telling.article, telling.sentence), frozenset()) if telling else ()
    return any(names_core(w, core) for w in _words(e.text, stops) if w not in aside)


def others_names(
    annotations: Sequence[Annotation], stops: Set[str] = STOP_WORDS
) -> dict[tuple[str, int], frozenset[str]]:
    """Per (report, sentence), the words it names only inside the name of another person
    than the one the story's reports mostly mean by that word.

    A word's person is the most reported group of its names of two words or more, names
    joined when they share another word ("Ali Abdullah Saleh", "Ali Saleh", "Ali
    Abdullah"); a name holding the word in another group is someone else's ("Ben Ali",
    "Adel Mohamed Saleh"): it does not make a sentence name the story's "Ali" or
    "Saleh". A name of the word alone ("Saleh") is the story's.
    """
    forms: dict[tuple[str, int], list[frozenset[str]]] = {}
    reports: dict[frozenset[str], set[str]] = {}
    for ann in annotations:
        for m in ann.mentions:
            if m.label == "PERSON":
                words = frozenset(_words(m.text, stops))
                if len(words) > 1:
                    forms.setdefault((ann.article, m.sentence), []).append(words)
                    reports.setdefault(words, set()).add(ann.article)
    by_word: dict[str, list[frozenset[str]]] = {}
    for form in reports:
        for w in form:
            by_word.setdefault(w, []).append(form)
    theirs: dict[str, set[frozenset[str]]] = {}
    for w, named in by_word.items():
        groups = _groups(named, w)
        if len(groups) > 1:
            best = max(
                groups,
                key=lambda g: (len(set().union(*(reports[f] for f in g))), sorted(map(sorted, g))),
            )
            theirs[w] = set().union(*(g for g in groups if g is not best))
    out: dict[tuple[str, int], frozenset[str]] = {}
    for key, names in forms.items():
        other = {w for f in names for w in f if f in theirs.get(w, ())}
        own = {w for f in names for w in f if f not in theirs.get(w, ())}
        if other - own:
            out[key] = frozenset(other - own)
    return out


def _groups(forms: list[frozenset[str]], word: str) -> list[set[frozenset[str]]]:
    """``forms`` (names holding ``word``) in groups, joined when they share another word."""
    groups: list[set[frozenset[str]]] = []
    for form in forms:
        joined = [g for g in groups if any((f & form) - {word} for f in g)]
        merged = {form}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


def within_story(
    articles: Sequence[Article],
    core: frozenset[str],
    config: TimelineConfig = DEFAULT_WEIGHTS,
    others: Mapping[tuple[str, int], frozenset[str]] | None = None,
) -> Callable[[Event], bool]:
    """The test ``build_timeline`` gives its ``pickable``: a date that ends before the
    story's first report by more than the story's own span (first to last report) and
    ``config.before_story`` days stands only when more than one report tells it, or when
    its sentence, in no entry of a chronology of that day, names the story's ``core``.

    A "key dates" list of a country's history dates events decades before the story: an
    editor's context, not the story's days. What several reports come back to, or a
    report recalls of the story's own actors, is part of it however far back it lies. A
    story of fewer than ``config.query_reports`` reports has no span of its own to hold
    its dates to (one report's chronology is all it has).
    """
    days = sorted(a.published.date[:10] for a in articles if a.published.date)
    first = iso_day(days[0]) if len(days) >= config.query_reports else None
    last = iso_day(days[-1]) if days else None
    if first is None or last is None:
        return lambda e: True
    reach = (last - first).days + config.before_story
    limit = (first - datetime.timedelta(days=reach)).isoformat()
    stops = stop_words_of(articles)
    # (report, day) of each entry of a chronology: its lines and the lines that go on
    # telling its day.
    listed = {
        (a.id, day)
        for a in articles
        for day, _, _ in dated_entries(a.body_text(), a.published.date, a.language or "en")
    }

    def pickable(e: Event) -> bool:
        if not e.date or _last_day(e.date) >= limit:
            return True
        tellers = {ev.article for ev in e.evidence}
        if len(tellers) > 1:
            return True
        if any((a, e.date) in listed for a in tellers):
            return False
        return _names_core(e, core, stops, others)

    return pickable


def _last_day(date: str) -> str:
    """The last ISO day of a day, month ("2011-01") or year ("1948"), as text to compare."""
    return date + {4: "-12-31", 7: "-31"}.get(len(date), "")


def telling_of(e: Event) -> Evidence | None:
    """The telling whose sentence stands for an event (its first when none is word for word)."""
    return next(
        (ev for ev in e.evidence if ev.text == e.text), e.evidence[0] if e.evidence else None
    )


def _names(text: str, terms: frozenset[str]) -> bool:
    """Whether ``text`` names a key term, or a place's among them by its lower-case
    adjective ("l'opposition syrienne": ``languages.demonyms``)."""
    return not terms.isdisjoint(_WORD.findall(text.lower())) or any(adjectives_of(text, terms))


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


def stop_words_of(articles: Sequence[Article]) -> Set[str]:
    """The stop words of a story: spaCy's English list, and that of each other language
    its reports are written in ("del" and "los" are no key term of a Spanish story)."""
    others = sorted({a.language for a in articles} - {"en"})
    return STOP_WORDS.union(*map(stop_words, others)) if others else STOP_WORDS


def _words(text: str, stops: Set[str] = STOP_WORDS) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in stops]
