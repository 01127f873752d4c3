"""The records that flow between storyline's stages.

Every stage takes and returns these records and nothing else (see DESIGN.md,
"Who imports whom"): this module imports nothing of ours.  Records are
``msgspec.Struct`` classes, so they are cheap to build, compare by value, and
serialize to JSON for the store without a hand-written codec.

Offsets (``start``/``end``) are character offsets into ``Article.text``, end
exclusive.  Sentence numbers are indexes into ``Annotation.sentences``.
Dates are ISO 8601 strings at the granularity the text gives
(``"2023"``, ``"2023-06"``, ``"2023-06-18"``); a record never carries a day
that its source does not give.
"""

from __future__ import annotations

from typing import Literal

import msgspec
import numpy as np

DateBasis = Literal["header", "byline", "metadata", "inferred"]
Granularity = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century"]
EventStatus = Literal["occurred", "planned", "expected", "cancelled"]
ConflictKind = Literal["quantity", "date", "name", "attribution", "other"]
ChangeKind = Literal["new_claim", "revised_figure", "new_conflict", "claim_dropped", "new_article"]
ZoneKind = Literal["body", "furniture", "comments", "caption", "sidebar"]
SourceKind = Literal["feed", "sitemap", "opml", "urls"]
FailureStage = Literal["annotate", "infer_dates", "detect", "link", "synthesize", "render"]

SCHEMA_VERSION = 1


class Record(msgspec.Struct, kw_only=True, omit_defaults=False):
    """Base of every record: keyword-only construction, value equality."""


# --------------------------------------------------------------------------- ingest


class Published(Record, kw_only=True):
    """When an article was published, and how we know."""

    date: str | None = None  # YYYY-MM-DD
    basis: DateBasis | None = None
    note: str | None = None  # for "inferred": from what


class Zone(Record, kw_only=True):
    """A stretch of ``Article.text`` that is not the report's body.

    Page furniture (navigation, "share your photos", transcript notices), reader
    comments, photo captions and sidebars of other headlines. Only the body feeds
    claims, quotes, figures, timelines and summaries; offsets still index the
    stored text, so evidence keeps pointing at the exact stored sentence.
    """

    start: int
    end: int
    kind: ZoneKind


class Article(Record, kw_only=True):
    """One news report as ingested (stage 1)."""

    id: str  # content hash of the normalized body text
    text: str  # body text: header, byline and credit lines removed
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = []
    credits: list[str] = []  # agencies credited for the copy: "AFP", "Reuters"
    cites: list[str] = []  # outlets the article reports from: "Al Jazeera"
    published: Published = msgspec.field(default_factory=Published)
    language: str = "en"
    path: str | None = None
    url: str | None = None
    # Stretches of the text that are not the body, in order and not overlapping;
    # what no zone covers is body. Empty for a report read before zones existed.
    zones: list[Zone] = []

    def body_text(self) -> str:
        """The text with every zone blanked to spaces (line breaks kept): the body alone,
        at the same offsets as ``text``, so that what is read from it indexes ``text``."""
        if not self.zones:
            return self.text
        pieces: list[str] = []
        last = 0
        for zone in self.zones:
            pieces.append(self.text[last : zone.start])
            stretch = self.text[zone.start : zone.end]
            pieces.append("\n".join(" " * len(line) for line in stretch.split("\n")))
            last = zone.end
        pieces.append(self.text[last:])
        return "".join(pieces)


class Rejection(Record, kw_only=True):
    """A problem with one input, shown to the user with the file and the reason.

    ``rejected`` is False for a warning about an input that was still ingested
    (for example a file that is not UTF-8 and was decoded as Latin-1).
    """

    path: str
    reason: str
    line: int | None = None
    rejected: bool = True


class Failure(Record, kw_only=True):
    """An article or story that a stage raised on: stored, reported, and retried later.

    A failed article is skipped by later runs until the code that failed changes
    (``version``) or the user asks again (``--retry-failed``); a failed story keeps
    its previous dossier. ``path`` is the input file, when there is one.
    """

    kind: Literal["article", "story"]
    id: str
    stage: FailureStage
    error: str  # the exception's class name
    reason: str  # the exception's message
    path: str | None = None
    version: str | None = None  # annotator version or code version that failed
    at: str | None = None  # when (ISO 8601, UTC)


# --------------------------------------------------------------------------- annotate


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


