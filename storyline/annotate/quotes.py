"""Quotes: who said what, direct ("…," X said) and indirect (X said that …).

Quote marks are paired by a small state machine rather than a regular expression,
because news text mixes straight and curly marks, leaves a quote open across
paragraphs, and sometimes closes one with an opening mark.  The cue of a quote is
the speaking verb that governs it in spaCy's parse, or else the nearest speaking
verb outside quote marks in the sentences it stands in; its subject is the
speaker, resolved inside the article by :mod:`storyline.annotate.speakers`.
Precision first: a speaker that cannot be told is None, never a guess.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.annotate.nlp import SentenceIndex, lemma_of, text_of
from storyline.annotate.speakers import Speakers, is_according, is_cue
from storyline.model import Quote, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# fmt: off
# Verbs whose ``that``-clause is worth keeping as indirect speech (no quote marks).
INDIRECT_VERBS = frozenset(
    {
        "say", "tell", "add", "stress", "explain", "warn", "emphasize", "emphasise", "note",
        "insist", "state", "declare", "announce", "claim", "argue", "write", "tweet", "reply",
        "respond",
        "acknowledge", "admit", "concede", "confirm", "deny", "assure", "promise", "pledge", "vow",
        "suggest", "predict", "caution", "reiterate", "underline", "underscore", "maintain",
        "contend", "assert", "observe", "complain", "charge", "report", "testify", "conclude",
    }
)
# Where words were said or written: "said in a statement", "told … in an interview".
_MEDIA = frozenset(
    {"statement", "interview", "briefing", "post", "letter", "message", "speech", "address"}
)
_OPENERS = {'"', "“", "„", "«"}
_CLOSERS = {'"', "”", "»", "“"}
_HOPS = 3  # parse links from a partial quote up to the verb that reports it
_PARAGRAPH = re.compile(r"\n\s*\n")
_QUOTE_CHARS = "\"“”„«» \t\n"
# fmt: on


@dataclass
class _Quoted:
    """One stretch between quote marks; ``open``/``close`` are the marks' offsets."""

    open: int
    close: int  # offset of the closing mark, or the paragraph end when it runs on
    tokens: list[Token] = field(default_factory=list)


