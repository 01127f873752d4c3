"""What the verb that governs a time expression says about it: tense, modality, negation.

The dependency parse gives, for a date, the word it hangs on.  When that word is a
verb ("met ... on Sunday", "will travel in September"), its tense and auxiliaries say
on which side of the publication date the date lies and whether the event happened,
is planned or expected, or was called off.  When the date hangs on a noun first ("after
a long meeting in November", "the hearing on April 4"), the verb further up speaks of
something else: only its tense still hints at the side (``Governor.lean_past``), and a
cancellation up the chain ("called off the hearing on April 4") still counts.

Hand-written over spaCy's parse: no library reads tense and modality off a parse, and
the word lists are the closed classes of English auxiliaries plus a few plan and
cancellation verbs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storyline.annotate.nlp import lemma_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Tense = Literal["past", "present", "future"]
Modality = Literal["planned", "expected"]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PERFECT_AUX = frozenset({"has", "have"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m", "be"})
_EXPECT_AUX = frozenset({"would", "could", "may", "might", "should", "must"})
# Lemmas of verbs (and adjectives) that make the clause they govern a plan or an expectation.
_PLAN_WORDS = frozenset(
    {"plan", "schedule", "set", "due", "intend", "agree", "arrange", "slate", "invite",
     "prepare", "aim", "promise", "pledge", "vow", "propose", "book"}
)  # fmt: skip
_EXPECT_WORDS = frozenset(
    {"expect", "likely", "hope", "anticipate", "predict", "forecast", "may", "might",
     "possible", "probable", "unlikely", "poise", "tip"}
)  # fmt: skip
_CANCEL_WORDS = frozenset(
    {"cancel", "postpone", "scrap", "shelve", "abandon", "suspend", "delay", "defer",
     "drop", "axe", "scuttle", "call", "put", "change", "pull"}
)  # fmt: skip
# Particles or objects that make the verbs above a cancellation ("call off", "put off",
# "change plans", "pull out").  Verbs absent here cancel on their own.
_CANCEL_NEEDS = {
    "call": frozenset({"off"}),
    "put": frozenset({"off"}),
    "pull": frozenset({"out"}),
    "change": frozenset({"plan", "plans", "mind"}),
    "drop": frozenset({"plan", "plans", "idea", "bid"}),
}
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True, slots=True)
class Governor:
    """The reading of a time expression's governing verb.

    ``future`` says which side of the anchor an ambiguous date lies on (True after,
    False before, None: no evidence either way).
    """

    verb: str | None = None  # lemma of the governing verb, None if the date hangs on no verb
    future: bool | None = None
    tense: Tense | None = None
    modality: Modality | None = None
    negated: bool = False
    cancelled: bool = False
    # The date hangs on a noun in a past-tense sentence: the past reading is likelier,
    # unless it lies almost a year back while the coming one is near.
    lean_past: bool = False


def governor(span: Span) -> Governor:
    """Tense, modality, negation and cancellation that govern the time expression ``span``."""
    tok: Token = span.root
    through_noun = False
    verb: Token | None = None
    for _ in range(10):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            verb = tok
            break
        if tok.pos_ in _NOMINAL and not _is_time_word(tok):
            through_noun = True
    cancelled = _cancelled_above(span.root)
    if verb is None:
        return Governor(cancelled=cancelled)
    tense, modality, negated = _verb_reading(verb)
    if through_noun:
        # The date belongs to a noun ("a meeting in November"); the verb is about
        # something else, and only a past tense still hints at the side: a sentence
        # told in the past mostly names things before it ("hoped to meet again after
        # a long meeting in November" is last November).
        # A plan's object carries the plan's date: "planned a rally on Saturday",
        # "has scheduled a news conference Thursday" look ahead whatever the tense.
        planned = lemma_of(verb) in _PLAN_WORDS
        return Governor(
            verb=lemma_of(verb),
            future=True if tense == "future" or planned else None,
            lean_past=tense == "past" and not planned,
            cancelled=cancelled,
        )
    prep = _preposition(span)
    side = _side(verb, tense, modality)
    if lemma_of(verb) in _MOVE_WORDS and prep in _TO_WORDS:
        side = True  # "postponed until Tuesday", "extended the offer to Nov. 16"
    elif side is False and prep in _DEADLINE_WORDS:
        # "gave them until mid-November", "extended loans through January": a
        # deadline set in the past may lie on either side; the nearer one is likelier.
        side = None
    return Governor(
        verb=lemma_of(verb),
        future=side,
        tense=tense,
        modality=modality,
        negated=negated,
        cancelled=cancelled or (negated and (tense == "future" or modality == "planned")),
    )


_MOVE_WORDS = frozenset({"postpone", "delay", "defer", "extend", "adjourn", "reschedule", "push"})
_TO_WORDS = frozenset({"until", "till", "to", "into"})
_DEADLINE_WORDS = frozenset({"until", "till", "through", "by"})


def _preposition(span: Span) -> str | None:
    """The preposition ``span`` is the object of ("until" in "until Tuesday"), if any."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return root.head.lower_
    return None


