"""What the pages show, worked out from stored records (no HTML here).

The story page reuses the renderers' :class:`~storyline.render.view.View` so its
citation numbers match the file reports; each numbered source also gets the link
to its sentence on the article page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from storyline.model import Annotation, Article, Dossier, Evidence
from storyline.render.view import (
    CHANGE_LABELS,
    ArticleView,
    View,
    clip,
    date_label,
    language_name,
    safe_url,
    timeline_entries,
)
from storyline.render.view import timeline_data as render_timeline_data


def sentence_href(article_id: str, sentence: int) -> str:
    """The article page with ``sentence`` highlighted and scrolled to."""
    return f"/articles/{article_id}?hl={sentence}#s-{sentence}"


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    articles: int
    first: str | None
    last: str | None
    built: str
    outlets: list[str]
    entities: list[str]
    words: str  # lower-cased text searched by the word filter
    languages: tuple[str, ...] = ()  # ISO 639-1 codes of its reports, sorted

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "first_published": self.first,
            "last_published": self.last,
            "built": self.built or None,
            "outlets": self.outlets,
            "languages": list(self.languages),
        }


def story_row(dossier: Dossier) -> StoryRow:
    outlets = sorted({a.outlet for a in dossier.articles if a.outlet})
    entities = [e.name for e in dossier.entities]
    aliases = [alias for e in dossier.entities for alias in e.aliases]
    words = " ".join(
        [dossier.story.title]
        + [a.title or "" for a in dossier.articles]
        + [s.text for s in dossier.summary]
        + [e.text for e in dossier.timeline]
        + [c.text for c in dossier.claims]
        + entities
        + aliases
    ).casefold()
    return StoryRow(
        id=dossier.story.id,
        title=dossier.story.title,
        articles=dossier.story.articles,
        first=dossier.story.first_published,
        last=dossier.story.last_published,
        built=dossier.generated,
        outlets=outlets,
        entities=[n.casefold() for n in entities + aliases],
        words=words,
        languages=tuple(sorted({a.language for a in dossier.articles if a.language})),
    )


@dataclass(frozen=True)
class StoryQuery:
    q: str = ""
    entity: str = ""
    outlet: str = ""
    since: str = ""  # YYYY-MM-DD
    until: str = ""
    language: str = ""  # a code ("es") or a name ("Spanish"): a report in it

    def matches(self, row: StoryRow) -> bool:
        if self.language and not any(
            self.language.casefold() in (code, language_name(code).casefold())
            for code in row.languages
        ):
            return False
        if self.q and not all(w in row.words for w in self.q.casefold().split()):
            return False
        if self.entity and not any(self.entity.casefold() in n for n in row.entities):
            return False
        if self.outlet and not any(self.outlet.casefold() in o.casefold() for o in row.outlets):
            return False
        # A story overlaps [since, until] when it ends on or after since and starts by until.
        # Undated stories are kept: nothing says they fall outside the range.
        if self.since and row.last and row.last < self.since:
            return False
        return not (self.until and row.first and row.first > self.until)


def timeline_data(view: View) -> dict[str, Any]:
    """What dossier.js draws the timeline and the evidence pop-ups from, linked to articles.

    Only the sources the timeline cites: the page's other citations link to their
    article pages, and a long story has thousands of sources.
    """
    data = render_timeline_data(view, timeline_entries(view), href=sentence_href)
    cited = {n for e in data["timeline"] for n in e["refs"]}
    data["sources"] = [s for s in data["sources"] if s["n"] in cited]
    return data


@dataclass(frozen=True)
class Piece:
    """A stretch of article text: a numbered sentence, or the text between two."""

    text: str
    sentence: int | None


def article_pieces(article: Article, annotation: Annotation | None) -> list[Piece]:
    """The article's text cut at its sentences, so each can carry an anchor."""
    if annotation is None or not annotation.sentences:
        return [Piece(article.text, None)]
    pieces: list[Piece] = []
    at = 0
    for s in annotation.sentences:
        if s.start > at:
            pieces.append(Piece(article.text[at : s.start], None))
        pieces.append(Piece(article.text[s.start : s.end], s.index))
        at = max(at, s.end)
    if at < len(article.text):
        pieces.append(Piece(article.text[at:], None))
    return pieces


def article_dict(article: Article, annotation: Annotation | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "authors": article.authors,
        "credits": article.credits,
        "cites": article.cites,
        "published": {
            "date": article.published.date,
            "basis": article.published.basis,
            "note": article.published.note,
        },
        "language": article.language,
        "path": article.path,
        "url": safe_url(article.url),
        "text": article.text,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in (annotation.sentences if annotation else [])
        ],
    }


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def fallback_title(text: str, limit: int = 90) -> str | None:
    """A title for a report without a headline: its first sentence, clipped."""
    body = " ".join(text.split())
    if not body:
        return None
    first = _SENTENCE_END.split(body, maxsplit=1)[0]
    return clip(first, limit)


