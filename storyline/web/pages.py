"""The pages journalists read: the story list, a story (whole or one section), an
article, and the static files they load."""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from storyline.errors import NotFoundError
from storyline.render.jsonout import script_json
from storyline.render.view import (
    ArticleView,
    build_view,
    safe_url,
    timeline_count,
    timeline_rest,
    track_svg,
    unique_parts,
)
from storyline.web.public import public_article
from storyline.web.search import QueryError, parse_query
from storyline.web.state import State
from storyline.web.views import (
    StoryQuery,
    article_pieces,
    change_lines,
    fallback_title,
    headlines,
    sentence_href,
    timeline_data,
)

# The story page shows this many rows of a long section, folded when it has more than
# OPEN_UP_TO; a section's own page (/stories/{id}/{section}) pages by SECTION_ROWS.
PAGE_ROWS = 25
OPEN_UP_TO = 12
SECTION_ROWS = 100
SECTIONS = (
    "changes",
    "conflicts",
    "tracks",
    "quotes",
    "entities",
    "coverage",
    "claims",
    "articles",
    "sources",
)


def page_router(
    state: State,
    env: jinja2.Environment,
    page: Callable[..., HTMLResponse],
    static: dict[str, tuple[bytes, str]],
) -> APIRouter:
    router = APIRouter()
    config = state.config

    # ------------------------------------------------------------------ static files
    @router.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        found = static.get(name)
        if found is None:
            raise NotFoundError(f"no static file {name[:100]!r}")
        body, media = found
        return Response(body, media_type=media, headers={"cache-control": "max-age=3600"})

    @router.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(
            static["favicon.ico"][0],
            media_type="image/x-icon",
            headers={"cache-control": "max-age=86400"},
        )

    # ------------------------------------------------------------------ pages
    @router.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(
        q: str = "",
        entity: str = "",
        outlet: str = "",
        since: str = "",
        until: str = "",
        language: str = "",
    ) -> HTMLResponse:
        rows = state.rows()
        try:
            query = parse_query(q, entity, outlet, since, until, language)
        except QueryError as exc:
            # the form again, as filled, with the reason; no story is shown for a bad search
            query = StoryQuery(
                q=q, entity=entity, outlet=outlet, since=since, until=until, language=language
            )
            return page(
                "stories.html", 422, rows=[], total=len(rows), query=query, error=exc.detail
            )
        shown = [r for r in rows if query.matches(r)]
        return page("stories.html", rows=shown, total=len(rows), query=query, error=None)

    def render_story(story_id: str, only: str | None = None, start: int = 0) -> bytes:
        dossier = state.dossier(story_id)
        view = build_view(dossier, changes_first=False)  # the summary comes first here
        data = timeline_data(view)  # numbers every source, in the renderers' order
        titles = state.fallback_titles(dossier)

        def article_title(article: ArticleView) -> str:
            return article.record.title or titles.get(article.id) or article.title

        html = env.get_template("story.html").render(
            d=dossier,
            view=view,
            title=state.story_title(dossier),
            data=script_json(data),
            href=lambda n: sentence_href(
                view.sources[n - 1].article.id, view.sources[n - 1].sentence
            ),
            timeline=data["timeline"],
            count=timeline_count(dossier),
            rest=timeline_rest(view),
            changes=change_lines(dossier),
            track_svg=track_svg,
            headlines=headlines(view, titles),
            article_title=article_title,
            only=only,
            start=start,
            cap=PAGE_ROWS if not only else SECTION_ROWS,
            open_up_to=OPEN_UP_TO,
            token_required=bool(config.token),
        )
        return html.encode()

    @router.get(
        "/stories/{story_id}/{section}", response_class=HTMLResponse, include_in_schema=False
    )
    async def story_section(story_id: str, section: str, start: int = 0) -> Response:
        if section not in SECTIONS:
            raise NotFoundError(f"no section {section[:40]!r}; sections: {', '.join(SECTIONS)}")
        start = max(0, start)
        body = await run_in_threadpool(render_story, story_id, section, start)
        return HTMLResponse(body)

    # The two hottest reads answer from a cache, emptied whenever a job finishes, without
    # a hop to the thread pool; a miss renders in the pool.
    @router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str) -> Response:
        key = ("page", story_id)
        cached = state.cache.get(key)
        if cached is None:
            cached = await run_in_threadpool(render_story, story_id)
            state.cache[key] = cached
        return HTMLResponse(cached)

    @router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, hl: int | None = None) -> HTMLResponse:
        article = public_article(state.article(article_id))
        annotations = state.store.get_annotations([article.id])
        annotation = annotations[0] if annotations else None
        stories = [s for s in state.store.stories() if article.id in s.articles]
        return page(
            "article.html",
            a=article,
            url=safe_url(article.url),
            pieces=article_pieces(article, annotation),
            hl=hl,
            stories=stories,
            note=unique_parts(article.published.note or ""),
            title=article.title or fallback_title(article.text) or "Untitled article",
        )

    return router
