"""What a figure measures: its kind, what is said of what it counts, whose, where, when.

``quantities`` finds a number with its unit ("19 dead" -> 19 person); this module reads
the parse around it so that the ledger can tell two tellings of one measure ("at least
19 people were killed" / "the death toll rose to 21") from two different measures told
with the same unit ("49 people injured" / "90 detained"):

* ``kind``: a count, money, a percent, a duration, a physical measure, or one of the
  figures that are never compared: an age ("a two-year-old", "aged 30"), a time offset
  ("five years ago", "three days after", "six years on", "the past 10 years"), a rating
  ("a magnitude 7.0 quake", "a 5.9 aftershock"), an attribute ("a 23-year rule", "10-year
  notes"), an increment ("three more cases": a change, not the count).
* ``predicate``: what is said of the counted thing, from the dependency parse: the
  adjective or participle on its noun ("19 dead", "confirmed cases", "people killed"),
  else the verb it hangs on ("sent 30 doctors", "leaking 5,000 barrels"); when that verb
  only reports or moves a figure ("the toll rose to 21", "the flow was estimated at ..."),
  what its subject names ("death toll" -> death). Lemmas fall into a few classes of
  synonyms (kill/die/dead/death/toll -> dead), general English, not any story's words.
* ``subject``: the doer of an agentive verb ("Cuba has sent 30 doctors"), so that
  pledges by different donors are different measures; ``place``: a place the clause
  puts the figure in ("in Haiti"); ``per``: a rate's period ("barrels a day").
* ``bounds``: the interval the wording allows ("at least 90" -> 90..None, "about 200"
  -> 170..230, "12,000 to 19,000" -> 12,000..19,000).

``refer_dates`` then gives each figure the date its sentence's nearest calendar time
expression names (else None: the ledger reads the report's own date).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msgspec.structs import replace

from storyline.annotate.nlp import lemma_of
from storyline.model import Quantity, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# fmt: off
_DURATION = frozenset({"second", "minute", "hour", "day", "night", "week", "fortnight", "month",
                       "year", "decade", "century"})
# Words right after a duration that make it a point in time, not a length.
_OFFSET_AFTER = frozenset({"ago", "later", "earlier", "on", "after", "before", "into", "since",
                           "from", "hence", "afterwards", "prior", "previously", "back"})
_PERIOD_BEFORE = frozenset({"past", "last", "next", "these", "those", "coming", "previous",
                            "first", "recent", "few"})
_INCREMENT = frozenset({"more", "new", "additional", "further", "other", "extra", "fresh"})
_AGE_BEFORE = frozenset({"aged", "age", "ages"})
_RATING_WORDS = frozenset({"magnitude", "richter", "category", "scale", "level", "grade"})
_MEASURE_UNITS = frozenset({"kilometer", "mile", "meter", "foot", "feet", "yard", "centimeter",
                            "millimeter", "inch", "kilogram", "ton", "pound", "gallon", "liter",
                            "litre", "barrel", "acre", "hectare", "degree", "knot", "mph", "kph",
                            "megawatt", "kilowatt", "square"})
# Verbs that only say, estimate or move a figure: what the figure measures is in their
# subject ("the death toll rose to 21", "the flow was estimated at 5,000 barrels").
_CARRIER_VERBS = frozenset({"be", "estimate", "put", "rise", "climb", "reach", "stand", "increase",
                            "jump", "grow", "total", "hit", "say", "report", "number", "exceed",
                            "top", "surpass", "double", "range", "soar", "fall", "drop",
                            "decline", "revise", "raise", "lower", "update", "remain", "near",
                            "approach", "mount", "swell", "edge", "cross", "pass", "become",
                            "give", "show", "suggest", "calculate", "count", "tally", "believe",
                            "think", "claim", "allege", "confirm", "indicate", "include", "bring",
                            "push", "take", "leave", "set", "make", "have", "get"})
# Nouns that hold a figure without being what it counts ("the toll", "the number of").
_HOLDERS = frozenset({"toll", "number", "total", "count", "figure", "tally", "estimate", "rate",
                      "amount", "sum", "level", "volume", "tolls", "numbers"})
# Synonym classes of what is said of a counted thing (general English).
_CLASSES = {
    "dead": ("kill", "killed", "die", "dead", "death", "toll", "fatality", "perish", "slay",
             "slain", "murder", "massacre", "execute", "drown", "body", "casualty_dead"),
    "injured": ("injure", "injured", "wound", "wounded", "hurt", "injury", "maim"),
    "detained": ("detain", "detained", "arrest", "arrested", "jail", "imprison", "capture",
                 "round", "detention", "custody", "prisoner"),
    "missing": ("missing", "disappear", "unaccounted"),
    "displaced": ("displace", "displaced", "homeless", "evacuate", "evacuated", "flee",
                  "uproot", "refugee", "evacuee", "evacuation", "displacement"),
    "infected": ("infect", "infected", "case", "confirmed", "sicken", "contract", "diagnose",
                 "positive", "infection"),
    "suspected": ("suspected", "suspect", "probable", "possible", "potential", "presumed"),
    "hospitalized": ("hospitalize", "hospitalise", "hospitalized", "hospitalised", "admit"),
    "sent": ("send", "deploy", "dispatch", "station", "post"),
    "pledged": ("pledge", "promise", "donate", "commit", "offer", "earmark", "allocate",
                "provide", "grant"),
    "raised": ("raise", "collect"),
    "flow": ("leak", "spill", "flow", "gush", "spew", "pour", "release", "escape", "discharge",
             "emit", "seep"),
    "protest": ("protest", "march", "rally", "demonstrate", "gather", "protester",
                "demonstrator"),
}
# What befalls people: a bare number its clause is said of counts people ("149 died").
PEOPLE_PREDICATES = frozenset({"dead", "injured", "detained", "missing", "displaced",
                               "hospitalized"})
# fmt: on
_CLASS_OF = {w: c for c, words in _CLASSES.items() for w in words}
_AGENTIVE = frozenset({"sent", "pledged", "raised"})
_PLACE_PREPS = frozenset({"in", "at", "near", "across", "throughout", "inside", "outside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SCALES = frozenset({"million", "billion", "trillion", "thousand", "m", "bn", "k"})
_PERIOD_EDGES = frozenset({"since", "from", "until", "till", "through", "between"})
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A part of a day (TIMEX3: morning, afternoon, evening, night): "Sunday afternoon".
_PART_OF_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}T(MO|AF|EV|NI)$")

_LOWER = frozenset(
    {
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "in excess of",
        "no fewer than",
        "no less than",
        "well over",
        "just over",
    }
)
_UPPER = frozenset(
    {
        "less than",
        "fewer than",
        "under",
        "below",
        "up to",
        "at most",
        "no more than",
        "as many as",
        "as much as",
        "well under",
    }
)
_NEAR_BELOW = frozenset({"nearly", "almost", "just under", "close to"})
_EXACT = frozenset({"exactly", "precisely", "only", "just", "barely"})
APPROX = 0.15  # how far "about 200" reaches either way
NEAR = 0.05  # how far below "almost 200" reaches (just under it: 190 to 200)


def class_of(lemma: str | None) -> str | None:
    """The synonym class of a predicate lemma ("killed" -> "dead"), else the lemma."""
    if lemma is None:
        return None
    return _CLASS_OF.get(lemma, lemma)


def bounds(
    value: float, modifier: str | None, top: float | None = None
) -> tuple[float | None, float | None]:
    """The interval a figure's wording allows; None on a side: unbounded."""
    if top is not None:
        return value, top
    mod = (modifier or "").lower()
    if not mod or mod in _EXACT:
        return value, value
    if mod in _LOWER:
        return value, None
    if mod in _UPPER:
        return None, value
    if mod in _NEAR_BELOW:
        return value * (1 - NEAR), value
    if mod.endswith(" of") or mod in ("tens of", "hundreds of", "thousands of", "dozens of"):
        return value, value * 10  # "hundreds of", "tens of thousands"
    return value * (1 - APPROX), value * (1 + APPROX)  # about, around, some, estimated


