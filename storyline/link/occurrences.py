"""The mention records entity resolution works on, and helpers its steps share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from storyline.link.names import name_key
from storyline.model import Mention

PERSON = "PERSON"
# Words that say nothing about a role when titles are compared.
_TITLE_STOPWORDS = frozenset({"of", "the", "and", "for", "to", "a", "an", "former", "then", "top"})


@dataclass(slots=True)
class Occ:
    """One kept mention, with what resolution decided about it."""

    article: str
    mention: Mention
    surface: str
    key: str
    label: str
    title: str | None
    node: str  # key of the name it resolves to; its own key until resolved
    rule: str | None = None
    detail: str = ""

    @property
    def lone(self) -> bool:
        return " " not in self.key

    @property
    def where(self) -> tuple[str, int]:
        return (self.article, self.mention.sentence)


def title_words(title: str | None) -> set[str]:
    if not title:
        return set()
    return {w for w in name_key(title).replace("-", " ").split() if w not in _TITLE_STOPWORDS}


def majority(votes: Counter[str], prefer: Counter[str] | None = None) -> str:
    """Most common label; ties go to the label ``prefer`` counts most, then alphabetically."""
    prefer = prefer or Counter()
    return min(votes, key=lambda label: (-votes[label], -prefer[label], label))
