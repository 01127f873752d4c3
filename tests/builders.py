"""One builder for the hand-made dossiers of the tests.

A test names only the parts it is about; every other section is empty and the story
header follows from the articles. Everything here is fictional.
"""

from __future__ import annotations

from typing import Any

import msgspec

from storyline.model import (
    Conflict,
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    Evidence,
    Position,
    Published,
    QuoteEntry,
    StoryInfo,
    TimelineEntry,
)

# The dossier's sections: the fields every dossier must have, but its story header.
SECTIONS = tuple(
    f.name for f in msgspec.structs.fields(Dossier) if f.required and f.name != "story"
)


def ev(article: str, sentence: int, text: str) -> Evidence:
    return Evidence(article=article, sentence=sentence, text=text)


def article(aid: str, outlet: str | None, day: str | None, **fields: Any) -> DossierArticle:
    """A dossier's article: titled "<outlet> report", dated by its header, no people named."""
    values: dict[str, Any] = {
        "path": None,
        "url": None,
        "title": f"{outlet} report",
        "authors": [],
        "credits": [],
        "cites": [],
        "published": Published(date=day, basis="header"),
        "language": "en",
    }
    return DossierArticle(id=aid, outlet=outlet, **{**values, **fields})


def claim(cid: str, evidence: list[Evidence], **fields: Any) -> DossierClaim:
    """A claim told in its first sentence's words, by one outlet unless said otherwise."""
    values: dict[str, Any] = {"text": evidence[0].text, "outlets": 1, "independent_outlets": 1}
    return DossierClaim(id=cid, evidence=evidence, **{**values, **fields})


def entity(eid: str, name: str, aliases: list[str], **fields: Any) -> DossierEntity:
    values: dict[str, Any] = {
        "type": "PERSON",
        "aliases": aliases,
        "titles": [],
        "articles": [],
        "mentions": 2,
    }
    return DossierEntity(id=eid, name=name, **{**values, **fields})


def entry(
    date: str,
    granularity: str,
    text: str,
    evidence: list[Evidence],
    *,
    status: str = "occurred",
    entities: list[str] = (),  # type: ignore[assignment]
) -> TimelineEntry:
    return TimelineEntry(
        date=date,
        granularity=granularity,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        text=text,
        entities=list(entities),
        evidence=evidence,
    )


def quote(
    speaker: str | None, entity: str | None, text: str, evidence: list[Evidence], direct: bool
) -> QuoteEntry:
    return QuoteEntry(
        speaker=speaker, speaker_entity=entity, text=text, direct=direct, evidence=evidence
    )


def conflict(
    about: str, kind: str, positions: list[tuple[str, list[Evidence]]], **fields: Any
) -> Conflict:
    """A ledger entry: each position is a value and the evidence that tells it."""
    told = [Position(value=value, evidence=evidence) for value, evidence in positions]
    return Conflict(about=about, kind=kind, positions=told, **fields)  # type: ignore[arg-type]


def story(sid: str = "s-1", title: str = "", articles: list[DossierArticle] = ()) -> StoryInfo:  # type: ignore[assignment]
    """The story header of these articles: their count and first and last days."""
    days = [a.published.date for a in articles]
    return StoryInfo(
        id=sid,
        title=title,
        articles=len(articles),
        first_published=days[0] if days else None,
        last_published=days[-1] if days else None,
    )


def dossier(info: StoryInfo | None = None, **fields: Any) -> Dossier:
    """A dossier holding ``fields``; the sections not given are empty, and the story header,
    when not given, is that of the articles."""
    sections: dict[str, Any] = {name: list(fields.pop(name, ())) for name in SECTIONS}
    if info is None:
        info = story(articles=sections["articles"])
    return Dossier(story=info, **sections, **fields)