def measure(doc: Doc, start: int, end: int, noun: int | None, unit: str | None) -> dict:
    """kind, predicate, subject, place and per of the figure doc[start:end] (unit ``unit``,
    counted noun doc[noun] when there is one)."""
    n = len(doc)
    after = noun + 1 if noun is not None else end
    nxt = doc[after].lower_ if after < n else ""
    kind = _kind(doc, start, end, noun, unit, nxt)
    per = None
    if (
        after + 1 < n
        and nxt in ("a", "per", "each", "every")
        and lemma_of(doc[after + 1]) in ("day", "week", "month", "year", "hour")
    ):
        per = lemma_of(doc[after + 1])
    elif nxt == "daily":
        per = "day"
    anchor = doc[noun] if noun is not None else doc[end - 1]
    predicate, verb = _predicate(doc, anchor)
    subject = None
    if verb is not None and class_of(predicate) in _AGENTIVE:
        subject = _subject(verb)
    place = _place(verb if verb is not None else anchor, anchor)
    return {
        "kind": kind,
        "predicate": class_of(predicate),
        "subject": subject,
        "place": place,
        "per": per,
    }


def _kind(doc: Doc, start: int, end: int, noun: int | None, unit: str | None, nxt: str) -> str:
    prev = doc[start - 1].lower_ if start > 0 else ""
    window = {t.lower_ for t in doc[max(0, start - 3) : min(len(doc), end + 3)]}
    if window & _RATING_WORDS or prev in ("magnitude", "category"):
        return "rating"
    if unit == "percent":
        return "percent"
    if unit is not None and unit.isupper():
        return "money"
    if prev in _AGE_BEFORE:
        return "age"
    if unit in _DURATION:
        tail = [t.lower_ for t in doc[(noun or end) + 1 : (noun or end) + 3]]
        if "old" in tail[:2] or (nxt in ("-", "old") and "old" in tail):
            return "age"  # "a two-year-old girl", "30 years old"
        if nxt in _OFFSET_AFTER or prev in _PERIOD_BEFORE:
            return "offset"  # "five years ago", "six years on", "the past 10 years"
        if end < len(doc) and doc[end].text == "-":
            return "attribute"  # "a two-day visit", "his 23-year rule", "10-year notes"
        return "duration"
    if (end < len(doc) and doc[end].lower_ in _INCREMENT) or prev == "another":
        return "increment"  # "three more cases", "61 new cases": a change, not the count
    if unit in _MEASURE_UNITS:
        return "measure"
    value_text = doc[start:end].text
    if "." in value_text and not any(t.lower_ in _SCALES for t in doc[start:end]):
        return "rating"  # nobody counts 5.9 aftershocks: a magnitude, a score
    return "count"


