"""Quotes: who said what, direct ("…," X said) and indirect (X said that …).

Quote marks are paired by :mod:`storyline.annotate.quote_marks`; speech without
them is read by :mod:`storyline.annotate.reported`.  The cue of a quote is
the speaking verb that governs it in spaCy's parse, or else the nearest speaking
verb outside quote marks in the sentences it stands in; its subject is the
speaker, resolved inside the article by :mod:`storyline.annotate.speakers`.
Precision first: a speaker that cannot be told is None, never a guess.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex, lemma_of, text_of
from storyline.annotate.quote_marks import (
    PARAGRAPH,
    QUOTE_CHARS,
    Quoted,
    inside,
    quoted_spans,
    tokens_between,
)
from storyline.annotate.reported import INDIRECT_VERBS, Reported, reported_clauses
from storyline.annotate.roles import is_according, is_cue
from storyline.annotate.speakers import Speakers
from storyline.model import Quote, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# Where words were said or written: "said in a statement", "told … in an interview".
_MEDIA = frozenset(
    {"statement", "interview", "briefing", "post", "letter", "message", "speech", "address"}
)
_HOPS = 3  # parse links from a partial quote up to the verb that reports it


@dataclass
class _Found:
    parts: list[Quoted]
    cue: Token | None
    full: bool  # stands as a sentence of its own rather than inside reported speech


def _governing_cue(q: Quoted, spans: list[Quoted]) -> Token | None:
    """The speaking verb outside the quote that the quoted words hang from in the parse."""
    inner = [t for t in q.tokens if not t.is_punct]
    for tok in inner:
        if tok.head.idx < q.open or tok.head.idx > q.close:  # the quote's link to the frame
            link = tok
            for anc in [tok.head, *tok.head.ancestors][:_HOPS]:
                if inside(anc, spans) or link.dep_ in ("relcl", "advcl", "conj"):
                    break  # the quote sits in a clause of its own, not in what the verb reports
                if is_cue(anc):
                    return anc
                link = anc
            break
    return None


def _after_cue(
    doc: Doc,
    q: Quoted,
    spans: list[Quoted],
    sentences: list[Sentence],
    index: SentenceIndex,
    reach: int = 6,
) -> Token | None:
    """A cue within ``reach`` words after the closing mark: `"…," X said`, `"…," said X`."""
    last = index.at(max(q.open, q.close - 1))
    if last is None:
        return None
    for n, tok in enumerate(tokens_between(doc, q.close + 1, sentences[last].end)):
        if n >= reach or inside(tok, spans):
            break
        if is_cue(tok):
            return tok
    return None


def _before_cue(
    doc: Doc, q: Quoted, spans: list[Quoted], sentences: list[Sentence], index: SentenceIndex
) -> Token | None:
    """The last cue before the opening mark in its sentence: `X said: "…"`."""
    first = index.at(q.open)
    if first is None:
        return None
    for tok in reversed(tokens_between(doc, sentences[first].start, q.open)):
        if inside(tok, spans):
            break
        if is_cue(tok):
            return tok
    return None


def _starts_sentence(doc: Doc, q: Quoted, sentences: list[Sentence], index: SentenceIndex) -> bool:
    s = index.at(q.open)
    return s is not None and not text_of(doc)[sentences[s].start : q.open].strip(QUOTE_CHARS)


def _introduced(doc: Doc, q: Quoted, spans: list[Quoted]) -> bool:
    """`X said: "…"`, `X said, "…"`, `"…," X said, "…"`: quoted words right after a cue."""
    if not text_of(doc)[: q.open].rstrip().endswith((":", ",")):
        return False
    near = tokens_between(doc, max(0, q.open - 60), q.open)[-5:]
    return any(is_cue(t) and not inside(t, spans) for t in near)


def _text(doc: Doc, parts: list[Quoted]) -> str:
    pieces: list[str] = []
    for q in parts:
        piece = text_of(doc)[q.open + 1 : q.close].strip().strip('"“”„«»').strip()
        if pieces and pieces[-1].endswith(","):
            pieces[-1] = pieces[-1][:-1] + ("." if piece[:1].isupper() else "")
        pieces.append(piece)
    return " ".join(pieces).rstrip(",").strip()


def find_quotes(doc: Doc, sentences: list[Sentence]) -> list[Quote]:
    """Direct quotes and indirect speech, in text order, with speakers resolved in the article."""
    index = SentenceIndex(sentences)
    spans = [Quoted(o, c) for o, c in quoted_spans(text_of(doc))]
    for q in spans:
        q.tokens = tokens_between(doc, q.open + 1, q.close)
    paragraph_starts = [0] + [m.end() for m in PARAGRAPH.finditer(text_of(doc))]
    found = _attribute(doc, spans, sentences, index, paragraph_starts)
    # Quoted words no cue reports (a phrase a reported clause quotes: `…, "a kind of mafia
    # state," …, Cole said.`) do not keep their sentence from being reported speech.
    told = [q for f in found for q in f.parts]
    items: list[_Found | Reported] = [*found, *reported_clauses(doc, sentences, told)]
    # Resolve in text order: "he said" may point at the speaker of the quote before.
    items.sort(
        key=lambda f: (
            f.cue.idx
            if f.cue is not None
            else f.parts[0].open
            if isinstance(f, _Found)
            else f.cue.idx
        )
    )
    resolver = Speakers(doc, sentences, index, [(q.open, q.close) for q in spans])
    out: list[Quote] = []
    items = [i for i in items if i.cue is None or not unsaid(i.cue)]
    for item in items:
        since = item.parts[0].open if isinstance(item, _Found) else None
        speaker = resolver.speaker(item.cue, since) if item.cue is not None else None
        if item.cue is not None:
            resolver.said(item.cue, speaker)
        if isinstance(item, Reported):
            if speaker is not None:  # reported speech from no one we can name is not a quote
                out.append(
                    Quote(
                        sentence=item.sentence,
                        sentences=[item.sentence],
                        text=item.text,
                        speaker=speaker,
                        cue=_cue_text(item.cue),
                        direct=False,
                        channel=_channel(item.cue),
                    )
                )
            continue
        sents = {s for q in item.parts for s in _sentence_range(q, index)}
        if item.cue is not None and index.at(item.cue.idx) is not None:
            sents.add(index.at(item.cue.idx))  # type: ignore[arg-type]
        text = _text(doc, item.parts)
        if not item.full and speaker is None:
            continue  # quoted words inside a sentence, from no one we can name: scare quotes
        if sents and text:
            ordered = sorted(sents)
            out.append(
                Quote(
                    sentence=ordered[0],
                    sentences=ordered,
                    text=text,
                    speaker=speaker,
                    cue=_cue_text(item.cue) if item.cue is not None else None,
                    direct=True,
                    channel=_channel(item.cue),
                )
            )
    return _carry_on(out)


_MODALS = frozenset({"will", "would", "could", "might", "may", "should", "shall", "can", "'ll"})
_IF = frozenset({"if", "unless", "when", "whether"})
_DECLINE = frozenset({"decline", "refuse", "fail"})


def unsaid(cue: Token) -> bool:
    """True when the speaking verb reports no words anyone said: negated ("has not
    confirmed reports that …"), declined ("declined to say"), still to come or supposed
    ("will argue …", "if the president were to say …")."""
    if is_according(cue):
        return False
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    if cue.dep_ == "xcomp" and lemma_of(cue.head) in _DECLINE:
        return True
    node = cue
    while True:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in node.children):
            return True
        if node is not cue and any(c.dep_ == "mark" and c.lower_ in _IF for c in node.children):
            return True
        if cue is node and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children
        ):
            return True
        if node.dep_ not in ("conj", "advcl", "xcomp") or node.head.i == node.i:
            return False
        node = node.head


def _carry_on(quotes: list[Quote]) -> list[Quote]:
    """A quote that stands alone with no speaking verb, in the sentence right after a quote
    whose speaker is known, goes on in that speaker's words: `…, Cole said.` then
    `"It's a deeply poverty-stricken country."` (news leaves the second unattributed)."""
    ordered = sorted(quotes, key=lambda q: q.sentence)
    for k, q in enumerate(ordered):
        if q.speaker is not None or q.cue is not None or not q.direct:
            continue
        before = [p for p in ordered[:k] if p.speaker is not None]
        if before and max(before[-1].sentences) == q.sentence - 1:
            q.speaker = before[-1].speaker
            q.cue = before[-1].cue
    return quotes


def _sentence_range(q: Quoted, index: SentenceIndex) -> list[int]:
    first = index.at(q.open + 1) if index.at(q.open) is None else index.at(q.open)
    last = index.at(max(q.open, q.close - 1))
    if first is None or last is None:
        return [i for i in (first, last) if i is not None]
    return list(range(first, last + 1))


def _attribute(
    doc: Doc,
    spans: list[Quoted],
    sentences: list[Sentence],
    index: SentenceIndex,
    paragraph_starts: list[int],
) -> list[_Found]:
    found: list[_Found] = []
    for q in spans:
        words = [t for t in q.tokens if not t.is_punct]
        if not words:
            continue
        full = _starts_sentence(doc, q, sentences, index) or _introduced(doc, q, spans)
        cue = None
        if full or text_of(doc)[: q.close].rstrip().endswith(","):
            cue = _after_cue(doc, q, spans, sentences, index)  # `"…," added the spokesperson` wins
        cue = cue or _governing_cue(q, spans)
        if cue is None and full:
            cue = _before_cue(doc, q, spans, sentences, index)
        prev = found[-1] if found else None
        para = bisect.bisect_right(paragraph_starts, q.open)
        if (
            prev is not None
            and full
            and bisect.bisect_right(paragraph_starts, prev.parts[-1].open) == para
        ):
            # `"A," X said, "B."` (same cue) or `"A," X said. "B."` (B has no cue, next sentence).
            same_cue = cue is not None and prev.cue is not None and cue.i == prev.cue.i
            follows = cue is None and prev.cue is not None and _next_to(doc, prev, q, index)
            if same_cue or follows:
                prev.parts.append(q)
                continue
        if cue is None and not full:
            log.debug(
                "quoted words with no speaker, taken for scare quotes: %r",
                text_of(doc)[q.open : q.close + 1],
            )
            continue
        found.append(_Found(parts=[q], cue=cue, full=full))
    return found


def _next_to(doc: Doc, prev: _Found, q: Quoted, index: SentenceIndex) -> bool:
    """Nothing but the previous quote's cue sentence stands between it and ``q``."""
    assert prev.cue is not None
    cue_sentence = index.at(prev.cue.idx)
    here = index.at(q.open) if index.at(q.open) is not None else index.at(q.open + 1)
    return cue_sentence is not None and here is not None and here == cue_sentence + 1


def _cue_text(cue: Token) -> str:
    if is_according(cue):
        return "according to"
    words = [cue.text]
    if lemma_of(cue) == "tell":
        obj = [c for c in cue.children if c.dep_ in ("dative", "dobj") and c.i > cue.i]
        if obj and len(list(obj[0].subtree)) <= 3:
            words.append(" ".join(t.text for t in obj[0].subtree))
    channel = _channel(cue)
    if channel is not None:
        words.append(f"in {channel}")
    return " ".join(words)


def _channel(cue: Token | None) -> str | None:
    """Where the words were given: "said in a statement" -> "a statement"."""
    if cue is None or is_according(cue):
        return None
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.lower_ == "in"):
        # "said in a statement": the outlet attributes the words to a written statement.
        nouns = [c for c in prep.children if c.dep_ == "pobj" and lemma_of(c) in _MEDIA]
        if nouns:
            return " ".join(t.text for t in prep.subtree if prep.i < t.i <= nouns[0].i)
    return None


__all__ = ["INDIRECT_VERBS", "find_quotes", "quoted_spans", "unsaid"]
