"""Reported speech with no quote marks: `X said (that) …`, `…, according to X`."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate.nlp import lemma_of, text_of
from storyline.annotate.quote_marks import QUOTE_CHARS, Quoted, inside, tokens_between
from storyline.annotate.roles import is_according
from storyline.model import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
# fmt: on


@dataclass
class Reported:
    """`X said (that) …` with no quote marks."""

    cue: Token
    sentence: int
    text: str


def reported_clauses(doc: Doc, sentences: list[Sentence], spans: list[Quoted]) -> list[Reported]:
    """Reported clauses in sentences with no quote marks: `X said (that) …`, `…, according to X`."""
    out: list[Reported] = []
    for s in sentences:
        # A closing mark the parser hung on the start of the next sentence (`…."` + newline
        # + `X said …`) does not make that sentence a quoted one. Spans are in text order
        # and apart: the first closing at or after the body's start is the only one that
        # may reach into it.
        body = s.start + len(s.text) - len(s.text.lstrip(QUOTE_CHARS))
        k = bisect.bisect_left(spans, body, key=lambda q: q.close)
        quoted = k < len(spans) and spans[k].open < s.end
        for tok in tokens_between(doc, s.start, s.end):
            if quoted and (inside(tok, spans) or not _beside_quote(tok, spans)):
                # Beside a quote: `"…," X said, adding that …`, or `X called it "…" and said
                # that …`; never the verb that reports the quoted words themselves.
                continue
            if is_according(tok):
                text = _according_clause(tok)
                if text:
                    out.append(Reported(cue=tok, sentence=s.index, text=text))
                    break
                continue
            if lemma_of(tok) not in INDIRECT_VERBS or tok.pos_ != "VERB":
                continue
            clause = _clause_of(tok)
            if clause is None or (quoted and any(inside(t, spans) for t in clause.subtree)):
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
            out.append(Reported(cue=tok, sentence=s.index, text=text))
            break
    return out


def _beside_quote(verb: Token, spans: list[Quoted]) -> bool:
    """A speaking verb in a sentence with quote marks that reports speech of its own:
    `"…," X said, adding that …` or `X called it "…" and said that …` (a verb joined to
    the one that reports the quote), never the verb of the quoted words."""
    if lemma_of(verb) == "add":
        return True
    return verb.dep_ == "conj" and not any(inside(t, spans) for t in verb.subtree if t.i > verb.i)


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
        # spaCy makes a new Token object on each access, so the root is found by its
        # index (`head.i == i`); an identity test would climb forever under a noun root.
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
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
