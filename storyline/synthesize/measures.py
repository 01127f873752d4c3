"""Figures by what they measure: when two figures are tellings of one moment of one measure.

A figure's *measure* is what the annotator read of it (``Quantity.kind``, its counted
noun, the synonym class of its predicate, a rate's period): "at least 19 people were
killed", "21 deaths" and "the death toll rose to 21" are all (count, person, dead); "49
injured" and "90 detained" are two measures, and so are a part and its whole (civilians,
children against all the dead). Its *scope* is its subject (who sent, who pledged) and its
place (one of several listed is none of them); its *time* is the date its sentence names,
else the report's date (two days both sentences name are two moments). Its bounds hold
the values that round to it as written ("5m" holds 4.9 million): rounding is no dispute.

Two figures are tellings of one moment of one measure (``same_moment``) when their
measure and scope agree (a side that names no subject or place agrees with any), their
times overlap (a day inside a month; a report's own date counts as one day either way,
as a report tells the day before), and their sentences are related (cosine, or shared
entities). Only such pairs can disagree (``conflicts``); ``tracks`` follows one measure
over time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from storyline.model import Annotation, Quantity
from storyline.synthesize.bounds import compatible as compatible  # for importers
from storyline.synthesize.bounds import interval
from storyline.synthesize.lengths import event_of, window
from storyline.synthesize.part_whole import CONFIRMED, confirmed, part_side, whole_key
from storyline.synthesize.places import many_places, named_in, named_or_adjective, places_agree
from storyline.synthesize.sentence_figures import (
    bare,
    historical,
    own_places,
    partitive,
    rate_doubt,
    subset,
)

# fmt: off
# Children, women, men: a part of the people counted ("three children were among the dead").
# Civilians are a part of the people counted too (a war's toll counts fighters as well).
PEOPLE = frozenset({"person", "people", "resident", "inhabitant", "villager",
                    "citizen", "evacuee", "individual", "case", "victim", "patient"})
# Nouns that count people by what befell them ("149 deaths", "200 fatalities", "the bodies
# of 50 people", "985 infections"): people, when the predicate says what befell them.
_TOLD_OF_PEOPLE = frozenset({"death", "fatality", "body", "life", "infection", "injury"})
# Predicate classes that count people whatever noun tells them ("200 confirmed cases",
# "the death toll rose to 21").
PEOPLE_CLASSES = frozenset({"dead", "injured", "detained", "missing", "displaced", "infected",
                            "hospitalized", "protest"})
# Percentages are left out: two shares of different wholes ("12% of dividends", "8% of
# pension income") read alike, and the parse rarely says of what.
_PAIRABLE = frozenset({"count", "money", "measure"})
# What a track or a dispute may be about: predicate classes whose sense is plain in any
# story (people killed, hurt, held, missing, displaced, infected or suspected, in hospital;
# a flow). Other verbs ("paid", "spent", "lost", "drilled") say too little of what is
# counted for two figures to be read as one measure.
KNOWN_CLASSES = frozenset({"dead", "injured", "detained", "missing", "displaced", "infected",
                           "suspected", "hospitalized", "flow"})
# Counts that only grow as they are told again (a revision, not a dispute, when higher later).
GROWING = KNOWN_CLASSES - {"flow"}
# Money and troops are one measure only for one giver: these pair with their subject said.
AGENTIVE_CLASSES = frozenset({"pledged", "raised", "sent"})
# fmt: on
# A sum told as the size of a fund or appeal ("a $100m fund", "a $50m appeal"): the fund is
# what is measured, whoever gives to it.
FUND = "fund"
_SIZE_OF = re.compile(r"\s+(fund|appeal)\b", re.IGNORECASE)
_PLACES = frozenset({"GPE", "LOC", "FAC"})  # mention labels of places


@dataclass(frozen=True)
class FiguresConfig:
    """The ledger's and the tracks' tuned constants (cosines of MiniLM sentence vectors)."""

    related: float = 0.35  # cosine of two sentences that may tell one moment of one measure
    related_unnamed: float = 0.75  # ... a duration's, when they share one entity only
    alike: float = 1.01  # cosine at which two sentences need no shared entity (> 1: never)
    # ... when both reports are of one day and their sentences name no two places apart
    alike_same_day: float = 1.01
    report_slack: int = 1  # days apart two reports' tellings of one moment may be dated
    list_figures: int = 4  # a sentence with this many figures is a list or breakdown: none pairs
    run_on_words: int = 70  # longer "sentences" are run-together items: their figures never pair
    max_ratio: float = 3.0  # tellings of one count lie within this factor of each other
    track_related: float = 0.5  # cosine of two tellings of one moving measure naming no entity
    min_track_days: int = 2  # a track holds values told on at least this many days
    min_track_values: int = 2  # ... and at least this many different values
    running_before: int = 80  # characters before a figure its running cue ("so far") is read in
    running_after: int = 40  # ... and after it
    max_tracks: int = 12  # tracks a dossier shows (the most told)
    includes_before: int = 40  # characters before a figure an "including" cue is read in
    includes_after: int = 80  # ... and after it
    hedge_before: int = 40  # characters before a figure "suspected of" is read in
    rate_after: int = 40  # characters after a volume its period ("of oil a day") is read in
    world_near: int = 60  # characters around a figure "in 42 countries" makes it the world's
    place_after: int = 40  # characters after a figure of a breakdown its own place is named in


FIGURES = FiguresConfig()
# The constants by their former names, for importers.
RELATED, RELATED_UNNAMED = FIGURES.related, FIGURES.related_unnamed
REPORT_SLACK, MAX_RATIO = FIGURES.report_slack, FIGURES.max_ratio
LIST_FIGURES, RUN_ON_WORDS = FIGURES.list_figures, FIGURES.run_on_words
# Deaths told as suspected or feared are the suspected count, not the confirmed one.
_SUSPECTED = re.compile(
    r"\b(suspected|feared|believed|thought|could|may|might|possibly|probably)\b",
    re.IGNORECASE,
)


@dataclass
class Figure:
    article: str
    sentence: int
    text: str  # the sentence
    q: Quantity
    vector: np.ndarray
    entities: frozenset[str]
    key: tuple[str, str, str | None, str | None]  # kind, counted, predicate class, per
    day: date | None  # the report's date
    when: str | None  # the date the sentence names ("2010-05", "2010-05-27")
    offset: int = 0  # where the sentence starts in the article
    # A rate said in the sentence of a figure the parse gave no period ("1.1 million
    # barrels (...) a day"): whether it is a rate or a total is in doubt.
    rate_doubt: bool = False  # (any rate cue in the sentence, for a figure with no period)
    day_guessed: bool = False  # the report's date is inferred from other reports, not given
    alone: bool = True  # the only figure of its sentence
    # One of several figures of its measure in its sentence: a breakdown ("80 deaths in
    # Cairo, 36 in Alexandria") or a before and after, each a part, none the whole.
    parts: bool = False
    # A figure of a breakdown told of a place of its own no other figure of its measure
    # there shares ("36 deaths in Alexandria", "New Zealand: ... 13 probable cases").
    item: bool = False
    place: str | None = None  # where it holds: the parse's place, else its list item's label
    places: frozenset[str] = frozenset()  # the places its sentence names (lower case)

    @property
    def moment(self) -> str | None:
        return self.when or (self.day.isoformat() if self.day else None)


def known_measure(f: Figure) -> bool:
    """Whether what the figure counts and what is said of it are both plain enough to
    compare or track: a known predicate class, a giver for money and troops, and no doubt
    between a rate and a total."""
    kind, _, pred, _ = whole_key(f.key)
    if f.rate_doubt or kind == "duration":
        return False
    if pred == FUND:
        return True
    if pred in AGENTIVE_CLASSES or kind == "money":
        return pred in AGENTIVE_CLASSES and f.q.subject is not None
    if pred == "flow" and kind != "measure":
        return False  # "one of three leaks": things counted, not a volume that flowed
    return pred in KNOWN_CLASSES


def measure_key(q: Quantity, before: str = "") -> tuple[str, str, str | None, str | None] | None:
    """What a figure measures, or None when it measures nothing the ledger compares;
    ``before``: the words right before it ("suspected of killing" makes deaths suspected)."""
    if q.kind is None or q.kind not in (*_PAIRABLE, "duration"):
        return None
    pred = q.predicate
    if pred == "dead" and _SUSPECTED.search(before):
        pred = "suspected"
    unit = q.unit
    if unit in PEOPLE or (pred in PEOPLE_CLASSES and (unit is None or unit in _TOLD_OF_PEOPLE)):
        unit = "person"
    if unit is None:
        return None
    if q.kind == "duration":
        return (q.kind, unit, None, None)  # the length of an event, told with any verb
    if pred is None:
        return None  # "1,000 people": of what is not said
    return (q.kind, unit, pred, q.per)


def figures_of(
    annotations: Sequence[Annotation],
    entities_in: Callable[[str, int], list[str]],
    published: dict[str, str | None],
    guessed: Collection[str] = (),
    cfg: FiguresConfig = FIGURES,
) -> list[Figure]:
    """The figures the ledger compares; ``guessed``: articles whose date is inferred."""
    out: list[Figure] = []
    for ann in annotations:
        vecs = ann.vectors()
        by_sentence: dict[int, list[int]] = defaultdict(list)
        key_of = {n: _measure_in(ann, q, cfg) for n, q in enumerate(ann.quantities)}
        for n, q in enumerate(ann.quantities):
            by_sentence[q.sentence].append(n)
        try:
            day = date.fromisoformat(published.get(ann.article) or "")
        except ValueError:
            day = None
        for s, ns in by_sentence.items():
            if not s < len(ann.sentences):
                continue
            sentence = ann.sentences[s]
            qs = [ann.quantities[n] for n in ns]
            keys = [key_of[n] for n in ns]
            part_of = [partitive(q, sentence.text, sentence.start) for q in qs]
            # figures of one measure in one sentence, parts told alike ("80 confirmed
            # deaths, 36 deaths"): a breakdown
            wholes = [whole_key(k) for k, p in zip(keys, part_of, strict=True) if k and not p]
            own = own_places(
                qs,
                [k and whole_key(k) for k in keys],
                sentence.text,
                sentence.start,
                cfg.place_after,
            )
            named = frozenset(
                m.text.lower() for m in ann.mentions if m.sentence == s and m.label in _PLACES
            )
            for q, key, place, part in zip(qs, keys, own, part_of, strict=True):
                if key is None:
                    continue
                # a part told as confirmed ("20 of the 149 ... have been confirmed") is the
                # whole of the confirmed count
                part = part and not _confirmed(key)
                out.append(
                    Figure(
                        article=ann.article,
                        sentence=s,
                        text=sentence.text,
                        q=q,
                        vector=vecs[s] if vecs.shape[1] else np.zeros(1, np.float32),
                        entities=frozenset(entities_in(ann.article, s)),
                        key=key,
                        day=day,
                        when=q.when,
                        day_guessed=ann.article in guessed,
                        offset=sentence.start,
                        alone=len(qs) == 1,
                        parts=part
                        or wholes.count(whole_key(key)) > 1
                        or len(qs) >= cfg.list_figures,
                        item=place is not None,
                        place=place or q.place,
                        places=named,
                        rate_doubt=rate_doubt(q, qs, sentence.text, sentence.start),
                    )
                )
    return out


def _measure_in(
    ann: Annotation, q: Quantity, cfg: FiguresConfig
) -> tuple[str, str, str | None, str | None] | None:
    if not q.sentence < len(ann.sentences):
        return None
    s = ann.sentences[q.sentence]
    start, end = q.start - s.start, q.end - s.start
    key = measure_key(q, s.text[max(0, start - cfg.hedge_before) : start])
    if q.kind == "money" and q.unit and _SIZE_OF.match(s.text, end):
        return (q.kind, q.unit, FUND, q.per)  # "a $100m fund": the fund's size, any giver
    if key is not None and key[2] == "dead" and confirmed(s.text[:start], s.text[end:]):
        return (key[0], key[1], f"dead{CONFIRMED}", key[3])  # the confirmed part of the dead
    return key


def _confirmed(key: tuple | None) -> bool:
    return key is not None and key[2] is not None and key[2].endswith(CONFIRMED)


def same_scope(a: Figure, b: Figure, parts: bool = False) -> bool:
    """One measure for one scope: subjects and places agree; a place one figure gives must
    at least be named in the other's sentence ("91 cases in the US" / "256 cases");
    ``parts``: a part and its whole ("19 civilians" / "15 people") are of one measure."""
    if a.key != b.key and not (parts and part_side(a.key, b.key) is not None):
        return False
    if a.q.subject and b.q.subject and a.q.subject != b.q.subject:
        return False
    if a.key[2] in AGENTIVE_CLASSES and a.q.subject != b.q.subject:
        return False  # money or troops: one giver, said by both
    x, y = a.place or a.q.place, b.place or b.q.place
    if many_places(a.text, x) != many_places(b.text, y):
        return False  # a count over many places ("in 20 countries") / one of them
    if x and y:
        return x == y
    if x:
        return named_in(x, b.text)
    if y:
        return named_in(y, a.text)
    return True


def same_time(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    """Whether two figures may refer to the same moment: the days their sentences name,
    else their reports' days, at most ``report_slack`` apart: two reports' days must be the
    same (a count told a day apart may have moved). Unknown: may be the same; a report's
    date inferred from other reports, or a day one sentence names against the other's
    report day, one day either way. A
    month or a year a sentence names is too coarse to place a running count ("killed 167
    since it was detected in April"), so the report's day stands for it."""
    x, y = _day_of(a), _day_of(b)
    if x is None or y is None:
        return True
    if _named_day(a) and _named_day(b):
        return x == y  # both sentences say the day: two days are two moments
    guessed = any(f.day_guessed and f.day == d for f, d in ((a, x), (b, y)))
    # A day the sentence names against a report's own day: the report tells the day
    # before ("on Tuesday evening" in Monday's and Wednesday's reports), one day either way.
    told = (x != a.day) != (y != b.day)
    return abs((x - y).days) <= cfg.report_slack + (guessed or told)


def _day_of(f: Figure) -> date | None:
    if f.when and len(f.when) == 10:
        try:
            return date.fromisoformat(f.when)
        except ValueError:
            return f.day
    return f.day


def related(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    sim = float(a.vector @ b.vector) if a.vector.shape == b.vector.shape else 0.0
    shared = len(a.entities & b.entities) or int(_place_told(a, b) or _place_told(b, a))
    if a.key[0] == "duration":  # the length of one event: told of the same people, alike
        x, y = event_of(a), event_of(b)
        if x and y and x != y:
            return False  # "two weeks of bombings" / "five weeks of battle": two events
        return shared >= 2 or (shared >= 1 and sim >= cfg.related_unnamed)
    if shared == 0 and sim >= cfg.alike_same_day and _one_day(a, b):
        return places_agree(a.places, b.places)  # the story's own scope, told the same day
    return (shared >= 1 and sim >= cfg.related) or sim >= cfg.alike  # one scope both name


def _place_told(a: Figure, b: Figure) -> bool:
    """A place ``a``'s sentence names is told in ``b``'s, by name or adjective ("Libya" /
    "the Libyan government"): one scope both name, though their entities differ."""
    return any(named_or_adjective(p, b.text) for p in a.places)


def _one_day(a: Figure, b: Figure) -> bool:
    return a.day is not None and a.day == b.day and not (a.day_guessed or b.day_guessed)


def near_in_size(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    low, high = sorted((abs(a.q.value), abs(b.q.value)))
    return low > 0 and high / low <= cfg.max_ratio


def same_moment(a: Figure, b: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    """Two tellings of one measure, for one scope, at one time."""
    return (
        (a.article, a.sentence) != (b.article, b.sentence)
        and not any(
            historical(f)
            or run_on(f, cfg)
            or (f.parts and not f.item)
            or bare(f)
            or subset(f)
            or window(f)
            for f in (a, b)
        )
        and all(known_measure(f) or f.key[0] == "duration" for f in (a, b))
        and not any(f.rate_doubt for f in (a, b))
        and same_scope(a, b, parts=True)
        and same_time(a, b, cfg)
        and near_in_size(a, b, cfg)
        and related(a, b, cfg)
    )


def revised(a: Figure, b: Figure) -> bool:
    """A count that only grows (people dead, hurt, held, infected), told higher by a later
    report, or in one day's reports for a later day both sentences name: the count as known
    later, not a dispute ("three killed in Wednesday's clashes", then "at least eight" in
    the next day's report)."""
    if whole_key(a.key)[2] not in GROWING or a.day is None or b.day is None:
        return False
    x, y = a.day, b.day
    if x == y:  # one report day: only days both sentences name can order them
        named = _named_day(a), _named_day(b)
        if named[0] is None or named[1] is None or named[0] == named[1]:
            return _told_risen(a, b)
        x, y = named[0], named[1]
    early, late = (a, b) if x < y else (b, a)
    return interval(late.q)[0] > interval(early.q)[1]


# A count told as having moved to its value ("has risen to 18", "now stands at 300").
_RISEN = re.compile(
    r"\b(ris(?:en|es)|rose|climb(?:ed|s)|increas(?:ed|es)|jump(?:ed|s)|grew|grown|"
    r"now stands|reach(?:ed|es))\s+(?:to|at)?\s*$",
    re.IGNORECASE,
)


def _told_risen(a: Figure, b: Figure) -> bool:
    """Of one day's reports, the higher count told as having risen to its value ("the
    number of cases has risen to 18" against "eight cases"): the count as known later in
    the day."""
    low, high = sorted((a, b), key=lambda f: f.q.value)
    start = high.q.start - high.offset
    rose = bool(_RISEN.search(high.text[max(0, start - 30) : start]))
    return rose and interval(high.q)[0] > interval(low.q)[1]


def _named_day(f: Figure) -> date | None:
    if f.when and len(f.when) == 10:
        try:
            return date.fromisoformat(f.when)
        except ValueError:
            return None
    return None


_PLURAL = {"child": "children", "man": "men", "woman": "women"}


def describe(key: tuple[str, str, str | None, str | None]) -> str:
    """For the reader: "persons dead", "barrels a day flow", "USD pledged"."""
    kind, unit, pred, per = key
    words = _PLURAL.get(unit, f"{unit}s") if unit and not unit.isupper() else (unit or kind)
    if per:
        words += f" a {per}"
    if kind == "duration":
        return words  # the length of one event, told with any verb
    if pred and pred.endswith(CONFIRMED):
        pred = f"{pred.removesuffix(CONFIRMED)} (confirmed)"
    return f"{words} {pred}" if pred and pred != unit else words


def run_on(f: Figure, cfg: FiguresConfig = FIGURES) -> bool:
    """A "sentence" of many run-together items (a flattened fact box or page of links):
    its parse says little about which figure goes with what."""
    return len(f.text.split()) > cfg.run_on_words
