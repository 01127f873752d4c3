"""Name strings: clean a surface form, key it for comparison, and compare two names.

Pure functions over strings, used by :mod:`storyline.link.entities`.  Nothing
here knows about articles or records.

- :func:`clean_surface` turns what spaCy marked ("the State Department",
  "Blinken's") into the name as a reader would write it alone.
- :func:`name_key` is the comparison key: case, accents, dotted acronyms and
  dash variants do not matter ("U.S." and "US" share a key).
- :func:`split_role` separates leading role words and honorifics that the
  tagger swallowed into a person's name ("President Xi" -> "President", "Xi").
- :func:`spelling_distance` says whether two names differ only by a small
  spelling or transliteration slip ("Jon Smyth" / "John Smyth").
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# Generic English role words and honorifics (not tied to any story).  Used to
# tell a role-only mention ("the Secretary") from a name, and to strip a role
# the tagger glued to a name ("President Xi").
ROLE_WORDS: frozenset[str] = frozenset(
    # A word list reads best as words; a list literal would take ninety lines.
    """
    mr mrs ms miss dr prof sir dame lord lady rev fr sen rep gov gen col lt capt sgt
    president vice minister prime premier chancellor secretary spokesman spokeswoman
    spokesperson senator governor mayor king queen prince princess emperor pope
    ambassador envoy diplomat general admiral commander chief director chairman chairwoman
    chair ceo cfo coo founder speaker leader counterpart official adviser advisor
    judge justice attorney prosecutor deputy assistant undersecretary commissioner
    councillor councilor lawmaker congressman congresswoman representative delegate
    foreign defence defense interior finance state national security
    """.split()  # noqa: SIM905
)

# Honorifics: a name they precede is a person's, whatever the tagger labelled it.
HONORIFICS: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})

# Month and weekday names from the standard library: a mention that is only a
# calendar word ("Monday" tagged ORG) is a mis-tagged date.
_CALENDAR_WORDS: frozenset[str] = frozenset(
    w.casefold()
    for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if w
)

_POSSESSIVE = re.compile(r"['’′`]s$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|another)\s+", re.IGNORECASE)
_EDGE_PUNCT = " \t\r\n\"'`′“”‘’«»()[]{},;:!?—–-"
_DASHES = re.compile(r"[‐‑‒–—―]")
_DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_SPACE = re.compile(r"\s+")
# Latin letters that Unicode does not decompose into a base letter and a mark
# ("Yılmaz", "Łódź", "Søren"); a full transliteration library would be a dependency
# for eight letters.
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}
)
_VOWELS = frozenset("aeiouy")
_APOSTROPHES = str.maketrans("", "", "'’′`")

# Offices a person holds: two spellings of a name whose offices differ ("minister" /
# "secretary") are two people; role words that are no office ("leader", "head") never
# tell two people apart.  The same notion as the speaker resolver's, kept here because a
# stage never imports another.
OFFICES: frozenset[str] = frozenset(
    """
    spokesperson spokesman spokeswoman minister secretary president ambassador envoy premier
    chancellor senator governor mayor general commander director chair chairman chairwoman ceo
    prosecutor judge pope king queen prince princess congressman congresswoman commissioner
    mp speaker superintendent professor
    """.split()  # noqa: SIM905
)


# Head nouns of bodies usually named after a place, a person or a field.
NAMED_AFTER_HEADS: frozenset[str] = frozenset(
    """
    university college school institute institution academy museum hospital foundation
    library centre center
    """.split()  # noqa: SIM905
)


@functools.lru_cache(maxsize=65536)  # pure: unglue reads every mention of a story again
def clean_surface(text: str) -> str:
    """The name as written, without a possessive, a leading article or edge punctuation.

    >>> clean_surface("the State Department’s")
    'State Department'
    """
    out = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    out = _LEADING_ARTICLE.sub("", out)
    # "Roe's" -> "Roe"; a bare trailing apostrophe ("Jones'") goes with the edge strip.
    out = _POSSESSIVE.sub("", out)
    return out.strip(_EDGE_PUNCT)


@functools.lru_cache(maxsize=65536)  # a pure function, called for every mention and title
def name_key(text: str) -> str:
    """Comparison key: case-folded, accents and apostrophes removed, "U.S." -> "us", dashes
    unified: "Nurses' Federation" and "Nurses Federation" share a key."""
    text = text.translate(_APOSTROPHES)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _DASHES.sub("-", text)
    decomposed = unicodedata.normalize("NFKD", text).translate(_UNDECOMPOSED)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().casefold()


def tokens(key: str) -> list[str]:
    """The space-separated parts of a name key."""
    return key.split(" ") if key else []


def is_junk(surface: str) -> bool:
    """True for what cannot be a name: no letters, one character, a bare calendar word."""
    letters = sum(ch.isalpha() for ch in surface)
    if letters == 0 or len(surface.replace(" ", "")) < 2:
        return True
    return name_key(surface) in _CALENDAR_WORDS


def split_role(surface: str, role_words: frozenset[str]) -> tuple[str | None, str]:
    """Split leading role words or honorifics off a person's name.

    Returns ``(role, name)``; ``role`` is None when there is none, and ``name``
    is empty when the whole surface is role words (a role-only reference).
    The role may hold "of" and one word that is not a role word when a role
    word follows it or "of" precedes it ("Trade Minister", "Secretary of
    Trade"); the last word is always kept as the name.
    """
    parts = surface.split(" ")
    # "Presidents Obama and Bush": a plural role is a role.
    words = [_singular(name_key(p).rstrip("."), role_words) for p in parts]
    if all(w in role_words for w in words):
        return surface, ""
    i = 0
    modifier_used = False
    while i < len(parts) - 1:
        if words[i] in role_words or (words[i] == "of" and i > 0):
            i += 1
        elif not modifier_used and (words[i + 1] in role_words or (i > 0 and words[i - 1] == "of")):
            modifier_used = True
            i += 1
        else:
            break
    # A role ends on a role word or on the word after "of": never on "of" or a
    # modifier that no role word follows.
    while i > 0 and (
        words[i - 1] == "of"
        or (words[i - 1] not in role_words and not (i > 1 and words[i - 2] == "of"))
    ):
        i -= 1
    role = " ".join(parts[:i]) or None
    return role, " ".join(parts[i:])


def _singular(word: str, role_words: frozenset[str]) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in role_words else word


def spelling_distance(a: str, b: str) -> int | None:
    """Edit distance between two name keys if they may be spellings of one name, else None.

    They must have as many parts, every differing part must be at least three
    letters long and differ by at most one edit (two for parts of eight letters
    or more), and a one-part name must be long (seven letters) so that short
    distinct names ("Iran"/"Iraq", "Wei"/"Wen" alone) are never taken as
    spellings of one another.
    """
    if a == b:
        return 0
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb):
        return None
    if len(ta) == 1 and min(len(a), len(b)) < 7:
        return None
    total = 0
    differing = 0
    for x, y in zip(ta, tb, strict=True):
        if x == y:
            continue
        differing += 1
        if min(len(x), len(y)) < 3:
            return None
        allowed = 2 if min(len(x), len(y)) >= 8 else 1
        d = Levenshtein.distance(x, y, score_cutoff=allowed)
        if d > allowed:
            return None
        total += d
    # A two-part name with both parts changed is another name, not a slip.
    if len(ta) > 1 and differing == len(ta):
        return None
    return total


def skeleton(word: str) -> str:
    """A part's consonants in order, doubled letters once: what transliterations keep.

    >>> skeleton("aisha"), skeleton("ayesha")
    ('sh', 'sh')
    """
    out: list[str] = []
    for ch in word:
        if ch in _VOWELS or not ch.isalpha():
            continue
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def transliterated(a: str, b: str) -> bool:
    """True when two name keys differ in one part only, and that part only in its vowels.

    "Aisha Rahman" / "Ayesha Rahman": the same first letter, the same consonants in the
    same order, at least one name part shared exactly.  One-part names never match.
    """
    ta, tb = tokens(a), tokens(b)
    if a == b or len(ta) != len(tb) or len(ta) < 2:
        return False
    differing = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return (
        min(len(x), len(y)) >= 5  # short given names (Dana/Dina) are distinct names
        and x[0] == y[0]
        and len(skeleton(x)) >= 2
        and skeleton(x) == skeleton(y)
    )


def variant_candidates(keys: list[str]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of ``keys`` that may be variants of one name, in order.

    Every pair ``spelling_distance``, ``transliterated`` or ``reordered`` can accept
    is here: names of several parts must share one part exactly (all three rules
    leave at least one part as it is), and one-part names must be within two edits
    (rapidfuzz's ``cdist``, in C++). Comparing every pair instead grows with the
    square of a story's names: 12 s of 28 for a 138-article story.
    """
    by_part: dict[tuple[int, str], list[int]] = {}
    singles: list[int] = []
    for i, key in enumerate(keys):
        parts = tokens(key)
        if len(parts) == 1:
            singles.append(i)
            continue
        for part in set(parts):
            by_part.setdefault((len(parts), part), []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_part.values():
        for x, i in enumerate(members):
            pairs.update((min(i, j), max(i, j)) for j in members[x + 1 :])
    if len(singles) > 1:
        words = [keys[i] for i in singles]
        close = process.cdist(words, words, scorer=Levenshtein.distance, score_cutoff=2)
        for x, y in zip(*(close <= 2).nonzero(), strict=True):
            if x < y:
                pairs.add((singles[x], singles[y]))
    return sorted(pairs)


def reordered(a: str, b: str) -> bool:
    """True when two multi-part name keys hold the same parts in another order."""
    ta, tb = tokens(a), tokens(b)
    return a != b and len(ta) > 1 and sorted(ta) == sorted(tb)


def short_form(short: str, long: str, places: set[str]) -> str | None:
    """How an organisation's name key ``short`` shortens ``long``, or None when it does not.

    - its last words: "foreign ministry" of "soltaran foreign ministry", "ledger" of
      "sennport ledger" (the caller keeps only a short form that one organisation fits);
    - its first word: "halvane" of "halvane systems" (a word of four letters at least);
    - without the place it belongs to: "data protection office" of "data protection
      office of ostria", when "ostria" is a place the story names.
    """
    ts, tl = tokens(short), tokens(long)
    if not ts or len(ts) >= len(tl):
        return None
    if tl[-len(ts) :] == ts and (len(ts) >= 2 or len(ts[0]) >= 4):
        return "the last words of" if len(ts) >= 2 else "the last word of"
    if (
        len(ts) == 1
        and tl[0] == ts[0]
        and len(ts[0]) >= 4
        and len(core := tl[: tl.index("of")] if "of" in tl else tl) == 2
        and core[-1] not in NAMED_AFTER_HEADS
    ):
        # "Halvane" of "Halvane Systems", "Treasury" of "Treasury Department", "Anadarko" of
        # "Anadarko Petroleum of America"; never
        # "Senate" of "Senate Finance Committee" (one body in another) or "Oxford" of
        # "Oxford University" (a body named after a place or a person is not it).
        return "the first word of"
    if tl[: len(ts)] == ts and tl[len(ts)] == "of" and " ".join(tl[len(ts) + 1 :]) in places:
        return "without its place, the name of"
    return None
