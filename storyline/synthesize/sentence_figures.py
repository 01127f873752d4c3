"""What a sentence's other figures say of one of its figures: whose a rate cue is, and
whether a figure of a list or breakdown is the count of a place of its own.

* A rate cue ("a day", "daily") makes a figure the parse gave no period a rate or a
  total in doubt, unless a figure told with a verb of its own stands between them
  ("172,000 people have fled ... 10,000 are expected to leave daily": the cue is the
  10,000's); a conversion with no verb of its own ("12,000 barrels (504,000 gallons)
  are leaking every day") leaves the doubt.
* A figure told as a part of a count ("20 of the 149 deaths") is a part; the count stays
  whole.
* A figure of a breakdown is a part of an untold whole, unless it is told of a place
  of its own that no other figure of its measure in the sentence shares ("80 deaths in
  Cairo, 36 in Alexandria": 36 is Alexandria's), the place read from the parse or from a
  list item's label ("New Zealand: 3 confirmed, 13 probable cases").
* A figure its sentence dates to an earlier year, told as the first ones of a count, or
  a number that counts no noun and names no toll, is no value of the count now.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.model import Quantity

if TYPE_CHECKING:
    from storyline.synthesize.measures import Figure

_HOLDER_WORDS = re.compile(r"\b(toll|number|total|tally|figure|count)s?\b", re.IGNORECASE)
_FIRST = re.compile(r"\bfirst\s+$", re.IGNORECASE)  # right before the figure

# A rate said anywhere in the sentence ("12,000 barrels (504,000 gallons) are leaking every
# day"): for a figure the parse gave no period, rate or total is in doubt.
RATE_CUE = re.compile(
    r"(\b(a|an|per|each|every)\s+(day|week|hour|year)\b|\b(daily|hourly|weekly|annually)\b"
    r"|\brate\b)"
    r"(?!\s+(of|ago|earlier|later|before|after|on|since|or)\b)",
    re.IGNORECASE,
)
# A list item's label right before its figures: "New Zealand: 3 confirmed, 13 probable".
_LABEL = re.compile(r"(?:^|(?<=[\s;(]))([A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+){0,3}):\s+[^:]{0,60}$")


def rate_doubt(q: Quantity, others: Sequence[Quantity], text: str, offset: int) -> bool:
    """Whether a rate cue of the sentence may be ``q``'s own (``q`` has no period): one
    no figure with a verb of its own stands between."""
    if q.per is not None:
        return False
    for m in RATE_CUE.finditer(text):
        cue = offset + m.start()
        lo, hi = sorted((q.end, cue)) if cue >= q.end else (cue, q.start)
        between = [
            o for o in others if o is not q and lo <= o.start and o.end <= hi and _own_verb(o, q)
        ]
        if not between:
            return True
    return False


def _own_verb(o: Quantity, q: Quantity) -> bool:
    return o.predicate is not None and o.predicate != q.predicate


def item_label(q: Quantity, text: str, offset: int) -> str | None:
    """The label of the list item ``q`` is told in ("New Zealand: 3 confirmed, 13
    probable cases" -> "new zealand"), when one label alone names the item."""
    before = text[: max(0, q.start - offset)]
    m = _LABEL.search(before)
    if m is None or before[: m.start(1)].rstrip().endswith(","):
        return None  # "Switzerland, Austria: 1 case each": several places, none alone
    return m.group(1).lower()


def _told_after(
    q: Quantity, qs: Sequence[Quantity], text: str, offset: int, after: int
) -> str | None:
    """The parse's place of ``q`` when the sentence names it right after ``q``, before any
    other figure ("36 deaths in Karsholm and 13 in Ostby"): a place told first ("In
    Karsholm, 12 were killed on Monday and 20 on Tuesday") may be every figure's."""
    if q.place is None:
        return None
    ends = [o.start for o in qs if o.start >= q.end]
    stop = min([*ends, q.end + after]) - offset
    told = text[q.end - offset : max(q.end - offset, stop)].lower()
    return q.place if q.place.removeprefix("the ") in told else None


_PARTITIVE = re.compile(r"\s+of\s+(the|these|those)\b", re.IGNORECASE)


# A figure's words that end with its number: what it counts is told after it.
_ENDS_WITH_NUMBER = re.compile(
    r"(\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty"
    r"|hundred|thousand|million|billion|dozen)s?)$",
    re.IGNORECASE,
)


def counts_no_noun(q: Quantity) -> bool:
    """The figure's words end with its number ("six", "up to 149"): no noun is counted."""
    return bool(_ENDS_WITH_NUMBER.search(q.text))


def partitive(q: Quantity, text: str, offset: int) -> bool:
    """A figure told as a part of a count ("20 of the 149 deaths"; not "20 cases of the
    fever"): a part, and the count it is a part of stays the sentence's whole."""
    return counts_no_noun(q) and bool(_PARTITIVE.match(text, q.end - offset))


# A count told as what a report says of a toll: "(up to 149) are reported to have died".
_TOLL = re.compile(
    r"\s+(?:are|were|have been|had been)\s+(?:reported|said|confirmed|known)\s+to\s+have\b",
    re.IGNORECASE,
)


def told_as_toll(after: str) -> bool:
    """Whether the words after a bare count tell it as a reported toll."""
    return bool(_TOLL.match(after))


def own_places(
    qs: Sequence[Quantity], keys: Sequence[object], text: str, offset: int, after: int
) -> list:
    """For each figure of one sentence (with its measure key), the place it alone of its
    measure is told of there (named within ``after`` characters after it), else None."""
    places = [_told_after(q, qs, text, offset, after) or item_label(q, text, offset) for q in qs]
    out: list[str | None] = []
    for n, (place, key) in enumerate(zip(places, keys, strict=True)):
        shared = any(m != n and keys[m] == key and places[m] == place for m in range(len(qs)))
        out.append(None if place is None or key is None or shared else place)
    return out


def historical(f: Figure) -> bool:
    """A figure its sentence dates to an earlier year ("the 1989 spill") is no value now."""
    return bool(f.when and f.day and f.when[:4].isdigit() and int(f.when[:4]) < f.day.year)


def subset(f: Figure) -> bool:
    """A figure told as the first ones of a count ("the first two British cases"): a part
    counted early, not the count at its time."""
    return bool(_FIRST.search(f.text[: max(0, f.q.start - f.offset)]))


def bare(f: Figure) -> bool:
    """A number that counts no noun ("3", "26"; "six were killed", "three of his
    grandchildren") and whose sentence names no toll or total it could be: what it counts
    is a guess from the parse, unless it is told as a reported toll ("up to 149 are
    reported to have died")."""
    if f.q.unit is not None and not (f.q.unit == "person" and counts_no_noun(f.q)):
        return False
    after = f.text[max(0, f.q.end - f.offset) :]
    return not (_HOLDER_WORDS.search(f.text) or (f.q.unit and told_as_toll(after)))
