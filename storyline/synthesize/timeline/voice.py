"""Whose voice a sentence speaks in: a writer who says "I" or "we" outside a quotation is
giving a view or a memory (a column, an essay, a site's own note), not telling an event.

"As someone who runs a bank, I have watched this unfold", "the money to halt our
losses", "Este post es parte de nuestra cobertura": none of these is a timeline entry.
Quoted words are the speaker's, not the writer's, and are left out of the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set

from storyline.languages.voice import in_writers_voice
from storyline.model import Event

from .reading import telling_of

# A report's first line naming it an editorial: "The Times said in an editorial on
# Monday:", "EDITORIAL:", "Éditorial -".
_EDITORIAL = re.compile(r"\b(?:editorial|éditorial)\b", re.IGNORECASE)
_HEADER_END = re.compile(r"[:|–—-]\s*$")


def is_editorial(text: str) -> bool:
    """Whether a report opens by saying it is an editorial: its first line names itself
    one and ends in a colon or a dash, or is a label of a few words."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not _EDITORIAL.search(first):
        return False
    return bool(_HEADER_END.search(first)) or len(first.split()) <= 3


def tells_as_reporter(
    language_of: Mapping[str, str], editorials: Set[str] = frozenset()
) -> Callable[[Event], bool]:
    """The test ``build_timeline`` gives its ``pickable``: an event may stand as an entry
    unless the sentence that stands for it is in its writer's own voice (the language
    is that of the report the sentence comes from, ``language_of`` by article id) or
    comes from one of ``editorials`` (``is_editorial``: a paper's view, in its voice)."""

    def pickable(e: Event) -> bool:
        telling = telling_of(e)
        if telling is not None and telling.article in editorials:
            return False
        language = language_of.get(telling.article, "en") if telling else "en"
        return not in_writers_voice(e.text, language)

    return pickable
