"""Outlets an article reports from: "X reported", "according to X", "as per X".

There is no named-entity recogniser at this stage (ingest stays free of spaCy),
so whether X is an outlet rather than a person, an office or a vague phrase is
read from the shape of the phrase:

* strong signs: a media noun next to it ("state broadcaster X", "the X
  newspaper"), a media word in the name ("... Times", "... News"), a wire agency;
* weaker signs, taken when nothing says X is a person or an institution:
  "X reported" / "X said in a report", an acronym ("CCTV"), or a name cited
  as a source more than once in the article.

Vague sources ("according to an aide", "according to journalists") never
match: a cited name must be capitalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.ingest.agencies import MEDIA_NOUNS, has_media_word, wire_agency

_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"[{_UPPER}][\w&'’.\-]*"
_NAME = rf"{_TOKEN}(?:[ \t]+(?:(?:of|al|el|de|du|der|la|le|des|di)[ \t]+)?{_TOKEN}){{0,5}}"
_MEDIA = "|".join(re.escape(noun) for noun in sorted(MEDIA_NOUNS, key=len, reverse=True))

# "according to [the] [Chinese state media] X"
_AFTER_CUE = re.compile(
    rf"(?<![\w-])(?i:according\s+to|as\s+per|citing|(?:as\s+)?reported\s+by|quoted\s+by)\s+"
    rf"(?P<the>the\s+)?"
    rf"(?P<pre>(?:[{_UPPER}][a-z]+\s+)?(?:[a-z-]+\s+){{0,2}}(?:{_MEDIA})\s+)?"
    rf"(?P<name>{_NAME})"
    rf"(?P<post>[ \t]+(?:{_MEDIA})\b)?"
)
# "[state media] X [newspaper] reported"
_BEFORE_CUE = re.compile(
    rf"(?P<pre>(?<![\w-])(?:{_MEDIA})\s+)?"
    rf"(?P<name>{_NAME})"
    rf"(?:\s+(?P<post>{_MEDIA}))?"
    rf"\s+(?:reported|reports|has\s+reported|had\s+reported|said\s+in\s+a\s+report)\b"
)
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&]{1,6}|(?:[A-Z]\.){2,})$")
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
# Words that make a name an institution rather than an outlet (world knowledge).
_INSTITUTION_WORDS = frozenset(
    [
        "ministry",
        "department",
        "office",
        "council",
        "committee",
        "commission",
        "agency",
        "police",
        "army",
        "military",
        "government",
        "court",
        "bureau",
        "service",
        "authority",
        "organization",
        "organisation",
        "union",
        "party",
        "institute",
        "university",
        "center",
        "centre",
        "bank",
        "company",
        "group",
        "corp",
        "inc",
        "embassy",
        "parliament",
        "congress",
        "senate",
        "house",
        "administration",
        "foundation",
        "fund",
        "association",
    ]
)
_ROLE_WORDS = (
    r"Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Col|Prof|President|Minister|Secretary|Senator|Governor|Mayor|"
    r"Chancellor|Ambassador|Premier|King|Queen|Prince|spokesman|spokeswoman|spokesperson|"
    r"aide|adviser|advisor|official|analyst|professor|director|chief|leader|lawyer|"
    r"researcher|expert|envoy|diplomat|minister|secretary|president"
)
_SPEECH_VERBS = r"said|says|told|added|explained|noted|stressed|insisted|argued|warned|urged"


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    start: int
    strong: bool  # media noun next to it, or a media word or wire agency in it
    weak: bool  # "X reported", or an acronym not preceded by "the"


def find_cites(text: str, *, own_outlet: str | None = None) -> list[str]:
    """Outlets cited as sources in ``text``, in order of first mention."""
    candidates = sorted(_candidates(text), key=lambda c: c.start)
    counts: dict[str, int] = {}
    for candidate in candidates:
        counts[candidate.name] = counts.get(candidate.name, 0) + 1
    own = (own_outlet or "").lower()
    cites: list[str] = []
    # One search of the text per distinct name: a long report names the same
    # candidates thousands of times, and searching per mention was quadratic.
    person_like: dict[str, bool] = {}
    for candidate in candidates:
        name = wire_agency(candidate.name) or candidate.name
        if name.lower() == own or name in cites:
            continue
        if candidate.strong or (
            (candidate.weak or counts[candidate.name] > 1)
            and not _institution(candidate.name)
            and not _cached(person_like, candidate.name, text)
        ):
            cites.append(name)
    return cites


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in _AFTER_CUE.finditer(text):
        name = _clean(match["name"])
        if name:
            strong = bool(match["pre"] or match["post"]) or _strong_name(name)
            acronym = bool(_ACRONYM.match(name)) and not match["the"]
            # "according to Velra's Ivo Brandt": an outlet and its reporter.
            reporter = bool(re.search(r"['’]s?\s+[A-ZÀ-Þ]", match["name"]))
            weak = acronym or reporter
            found.append(_Candidate(name, match.start("name"), strong, weak))
    for match in _BEFORE_CUE.finditer(text):
        full = _clean(match["name"])
        if not full:
            continue
        noun_next = bool(match["pre"] or match["post"])
        # A lone capitalised word opening a sentence ("Officials reported") is
        # too weak a sign; "The Lanterne reported" is not lone.
        initial = _sentence_initial(text, match.start("name")) and " " not in match["name"]
        tokens = full.split()
        # "Yesterday Xinhua reported": try the name without its first words too.
        for cut in range(len(tokens)):
            name = " ".join(tokens[cut:])
            strong = noun_next or _strong_name(name)
            weak = bool(_ACRONYM.match(name)) or not initial
            if cut == 0 or strong:
                found.append(_Candidate(name, match.start("name"), strong, weak and cut == 0))
            if strong:
                break
    return found


def _cached(memo: dict[str, bool], name: str, text: str) -> bool:
    if name not in memo:
        memo[name] = _person_like(name, text)
    return memo[name]


def _clean(name: str) -> str:
    """Cut a possessive ("CNN's reporter" -> "CNN") and trailing punctuation."""
    possessive = _POSSESSIVE.search(name)
    if possessive:
        name = name[: possessive.start()]
    name = name.strip(" ,;:'’\"”")
    if name.endswith(".") and not re.search(r"(?:[A-Z]\.){2,}$", name):
        name = name.rstrip(".")
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def _strong_name(name: str) -> bool:
    return wire_agency(name) is not None or has_media_word(name)


def _institution(name: str) -> bool:
    return any(word.lower() in _INSTITUTION_WORDS for word in re.findall(r"\w+", name))


def _person_like(name: str, text: str) -> bool:
    """True if the text uses ``name`` (or its last word) the way it uses people."""
    if _ACRONYM.match(name):
        return False
    last = re.escape(name.split()[-1])
    role = rf"\b(?:{_ROLE_WORDS})\.?\s+(?:[{_UPPER}][\w'’.-]*\s+){{0,3}}{last}\b"
    speaker = rf"\b{last}\s+(?:{_SPEECH_VERBS})\b"
    return bool(re.search(role, text) or re.search(speaker, text))


def _sentence_initial(text: str, start: int) -> bool:
    # Walk back over spaces rather than copy text[:start]: this runs per candidate.
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return index < 0 or text[index] in '.!?"”’\n:;'
