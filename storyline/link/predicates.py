"""Which way a sentence's verbs point: "opened" or "closed", "approved" or "rejected".

Two tellings of one fact and two contrary facts can share every specific (the same
people, place, day and figure) and sit close in vector space: "the council approved the
budget on Monday" / "the council rejected the budget on Monday". What sets them apart is
the meaning of the verb, which neither the sentence vectors nor the shared content read.

Each verb below sits on one *axis* with a *side*: rising amounts (rose, climbed, raised)
against falling ones (fell, dropped, cut), opening against closing, approving against
rejecting, and so on. Two sentences are opposed when both take a side on one axis and
their sides do not meet: one says only "up", the other only "down". A sentence that says
both ("prices rose while shares fell") opposes neither; verbs of one side are paraphrases
of each other ("rose" / "climbed"), and verbs on no axis ("met" / "held talks") never
oppose.

The table is hand-written general English (there is no WordNet data offline, and its
antonym links are sparse for verbs anyway). It holds contrary and reversive pairs only,
never converse ones: "A beat B" and "B lost to A" are one fact, so win/lose, buy/sell and
give/receive are left out. It reads word forms, not a parse (the link stage has no parse,
and re-parsing a story costs more than the rest of linking): inflected forms (-s, -ed,
-ing, and irregular pasts) count wherever they stand, while a bare base form counts only
after a modal, "do" or "not" ("will close the terminal"), since elsewhere it is mostly a
noun, an adjective ("at the close", "a close ally") or a purpose ("to halt the spread").
A hyphenated word is one word ("closed-door talks" opens nothing and closes nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# axis -> (verbs on one side, verbs on the other side); base forms.
# fmt: off
_AXES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "amount": (
        ("rise", "climb", "increase", "raise", "grow", "gain", "expand", "boost", "soar",
         "surge", "strengthen"),
        ("fall", "drop", "decline", "cut", "lower", "reduce", "decrease", "shrink", "slash",
         "plunge", "slump", "tumble", "weaken"),
    ),
    "open": (("open", "reopen"), ("close", "shut")),
    "assent": (
        ("approve", "accept", "agree", "pass", "ratify", "endorse", "support"),
        ("reject", "refuse", "oppose", "veto"),
    ),
    "run": (("start", "begin", "launch", "resume", "restart"), ("end", "stop", "halt", "suspend")),
    "permit": (("allow", "permit"), ("ban", "forbid", "prohibit", "bar")),
    "restriction": (("impose",), ("lift", "ease")),
    "custody": (("arrest", "detain", "jail", "imprison"), ("release", "free")),
    "verdict": (("convict",), ("acquit",)),
    "post": (("appoint", "hire"), ("dismiss", "oust", "sack")),
    "outcome": (("succeed",), ("fail",)),
    "life": (("survive",), ("die",)),
    "presence": (("arrive",), ("depart",)),
    "membership": (("join",), ("quit", "withdraw")),
}
# Irregular forms (a past that equals the base, like "cut", counts anywhere).
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "rise": ("rose", "risen"), "fall": ("fell", "fallen"), "grow": ("grew", "grown"),
    "shrink": ("shrank", "shrunk"), "begin": ("began", "begun"), "cut": ("cut",),
    "shut": ("shut",), "quit": ("quit",), "withdraw": ("withdrew", "withdrawn"), "die": ("dying",),
}
# fmt: on
# Words after which a bare base form is a verb: "will close", "did not close", "won't close".
# Not "to": a base after "to" is as often a purpose ("a curfew to halt the looting") as
# what the subject does ("voted to close"), and a purpose is no predicate of the sentence.
# fmt: off
_AUXILIARIES = frozenset([
    "will", "would", "shall", "should", "can", "cannot", "could", "may", "might", "must",
    "not", "never", "do", "does", "did",
])
# fmt: on
_CONTRACTED = ("n't", "n’t", "'ll", "’ll", "'d", "’d")  # "didn't", "they'll"
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

Side = tuple[str, int]  # (axis, 0 or 1)


def _inflections(base: str) -> set[str]:
    """Regular -s, -ed and -ing forms of ``base``, generously: a form that English does
    not have ("openned") does no harm, since it never occurs in a text."""
    forms = {base + "s", base + "es", base + "ed", base + "ing"}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    if base.endswith("y"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # "stopped", "banning"
    return forms


def _tables() -> tuple[dict[str, Side], dict[str, Side]]:
    inflected: dict[str, Side] = {}
    bare: dict[str, Side] = {}
    for axis, sides in _AXES.items():
        for side, verbs in enumerate(sides):
            for verb in verbs:
                bare[verb] = (axis, side)
                for form in _inflections(verb) | set(_IRREGULAR.get(verb, ())):
                    inflected[form] = (axis, side)
    return inflected, bare


_INFLECTED, _BARE = _tables()


def sides_of(text: str) -> frozenset[Side]:
    """The sides the sentence's verbs take: ``{("open", 1)}`` for "closed the terminal"."""
    out: set[Side] = set()
    prev = ""
    for word in _WORD.findall(text):
        w = word.lower()
        hit = _INFLECTED.get(w)
        if hit is None and (prev in _AUXILIARIES or prev.endswith(_CONTRACTED)):
            hit = _BARE.get(w)
        if hit is not None:
            out.add(hit)
        prev = w
    return frozenset(out)


def opposed(a: Iterable[Side], b: Iterable[Side]) -> bool:
    """Whether on some axis one sentence takes only one side and the other only the other."""
    by_axis_a: dict[str, set[int]] = {}
    for axis, side in a:
        by_axis_a.setdefault(axis, set()).add(side)
    by_axis_b: dict[str, set[int]] = {}
    for axis, side in b:
        by_axis_b.setdefault(axis, set()).add(side)
    return any(
        axis in by_axis_b and not sides & by_axis_b[axis] for axis, sides in by_axis_a.items()
    )
