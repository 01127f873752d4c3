"""Stage 3, link: what is found across the articles of one story."""

from __future__ import annotations

from storyline.model.base import EventStatus, Granularity, Record


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
