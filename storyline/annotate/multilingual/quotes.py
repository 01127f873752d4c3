"""Direct quotes in a report in a language other than English, with their speakers.

The marks are the language's ("«…»", "„…“", "「…」"), paired by the same state machine
as English (``quote_marks``; CJK corner brackets and German "»…«" are mapped onto the
marks it knows, character for character, so offsets hold). A quote's speaker is a
name the reader found (``names``), told by the language's speech verbs:

- after the quote: «…», dijo Xi / „…“, sagte Müller / « … », a déclaré M. Morel;
- before it: Xi dijo: «…» / Müller sagte, „…“;
- "según X" / "selon X" / "laut X" right after the quote or right before it.

Reported speech with no marks ("X dijo que …", "selon X, …") is read by ``reported``.

Never the one a speaker addresses ("«…», dijo a CNN").

A surname alone takes the full name written before it. No name beside the verb (a
pronoun: "a-t-il dit") leaves the speaker unknown: precision first.
"""

from __future__ import annotations

import re

from storyline.annotate.nlp import SentenceIndex
from storyline.annotate.quote_marks import quoted_spans
from storyline.languages.words import WORDS, Words
from storyline.model import Mention, Quote, Sentence

_CJK = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})
_SWAPPED = str.maketrans({"»": "«", "«": "»"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_REACH = 80  # characters after a quote (or before it) where its verb and speaker stand
# Words before the one a speaker addresses ("dijo a CNN", "a déclaré au Monde").
ADDRESSEE = {
    "es": frozenset({"a", "al", "ante"}), "fr": frozenset({"à", "au", "aux", "devant"}),
    "it": frozenset({"a", "al", "alla", "ai"}), "de": frozenset({"zu", "zum", "gegenüber"}),
    "nl": frozenset({"aan", "tegen", "tegenover"}), "pt": frozenset({"a", "ao", "à", "aos"}),
}  # fmt: skip


def find_quotes(
    text: str, sentences: list[Sentence], mentions: list[Mention], language: str
) -> list[Quote]:
    words = WORDS.get(language)
    if words is None:
        return []
    marked = text.translate(_CJK)
    if language == "de" and _first_guillemet(marked) == "»":
        marked = marked.translate(_SWAPPED)
    index = SentenceIndex(sentences)
    names = sorted(mentions, key=lambda m: m.start)
    out: list[Quote] = []
    for open_, close in quoted_spans(marked):
        inner = text[open_ + 1 : close].strip(" \n\t,")
        first, last = index.at(open_), index.at(max(open_, close - 1))
        if first is None or last is None or len(_WORD.findall(inner)) < 3 or "\n" in inner:
            continue  # a quoted word or title, or marks paired across lines: not a quote
        speaker, cue = speaker_after(text, close, last, sentences, names, words)
        if speaker is None:
            speaker, cue = _before(text, open_, first, sentences, names, words)
        out.append(
            Quote(
                sentence=first,
                sentences=list(range(first, last + 1)),
                text=inner,
                speaker=full_name(speaker, names) if speaker else None,
                cue=cue,
                direct=True,
            )
        )
    return out


def _first_guillemet(text: str) -> str | None:
    found = re.search("[«»]", text)
    return found.group() if found else None


def _verb_at(tokens: list[re.Match[str]], words: Words) -> int | None:
    """Index of the speech verb among the first tokens (an auxiliary may come first)."""
    for k, tok in enumerate(tokens[:4]):
        word = tok.group().lower()
        if word in words.speech_verbs or word in words.according_to:
            return k
        if k > 0 and word not in words.auxiliaries and "-" not in word:
            break
    return None


def _named(m: Mention) -> bool:
    """A person or organisation written as a name ("ministre des Affaires étrangères",
    which the French pipeline tags as an organisation, is a role, not a speaker)."""
    return m.label in ("PERSON", "ORG") and m.text[:1].isupper()


def speaker_after(
    text: str,
    close: int,
    last: int,
    sentences: list[Sentence],
    names: list[Mention],
    words: Words,
) -> tuple[str | None, str | None]:
    end = min(sentences[last].end, close + _REACH)
    tokens = list(_WORD.finditer(text, close + 1, end))
    k = _verb_at(tokens, words)
    if k is None:
        return None, None
    verb = tokens[k]
    after = [m for m in names if verb.end() <= m.start < end and _named(m)]
    if not after:
        return None, text[tokens[0].start() : verb.end()]
    between = _WORD.findall(text[verb.end() : after[0].start].lower())
    if len(between) > 3 or set(between) & ADDRESSEE.get(words.language, frozenset()):
        # "«…», dijo a CNN": the one spoken to, not the speaker
        return None, text[tokens[0].start() : verb.end()]
    return after[0].text, text[tokens[0].start() : verb.end()]


def _before(
    text: str,
    open_: int,
    first: int,
    sentences: list[Sentence],
    names: list[Mention],
    words: Words,
) -> tuple[str | None, str | None]:
    start = max(sentences[first].start, open_ - _REACH)
    lead = text[start:open_]
    if not re.search(r"[:,]\s*$|\b(?:que|dass|che|dat|qu')\s*$", lead):
        return None, None
    tokens = list(_WORD.finditer(text, start, open_))
    verbs = [
        t
        for t in tokens
        if t.group().lower() in words.speech_verbs or t.group().lower() in words.according_to
    ]
    if not verbs:
        return None, None
    verb = verbs[-1]
    before = [m for m in names if start <= m.start and m.end <= verb.start()]
    before = [m for m in before if _named(m)]
    if not before or len(_WORD.findall(text[before[-1].end : verb.start()])) > 2:
        return None, verb.group()
    return before[-1].text, verb.group()


def full_name(speaker: str, names: list[Mention]) -> str:
    """A surname alone as the full name of a person written before it."""
    if " " in speaker:
        return speaker
    for m in names:
        if m.label == "PERSON" and " " in m.text and m.text.split()[-1] == speaker:
            return m.text
    return speaker
