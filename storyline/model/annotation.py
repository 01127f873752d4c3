"""Stage 2, annotate: what is learnt of one article."""

from __future__ import annotations

from typing import Literal

import numpy as np

from storyline.model.base import Granularity, Record


class Sentence(Record, kw_only=True):
    index: int
    start: int
    end: int
    text: str


class Mention(Record, kw_only=True):
    """A named-entity mention."""

    sentence: int
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, ...
    title: str | None = None  # role words right before it: "Foreign Minister"


class TimeExpr(Record, kw_only=True):
    """A time expression normalized against the article's date."""

    sentence: int
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TimeML value: "2023-06-18", "2022-11", "P3M", "PRESENT_REF", "XXXX-WXX-1"
    granularity: Granularity | None = None  # for DATE/TIME values that are calendar dates
    relative: bool = False  # resolved against the anchor ("last Wednesday", "on Monday")
    # What the verb that governs the expression says (None/False when it hangs on no verb,
    # or on a noun first: "a meeting in November"); events read their status from these.
    verb: str | None = None  # lemma of the governing verb
    tense: Literal["past", "present", "future"] | None = None
    modality: Literal["planned", "expected"] | None = None
    negated: bool = False
    cancelled: bool = False  # a cancellation governs it: "called off the hearing on April 4"


class Quote(Record, kw_only=True):
    """What someone said, with the sentences it stands in."""

    sentence: int  # first sentence of the quote
    sentences: list[int]
    text: str  # the quoted words (direct) or the reported clause (indirect)
    speaker: str | None = None  # the speaker as written, resolved within the article
    cue: str | None = None  # "said", "told reporters", "according to"
    direct: bool = True
    channel: str | None = None  # where the words were given: "a statement", "an interview"


class Quantity(Record, kw_only=True):
    sentence: int
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # "hour", "percent", "USD", "person", ...
    modifier: str | None = None  # "more than", "about", "at least", ...
    # What the figure measures (annotator 4; older records leave these empty, and the
    # ledger then pairs none of their figures):
    # count | money | percent | duration | measure (km, barrels, tons) | age | offset
    # ("five years ago", "three days after") | rating (a quake's magnitude)
    kind: str | None = None
    predicate: str | None = None  # what is said of what is counted: "kill", "send", "leak"
    subject: str | None = None  # whose figure: "Cuba" (has sent 30 doctors)
    place: str | None = None  # where it holds: "Haiti"
    per: str | None = None  # a rate's period: "day" ("5,000 barrels a day")
    when: str | None = None  # the date it refers to, from its sentence's time expressions
    # Its bounds given the wording ("at least 90": 90..None; "12 to 19": 12..19); None on
    # a side: unbounded that way. Both None with ``kind`` set: no bound at all.
    low: float | None = None
    high: float | None = None


class Clause(Record, kw_only=True):
    """A sentence's main clause as the dependency parse reads it (annotator 12).

    "The told clause" is the reported clause under a speech or cognition root ("officials
    said the dam failed": "fail"), else the root's own; subject, object, negation and
    morphology are the told clause's. Lemmas are lower-case.
    """

    sentence: int
    predicate: str  # lemma of the root predicate: "impose", "say"
    content: str | None = None  # the told clause's predicate under a speech root: "fail"
    speaker: str | None = None  # who speaks, as a name if the head falls in one: "officials"
    subject: str | None = None  # lemma of the told clause's subject head: "council"
    subject_name: str | None = None  # the mention that head falls in: "the Security Council"
    object: str | None = None  # lemma of its direct object head: "sanction"
    object_name: str | None = None
    negated: bool = False
    tense: str | None = None  # spaCy morphology of its finite verb: "Past", "Pres"
    aspect: str | None = None  # "Perf" (with "have"), "Prog"
    mood: str | None = None  # "Ind", "Imp", "Sub", "Cnd"
    person: str | None = None  # "1", "2", "3"
    modal: str | None = None  # its modal auxiliary: "will", "could"
    question: bool = False  # the sentence ends in a question mark
    imperative: bool = False  # it orders: "Stay indoors."


class Annotation(Record, kw_only=True):
    """Everything stage 2 learns about one article."""

    article: str
    sentences: list[Sentence]
    mentions: list[Mention] = []
    timexes: list[TimeExpr] = []
    quotes: list[Quote] = []
    quantities: list[Quantity] = []
    clauses: list[Clause] = []  # one per parsed sentence (annotator 12; older stores: none)
    embedding_dim: int = 0
    embeddings: bytes = b""  # float32, len(sentences) x embedding_dim, L2-normalized
    annotator: str = ""  # version tag of the annotator that made it

    def vectors(self) -> np.ndarray:
        """The sentence vectors as a (sentences x dim) float32 array (a view, no copy)."""
        if not self.embedding_dim:
            return np.zeros((len(self.sentences), 0), dtype=np.float32)
        return np.frombuffer(self.embeddings, dtype=np.float32).reshape(-1, self.embedding_dim)
