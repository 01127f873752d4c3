"""Whose voice a sentence speaks in: a writer who says "I" or "we" outside a quotation is
giving a view or a memory (a column, an essay, a site's own note), not telling an event.

"As someone who runs a bank, I have watched this unfold", "the money to halt our
losses", "Este post es parte de nuestra cobertura": none of these is a timeline entry.
Quoted words are the speaker's, not the writer's, and are left out of the test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from storyline.languages.voice import in_writers_voice
from storyline.model import Event

from .reading import telling_of


def tells_as_reporter(language_of: Mapping[str, str]) -> Callable[[Event], bool]:
    """The test ``build_timeline`` gives its ``pickable``: an event may stand as an entry
    unless the sentence that stands for it is in its writer's own voice (the language
    is that of the report the sentence comes from, ``language_of`` by article id)."""

    def pickable(e: Event) -> bool:
        telling = telling_of(e)
        language = language_of.get(telling.article, "en") if telling else "en"
        return not in_writers_voice(e.text, language)

    return pickable