def _predicate(doc: Doc, anchor: Token) -> tuple[str | None, Token | None]:
    """What is said of the counted thing, and the verb the figure hangs on (or None)."""
    if anchor.pos_ == "ADJ" and lemma_of(anchor) in _CLASS_OF:
        return lemma_of(anchor), None  # "19 dead"
    for child in anchor.children:  # "confirmed cases", "people killed", "injured people"
        lem = lemma_of(child)
        if child.dep_ in ("amod", "acl", "relcl", "compound") and lem in _CLASS_OF:
            verb = child if child.pos_ == "VERB" else None
            return lem, verb
    noun_says = (
        lemma_of(anchor) if anchor.pos_ == "NOUN" and lemma_of(anchor) in _CLASS_OF else None
    )
    verb_says, verb = _climb(anchor)
    if noun_says and not (verb_says in _CLASS_OF and verb is not None):
        return noun_says, verb  # "1,000 deaths", "200 cases", "40 protesters gathered"
    return verb_says, verb  # "police detained 40 protesters": what was done to them


def _climb(anchor: Token) -> tuple[str | None, Token | None]:
    tok = anchor
    for _ in range(4):  # climb through "of", appositions and conjuncts to the verb
        if tok.dep_ in (
            "pobj",
            "prep",
            "npadvmod",
            "nmod",
            "quantmod",
            "nummod",
            "compound",
            "amod",
            "attr",
            "dobj",
            "nsubj",
            "nsubjpass",
            "advmod",
        ):
            head = tok.head
            if head is tok:
                break
            if head.pos_ in ("VERB", "AUX"):
                return _from_verb(head, tok)
            if head.pos_ == "NOUN" and lemma_of(head) in _HOLDERS and head is not anchor:
                return _from_holder(head), None
            if head.pos_ == "NOUN" and lemma_of(head) in _CLASS_OF:
                return lemma_of(head), None
            if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
                return lemma_of(head.head), None  # "a depth of 8 km", "a crowd of 200"
            tok = head
        else:
            break
    return None, None


