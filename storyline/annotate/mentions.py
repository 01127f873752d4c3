"""Named-entity mentions from spaCy, with the role words that precede them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex
from storyline.model import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "nn"})


def find_mentions(doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    index = SentenceIndex(sentences)
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        span = _trim(ent)
        if span is None:
            continue
        sent = index.at(span.start_char)
        if sent is None:
            continue
        out.append(
            Mention(
                sentence=sent,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=ent.label_,
                title=_title(span) if ent.label_ == "PERSON" else None,
            )
        )
    return out


def _trim(ent: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive; None for junk (digits, one letter)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while (end > start and doc[end - 1].tag_ == "POS") or (end > start and doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    letters = sum(ch.isalpha() for ch in span.text)
    if letters < 2:
        return None
    return span


def _title(ent: Span) -> str | None:
    """Role words right before a person's name: "Foreign Minister", "spokesperson"."""
    doc = ent.doc
    members = set(range(ent.start, ent.end))
    i = ent.start - 1
    first = None
    while i >= 0 and ent.start - i <= 6:
        tok = doc[i]
        if tok.is_punct or (tok.is_sent_start and tok.dep_ not in _TITLE_DEPS):
            break
        if (tok.dep_ in _TITLE_DEPS and tok.head.i in members) or (
            tok.dep_ == "compound" and (tok.head.i in members)
        ):
            members.add(i)
            first = i
            i -= 1
            continue
        break
    if first is None:
        return None
    words = doc[first : ent.start]
    # A leading nationality or organisation is context, not part of the role ("Chinese",
    # "State Department") only when it is itself a separate entity mention; keep it
    # otherwise: "Foreign Ministry spokesperson" is the role.
    text = words.text.strip()
    return text or None
