"""What every output format shows, worked out once from a dossier.

The Markdown and HTML renderers must agree on citation numbers, article labels
and groupings, so both read a :class:`View` built here instead of walking the
dossier their own way.  Nothing here formats for a target: text stays raw and
each renderer escapes it for its own syntax.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.languages.words import name_of
from storyline.model import (
    Dossier,
    DossierArticle,
    DossierClaim,
    Evidence,
    Published,
    QuoteEntry,
    Track,
)

UNKNOWN_OUTLET = "unknown outlet"
# Claims that are not key shown under "all claims" (folded); more are only counted, so that
# a story of thousands of reports keeps a page a browser opens.
OTHER_CLAIMS_SHOWN = 200
CHANGE_LABELS = {
    "new_claim": "New claim",
    "revised_figure": "Revised figure",
    "new_conflict": "New disagreement",
    "claim_dropped": "No longer supported",
    "new_article": "New report",
}

# Links in a report go only to web pages; anything else ("javascript:", "data:",
# "file:") is shown as text or not at all.
_LINK_SCHEMES = frozenset({"http", "https"})


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None.

    Control characters and white space are rejected outright rather than
    stripped: browsers ignore some of them inside a scheme ("java\\tscript:"),
    so a URL that carries them is not one we want to link to.
    """
    if not url or any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.netloc:
        return None
    return url


def language_name(code: str) -> str:
    """ "es" -> "Spanish", for a reader."""
    return name_of(code).strip("'")


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def unique_parts(note: str) -> str:
    """A note of "; "-separated parts with each part once, in order."""
    parts: list[str] = []
    for part in note.split("; "):
        if part.strip() and part not in parts:
            parts.append(part)
    return "; ".join(parts)


_UNKNOWN_OUTLET_OF = re.compile(r"^\(unknown outlet: (.+)\)$")


def window_label(dossier: Dossier) -> str:
    """The timeline's window in words, or "" when it covers the whole story."""
    first, last = dossier.timeline_from, dossier.timeline_until
    if first and last:
        return f"Window: {date_label(first)} to {date_label(last)}, from the reports published then"
    if first:
        return f"Window: from {date_label(first)}, from the reports published since"
    if last:
        return f"Window: up to {date_label(last)}, from the reports published by then"
    return ""


@functools.lru_cache(maxsize=4096)
def date_label(value: str | None) -> str:
    """A reader's form of an ISO date at its own granularity: "18 Jun 2023", "Jun 2023", "2023"."""
    if not value:
        return "undated"
    for fmt, out in (("%Y-%m-%d", "%d %b %Y"), ("%Y-%m", "%b %Y"), ("%Y", "%Y")):
        try:
            parsed = dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        text = parsed.strftime(out)
        # strftime's %d pads with a zero; "08 Jun" reads worse than "8 Jun".
        return text[1:] if text.startswith("0") else text
    return value  # a granularity we do not spell out ("2023-W23"): show it as given


@dataclass(frozen=True)
class ArticleView:
    """One article as a reader identifies it."""

    number: int  # 1-based position in the dossier's article list
    record: DossierArticle
    outlet: str
    url: str | None  # only when safe to link
    # Set when other articles of the dossier have no outlet either: the name then
    # adds this article's title, so two unknown outlets read apart.
    among_unknown: bool = False

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def date(self) -> str:
        return date_label(self.record.published.date)

    @property
    def date_basis(self) -> str:
        """ "18 Jun 2023 (header)"; the note says what an inferred date came from."""
        published = self.record.published
        if not published.date:
            return "undated"
        basis: str = published.basis or "basis unknown"
        if published.note:
            basis = f"{basis}: {unique_parts(published.note)}"
        return f"{self.date} ({basis})"

    @property
    def name(self) -> str:
        """The outlet; without one, "unknown outlet", with the title when several lack one."""
        if self.record.outlet:
            return self.record.outlet
        if self.among_unknown:
            return f"{UNKNOWN_OUTLET} ({clip(self.title, 48)})"
        return UNKNOWN_OUTLET

    @property
    def title(self) -> str:
        """The headline, else the file name it came from, else "untitled"."""
        if self.record.title:
            return self.record.title
        if self.record.path:
            return self.record.path.replace("\\", "/").rsplit("/", 1)[-1]
        return "untitled"

    @property
    def short(self) -> str:
        """How a citation names its article: "Outlet, 18 Jun 2023"."""
        return f"{self.name}, {self.date}"


