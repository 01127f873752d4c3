"""Each sentence's main clause as the dependency parse reads it.

The root predicate, and under a speech or cognition root ("said", "told", "believes")
the reported clause's predicate and the speaker; the told clause's subject and object
heads (with the name each falls in), its negation, tense, aspect, mood, person and modal,
and whether the sentence asks or orders. Link compares two tellings by these: a shared
day or figure does not make "the League called for" and "the Council imposed" one fact.

Reads English (ClearNLP labels) and French (Universal Dependencies labels) parses alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.annotate.nlp import lemma_of
from storyline.languages.clauses import REPORTING
from storyline.model import Clause, Mention, Sentence

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "csubjpass", "csubj:pass"})
_OBJECTS = frozenset({"dobj", "obj"})
_CONTENT = ("ccomp", "parataxis", "xcomp")  # in this order of preference
_NEGATIONS = frozenset({"not", "n't", "never", "no", "ne", "n'", "pas", "jamais", "plus"})
_ACCORDING = frozenset({"selon", "d'après"})
_AUXILIARIES = frozenset({"aux", "auxpass", "aux:pass", "aux:tense", "cop"})
_MODALS = frozenset({"will", "would", "shall", "should", "may", "might", "can", "could", "must"})
_CLOSERS = "\"'”’»)] "


def find_clauses(
    doc: Doc,
    sentences: list[Sentence],
    mentions: list[Mention],
    lemma: Callable[[Token], str] = lemma_of,
    reporting: frozenset[str] = REPORTING,
) -> list[Clause]:
    """One clause per sentence whose span holds a parsed predicate, in sentence order.

    ``doc`` must index the text ``sentences`` and ``mentions`` index; ``lemma`` gives a
    token's lower-case lemma (the English pipeline's on-demand lemmatizer by default) and
    ``reporting`` the lemmas of speech and cognition verbs (English's by default).
    """
    out: list[Clause] = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = _root(span)
        if root is None:
            continue
        names = [m for m in mentions if m.sentence == sentence.index]
        out.append(_clause(sentence, span, root, names, lemma, reporting))
    return out


def _root(span: Span) -> Token | None:
    """The token the rest of the span hangs on: spaCy's ROOT if the span holds it, else
    the first token whose head lies outside the span, preferring a verb."""
    tops = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    tops = [t for t in tops if not t.is_punct and not t.is_space]
    if not tops:
        return None
    for pick in (
        lambda t: t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX"),
        lambda t: t.pos_ in ("VERB", "AUX"),
        lambda t: t.dep_ == "ROOT",
    ):
        found = [t for t in tops if pick(t)]
        if found:
            return found[0]
    return tops[0]


def _clause(
    sentence: Sentence,
    span: Span,
    root: Token,
    names: list[Mention],
    lemma: Callable[[Token], str],
    reporting: frozenset[str],
) -> Clause:
    predicate = lemma(root)
    told, speaker = root, None
    if predicate in reporting and (content := _content(root, span)) is not None:
        told = content
        speaker = _subject(root)
    else:
        speaker = _according(root) or _aside(root, span, lemma, reporting)
    subject, obj = _subject(told), _object(told)
    aux = [c for c in told.children if c.dep_ in _AUXILIARIES]
    finite = next((a for a in aux if "Fin" in a.morph.get("VerbForm", [])), None) or told
    modal = next((lemma(a) for a in aux if a.lower_ in _MODALS or a.tag_ == "MD"), None)
    # "has imposed", "a imposé": a tense auxiliary makes the perfect; a participle's own
    # Aspect=Perf ("were killed") does not.
    perfect = any(a.dep_ == "aux:tense" or lemma(a) == "have" for a in aux)
    progressive = bool(aux) and "Prog" in told.morph.get("Aspect", [])
    return Clause(
        sentence=sentence.index,
        predicate=predicate,
        content=lemma(told) if told is not root else None,
        speaker=_named(speaker, names),
        subject=lemma(subject) if subject is not None else None,
        subject_name=_name_at(subject, names),
        object=lemma(obj) if obj is not None else None,
        object_name=_name_at(obj, names),
        negated=_negated(told),
        tense=_first(finite.morph.get("Tense", [])),
        aspect="Perf" if perfect else "Prog" if progressive else None,
        mood=_first(finite.morph.get("Mood", [])),
        person=_first(finite.morph.get("Person", [])),
        modal=modal,
        question=sentence.text.rstrip(_CLOSERS).endswith("?"),
        imperative=_imperative(root, span),
    )


def _content(root: Token, span: Span) -> Token | None:
    """The reported clause's predicate under a speech or cognition root."""
    for dep in _CONTENT:
        for child in root.children:
            if child.dep_ == dep and span.start <= child.i < span.end:
                return child
    return None


def _according(root: Token) -> Token | None:
    """Who a sentence credits with "according to X" ("selon X"), hung on its root."""
    for child in root.children:
        if child.lower_ == "according":
            for to in child.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        if any(c.dep_ == "case" and c.lower_ in _ACCORDING for c in child.children):
            return child
    return None


def _aside(
    root: Token, span: Span, lemma: Callable[[Token], str], reporting: frozenset[str]
) -> Token | None:
    """The speaker of a speech verb set beside the root: "The dam failed, he said"."""
    for child in root.children:
        inside = span.start <= child.i < span.end
        if child.dep_ in _CONTENT and inside and lemma(child) in reporting:
            return _subject(child)
    return None


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in _SUBJECTS), None)


def _object(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in _OBJECTS), None)


def _negated(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or "Neg" in child.morph.get("Polarity", []):
            return True
        if child.dep_ == "advmod" and child.lower_ in _NEGATIONS:
            return True
    return False


def _imperative(root: Token, span: Span) -> bool:
    if "Imp" in root.morph.get("Mood", []):
        return True
    # English: a bare verb opening its clause with no subject or auxiliary ("Stay indoors.")
    return (
        root.tag_ == "VB"
        and root.i == next((t.i for t in span if not t.is_punct and not t.is_space), -1)
        and not any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "expl") for c in root.children)
    )


def _name_at(token: Token | None, names: list[Mention]) -> str | None:
    if token is None:
        return None
    start = token.idx
    return next((m.text for m in names if m.start <= start < m.end), None)


def _named(token: Token | None, names: list[Mention]) -> str | None:
    if token is None:
        return None
    return _name_at(token, names) or token.text


def _first(values: list[str]) -> str | None:
    return values[0] if values else None
