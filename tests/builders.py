"""One builder for the hand-made dossiers of the tests.

A test names only the parts it is about; every other section is empty and the story
header follows from the articles. Everything here is fictional.
"""

from __future__ import annotations

from typing import Any

from storyline.model import (
    Dossier,
    DossierArticle,
    DossierClaim,
    DossierEntity,
    Evidence,
    Published,
    StoryInfo,
)

SECTIONS = (
    "articles",
    "entities",
    "timeline",
    "summary",
    "claims",
    "conflicts",
    "quotes",
    "coverage",
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