@dataclass
class _Found:
    parts: list[_Quoted]
    cue: Token | None
    full: bool  # stands as a sentence of its own rather than inside reported speech


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open mark, close mark) offsets of each quoted stretch of ``text``.

    A quote left open at a paragraph end counts only when the next paragraph
    opens a quote again (the newspaper convention for a quote running on).
    """
    out: list[tuple[int, int]] = []
    # A text with no blank line holds a paragraph (or a sentence) a line: there a quote still
    # open at a line end that the next line opens again is the running-on convention.
    by_line = _PARAGRAPH.search(text) is None
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)] + [
        (len(text), len(text))
    ]
    p = 0
    opened: int | None = None
    i = 0
    while i < len(text):
        if i >= paragraphs[p][0]:
            if opened is not None:
                rest = text[paragraphs[p][1] :].lstrip()
                if rest[:1] in _OPENERS:
                    out.append((opened, paragraphs[p][0]))
            opened = None
            i = paragraphs[p][1]
            p += 1
            continue
        ch = text[i]
        if ch == "\n" and by_line and opened is not None and text[i:].lstrip()[:1] in _OPENERS:
            out.append((opened, i))
            opened = None
        elif opened is None and ch in _OPENERS:
            opened = i
        elif (
            opened is None
            and ch == "”"
            and (i == 0 or text[i - 1].isspace())
            and text[i + 1 : i + 2].isalpha()
        ):
            opened = i  # a closing mark used to open: `”word`
        elif opened is not None and ch in _CLOSERS:
            out.append((opened, i))
            opened = None
        i += 1
    return out


def _tokens_between(doc: Doc, lo: int, hi: int) -> list[Token]:
    """Tokens that start at an offset in [lo, hi)."""
    if lo >= hi:
        return []
    span = doc.char_span(lo, hi, alignment_mode="expand")
    return [] if span is None else [t for t in span if lo <= t.idx < hi]


def _inside(tok: Token, spans: list[_Quoted]) -> bool:
    return any(q.open <= tok.idx <= q.close for q in spans)


def _governing_cue(q: _Quoted, spans: list[_Quoted]) -> Token | None:
    """The speaking verb outside the quote that the quoted words hang from in the parse."""
    inner = [t for t in q.tokens if not t.is_punct]
    for tok in inner:
        if tok.head.idx < q.open or tok.head.idx > q.close:  # the quote's link to the frame
            link = tok
            for anc in [tok.head, *tok.head.ancestors][:_HOPS]:
                if _inside(anc, spans) or link.dep_ in ("relcl", "advcl", "conj"):
                    break  # the quote sits in a clause of its own, not in what the verb reports
                if is_cue(anc):
                    return anc
                link = anc
            break
    return None


def _after_cue(
    doc: Doc,
    q: _Quoted,
    spans: list[_Quoted],
    sentences: list[Sentence],
    index: SentenceIndex,
    reach: int = 6,
) -> Token | None:
    """A cue within ``reach`` words after the closing mark: `"…," X said`, `"…," said X`."""
    last = index.at(max(q.open, q.close - 1))
    if last is None:
        return None
    for n, tok in enumerate(_tokens_between(doc, q.close + 1, sentences[last].end)):
        if n >= reach or _inside(tok, spans):
            break
        if is_cue(tok):
            return tok
    return None


def _before_cue(
    doc: Doc, q: _Quoted, spans: list[_Quoted], sentences: list[Sentence], index: SentenceIndex
) -> Token | None:
    """The last cue before the opening mark in its sentence: `X said: "…"`."""
    first = index.at(q.open)
    if first is None:
        return None
    for tok in reversed(_tokens_between(doc, sentences[first].start, q.open)):
        if _inside(tok, spans):
            break
        if is_cue(tok):
            return tok
    return None


def _starts_sentence(doc: Doc, q: _Quoted, sentences: list[Sentence], index: SentenceIndex) -> bool:
    s = index.at(q.open)
    return s is not None and not text_of(doc)[sentences[s].start : q.open].strip(_QUOTE_CHARS)


def _introduced(doc: Doc, q: _Quoted, spans: list[_Quoted]) -> bool:
    """`X said: "…"`, `X said, "…"`, `"…," X said, "…"`: quoted words right after a cue."""
    if not text_of(doc)[: q.open].rstrip().endswith((":", ",")):
        return False
    near = _tokens_between(doc, max(0, q.open - 60), q.open)[-5:]
    return any(is_cue(t) and not _inside(t, spans) for t in near)


def _text(doc: Doc, parts: list[_Quoted]) -> str:
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
    spans = [_Quoted(o, c) for o, c in quoted_spans(text_of(doc))]
    for q in spans:
        q.tokens = _tokens_between(doc, q.open + 1, q.close)
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text_of(doc))]
    found = _attribute(doc, spans, sentences, index, paragraph_starts)
    # Quoted words no cue reports (a phrase a reported clause quotes: `…, "a kind of mafia
    # state," …, Cole said.`) do not keep their sentence from being reported speech.
    told = [q for f in found for q in f.parts]
    items: list[_Found | _Reported] = [*found, *_reported(doc, sentences, told)]
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
        if isinstance(item, _Reported):
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
        if node.dep_ not in ("conj", "advcl", "xcomp") or node.head is node:
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


def _sentence_range(q: _Quoted, index: SentenceIndex) -> list[int]:
    first = index.at(q.open + 1) if index.at(q.open) is None else index.at(q.open)
    last = index.at(max(q.open, q.close - 1))
    if first is None or last is None:
        return [i for i in (first, last) if i is not None]
    return list(range(first, last + 1))


def _attribute(
    doc: Doc,
    spans: list[_Quoted],
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


def _next_to(doc: Doc, prev: _Found, q: _Quoted, index: SentenceIndex) -> bool:
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


@dataclass
class _Reported:
    """`X said (that) …` with no quote marks."""

    cue: Token
    sentence: int
    text: str


def _reported(doc: Doc, sentences: list[Sentence], spans: list[_Quoted]) -> list[_Reported]:
    """Reported clauses in sentences with no quote marks: `X said (that) …`, `…, according to X`."""
    out: list[_Reported] = []
    for s in sentences:
        # A closing mark the parser hung on the start of the next sentence (`…."` + newline
        # + `X said …`) does not make that sentence a quoted one.
        body = s.start + len(s.text) - len(s.text.lstrip(_QUOTE_CHARS))
        quoted = any(body <= q.close and q.open < s.end for q in spans)
        for tok in _tokens_between(doc, s.start, s.end):
            if quoted and (_inside(tok, spans) or not _beside_quote(tok, spans)):
                # Beside a quote: `"…," X said, adding that …`, or `X called it "…" and said
                # that …`; never the verb that reports the quoted words themselves.
                continue
            if is_according(tok):
                text = _according_clause(tok)
                if text:
                    out.append(_Reported(cue=tok, sentence=s.index, text=text))
                    break
                continue
            if lemma_of(tok) not in INDIRECT_VERBS or tok.pos_ != "VERB":
                continue
            clause = _clause_of(tok)
            if clause is None or (quoted and any(_inside(t, spans) for t in clause.subtree)):
                continue
            aside = {t.i for t in tok.subtree} if tok.dep_ == "parataxis" else set()
            if aside:  # with the commas around it
                aside |= {i for i in (min(aside) - 1, max(aside) + 1) if doc[i].is_punct}
            words = [
                t
                for t in clause.subtree
                if not (t.dep_ == "mark" and t.lower_ in ("that", "whether")) and t.i not in aside
            ]
            while words and (words[0].is_punct or words[0].is_space or words[0].dep_ == "cc"):
                words.pop(0)  # `"` closing the paragraph before, "But" joining the sentence
            if not words:
                continue
            if aside:  # "There is, he says, a pattern": the clause around the aside
                text = re.sub(
                    r" (?=[,.;:!?])", "", " ".join(t.text for t in words if not t.is_space)
                )
                text = text.strip(" ,.")
            else:
                text = text_of(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
                text = text.strip(" ,.")
            out.append(_Reported(cue=tok, sentence=s.index, text=text))
            break
    return out


def _beside_quote(verb: Token, spans: list[_Quoted]) -> bool:
    """A speaking verb in a sentence with quote marks that reports speech of its own:
    `"…," X said, adding that …` or `X called it "…" and said that …` (a verb joined to
    the one that reports the quote), never the verb of the quoted words."""
    if lemma_of(verb) == "add":
        return True
    return verb.dep_ == "conj" and not any(_inside(t, spans) for t in verb.subtree if t.i > verb.i)


def _clause_of(verb: Token) -> Token | None:
    """The clause a speaking verb reports: its ``ccomp``, or a `that`-clause on its adjunct.

    spaCy's small model hangs the clause of "said in a statement that …" (or "told a news
    conference that …") on the noun of the adjunct rather than on the verb.  A clause
    before the verb counts when it opens the sentence and the speaker follows it: `The
    deal ends the dispute, X said.`
    """
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return child
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for child in verb.children:
        if (
            child.dep_ == "ccomp"
            and child.i < verb.i
            and verb.dep_ == "ROOT"
            and subjects
            and child.i < subjects[0].i
            and child.left_edge.i == verb.sent.start
            # `…, X said.` or, the subject after its verb, `…, says X.`
            and verb.doc[min(subjects[0].left_edge.i, verb.i) - 1].is_punct
        ):
            return child
    if verb.dep_ == "parataxis" and subjects and _set_off(verb):
        # "There is, he says, a familiar pattern"; "In X, he says, it lasted …"
        clause = verb.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX"):
            return clause
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        nouns.extend(c for c in prep.children if c.dep_ == "pobj")
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
            ):
                return clause
    return None


def _set_off(verb: Token) -> bool:
    """The verb's phrase stands between commas (or dashes): ", he said,"."""
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    before = doc[left].is_punct or (left > 0 and doc[left - 1].is_punct)
    after = doc[right].is_punct or (right + 1 < len(doc) and doc[right + 1].is_punct)
    return before and after


def _according_clause(according: Token) -> str | None:
    """`The gate had jammed, according to X`: the clause ``according to X`` qualifies."""
    head = according.head
    if head.pos_ not in ("VERB", "AUX") or head.i == according.i:
        return None
    phrase = {t.i for t in according.subtree}
    words = [t for t in head.subtree if t.i not in phrase]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    if len(words) < 3 or not any(t.dep_ in ("nsubj", "nsubjpass") for t in words):
        return None
    text = "".join(t.text_with_ws for t in words).strip(" ,")
    return " ".join(text.split())