def _from_verb(verb: Token, via: Token) -> tuple[str | None, Token | None]:
    lem = lemma_of(verb)
    if lem in _CLASS_OF and lem not in ("raise", "confirm", "case"):
        return lem, verb
    if lem not in _CARRIER_VERBS:
        return lem, verb
    for child in verb.children:  # "the death toll rose to 21": what the subject holds
        if child.dep_ in ("nsubj", "nsubjpass") and child is not via:
            lem_subj = lemma_of(child)
            if lem_subj in _HOLDERS:
                return _from_holder(child), verb
            if lem_subj in _CLASS_OF:
                return lem_subj, verb
    for child in verb.children:  # "149 are reported to have died", "is feared to have drowned"
        if child.dep_ in ("xcomp", "ccomp") and lemma_of(child) in _CLASS_OF:
            return lemma_of(child), child
        if child.dep_ == "conj" and lemma_of(child) in _CLASS_OF and not _own_args(child):
            return lemma_of(child), child  # "alleges 15 people, ..., died": parsed as a conjunct
    if lem in ("confirm", "raise"):
        return lem, verb
    return None, verb


def _own_args(verb: Token) -> bool:
    """Whether a verb has a subject or an object of its own ("and arrested 12 people")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") for c in verb.children)


def _from_holder(holder: Token) -> str | None:
    """What a holder noun holds: "death toll" -> death, "number of cases" -> case."""
    for child in holder.children:
        if child.dep_ in ("compound", "amod") and lemma_of(child) in _CLASS_OF:
            return lemma_of(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    for sub in obj.children:  # "the number of people killed"
                        if sub.dep_ in ("acl", "amod", "relcl") and lemma_of(sub) in _CLASS_OF:
                            return lemma_of(sub)
                    return lemma_of(obj)
    for child in holder.children:
        if child.dep_ == "compound":
            return lemma_of(child)
    return "toll" if lemma_of(holder) == "toll" else None


def _subject(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            span = verb.doc[child.left_edge.i : child.i + 1]
            if child.ent_type_:
                ent = [t for t in span if t.ent_type_ == child.ent_type_]
                return " ".join(t.text for t in ent).lower() or child.lower_
            return lemma_of(child)
    return None


def _place(head: Token, anchor: Token) -> str | None:
    """A place the clause of ``head`` puts the figure in ("killed 12 people in Homs")."""
    preps = [t for t in (*anchor.children, *head.children) if t.dep_ == "prep"]
    for _hop in range(2):  # "killed in the clashes in Cairo": one prepositional hop more
        nested: list[Token] = []
        for prep in preps:
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if prep.lower_ in _PLACE_PREPS and obj.ent_type_ in _PLACE_LABELS:
                    ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                    return (ent.text if ent is not None else obj.text).lower()
                if prep.lower_ in _PLACE_PREPS:  # "killed in the clashes in Cairo"
                    nested.extend(t for t in obj.children if t.dep_ == "prep")
        preps = nested
    return None


def refer_dates(
    quantities: list[Quantity], timexes: list[TimeExpr], text: str = ""
) -> list[Quantity]:
    """Each figure with the calendar date its sentence's nearest time expression names.

    A date that opens or closes a period ("since January 25", "until June") is no moment
    a figure holds at: a toll "since January 25" is told as of the report's day."""
    dated: dict[int, list[TimeExpr]] = {}
    for t in timexes:
        before = text[max(0, t.start - 7) : t.start].lower().split()
        first = t.text.lower().split()[:1]
        if (before and before[-1] in _PERIOD_EDGES) or (first and first[0] in _PERIOD_EDGES):
            continue
        if t.type == "DATE" and _CALENDAR.match(t.value):
            dated.setdefault(t.sentence, []).append(t)
        elif t.type == "DATE" and _PART_OF_DAY.match(t.value):  # "Sunday afternoon"
            dated.setdefault(t.sentence, []).append(replace(t, value=t.value[:10]))
    out = []
    for q in quantities:
        near = dated.get(q.sentence)
        if near:
            best = min(near, key=lambda t: min(abs(t.start - q.end), abs(q.start - t.end)))
            q.when = best.value
        out.append(q)
    return out
