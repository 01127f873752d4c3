"""The interface every store backend implements."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from storyline.model import Annotation, Article, Dossier, Failure, SeenItem, Story, WatchedSource


class Store(Protocol):
    def add_article(self, article: Article) -> bool:
        """Store ``article``; False when an article with its id is already stored."""

    def update_article(self, article: Article) -> None: ...
    def get_article(self, article_id: str) -> Article: ...
    def articles(self, ids: Iterable[str] | None = None) -> list[Article]: ...
    def article_ids(self, annotated: bool = False) -> list[str]:
        """Every stored article's id, in the order of ``articles()``; no record is decoded.

        With ``annotated``, only the articles that have an annotation (of any version).
        """

    def article_count(self) -> int: ...

    def put_annotations(self, annotations: Iterable[Annotation]) -> None: ...
    def get_annotations(self, ids: Iterable[str]) -> list[Annotation]: ...
    def unannotated(self, version: str, retry_failed: bool = False) -> list[str]:
        """Ids of articles with no annotation made by annotator ``version``.

        An article whose annotation failed under this same ``version`` (a stored
        ``Failure`` of stage "annotate") is left out, so that one bad article does
        not fail every later run; ``retry_failed`` takes it in again.
        """

    def put_stories(self, stories: Iterable[Story]) -> None:
        """Replace the set of stories with ``stories``."""

    def stories(self) -> list[Story]: ...
    def get_story(self, story_id: str) -> Story: ...

    def put_dossier(self, dossier: Dossier) -> None: ...
    def get_dossier(self, story_id: str) -> Dossier: ...
    def dossier_fingerprint(self, story_id: str) -> str | None:
        """The stored dossier's fingerprint, read without decoding the dossier (None if none)."""

    def put_failure(self, failure: Failure) -> None:
        """Record that a stage raised on an article or story; replaces the record of the
        same (kind, id, stage)."""

    def failures(self, kind: str | None = None, stage: str | None = None) -> list[Failure]:
        """The standing failures (of one ``kind`` and ``stage`` if given), oldest first."""

    def clear_failures(
        self, kind: str, ids: Iterable[str] | None = None, stage: str | None = None
    ) -> int:
        """Forget the failures of ``kind`` (only these ``ids``, only this ``stage``);
        returns how many were removed."""

    def dossier_stamp(self, story_id: str) -> tuple[str | None, str] | None:
        """The stored dossier's ``(fingerprint, generated)``, read without decoding it
        (None if none): which build of the dossier the store holds."""

    def lock(self, name: str) -> AbstractContextManager[None]:
        """Hold the store-wide lock ``name`` while a block runs: every process and thread
        using the store waits its turn (for a read-modify-write spanning several calls,
        such as detecting stories). A holder that dies lets go."""

    # live sources (storyline.sources): what `storyline watch` polls, and what it has seen
    def add_source(self, source: WatchedSource) -> bool:
        """Start watching ``source``; False when its URL is watched already (left as it is)."""

    def update_source(self, source: WatchedSource) -> None:
        """Store a watched source's fetch state (validators, last poll, health)."""

    def remove_source(self, url: str) -> bool:
        """Stop watching ``url`` and forget the items it listed (their articles stay);
        False when it was not watched."""

    def watched_sources(self) -> list[WatchedSource]:
        """Every watched source, in the order they were added."""

    def seen_items(self, source: str) -> dict[str, SeenItem]:
        """What ``source`` has listed so far, by item (guid or URL)."""

    def article_for_url(self, url: str) -> str | None:
        """The id of a stored report fetched from ``url`` or whose canonical URL it is."""

    def put_seen(self, item: SeenItem, article: Article | None = None) -> bool:
        """Record ``item`` and, in the same transaction, store ``article`` (if given and
        new); True when the article was new. An item is never marked seen without its
        report, so a poll stopped half way loses nothing it claims to have."""

    def close(self) -> None: ...
