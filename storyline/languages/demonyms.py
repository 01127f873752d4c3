"""A place's adjective in languages that write it in lower case: "l'opposition syrienne",
"le régime libyen", "el ejército sirio".

English capitalizes "Syrian" and its tagger makes it a name; French, Spanish, Italian and
Portuguese write the adjective of a people in lower case, so no tagger makes it one, and
a sentence that speaks of "l'armée syrienne" names none of its story's key names. A
lower-case word is the adjective of a name when it is the name's stem (the name without
its final vowel, accents aside: "syri", "égypt", "yemen") and one of the adjective
endings of those languages; words shorter than ``MIN_STEM`` letters are no stem.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

MIN_STEM = 4  # a shorter stem ("ira" of "Iran") would match too many words
# The endings of a people's adjective, accents aside: French -ien(ne)(s), -ite(s),
# -ais(e)(s), -ois(e)(s), -ain(e)(s); Spanish, Italian, Portuguese -o/-a(s), -í(es),
# -ano/-ino/-ense/-eño and their forms; -en/-enne after a stem ending in a vowel's place.
ENDINGS = frozenset(
    {
        *("ien", "ienne", "iens", "iennes", "en", "enne", "ens", "ennes", "ite", "ites"),
        *("ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine", "ains", "aines"),
        *("o", "a", "os", "as", "i", "ies", "is", "ano", "ana", "anos", "anas", "ani"),
        *("ino", "ina", "inos", "inas", "ini", "ense", "enses", "eno", "ena", "enos", "enas"),
        *("ita", "itas"),
    }
)
_WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """``word`` in lower case without its accents ("Yémen" -> "yemen")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@functools.cache
def stems(names: frozenset[str]) -> frozenset[str]:
    """The stems of ``names`` (lower-case words) their adjectives are built on."""
    out = set()
    for name in names:
        folded = fold(name)
        stem = folded[:-1] if folded[-1:] in set("aeiouy") else folded
        if len(stem) >= MIN_STEM:
            out.add(stem)
    return frozenset(out)


def adjectives_of(text: str, names: frozenset[str]) -> Iterable[str]:
    """The lower-case words of ``text`` that are an adjective of one of ``names``."""
    built_on = stems(names)
    if not built_on:
        return
    for word in _WORD.findall(text):
        if not word.islower():
            continue
        folded = fold(word)
        for cut in range(MIN_STEM, len(folded)):
            if folded[:cut] in built_on and folded[cut:] in ENDINGS:
                yield word
                break