def _is_time_word(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME")


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _verb_reading(verb: Token) -> tuple[Tense | None, Modality | None, bool]:
    """Tense, modality and negation of ``verb`` and of the verbs it complements."""
    negated = any(c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ == "advmod")
                  for c in verb.children)  # fmt: skip
    tense = _tense(verb)
    modality: Modality | None = None
    # Walk up through "to"-infinitives and complements: "is expected to begin",
    # "was scheduled to visit", "are likely to attend", "hoped to meet".
    tok = verb
    for _ in range(4):
        lemma = lemma_of(tok)
        if lemma in _PLAN_WORDS and modality is None:
            modality = "planned"
        elif lemma in _EXPECT_WORDS:
            modality = "expected"
        auxes = _aux(tok)
        if auxes & _EXPECT_AUX and modality is None:
            modality = "expected"
        if tok is not verb and tok.dep_ in ("xcomp", "ccomp") and tense is None:
            tense = _tense(tok)
        if tok.dep_ not in ("xcomp", "acomp") or tok.head.i == tok.i:
            break
        head = tok.head
        if tok is verb or tense is None:
            head_tense = _tense(head)
            if head_tense is not None and "to" in auxes:
                tense = head_tense if head_tense != "present" else "future"
        tok = head
        for c in tok.children:
            if c.dep_ == "acomp" and lemma_of(c) in _EXPECT_WORDS:
                modality = "expected"
    return tense, modality, negated


def _tense(verb: Token) -> Tense | None:
    auxes = _aux(verb)
    if verb.lower_ in _FUTURE_AUX or auxes & _FUTURE_AUX or "going" in auxes:
        return "future"
    if auxes & _PAST_AUX or verb.tag_ == "VBD":
        return "past"
    if auxes & _PERFECT_AUX and verb.tag_ == "VBN":
        return "past"
    if auxes & _PRESENT_AUX or verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _side(verb: Token, tense: Tense | None, modality: Modality | None) -> bool | None:
    """Which side of the anchor the verb puts its date: True after, False before."""
    auxes = _aux(verb)
    if tense == "future":
        return True
    if tense == "past":
        if lemma_of(verb) in _PLAN_WORDS:
            # "planned a rally on Saturday": the date may be the plan's or the rally's.
            return None
        if "to" in auxes:
            # "was scheduled to visit in February": the plan was made before; its
            # date may lie on either side.
            return None
        return False
    if verb.tag_ in ("VBG", "VBN") and auxes & _PRESENT_AUX - {"be"}:
        # "is meeting on Monday", "is scheduled for June" ("could be found Monday" is
        # either side)
        return True
    if verb.tag_ == "VB" and "to" in auxes:
        # "hopes to visit on Friday" looks ahead; "staged rallies to mark the entry on
        # Friday" may tell of either side.
        return None if _finite_above(verb) == "VBD" else True
    if modality is not None and verb.tag_ == "VB":
        return True
    if verb.tag_ == "VBN" and not auxes:
        # A participle alone ("the injunction issued Thursday") tells a past event,
        # unless it names a plan ("the talks scheduled for Monday").
        return None if lemma_of(verb) in _PLAN_WORDS else False
    return None


def _finite_above(verb: Token) -> str | None:
    """The tag of the first finite verb above an infinitive, if any."""
    tok = verb
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return str(tok.tag_)
        if tok.pos_ in ("VERB", "AUX") and (_aux(tok) & (_PAST_AUX | _PERFECT_AUX)):
            return "VBD"
    return None


def _cancelled_above(root: Token) -> bool:
    """A cancellation verb among the words the date hangs on, or conjoined with them."""
    tok = root
    for _ in range(10):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        conjoined = [c for c in tok.children if c.dep_ == "conj"]
        # "but changed plans": the parser may hang the verb on "plans" as a modifier.
        words = [tok, *conjoined, *(g for c in conjoined for g in c.children)]
        if any(_cancels(word) for word in words):
            return True
    return False


def _cancels(word: Token) -> bool:
    if word.pos_ not in ("VERB", "AUX"):
        return False  # checked first: a lemma costs a lemmatizer call
    lemma = lemma_of(word)
    if lemma not in _CANCEL_WORDS:
        return False
    needs = _CANCEL_NEEDS.get(lemma)
    if needs is None:
        return True
    near = [*word.children, word.head]
    return any(c.lower_ in needs or lemma_of(c) in needs for c in near)
