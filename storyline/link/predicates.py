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

import functools
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
# Phrasal verbs that leave the axis: the words after the verb that make another verb of it.
_PHRASAL: dict[str, tuple[str, ...]] = {
    "stop": ("over in", "over at"), "close": ("in on",), "end": ("up",), "open": ("fire",),
    "rise": ("up",), "drop": ("out",), "fall": ("through", "out", "apart", "behind"),
    "pass": ("away", "out"),
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


def _tables() -> tuple[dict[str, Side], dict[str, str]]:
    side_of: dict[str, Side] = {}
    base_of: dict[str, str] = {}  # inflected form -> base
    for axis, sides in _AXES.items():
        for side, verbs in enumerate(sides):
            for verb in verbs:
                side_of[verb] = (axis, side)
                for form in _inflections(verb) | set(_IRREGULAR.get(verb, ())):
                    base_of[form] = verb
    return side_of, base_of


_SIDE, _BASE = _tables()


@functools.lru_cache(maxsize=65536)
def sides_of(text: str) -> frozenset[Side]:
    """The sides the sentence's verbs take: ``{("open", 1)}`` for "closed the terminal"."""
    out: set[Side] = set()
    words = [w.lower() for w in _WORD.findall(text)]
    for i, w in enumerate(words):
        base = _BASE.get(w)
        if (
            base is None
            and i
            and (words[i - 1] in _AUXILIARIES or words[i - 1].endswith(_CONTRACTED))
        ):
            base = w if w in _SIDE else None
        if base is None:
            continue
        after = " ".join(words[i + 1 : i + 3])
        if any(after == p or after.startswith(p + " ") for p in _PHRASAL.get(base, ())):
            continue  # another verb: "stopped over in Tripoli", "closing in on the city"
        out.add(_SIDE[base])
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