@dataclass(frozen=True)
class Source:
    """A numbered evidence sentence: what a citation marker points to."""

    number: int
    article: ArticleView
    sentence: int
    text: str


@dataclass(frozen=True)
class QuoteGroup:
    speaker: str  # display name
    entity: str | None  # entity id when the speaker was resolved to one
    quotes: list[QuoteEntry]


@dataclass
class View:
    """Lookups and numbering shared by the renderers."""

    dossier: Dossier
    articles: dict[str, ArticleView] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)
    claim_numbers: dict[str, int] = field(default_factory=dict)
    reader_language: str = "en"  # the reader's language: others are named where they show
    # Claims as the reports show them: the key ones, then the others (at most
    # OTHER_CLAIMS_SHOWN; the rest are counted and left to dossier.json).
    key_claims: list[DossierClaim] = field(default_factory=list)
    other_claims: list[DossierClaim] = field(default_factory=list)
    other_claims_hidden: int = 0
    quote_groups: list[QuoteGroup] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    _numbers: dict[tuple[str, int, str], int] = field(default_factory=dict)
    _names: tuple[dict[str, str], re.Pattern[str] | None] | None = None

    def article(self, article_id: str) -> ArticleView:
        """The article behind an id; an id the dossier does not list still gets a label."""
        found = self.articles.get(article_id)
        if found is None:
            stub = DossierArticle(
                id=article_id,
                path=None,
                url=None,
                title=None,
                outlet=None,
                authors=[],
                credits=[],
                cites=[],
                published=Published(),
                language="",
            )
            found = ArticleView(number=0, record=stub, outlet=UNKNOWN_OUTLET, url=None)
            self.articles[article_id] = found
        return found

    def refs(self, evidence: Iterable[Evidence]) -> list[int]:
        """Citation numbers for ``evidence``, in order, each number once."""
        numbers: list[int] = []
        for item in evidence:
            key = (item.article, item.sentence, item.text)
            number = self._numbers.get(key)
            if number is None:
                number = len(self.sources) + 1
                self._numbers[key] = number
                self.sources.append(
                    Source(number, self.article(item.article), item.sentence, item.text)
                )
            if number not in numbers:
                numbers.append(number)
        return numbers

    def entity_name(self, entity_id: str) -> str:
        return self.entity_names.get(entity_id, entity_id)

    def outlets_of(self, evidence: Iterable[Evidence]) -> list[str]:
        """Outlets behind ``evidence``, in order of first appearance, each once."""
        outlets: list[str] = []
        for item in evidence:
            outlet = self.article(item.article).outlet
            if outlet not in outlets:
                outlets.append(outlet)
        return outlets

    def outlet_label(self, outlet: str | None) -> str:
        """An outlet name as the dossier stores it, said for a reader.

        The stages name an article without an outlet "(unknown outlet: <article id>)";
        a reader gets "unknown outlet", with the report's title when several lack one.
        """
        if not outlet:
            return UNKNOWN_OUTLET
        found = _UNKNOWN_OUTLET_OF.match(outlet)
        if found is None:
            return outlet
        article = self.articles.get(found.group(1))
        return article.name if article is not None else UNKNOWN_OUTLET

    def outlet_labels(self, outlets: Iterable[str]) -> str:
        return ", ".join(self.outlet_label(o) for o in outlets)

    def readable(self, text: str) -> str:
        """``text`` with the dossier's article ids and file names said as "Outlet, date".

        Link-stage notes (why two names were merged, what a date was inferred from)
        name articles by id or file; a reader knows them by outlet and title.
        """
        if not text:
            return text
        if self._names is None:
            self._names = self._article_names()
        names, pattern = self._names
        if pattern is None:
            return unique_parts(text)
        return unique_parts(pattern.sub(lambda m: names[m.group(1)], text))

    def _article_names(self) -> tuple[dict[str, str], re.Pattern[str] | None]:
        names: dict[str, str] = {}
        for article in self.articles.values():
            if not article.number:
                continue
            label = f"{article.name}, {article.date}"
            if article.record.outlet and self._outlet_count(article.record.outlet) > 1:
                label = f"{label}, \u201c{clip(article.title, 48)}\u201d"
            names[article.id] = label
            if article.record.path:
                names[article.record.path.replace("\\", "/").rsplit("/", 1)[-1]] = label
        if not names:
            return names, None
        keys = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        return names, re.compile(r"(?<![\w.-])(" + keys + r")(?![\w-])")

    def _outlet_count(self, outlet: str) -> int:
        return sum(1 for a in self.articles.values() if a.record.outlet == outlet and a.number)

    def other_languages(self) -> bool:
        """Whether any report is in a language other than the reader's."""
        return any(a.language != self.reader_language for a in self.dossier.articles)

    def language_of(self, evidence: Iterable[Evidence]) -> str | None:
        """The language of the sentences ``evidence`` quotes, when it is not the reader's."""
        for e in evidence:
            language = self.article(e.article).record.language
            if language and language != self.reader_language:
                return language
            return None
        return None

    def claim_label(self, claim_id: str) -> str:
        number = self.claim_numbers.get(claim_id)
        return f"C{number}" if number is not None else claim_id


