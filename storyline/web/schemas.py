"""Response shapes of the HTTP API, for validation and the OpenAPI schema.

The dossier itself is the public contract of DESIGN.md: its schema comes from the
``msgspec`` records in :mod:`storyline.model`, so it cannot drift from what is served.
"""

from __future__ import annotations

from typing import Any

import msgspec
from pydantic import BaseModel

from storyline.model import Dossier

DOSSIER_REF = "#/components/schemas/Dossier"


class StoryOut(BaseModel):
    id: str
    title: str
    articles: int
    first_published: str | None
    last_published: str | None
    built: str | None
    outlets: list[str]
    languages: list[str] = []  # ISO 639-1 codes of its reports


class PublishedOut(BaseModel):
    date: str | None
    basis: str | None
    note: str | None


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    text: str


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    authors: list[str]
    credits: list[str]
    cites: list[str]
    published: PublishedOut
    language: str
    path: str | None
    url: str | None
    text: str
    sentences: list[SentenceOut]


class ProblemOut(BaseModel):
    file: str
    reason: str
    line: int | None
    rejected: bool


class OutcomeOut(BaseModel):
    file: str
    outcome: str  # added, unchanged, rejected, warning, failed
    article: str | None
    reason: str | None
    line: int | None
    stage: str | None  # for "failed": the stage that raised


class JobOut(BaseModel):
    id: str
    state: str
    stage: str
    done: int
    total: int | None
    files: list[str]
    added: list[str]
    unchanged: list[str]
    problems: list[ProblemOut]
    outcomes: list[OutcomeOut]
    stories: list[str]
    story_titles: dict[str, str] = {}  # the title of each story in ``stories``
    error: str | None


class ErrorOut(BaseModel):
    detail: Any


def dossier_components() -> dict[str, Any]:
    """JSON Schemas of the dossier and its parts, as OpenAPI components."""
    _, components = msgspec.json.schema_components(
        [Dossier], ref_template="#/components/schemas/{name}"
    )
    return components


ARTICLE_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/ArticleIn"},
                    {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                ]
            }
        },
        "application/x-ndjson": {"schema": {"type": "string"}},
    },
}
ARTICLE_IN = {
    "title": "ArticleIn",
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string"},
        "title": {"type": "string"},
        "date": {"type": "string", "description": "YYYY-MM-DD"},
        "url": {"type": "string"},
        "outlet": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "language": {"type": "string"},
    },
}
