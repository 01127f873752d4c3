"""Entity pages: who or what an entity is in one story, its aliases, its quotes,
and the other stories that name it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from storyline.errors import NotFoundError
from storyline.render.view import build_view
from storyline.web.views import StoryRow, sentence_href


def entity_router(
    dossier_of: Callable[[str], Any],
    rows: Callable[[], list[StoryRow]],
    title_of: Callable[[Any], str],
    page: Callable[..., HTMLResponse],
) -> APIRouter:
    router = APIRouter()

    @router.get(
        "/entities/{story_id}/{entity_id}", response_class=HTMLResponse, include_in_schema=False
    )
    def entity_page(story_id: str, entity_id: str) -> HTMLResponse:
        dossier = dossier_of(story_id)
        entity = next((e for e in dossier.entities if e.id == entity_id), None)
        if entity is None:
            raise NotFoundError(f"no entity {entity_id[:40]!r} in this story")
        view = build_view(dossier, changes_first=False)
        names = {n.casefold() for n in (entity.name, *entity.aliases)}
        others = [r for r in rows() if r.id != dossier.story.id and names & set(r.entities)]
        quotes = [q for q in dossier.quotes if q.speaker_entity == entity.id]
        return page(
            "entity.html",
            d=dossier,
            e=entity,
            view=view,
            story_title=title_of(dossier),
            quotes=quotes,
            others=others[:50],
            href=lambda ev: sentence_href(ev.article, ev.sentence),
        )

    return router
