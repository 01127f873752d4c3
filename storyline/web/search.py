"""The story search: what the list page's form and ``/api/stories`` accept.

A form sends every field, filled or not, so an empty date is "no bound", never an
error; a date that is not a date, or a range that ends before it starts, is refused
with a reason the reader can act on.
"""

from __future__ import annotations

import datetime as dt

from storyline.errors import StorylineError
from storyline.web.views import StoryQuery

MAX_LIMIT = 1000


class QueryError(StorylineError):
    """A search the app refuses (answered 422): ``detail`` says why and how to fix it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def _date(name: str, value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(
            f"{name} {value[:40]!r} is not a date; write it as YYYY-MM-DD or leave it empty"
        ) from None


def parse_query(
    q: str, entity: str, outlet: str, since: str, until: str, language: str = ""
) -> StoryQuery:
    """The search the fields describe; empty fields do not filter."""
    first, last = _date("since", since), _date("until", until)
    if first and last and first > last:
        raise QueryError(
            f"since ({first}) is after until ({last}): the range is empty; swap the two dates"
        )
    return StoryQuery(
        q=q.strip(),
        entity=entity.strip(),
        outlet=outlet.strip(),
        since=first,
        until=last,
        language=language.strip(),
    )
