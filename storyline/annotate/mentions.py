"""Named-entity mentions from spaCy, with the role words that precede them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex
from storyline.annotate.speakers import as_person
from storyline.model import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "nn"})


def find_mentions(doc: Doc, sentences: list[Sentence]) -> list[Mention]:
    """spaCy's entities, with the article's own person names filling what the tagger missed.

    The small model tags "Jane Roe" once and then misses "Roe said" two paragraphs on,
    or tags a repeated "Jane Roe" as a work of art: a span whose text is a person's name
    the same article tags PERSON elsewhere is a person, and an untagged proper noun that
    is a part of such a name ("Roe") is a mention of a person.
    """
    index = SentenceIndex(sentences)
    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is not None:
            spans.append((span, as_person(ent).label_))
    people = {s.text for s, label in spans if label == "PERSON" and len(s) > 1}
    parts = {w for name in people for w in name.split()}
    spans = [(s, "PERSON" if s.text in people else label) for s, label in spans]
    spans.extend((s, "PERSON") for s in _untagged_names(doc, parts))
    out: list[Mention] = []
    for span, label in sorted(spans, key=lambda x: x[0].start):
        if label not in LABELS:
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
                label=label,
                title=_title(span) if label == "PERSON" else None,
            )
        )
    return out


def _untagged_names(doc: Doc, parts: set[str]) -> list[Span]:
    """Proper nouns outside any entity that are a part of a person's name in this article."""
    out: list[Span] = []
    for tok in doc:
        if (
            tok.ent_type_
            or tok.text not in parts
            or tok.pos_ != "PROPN"
            or not tok.text[:1].isupper()
            or any(t.ent_type_ or t.pos_ == "PROPN" for t in doc[max(0, tok.i - 1) : tok.i])
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")
        ):
            continue  # a lone word only: "Roe said", not "Roe Street" or part of another name
        out.append(doc[tok.i : tok.i + 1])
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