def build_view(dossier: Dossier, changes_first: bool = True, reader_language: str = "en") -> View:
    """Number articles, claims and evidence in the order the reports show them.

    Citation numbers follow the reading order of the sections (changes, summary,
    timeline, conflicts, figures over time, claims, quotes), so markers count up down the
    page; a page that shows the summary before the changes (the web app's) numbers it first.
    """
    view = View(dossier=dossier, reader_language=reader_language)
    for number, record in enumerate(dossier.articles, start=1):
        view.articles[record.id] = ArticleView(
            number=number,
            record=record,
            outlet=record.outlet or UNKNOWN_OUTLET,
            url=safe_url(record.url),
            among_unknown=sum(1 for a in dossier.articles if not a.outlet) > 1,
        )
    view.entity_names = {entity.id: entity.name for entity in dossier.entities}
    view.claim_numbers = {claim.id: n for n, claim in enumerate(dossier.claims, start=1)}
    view.key_claims = [c for c in dossier.claims if c.key]
    others = [c for c in dossier.claims if not c.key]
    view.other_claims = others[:OTHER_CLAIMS_SHOWN]
    view.other_claims_hidden = len(others) - len(view.other_claims)
    view.quote_groups = _group_quotes(dossier.quotes, view.entity_names)

    if changes_first:
        for change in dossier.changes:
            view.refs(change.evidence)
    for sentence in dossier.summary:
        view.refs(sentence.evidence)
    for change in dossier.changes:
        view.refs(change.evidence)
    for entry in dossier.timeline:
        view.refs(entry.evidence)
    for conflict in dossier.conflicts:
        for position in conflict.positions:
            view.refs(position.evidence)
    for track in dossier.tracks:
        for point in track.points:
            view.refs(point.evidence)
    for claim in [*view.key_claims, *view.other_claims]:
        view.refs(claim.evidence)
    for group in view.quote_groups:
        for quote in group.quotes:
            view.refs(quote.evidence)
    return view


def _group_quotes(quotes: list[QuoteEntry], names: dict[str, str]) -> list[QuoteGroup]:
    """Quotes by speaker (the resolved entity when there is one), in order of first quote."""
    groups: dict[tuple[str, str], QuoteGroup] = {}
    for quote in quotes:
        if quote.speaker_entity:
            key = ("entity", quote.speaker_entity)
            speaker = names.get(quote.speaker_entity) or quote.speaker or quote.speaker_entity
            entity: str | None = quote.speaker_entity
        else:
            key = ("name", quote.speaker or "")
            speaker = quote.speaker or "Unattributed"
            entity = None
        group = groups.get(key)
        if group is None:
            group = groups[key] = QuoteGroup(speaker=speaker, entity=entity, quotes=[])
        group.quotes.append(quote)
    return list(groups.values())


STATUSES = ("occurred", "planned", "expected", "cancelled")