@dataclass(frozen=True)
class ChangeLine:
    label: str
    text: str
    reason: str
    evidence: list[Evidence]
    before_evidence: list[Evidence]  # a revised figure's sentences before


def change_lines(dossier: Dossier) -> list[ChangeLine]:
    """The dossier's changes for a reader.

    A claim the linker found again under another id, on the same evidence, is neither
    new nor gone: the pair is left out. A claim no longer supported says why.
    """

    def key(evidence: list[Evidence]) -> frozenset[tuple[str, int]]:
        return frozenset((e.article, e.sentence) for e in evidence)

    current = {key(c.evidence) for c in dossier.claims}
    new = {key(c.evidence) for c in dossier.changes if c.kind == "new_claim"}
    dropped = {key(c.evidence) for c in dossier.changes if c.kind == "claim_dropped"}
    in_story = {a.id for a in dossier.articles}
    backing = {(e.article, e.sentence) for c in dossier.claims for e in c.evidence}
    lines = []
    for c in dossier.changes:
        k = key(c.evidence)
        if c.kind == "new_claim" and k and k in dropped:
            continue
        reason = ""
        if c.kind == "claim_dropped":
            if k and (k in new or k in current):
                continue
            if not any(e.article in in_story for e in c.evidence):
                reason = "its reports are no longer in this story"
            elif k & backing:
                reason = "its sentences now back another claim"
            else:
                reason = "no two reports of this build tell it alike any more"
        lines.append(
            ChangeLine(
                label=CHANGE_LABELS.get(c.kind, c.kind.replace("_", " ")),
                text=c.text,
                reason=reason,
                evidence=c.evidence,
                before_evidence=c.before_evidence,
            )
        )
    return lines


@dataclass(frozen=True)
class Headline:
    id: str
    outlet: str
    title: str
    url: str | None
    date: str


def headlines(view: View, titles: dict[str, str]) -> list[Headline]:
    """Each outlet's own headline: its latest report with a headline, newest outlet first."""
    latest: dict[str, ArticleView] = {}
    for a in view.articles.values():
        if not a.number or not a.record.outlet or a.record.duplicate_of:
            continue
        if not (a.record.title or titles.get(a.id)):
            continue
        known = latest.get(a.record.outlet)
        if known is None or (a.record.published.date or "") > (known.record.published.date or ""):
            latest[a.record.outlet] = a
    rows = [
        Headline(a.id, a.name, a.record.title or titles[a.id], a.url, a.date)
        for a in latest.values()
    ]
    return sorted(rows, key=lambda h: h.outlet.casefold())


# What a story title must not look like: a clock time or time zone (a live page's
# stamp), a byline, site furniture ("Section | Site", cookie and edition notices
# addressed to the reader), or a fragment starting mid-sentence.
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b(?:GMT|BST|UTC|[A-Z]{2} time)\b")
_BYLINE = re.compile(r"^\s*(?:by|posted by|written by)\s", re.IGNORECASE)
_CHROME = re.compile(
    r"\byou(?:'ve| have| 've)? (?:selected|are reading|are viewing)\b|\bcookies?\b"
    r"|\bsubscribe\b|\bsign (?:in|up)\b|\bskip to\b|\|",
    re.IGNORECASE,
)


def good_title(title: str | None) -> bool:
    """Whether ``title`` reads as a headline: words, mostly letters, no stamp or chrome."""
    if not title:
        return False
    text = " ".join(title.split())
    words = text.split()
    if not 3 <= len(words) <= 30:
        return False
    if text[0].isalpha() and not text[0].isupper():
        return False  # a fragment starting mid-sentence
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    if letters < 0.75 * len(visible):
        return False  # garbled, or mostly figures and markup
    return not (_CLOCK.search(text) or _BYLINE.search(text) or _CHROME.search(text))


def choose_title(
    current: str, headlines: list[str], ledes: Callable[[], list[str]], limit: int = 120
) -> str:
    """The story's title: the stored one if it reads as a headline, else the first of its
    reports' headlines, then of their first sentences, that does; else the stored one."""
    for candidate in (current, *headlines):
        if good_title(candidate):
            return clip(candidate, limit)
    for candidate in ledes():
        if good_title(candidate):
            return clip(candidate, limit)
    return clip(current, limit) if current else "Untitled story"


def disambiguate(rows: list[StoryRow]) -> list[StoryRow]:
    """Rows whose titles are the same get their date span added, so they read apart."""
    seen: dict[str, int] = {}
    for r in rows:
        seen[r.title.casefold()] = seen.get(r.title.casefold(), 0) + 1
    out = []
    for r in rows:
        if seen[r.title.casefold()] > 1:
            span = f"{date_label(r.first)} – {date_label(r.last)}"
            if r.first == r.last:
                span = date_label(r.first)
            r = replace(r, title=f"{r.title} ({span}, {r.articles} articles)")
        out.append(r)
    return out