class Annotation(Record, kw_only=True):
    """Everything stage 2 learns about one article."""

    article: str
    sentences: list[Sentence]
    mentions: list[Mention] = []
    timexes: list[TimeExpr] = []
    quotes: list[Quote] = []
    quantities: list[Quantity] = []
    embedding_dim: int = 0
    embeddings: bytes = b""  # float32, len(sentences) x embedding_dim, L2-normalized
    annotator: str = ""  # version tag of the annotator that made it

    def vectors(self) -> np.ndarray:
        """The sentence vectors as a (sentences x dim) float32 array (a view, no copy)."""
        if not self.embedding_dim:
            return np.zeros((len(self.sentences), 0), dtype=np.float32)
        return np.frombuffer(self.embeddings, dtype=np.float32).reshape(-1, self.embedding_dim)


# --------------------------------------------------------------------------- link


class Evidence(Record, kw_only=True):
    article: str
    sentence: int
    text: str  # exactly Annotation.sentences[sentence].text


class Merge(Record, kw_only=True):
    """Why two names were taken for one entity."""

    alias: str
    into: str
    rule: str  # "exact", "surname", "title", "edit-distance+context", ...
    detail: str = ""


class Entity(Record, kw_only=True):
    id: str
    name: str
    type: str
    aliases: list[str] = []
    titles: list[str] = []
    articles: list[str] = []
    mentions: int = 0
    merges: list[Merge] = []


class Duplicate(Record, kw_only=True):
    article: str
    duplicate_of: str
    similarity: float
    reason: str  # "near-duplicate", "same agency copy"


class Claim(Record, kw_only=True):
    """One fact, told by one or more sentences across articles."""

    id: str
    text: str
    evidence: list[Evidence]
    outlets: list[str] = []
    independent_outlets: list[str] = []


class Event(Record, kw_only=True):
    date: str | None
    granularity: Granularity | None
    status: EventStatus
    text: str
    entities: list[str] = []
    evidence: list[Evidence] = []
    claim: str | None = None


class StorySignature(Record, kw_only=True):
    """What story detection keeps of a story, so that a new article can join it
    without every member being read again (incremental builds)."""

    dim: int = 0
    total: bytes = b""  # float32, the sum of the members' article vectors
    entities: dict[str, int] = {}  # key entities of the members, with counts
    first: str | None = None  # earliest and latest publication date of a member
    last: str | None = None


class Story(Record, kw_only=True):
    id: str
    title: str
    articles: list[str]
    signature: StorySignature | None = None


class Links(Record, kw_only=True):
    """What stage 3 finds across the articles of one story."""

    story: str
    duplicates: list[Duplicate] = []
    entities: list[Entity] = []
    claims: list[Claim] = []
    events: list[Event] = []
    mention_entity: dict[str, str] = {}  # "article:start" -> entity id
    sentence_entities: dict[str, list[str]] = {}  # "article:sentence" -> entity ids, in order
    sources: dict[str, str] = {}  # article id -> the independent source it counts as

    def entities_in(self, article: str, sentence: int) -> list[str]:
        return self.sentence_entities.get(f"{article}:{sentence}", [])


# --------------------------------------------------------------------------- synthesize


class SummarySentence(Record, kw_only=True):
    text: str
    evidence: list[Evidence]
    part: Literal["consensus", "disputed"] = "consensus"  # "disputed": one side of a conflict


class Position(Record, kw_only=True):
    value: str
    evidence: list[Evidence]


class Conflict(Record, kw_only=True):
    about: str
    kind: ConflictKind
    positions: list[Position]
    note: str | None = None
    # True when the text itself says why the positions may both hold (the larger figure
    # "includes" something more): the ledger notes it (``note``) rather than flagging it.
    explained: bool = False


class TrackPoint(Record, kw_only=True):
    """One value of a measure as one report told it."""

    date: str  # the date the figure refers to (its sentence's, else the report's)
    value: float
    low: float | None = None  # bounds its wording allows; None: open that way
    high: float | None = None
    text: str  # the figure as written: "at least 1,000 people"
    outlet: str | None = None
    evidence: list[Evidence] = []


class Track(Record, kw_only=True):
    """One measure that moves over time (a death toll, case counts, a flow estimate)."""

    about: str  # "persons dead (libya)", "barrels a day flow"
    unit: str
    points: list[TrackPoint]  # by date, then source


class QuoteEntry(Record, kw_only=True):
    speaker: str | None
    speaker_entity: str | None
    text: str
    direct: bool
    evidence: list[Evidence]
    channel: str | None = None  # "a statement": the outlet attributes the words to it


class Coverage(Record, kw_only=True):
    outlet: str
    articles: list[str]
    claims: list[str]
    exclusive_claims: list[str] = []
    missing_claims: list[str] = []


