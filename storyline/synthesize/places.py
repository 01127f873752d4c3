"""Where a figure holds, read from its sentence: whether a sentence names a place (in full,
by its initials or spelled out from them), whether two names are one place, and whether a
figure is told of several places at once ("in 20 countries", "in Cairo, Alexandria and
Suez"), which is no one place's count.
"""

from __future__ import annotations

import re

# A count over many places: the world's, or several countries' ("in 20 countries"); a
# count over a country's states is the country's ("cases in 44 states").
_MANY_PLACES = re.compile(
    r"\b(world\s?wide|globally|around the world|across the world|(in|across) (\d+|\w+) "
    r"(countries|nations|continents))\b",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*"  # "Alexandria", "Port Said"
_MINOR = frozenset({"of", "and", "the"})  # words initials skip ("United States of America")
# Capitalised words that make another place of the name after them ("New Mexico" is not
# Mexico, "South Sudan" not Sudan, "West Virginia" not Virginia).
_LONGER_NAME = re.compile(r"\b(?:New|North|South|East|West|Northern|Papua)\s+$")


def named_in(place: str, text: str) -> bool:
    """Whether ``text`` names ``place``, in full or by its initials ("the united states":
    "United States", "US", "U.S."), or spells out the initials a short name is ("us":
    "United States")."""
    name = place.lower().removeprefix("the ")
    words = name.split()
    if len(words) == 1 and 2 <= len(name) <= 3 and name.isalpha():  # "us": not the pronoun
        return bool(re.search(rf"\b{name.upper()}\b", text)) or _spelled_out(name.upper(), text)
    if _found(rf"\b{re.escape(name)}\b", text):
        return True
    if len(words) < 2:
        return False
    initials = r"\.?".join(w[0].upper() for w in words if w not in _MINOR)
    return bool(re.search(rf"\b{initials}\.?(?![\w])", text))  # capitals: not "us"


def named_or_adjective(place: str, text: str) -> bool:
    """Whether ``text`` names ``place`` (``named_in``) or says its adjective, formed as
    English forms most ("libya": "Libyan", "mexico": "Mexican", "egypt": "Egyptian",
    "iraq": "Iraqi", "china": "Chinese"); names shorter than four letters only by name."""
    if named_in(place, text):
        return True
    name = place.lower().removeprefix("the ")
    if len(name) < 4 or not name.replace(" ", "").isalpha():
        return False
    stems = {re.escape(name), re.escape(name[:-1])} if name[-1] in "aeo" else {re.escape(name)}
    return _found(rf"\b(?:{'|'.join(stems)})(?:n|an|ian|i|ese)\b", text)


def _found(pattern: str, text: str) -> bool:
    """Whether ``pattern`` (case aside) occurs in ``text`` other than as the end of a
    longer place name ("mexico" in "New Mexico")."""
    return any(
        not _LONGER_NAME.search(text, 0, m.start())
        for m in re.finditer(pattern, text, re.IGNORECASE)
    )


def same_place(a: str, b: str) -> bool:
    """Two lower-case names of one place: alike, or one the other's initials ("the united
    kingdom" / "uk", "united states" / "u.s.")."""

    def bare(name: str) -> str:
        return name.removeprefix("the ").replace(".", "").strip()

    def initials(name: str) -> str:
        return "".join(w[0] for w in name.split() if w not in _MINOR)

    x, y = bare(a), bare(b)
    return x == y or (" " in x and initials(x) == y) or (" " in y and initials(y) == x)


def _spelled_out(initials: str, text: str) -> bool:
    """Whether ``text`` holds ``initials`` dotted ("U.S.") or as the capitalized words they
    stand for ("United States")."""
    dotted = r"\.".join(initials) + r"\."
    if re.search(rf"(?<![\w.]){dotted}", text):
        return True
    for run in re.finditer(rf"\b{_NAME}(?:\s(?:of|and)\s{_NAME})*", text):
        letters = "".join(w[0] for w in run.group(0).split() if w.lower() not in _MINOR)
        if letters == initials:
            return True
    return False


def many_places(text: str, place: str | None) -> bool:
    """Whether a figure of ``text`` holds over many places: the sentence counts over
    countries or the world, ``place`` is one of several it lists ("in Cairo,
    Alexandria and Suez"), or the figure has no place and the sentence lists three or more
    names ("79 cases ... in the United States, Canada, New Zealand and Europe")."""
    if _MANY_PLACES.search(text):
        return True
    if not place:  # no place of its own: told of a list of three or more, if there is one
        return bool(re.search(rf"\b{_NAME},\s{_NAME}(?:,\s{_NAME})*,?\s(?:and|or)\s{_NAME}", text))
    name = rf"(?i:{re.escape(place.removeprefix('the '))})"  # the parse gives it lower-case
    listed = (
        rf"\b{name}(?:,\s{_NAME})*,?\s(?:and|or)\s{_NAME}",  # "Cairo, Alexandria and Suez"
        rf"\b{_NAME}(?:,\s{_NAME})*,?\s(?:and|or)\s{name}\b",  # "... and Suez"
    )
    return any(re.search(p, text) for p in listed)


def places_agree(x: frozenset[str], y: frozenset[str]) -> bool:
    """Whether two sentences name no two places apart: each place one names is one the
    other names, or within it by name ("mexico city" / "mexico")."""

    def met(p: str, others: frozenset[str]) -> bool:
        return any(same_place(p, o) or _within(p, o) or _within(o, p) for o in others)

    return all(met(p, y) for p in x) and all(met(p, x) for p in y)


def _within(part: str, whole: str) -> bool:
    """ "mexico" is within "mexico city" by its words."""
    return bool(re.search(rf"\b{re.escape(whole.removeprefix('the '))}\b", part))
