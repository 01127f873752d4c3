"""Story detection's tuned constants: the stream's lookups and how a story is scored.

One place for them, so that a default is defined once (settings pass overrides in).
"""

from __future__ import annotations

from dataclasses import dataclass

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "EVENT", "FAC", "LOC", "NORP"}
KEY_ENTITIES = 8  # an article's most mentioned entities are what it is about
NEIGHBOURS = 10  # nearest articles looked up per segment
SEGMENT_DAYS = 30  # one HNSW index per this many days
MAX_BLOCK = 40  # stories looked up per entity (the most recent ones)
DENSE_EIGEN = 400  # a split's eigenvector is computed densely up to this many members
SIGNATURE_ENTITIES = 200  # entities a story's signature keeps (the most mentioned)
ENTITY_ONLY_SHARE = (
    0.5  # an article with no vector joins a story knowing this share of its entities
)


@dataclass(frozen=True)
class Weights:
    """How a candidate story is scored and when it is joined; the story detection defaults
    (settings override ``threshold`` and ``window_days``). How they were chosen:
    docs/experiments.md, "Stories"."""

    entities: float = 0.5  # times (share of the article's key entities the story knows - center)
    entity_center: float = 0.1  # a share below this counts against the story, above it for
    entity_support: float = 0.15  # a story knows an entity named in this share of its articles
    time_penalty: float = 0.5  # subtracted in full at the window's edge
    merge: float = 0.75  # two stories a new article links this strongly, and this close, merge
    split_link: float = 0.3  # members linked less than this form separate groups
    split_min: int = 5  # a split leaves parts of at least this many articles
    split_cut: float = 0.06  # a part is cut in two when the cut severs less than this share
    split_entities: float = 0.3  # member links: this much shared entities, the rest text
    story_link: float = 0.7  # after the pass, stories whose centroids are this close...
    story_entities: float = 0.15  # ...and whose main entities overlap this much are one story
    threshold: float = 0.4  # an article joins the best story scoring at least this
    window_days: int = 365  # articles further apart than this never share a story
    unshared: float = 0.0  # subtracted when the nearest members share none of its entities
    unshared_scope: str = "near"  # "near": the nearest members; "story": any member
    unshared_near: int = 3  # how many nearest members are asked
    unshared_share: float = 0.0  # ...and when they name less than this share (idf-weighted)
