"""Whose voice a sentence speaks in: a writer who says "I" or "we" outside a quotation is
giving a view or a memory (a column, an essay, a site's own note), or goes on with someone's
words whose speaker the sentence does not name. The timeline takes no entry from such a
sentence (``synthesize/timeline/voice.py``) and the claims stage no confirmation.

Quoted words are the speaker's, not the writer's, and are left out of the test.
"""

from __future__ import annotations

import re

from storyline.languages.words import FIRST_PERSON

# A quotation as written ("...", “...”, «...», ‘...’) or as a tokenized corpus writes it
# (``...'' and ` ... ').
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|‘[^’]*’|``.*?\'\'|`\s.*?\s\'')
_WORD = re.compile(r"[^\W\d_]+")
# "I" right after a capitalized word inside the sentence is a numeral of a name ("World
# War I", "the Phase I trial"); after the sentence's first word it is the pronoun ("Then I").
_NUMERAL_I = re.compile(r"(?<=\S)(\s+[A-Z][a-z]*) I\b")


def in_writers_voice(text: str, language: str = "en") -> bool:
    """Whether the sentence's writer speaks as "I" or "we" outside a quotation.

    A word counts in lower case or capitalized ("We now know"), never in capitals: "US"
    is a country; "I" after a capitalized word is a numeral ("World War I"). A quotation
    left open runs to the end of the sentence (the sentence was split inside it).
    """
    words = FIRST_PERSON.get(language)
    if not words:
        return False
    narrative = _NUMERAL_I.sub(r"\1", unquoted(text))
    return any(
        w.lower() in words and (w.islower() or w.istitle()) for w in _WORD.findall(narrative)
    )


def unquoted(text: str) -> str:
    """The sentence with its quotations blanked: the writer's own words. A quotation
    left open runs to the end of the sentence (the sentence was split inside it)."""
    if text.count('"') % 2:
        text = text[: text.rfind('"')]
    return _QUOTED.sub(" ", text)
