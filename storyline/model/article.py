"""Stage 1, ingest: an article as read, and why an input was refused."""

from __future__ import annotations

from typing import Literal

import msgspec

from storyline.model.base import DateBasis, FailureStage, Record, ZoneKind


class Published(Record, kw_only=True):
    """When an article was published, and how we know."""

    date: str | None = None  # YYYY-MM-DD
    basis: DateBasis | None = None
    note: str | None = None  # for "inferred": from what


class Zone(Record, kw_only=True):
    """A stretch of ``Article.text`` that is not the report's body.

    Page furniture (navigation, "share your photos", transcript notices), reader
    comments, photo captions and sidebars of other headlines. Only the body feeds
    claims, quotes, figures, timelines and summaries; offsets still index the
    stored text, so evidence keeps pointing at the exact stored sentence.
    """

    start: int
    end: int
    kind: ZoneKind


class Article(Record, kw_only=True):
    """One news report as ingested (stage 1)."""

    id: str  # content hash of the normalized body text
    text: str  # body text: header, byline and credit lines removed
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = []
    credits: list[str] = []  # agencies credited for the copy: "AFP", "Reuters"
    cites: list[str] = []  # outlets the article reports from: "Al Jazeera"
    published: Published = msgspec.field(default_factory=Published)
    language: str = "en"
    path: str | None = None
    url: str | None = None
    # Stretches of the text that are not the body, in order and not overlapping;
    # what no zone covers is body. Empty for a report read before zones existed.
    zones: list[Zone] = []

    def body_text(self) -> str:
        """The text with every zone blanked to spaces (line breaks kept): the body alone,
        at the same offsets as ``text``, so that what is read from it indexes ``text``."""
        if not self.zones:
            return self.text
        pieces: list[str] = []
        last = 0
        for zone in self.zones:
            pieces.append(self.text[last : zone.start])
            stretch = self.text[zone.start : zone.end]
            pieces.append("\n".join(" " * len(line) for line in stretch.split("\n")))
            last = zone.end
        pieces.append(self.text[last:])
        return "".join(pieces)


class Rejection(Record, kw_only=True):
    """A problem with one input, shown to the user with the file and the reason.

    ``rejected`` is False for a warning about an input that was still ingested
    (for example a file that is not UTF-8 and was decoded as Latin-1).
    """

    path: str
    reason: str
    line: int | None = None
    rejected: bool = True


class Failure(Record, kw_only=True):
    """An article or story that a stage raised on: stored, reported, and retried later.

    A failed article is skipped by later runs until the code that failed changes
    (``version``) or the user asks again (``--retry-failed``); a failed story keeps
    its previous dossier. ``path`` is the input file, when there is one.
    """

    kind: Literal["article", "story"]
    id: str
    stage: FailureStage
    error: str  # the exception's class name
    reason: str  # the exception's message
    path: str | None = None
    version: str | None = None  # annotator version or code version that failed
    at: str | None = None  # when (ISO 8601, UTC)