class DossierArticle(Record, kw_only=True):
    id: str
    path: str | None
    url: str | None
    title: str | None
    outlet: str | None
    authors: list[str]
    credits: list[str]
    cites: list[str]
    published: Published
    language: str
    duplicate_of: str | None = None


class StoryInfo(Record, kw_only=True):
    id: str
    title: str
    articles: int
    first_published: str | None
    last_published: str | None


class DossierClaim(Record, kw_only=True):
    id: str
    text: str
    evidence: list[Evidence]
    outlets: int
    independent_outlets: int
    outlet_names: list[str] = []
    independent_outlet_names: list[str] = []
    # The claims worth reading lead (``key``): facts told by two or more independent
    # sources and contested facts, then the most central single-source facts, at most
    # ``key_claims`` of them; ``rank`` is the claim's place in that order (1 = first).
    key: bool = True
    rank: int = 0


class TimelineEntry(Record, kw_only=True):
    date: str
    granularity: Granularity
    status: EventStatus
    text: str
    entities: list[str]
    evidence: list[Evidence]


class DossierEntity(Record, kw_only=True):
    id: str
    name: str
    type: str
    aliases: list[str]
    titles: list[str]
    articles: list[str]
    mentions: int
    merges: list[Merge] = []


class Change(Record, kw_only=True):
    """One thing that changed in a story since the previous build of its dossier."""

    kind: ChangeKind
    text: str  # for the reader: "persons 12 → 19 (Outlet, 2024-03-02)"
    claim: str | None = None  # the claim's id (new_claim, claim_dropped)
    about: str | None = None  # what a figure or conflict is about
    before: str | None = None  # the figure before (revised_figure)
    after: str | None = None  # the figure now (revised_figure)
    evidence: list[Evidence] = []


class Dossier(Record, kw_only=True):
    """The story dossier: the public JSON contract of DESIGN.md, schema_version 1.

    ``changes``, ``previous_build`` and ``fingerprint`` extend the contract (optional
    fields): what changed since the build stamped ``previous_build`` (empty on a story's
    first build), and a digest of what the dossier was made from, so that an unchanged
    story is not synthesized again.
    """

    schema_version: int = SCHEMA_VERSION
    generated: str = ""  # ISO timestamp of the build; the only field that varies between builds
    story: StoryInfo
    articles: list[DossierArticle]
    entities: list[DossierEntity]
    timeline: list[TimelineEntry]
    summary: list[SummarySentence]
    claims: list[DossierClaim]
    conflicts: list[Conflict]
    quotes: list[QuoteEntry]
    coverage: list[Coverage]
    changes: list[Change] = []
    # Measures told over several days, each value with its date and source (extends the
    # contract: an optional key, empty when no measure moves).
    tracks: list[Track] = []
    previous_build: str | None = None
    fingerprint: str | None = None  # what it was built from (article ids, versions): skip if same
    # The timeline's window (ISO days, `build --from/--until`); None: open on that side.
    timeline_from: str | None = None
    timeline_until: str | None = None
    # The story's other dated events, not chosen for the timeline (by date, in the order
    # told): the timeline shows len(timeline) of len(timeline) + len(timeline_rest).
    timeline_rest: list[TimelineEntry] = []


# --------------------------------------------------------------------------- live sources


class WatchedSource(Record, kw_only=True):
    """A feed, sitemap, OPML file or URL list that ``storyline watch`` polls, with its
    fetch state: the validators of its last answer (conditional GET) and its health."""

    url: str  # an http(s) URL, or a local file path (OPML, URL list)
    kind: SourceKind | None = None  # None until the first poll recognizes it
    added: str = ""  # ISO timestamps, UTC
    last_poll: str | None = None
    last_success: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # polls failed in a row (0: healthy)
    failing_since: str | None = None
    last_error: str | None = None


class SeenItem(Record, kw_only=True):
    """One item a source listed: its page, and what became of it.

    ``state`` is "ok" (``article`` holds the report, new or already stored), "skipped"
    (no report there: not an article page, disallowed by robots.txt; not tried again)
    or "failing" (tried again on later polls; ``failures`` counts the tries).
    """

    source: str
    item: str  # the item's guid, else its URL
    url: str  # the page fetched
    canonical: str | None = None  # the page's canonical URL, when it gives one
    first_seen: str = ""
    article: str | None = None
    state: Literal["ok", "skipped", "failing"] = "ok"
    failures: int = 0
    last_error: str | None = None
