"""A part and its whole: "19 civilians were killed" counts a part of the people killed, "16
deaths have been confirmed" a part of the deaths. A part of one event, time and scope
cannot exceed the whole: when the part's lower bound is above the whole's upper bound the
two tellings cannot both hold (a disagreement); a part at or below the whole agrees with it.

Which counted nouns are a kind of person comes from a small taxonomy of general English
(who a war, a disaster or an epidemic counts: civilians, children, soldiers, workers ...),
not from any story; a count told as confirmed ("16 deaths have been confirmed", "20
confirmed deaths") is the confirmed part of its measure.
"""

from __future__ import annotations

import re

from storyline.model import Quantity
from storyline.synthesize.bounds import interval

Key = tuple[str, str, str | None, str | None]  # kind, counted, predicate class, per

# fmt: off
# Kinds of person a count of people may single out: each is a part of "person".
PERSON_PARTS = frozenset({
    "civilian", "child", "kid", "baby", "infant", "woman", "man", "girl", "boy", "adult",
    "teenager", "student", "pupil", "soldier", "troop", "fighter", "rebel", "militant",
    "insurgent", "combatant", "gunman", "policeman", "policemen", "officer", "guard",
    "protester", "protestor", "demonstrator", "worker", "journalist", "reporter", "doctor",
    "nurse", "passenger", "pilgrim", "tourist", "foreigner", "prisoner", "inmate", "miner",
    "firefighter", "sailor", "pilot", "marine",
})
# fmt: on
# A count told as confirmed: the confirmed part of its measure ("20 confirmed deaths",
# "16 deaths have been confirmed", "20 of the 149 ... have been confirmed").
_CONFIRMED_BEFORE = re.compile(r"\b(laboratory[- ])?confirmed\s+$", re.IGNORECASE)
_CONFIRMED_AFTER = re.compile(
    r"^[^,;:.()]{0,60}?\b(?:have|has|had)\s+(?:now\s+|so\s+far\s+|since\s+)?been\s+confirmed\b",
    re.IGNORECASE,
)
CONFIRMED = "+confirmed"  # the mark on a predicate class of a confirmed part


# The whole of a partitive ("20 of the 149 ... have been confirmed"): the verb is the part's.
_WHOLE_OF = re.compile(r"\bof\s+(the|these|those)\s+$", re.IGNORECASE)


def confirmed(before: str, after: str) -> bool:
    """Whether the words right around a count tell it as confirmed."""
    if _CONFIRMED_BEFORE.search(before):
        return True
    return not _WHOLE_OF.search(before) and bool(_CONFIRMED_AFTER.search(after))


# Counted things that are only a floor of a whole: the bodies found, shown or recovered
# are at least the dead, not their count ("shown nine bodies" / "19 civilians killed").
_FLOORS = frozenset({"body"})


def exceeds(part: Quantity, whole: Quantity) -> bool:
    """Whether a part's lower bound is above its whole's upper bound: both cannot hold."""
    if whole.unit in _FLOORS:
        return False
    return interval(part)[0] > interval(whole)[1]


def whole_key(key: Key) -> Key:
    """The measure a part belongs to: its kind of person counted as people, a confirmed
    count as the count."""
    kind, unit, pred, per = key
    if kind == "count" and unit in PERSON_PARTS:
        unit = "person"
    if pred is not None and pred.endswith(CONFIRMED):
        pred = pred.removesuffix(CONFIRMED)
    return (kind, unit, pred, per)


def part_side(a: Key, b: Key) -> int | None:
    """0 when ``a`` is a part of ``b``'s measure, 1 when ``b`` is of ``a``'s, else None
    (two different parts, or two tellings of one measure, are no part and whole)."""
    if a == b or whole_key(a) != whole_key(b):
        return None
    if whole_key(b) == b:
        return 0
    if whole_key(a) == a:
        return 1
    return None
