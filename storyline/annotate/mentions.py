"""Named-entity mentions from spaCy, with the role words that precede them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex
from storyline.annotate.people import (
    as_person,
    possessed_bodies,
    speaking_subjects,
    unlabelled_names,
    untagged_organisations,
)
from storyline.annotate.roles import is_role
from storyline.model import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW"})
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "nn"})
_PLACE_OR_ORG = frozenset({"ORG", "GPE"})
_WEAK_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
TITLE_SEPARATOR = "; "  # between the role before a name and the role in apposition


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
        if ent.text.islower() and len(ent) == 1:
            continue  # no name: "the maharishi said", tagged ORG
        span = _trim(ent)
        if span is not None:
            spans.append((span, as_person(ent).label_))
    # A name next to a quote is often tagged a work of art ('"…," Tomas Hale told'):
    # such labels do not keep a given-name subject from being a person.
    tagged = {t.i for ent in doc.ents if ent.label_ not in _WEAK_LABELS for t in ent}
    elsewhere = {s.text for s, label in spans if label != "PERSON"}
    found = unlabelled_names(doc, tagged)
    found += [s for s in speaking_subjects(doc, tagged) if s.text not in elsewhere]
    taken = {t.i for s in found for t in s}
    spans = [(s, label) for s, label in spans if not any(t.i in taken for t in s)]
    tagged |= {t.i for ent in doc.ents for t in ent}
    spans.extend((s, "PERSON") for s in found)
    spans = _typed_by_surname(spans)
    people = {s.text for s, label in spans if label == "PERSON" and len(s) > 1}
    parts = {w for name in people for w in name.split()}
    spans = [(s, "PERSON" if s.text in people else label) for s, label in spans]
    tagged |= {t.i for s in found for t in s}
    spans.extend((s, "PERSON") for s in _untagged_names(doc, parts) if s[0].i not in tagged)
    spans.extend((s, "ORG") for s in untagged_organisations(doc, tagged))
    owned = possessed_bodies(doc, tagged - {t.i for e in doc.ents if e.label_ == "GPE" for t in e})
    spans = [
        (s, label)
        for s, label in spans
        if not any(s.start >= b.start and s.end <= b.end for b in owned)
    ]
    spans.extend((s, "ORG") for s in owned)
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


def _typed_by_surname(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """A two- or three-word proper name tagged ORG or GPE is a person when the article
    writes its last word alone as a person ("Georg Feld" tagged ORG, then "Feld said")."""
    surnames = {s.text for s, label in spans if label == "PERSON" and len(s) == 1}
    out: list[tuple[Span, str]] = []
    for span, label in spans:
        if (
            label in _PLACE_OR_ORG
            and 2 <= len(span) <= 3
            and span[-1].text in surnames
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
        ):
            label = "PERSON"
        out.append((span, label))
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
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        # "Calder Bridge in": a lower-case function word never ends a name
        or (doc[end - 1].pos_ in ("ADP", "DET", "CCONJ") and doc[end - 1].text.islower())
    ):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    letters = sum(ch.isalpha() for ch in span.text)
    if letters < 2:
        return None
    return span


def _title(ent: Span) -> str | None:
    """Role words right before a person's name ("Foreign Minister", "spokesperson") and the
    role in apposition to it, joined by ``TITLE_SEPARATOR`` when there are both."""
    doc = ent.doc
    members = set(range(ent.start, ent.end))
    i = ent.start - 1
    first = None
    while i >= 0 and ent.start - i <= 6:
        tok = doc[i]
        if (
            tok.is_punct
            or (tok.is_sent_start and tok.dep_ not in _TITLE_DEPS)
            or tok.tag_ in ("VBD", "VBN")  # "sentenced journalist X": the verb is no role
        ):
            break
        if (tok.dep_ in _TITLE_DEPS and tok.head.i in members) or (
            tok.dep_ == "compound" and (tok.head.i in members)
        ):
            members.add(i)
            first = i
            i -= 1
            continue
        break
    before = doc[first : ent.start].text.strip() if first is not None else ""
    roles = [r for r in (before, _apposition(ent)) if r]
    return TITLE_SEPARATOR.join(dict.fromkeys(roles)) or None


def _apposition(ent: Span) -> str | None:
    """The role in apposition to a name: "Okafor, the health secretary," -> "health
    secretary"; "Soltara's foreign minister, Rahim Tahiri," -> "foreign minister"."""
    root = ent.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and is_role(c)]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
        heads.extend([root.head] if is_role(root.head) else [])
    for head in heads:
        words = [
            t
            for t in head.children
            if t.dep_ in ("compound", "amod") and t.i < head.i and t.pos_ in ("NOUN", "ADJ")
        ]
        first = min([head.i, *(t.i for t in words)])
        if all(t.i in {head.i, *(w.i for w in words)} for t in head.doc[first : head.i + 1]):
            return head.doc[first : head.i + 1].text
        return head.text
    return None