def period_start(date: str) -> str | None:
    """First day of the period an ISO date names, for measuring gaps between dates."""
    parts = date.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{parts[0]}-{parts[1]}-01"
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return date
    return None


def timeline_entries(view: View) -> list[dict[str, Any]]:
    """The timeline as the HTML page and the web app draw it."""
    return [
        {
            "date": entry.date,
            "label": date_label(entry.date),
            "start": period_start(entry.date),
            "granularity": entry.granularity,
            "status": entry.status,
            "text": entry.text,
            "entities": [view.entity_name(e) for e in entry.entities],
            "outlets": view.outlets_of(entry.evidence) or [UNKNOWN_OUTLET],
            "refs": view.refs(entry.evidence),
        }
        for entry in view.dossier.timeline
    ]


def timeline_count(dossier: Dossier) -> str:
    """ "40 of 312 dated events" when the timeline shows a subset of them, else ""."""
    rest = len(getattr(dossier, "timeline_rest", None) or [])
    if not rest:
        return ""
    shown = len(dossier.timeline)
    return f"{shown} of {shown + rest} dated events"


def timeline_rest(view: View) -> list[dict[str, Any]]:
    """The dated events the timeline leaves out, for a reader who wants them all."""
    return [
        {
            "label": date_label(entry.date),
            "status": entry.status,
            "text": entry.text,
            "outlets": view.outlets_of(entry.evidence) or [UNKNOWN_OUTLET],
        }
        for entry in getattr(view.dossier, "timeline_rest", None) or []
    ]


def timeline_data(
    view: View,
    timeline: list[dict[str, Any]],
    href: Callable[[str, int], str] | None = None,
) -> dict[str, Any]:
    """What dossier.js draws from: the timeline and every numbered evidence sentence.

    ``href(article, sentence)`` links each source sentence (the web app's article page).
    """
    outlets: list[str] = []
    for entry in timeline:
        outlets += [o for o in entry["outlets"] if o not in outlets]
    sources = []
    for s in view.sources:
        source = {
            "n": s.number,
            "article": s.article.id,
            "sentence": s.sentence,
            "text": s.text,
            "outlet": s.article.name,
            "date": view.readable(s.article.date_basis),
            "title": s.article.title,
            "url": s.article.url,
        }
        if href is not None:
            source["href"] = href(s.article.id, s.sentence)
        sources.append(source)
    return {
        "statuses": [s for s in STATUSES if any(e["status"] == s for e in timeline)],
        "outlets": outlets,
        "timeline": timeline,
        "sources": sources,
    }


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 360, 120, 24


def track_chart(track: Track) -> dict[str, Any]:
    """A small line chart of one track, as SVG coordinates (drawn without any script):
    one point per value, the line through each day's middle value, bounds as whiskers."""
    days = sorted({p.date[:10] for p in track.points})
    values = [p.value for p in track.points]
    values += [v for p in track.points for v in (p.low, p.high) if v is not None]
    top, bottom = max(values), min(0.0, min(values))
    span = (top - bottom) or 1.0
    width = CHART_WIDTH - 2 * CHART_PAD
    height = CHART_HEIGHT - 2 * CHART_PAD

    def x(day: str) -> float:
        k = days.index(day[:10])
        return round(CHART_PAD + (width * k / (len(days) - 1) if len(days) > 1 else width / 2), 1)

    def y(value: float) -> float:
        return round(CHART_PAD + height * (1 - (value - bottom) / span), 1)

    points = [
        {
            "x": x(p.date),
            "y": y(p.value),
            "y_low": y(p.low) if p.low is not None else None,
            "y_high": y(p.high) if p.high is not None else None,
            "label": f"{p.date}: {p.text} ({p.outlet or UNKNOWN_OUTLET})",
        }
        for p in track.points
    ]
    middle = []
    for day in days:
        told = sorted(p.value for p in track.points if p.date[:10] == day)
        middle.append(f"{x(day)},{y(told[len(told) // 2])}")
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": " ".join(middle),
        "points": points,
        "first": days[0],
        "last": days[-1],
        "top": f"{top:,.0f}",
        "pad": CHART_PAD,
    }
