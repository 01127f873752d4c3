"""The faithfulness check every summary sentence passes before it is shown.

A summary sentence is a source sentence or a compression of one: every content
word, number and name in it must appear in the sentences it cites. Stop words
(spaCy's English list, so that the check and the annotator agree on what a
function word is) may be added or dropped; nothing else may. Words are compared
lower-cased, and numbers with their separators removed ("2,100" == "2100").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Evidence

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def _norm(token: str) -> str:
    token = token.lower().replace("’", "'")
    if token[:1].isdigit():
        return token.replace(",", "")
    return token


def content_tokens(text: str) -> set[str]:
    """Content words, numbers and names of ``text``, normalized for comparison."""
    out = set()
    for tok in _TOKEN.findall(text):
        norm = _norm(tok)
        if norm[:1].isdigit() or norm not in STOP_WORDS:
            out.add(norm)
    return out


def unsupported(text: str, evidence: Iterable[Evidence]) -> set[str]:
    """The content tokens of ``text`` that no cited sentence contains."""
    support: set[str] = set()
    for ev in evidence:
        support.update(_norm(t) for t in _TOKEN.findall(ev.text))
    return content_tokens(text) - support


def is_faithful(text: str, evidence: Iterable[Evidence]) -> bool:
    """True when every content word, number and name of ``text`` is in its evidence."""
    evidence = list(evidence)
    return bool(evidence) and not unsupported(text, evidence)
