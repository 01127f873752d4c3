"""The mention records entity resolution works on, and helpers its steps share."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from storyline.link.names import name_key
from storyline.model import Mention

PERSON = "PERSON"
TITLE_SEPARATOR = "; "  # as the annotator writes it (storyline.annotate.mentions)
_WORD = re.compile(r"\w+")
# Words before a place name ("residents of X", "in X"); a person seldom follows them.
PLACE_PREPOSITIONS = frozenset(
    {"in", "of", "from", "to", "into", "near", "at", "outside", "around", "across", "towards"}
)
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

    def copy(self) -> Occ:
        """A shallow copy (what ``copy.copy`` gives, several times faster)."""
        return Occ(
            self.article,
            self.mention,
            self.surface,
            self.key,
            self.label,
            self.title,
            self.node,
            self.rule,
            self.detail,
        )


def title_words(title: str | None) -> frozenset[str]:
    """The words of a title that say something about a role, keyed."""
    return _title_words(title) if title else frozenset()


@functools.lru_cache(maxsize=4096)
def _title_words(title: str) -> frozenset[str]:
    # Cached: a story repeats a few titles thousands of times, and contexts are read
    # again in each round of variant merging.
    return frozenset(w for w in _WORD.findall(name_key(title)) if w not in _TITLE_STOPWORDS)


def title_parts(title: str | None) -> list[str]:
    """The roles one title string holds: the annotator joins the role written before a
    name and the one in apposition to it with "; "."""
    return [t.strip() for t in (title or "").split(TITLE_SEPARATOR) if t.strip()]


def titles_conflict(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    """Both have role words, and none in common ("health secretary" / "patient advocate")."""
    return bool(a) and bool(b) and not (a & b)


def majority(votes: Counter[str], prefer: Counter[str] | None = None) -> str:
    """Most common label; ties go to the label ``prefer`` counts most, then alphabetically."""
    prefer = prefer or Counter()
    return min(votes, key=lambda label: (-votes[label], -prefer[label], label))


def word_before(text: str, start: int) -> str:
    """The lower-cased word right before offset ``start``."""
    words = text[max(0, start - 30) : start].split()
    return words[-1].lower() if words else ""
