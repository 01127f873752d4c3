"""The records that flow between storyline's stages.

Every stage takes and returns these records and nothing else (see DESIGN.md,
"Who imports whom"): this package imports nothing of ours.  Records are
``msgspec.Struct`` classes, so they are cheap to build, compare by value, and
serialize to JSON for the store without a hand-written codec.

Offsets (``start``/``end``) are character offsets into ``Article.text``, end
exclusive.  Sentence numbers are indexes into ``Annotation.sentences``.
Dates are ISO 8601 strings at the granularity the text gives
(``"2023"``, ``"2023-06"``, ``"2023-06-18"``); a record never carries a day
that its source does not give.

The records live in one module per stage (``article``, ``annotation``, ``links``,
``dossier``, ``sources``); import them from here.
"""

from storyline.model.annotation import (
    Annotation,
    Clause,
    Mention,
    Quantity,
    Quote,
    Sentence,
    TimeExpr,
)
from storyline.model.article import (
    Article,
    Failure,
    Published,
    Rejection,
    Zone,
)
from storyline.model.base import (
    SCHEMA_VERSION,
    ChangeKind,
    ConflictKind,
    DateBasis,
    EventStatus,
    FailureStage,
    Granularity,
    Record,
    SourceKind,
    ZoneKind,
)
from storyline.model.dossier import (
    Change,
    Conflict,
    Coverage,
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    Position,
    QuoteEntry,
    StoryInfo,
    SummarySentence,
    TimelineEntry,
    Track,
    TrackPoint,
)
from storyline.model.links import (
    Claim,
    Duplicate,
    Entity,
    Event,
    Evidence,
    Links,
    Merge,
    Story,
    StorySignature,
)
from storyline.model.sources import (
    SeenItem,
    WatchedSource,
)

__all__ = [
    "SCHEMA_VERSION",
    "Annotation",
    "Article",
    "Change",
    "ChangeKind",
    "Claim",
    "Clause",
    "Conflict",
    "ConflictKind",
    "Coverage",
    "DateBasis",
    "Dossier",
    "DossierArticle",
    "DossierClaim",
    "DossierEntity",
    "Duplicate",
    "Entity",
    "Event",
    "EventStatus",
    "Evidence",
    "Failure",
    "FailureStage",
    "Granularity",
    "Links",
    "Mention",
    "Merge",
    "Position",
    "Published",
    "Quantity",
    "Quote",
    "QuoteEntry",
    "Record",
    "Rejection",
    "SeenItem",
    "Sentence",
    "SourceKind",
    "Story",
    "StoryInfo",
    "StorySignature",
    "SummarySentence",
    "TimeExpr",
    "TimelineEntry",
    "Track",
    "TrackPoint",
    "WatchedSource",
    "Zone",
    "ZoneKind",
]
