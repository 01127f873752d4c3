"""What a figure measures, read for a track: one measure told in many words and units.

A track follows one measure across reports that word it differently, so the annotator's
reading of each figure (``measures.Figure.key``) is made comparable first:

- what is counted: "103 deaths" and "81 people killed" both count people dead; "28,774
  infections" counts people infected;
- a volume's unit: barrels, US gallons and litres are one unit (barrels), the value
  converted, the words kept ("210,000 gallons");
- a rate's period said after what is measured ("10,000 barrels of oil a day", "5,000
  barrels (210,000 gallons) a day") is the figure's own, not a doubt;
- a volume's predicate from its sentence's verb when the parse gave a word that says
  nothing of it ("a rate of 4,000 barrels a day", "the equivalent of 5,000 barrels" of a
  leak): leaking, or collected ("captured", "funnelled"): two measures;
- a count over many places ("in 42 countries", "worldwide") is the world's, a scope of
  its own;
- an increment ("a further 48 deaths") is no value of the count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

import msgspec

from storyline.model import Quantity
from storyline.synthesize.measures import (
    AGENTIVE_CLASSES,
    FIGURES,
    Figure,
    FiguresConfig,
    named_in,
)

WORLD = "the world"  # the scope of a count over many places
VOLUME = "barrel"  # the unit volumes are tracked in
# Units of one volume, in barrels (US gallons: 42 a barrel; litres: 158.987).
_BARRELS = {"barrel": 1.0, "gallon": 1 / 42, "litre": 1 / 158.987, "liter": 1 / 158.987}
# Nouns that count people by what befell them ("103 deaths", "28,774 infections").
_PEOPLE_BY_FATE = {"death": "dead", "fatality": "dead", "life": "dead", "infection": "infected"}
# A count over many places: "in 42 countries", "42 countries have reported", or
# "worldwide" right after the figure ("28,774 infections worldwide").
_MANY_PLACES = re.compile(r"\b\d[\d,]*\s+(countries|nations)\b", re.IGNORECASE)
_WORLD_AFTER = re.compile(
    r"^(\s+\w+){0,3}?\s+(world\s?wide|globally|(around|across|throughout|in) the world)\b",
    re.IGNORECASE,
)
# A period right after what is measured ("of oil a day", "(210,000 gallons) a day"), or
# right before the figure ("each day some 10,000 barrels").
_DAILY_AFTER = re.compile(
    r"^[\s'\"’”]*(of\s+\w+(\s+\w+)?\s+|\([^()]*\)\s*|\w+ing\s+)?(,\s*)?(a|per|each|every)\s+day\b"
    r"|^\s*(of\s+\w+\s+)?daily\b",
    re.IGNORECASE,
)
_DAILY_BEFORE = re.compile(r"\b(each|every|per) day,?\s*$", re.IGNORECASE)
_FLOW_VERB = re.compile(r"\b(leak|spill|flow|gush|spew|pour|seep|escap|discharg)\w*", re.I)
_COLLECT_VERB = re.compile(r"\b(collect|captur|funnel|siphon|recover|skim)\w*", re.IGNORECASE)
_CASES = frozenset({"case", "infection"})
_TAKES_LIVES = frozenset({"cost", "take", "lose"})  # lives a disaster cost, took
_OF_WHAT = re.compile(r"\s+of\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)")
_FUNCTION_WORDS = frozenset({"a", "an", "per", "each", "every", "into", "from", "in", "to",
                             "on", "at", "for", "and", "or", "that", "which", "was", "were",
                             "is", "are", "has", "have", "had", "been"})  # fmt: skip
# Cases of an illness: the sentence says so ("confirmed cases", "cases of the fever").
_ILLNESS = re.compile(
    r"\b(infect|virus|viral|flu|fever|disease|ill|sick|confirm|positive|diagnos|test|"
    r"outbreak|epidemic|pandemic|patient|symptom|health|medical|hospital|strain)",
    re.IGNORECASE,
)
# A count its sentence says lies mostly in a place ("65 people, most in Mexico"), or
# outside one ("one death outside Mexico"): not that place's count.
_NOT_ONE_PLACE = re.compile(
    r"\b(most|mostly|mainly|majority|almost all|nearly all|outside)\b", re.IGNORECASE
)
# A value foreseen, feared or possible, not told as it stands ("could have spilled" is
# an estimate of what happened, and stays).
_PROJECTED = re.compile(
    r"\b(worst[- ]case|scenario|capacity|would|aims? to|plans? to|expects? to|hopes? to)\b"
    r"|\b(could|can)\s+(?!have\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_INCREMENT_BEFORE = re.compile(r"\b(a further|an additional|another|a fresh)\s+$", re.I)
# A change told with the value it led to ("rose by three to 78"): the change is no value.
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_TO_AFTER = re.compile(r"\bto\s+\d")  # in the figure's words ("three to 78") or right after
# A value told as one of an earlier stage ("initially estimated", "last month, BP was
# estimating", "not certain at that stage", "early in the crisis"): not the value as of
# the report's day, and the sentence does not say which day it held.
# A month named only where the sentence opens sets its time ("Last month, BP was
# estimating"); elsewhere it may date something else ("since it was first noticed last month").
_EARLIER = re.compile(
    r"\b(initially|at first|originally|at that (stage|time|point)|early in the|in the early days)\b"
    r"|^\W*(last|the previous) month\b",
    re.IGNORECASE,
)
# A range written with its scale once ("20-40,000 barrels", "10-15,000"): both ends are
# thousands (the parse reads the first number alone).
_SHORT_RANGE = re.compile(r"(?<![\d,.])(\d{1,3})\s*[-–]\s*(\d{1,3}(?:,\d{3})+)(?![\d,])")


def track_figure(f: Figure, cfg: FiguresConfig = FIGURES) -> Figure | None:
    """``f`` as a track reads it (see the module docstring), or None when it is no value
    the track can show: an increment, a vague plural ("dozens of deaths": no value to
    draw), a figure whose sentence names an earlier year ("since 2003": another count), an
    attribute ("the 5,000-barrel estimate"), a value foreseen ("could reach 1,000")."""
    before = f.text[max(0, f.q.start - f.offset - cfg.hedge_before) : f.q.start - f.offset]
    if _INCREMENT_BEFORE.search(before) or (f.q.modifier or "").lower().endswith(" of"):
        return None
    told = f.q.text + f.text[f.q.end - f.offset : f.q.end - f.offset + 8]
    if _BY_BEFORE.search(before) and _TO_AFTER.search(told):
        return None  # "rose by three to 78": the change, not the count
    if _EARLIER.search(f.text):
        return None
    if f.day is not None and any(int(y) < f.day.year for y in _YEAR.findall(f.text)):
        return None
    after = f.text[f.q.end - f.offset : f.q.end - f.offset + cfg.rate_after]
    if after.startswith("-") or _PROJECTED.search(before + f.q.text + after[:8]):
        return None  # "the 5,000-barrel estimate"; "could reach 1,000", "a capacity of"
    kind, unit, pred, per = f.key
    q, doubt = _short_range(f.q), f.rate_doubt
    if kind == "count" and unit == "life" and pred in _TAKES_LIVES:
        unit, pred = "person", "dead"  # "has cost more than 200 lives"
    if kind == "count" and unit in _PEOPLE_BY_FATE and pred == _PEOPLE_BY_FATE[unit]:
        unit = "person"
    if pred == "suspected" and f.q.unit in _CASES:
        pred = "suspected cases"  # suspected cases are not suspected deaths
    if kind == "measure" and unit in _BARRELS:
        if per is None and (_DAILY_AFTER.search(after) or _DAILY_BEFORE.search(before)):
            per, doubt = "day", False
        pred = _volume_predicate(f, pred)
        q = _scaled(q, _BARRELS[unit])
        unit = VOLUME
    place = q.place
    if place is None and _over_many_places(f, cfg):
        place = WORLD
    if place != q.place:
        q = msgspec.structs.replace(q, place=place)
    return replace(f, key=(kind, unit, pred, per), q=q, rate_doubt=doubt)


def substance(f: Figure) -> tuple[str, ...]:
    """The words of what a volume is of ("barrels of crude oil": crude, oil); empty when
    unsaid."""
    m = _OF_WHAT.match(f.text[f.q.end - f.offset :])
    if not m:
        return ()
    words = tuple(w.lower() for w in m.group(1).split())
    return words[:1] if words[-1] in _FUNCTION_WORDS else words


def main_substance(figs: Sequence[Figure]) -> Callable[[Figure], bool]:
    """Whether a volume is of the story's main substance: the word most volumes are said
    to be of, or a word told right before it ("crude oil": crude). "50,000 barrels of mud"
    and "2m gallons of the dispersant" are not the spill's oil; a volume that says of
    nothing may be."""
    said = [substance(f) for f in figs if f.key[1] == VOLUME]
    told = Counter(w for words in said for w in words)
    if not told:
        return lambda f: True
    top = min(told, key=lambda w: (-told[w], w))
    main = {top} | {words[0] for words in said if words[1:] == (top,)}
    return lambda f: f.key[1] != VOLUME or not substance(f) or bool(main & set(substance(f)))


def of_an_illness(figs: Sequence[Figure]) -> bool:
    """Whether counts of cases are of an illness: most of their sentences name one ("100
    cases related to the spill", "in one case": lawsuits, no patients)."""
    cases = [f for f in figs if f.q.unit in _CASES]
    return 2 * sum(bool(_ILLNESS.search(f.text)) for f in cases) >= len(cases)


def _over_many_places(f: Figure, cfg: FiguresConfig) -> bool:
    """Whether the figure's clause counts over many places: "in 42 countries" near it
    (not a count of one place told beside one of the world's), "worldwide" after it."""
    start, end = f.q.start - f.offset, f.q.end - f.offset
    near = f.text[max(0, start - cfg.world_near) : end + cfg.world_near]
    return bool(_MANY_PLACES.search(near) or _WORLD_AFTER.search(f.text[end : end + 40]))


def _volume_predicate(f: Figure, pred: str | None) -> str | None:
    """What is said of a volume: collected when its sentence says so ("captures 10,000
    barrels": not a prisoner's capture), else what the verb nearest the figure says of it
    (leaking, or collected) when the parse gave a word that says neither."""
    collect = list(_COLLECT_VERB.finditer(f.text))
    if pred in ("detained", "raised"):
        return "collected" if collect else None
    if pred == "flow":
        return pred
    start, end = f.q.start - f.offset, f.q.end - f.offset
    near = [(_distance(m, start, end), "collected") for m in collect]
    near += [(_distance(m, start, end), "flow") for m in _FLOW_VERB.finditer(f.text)]
    return min(near)[1] if near else pred


def _distance(m: re.Match[str], start: int, end: int) -> int:
    return start - m.end() if m.end() <= start else max(0, m.start() - end)


def scope_of(
    f: Figure, names: Mapping[str, str], places: Collection[str]
) -> tuple[str | None, str | None] | None:
    """Whose and where a figure's measure is, as (subject, place) in lower case: the giver
    of what is given (troops sent, aid pledged: a measure of each giver); the place its
    clause names, else the one place its sentence names (the place's name as the story
    knows it). Volumes have none (one story's spill, whatever waters its sentences
    name). None: a sentence naming two places or more, whose figure it is unsaid."""
    if f.key[0] == "measure":
        return (None, None)
    subject = f.q.subject.lower() if f.key[2] in AGENTIVE_CLASSES and f.q.subject else None
    named = [names.get(e, e) for e in sorted(f.entities & set(places))]
    place = f.q.place
    if place is not None and place != WORLD:
        if re.search(rf"(?i:\b{re.escape(place)})\s*(,|\s+and|\s+or)\s+[A-Z]", f.text):
            return None  # one of a list of places ("in California and Texas")
        if _NOT_ONE_PLACE.search(f.text):
            return None
        place = next((n for n in named if named_in(place, n) or named_in(n, place)), place)
    elif place is None:
        if len(named) > 1 or (named and _NOT_ONE_PLACE.search(f.text)):
            return None
        place = named[0] if named else None
    return (subject, _lower(place))


def _lower(place: str | None) -> str | None:
    if place is None:
        return None
    place = place.lower()
    return place[4:] if place.startswith("the ") else place


def _scaled(q: Quantity, factor: float) -> Quantity:
    """``q`` in another unit: its value and bounds times ``factor``, its words kept."""
    if factor == 1.0:
        return q
    return msgspec.structs.replace(
        q,
        value=q.value * factor,
        low=None if q.low is None else q.low * factor,
        high=None if q.high is None else q.high * factor,
    )


def _short_range(q: Quantity) -> Quantity:
    """``q`` with both ends of a range written with its scale once ("20-40,000": 20,000 to
    40,000), where the parse read the first number alone as the value."""
    m = _SHORT_RANGE.search(q.text)
    if m is None:
        return q
    first, last = int(m.group(1)), float(m.group(2).replace(",", ""))
    if q.value != first or first * 1000 > last:
        return q
    scale = 1000 ** m.group(2).count(",")
    return msgspec.structs.replace(q, value=first * scale, low=first * scale, high=last)
