"""Stage 4, synthesize: the dossier, the public JSON contract (DESIGN.md)."""

from __future__ import annotations

from typing import Literal

from storyline.model.article import Published
from storyline.model.base import (
    SCHEMA_VERSION,
    ChangeKind,
    ConflictKind,
    EventStatus,
    Granularity,
    Record,
)
from storyline.model.links import Evidence, Merge


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
    evidence: list[Evidence] = []  # revised_figure: the sentences that tell the figure now
    # revised_figure (extends the contract, optional keys): the dates each figure is told
    # for, the outlets that tell the new one, and the sentences that told the old one.
    date: str | None = None
    before_date: str | None = None
    outlets: list[str] = []
    before_evidence: list[Evidence] = []


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
