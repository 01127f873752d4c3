"""What every output format shows, worked out once from a dossier.

The Markdown and HTML renderers must agree on citation numbers, article labels
and groupings, so both read a :class:`View` built here instead of walking the
dossier their own way.  Nothing here formats for a target: text stays raw and
each renderer escapes it for its own syntax.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.model import (
    Dossier,
    DossierArticle,
    DossierClaim,
    Evidence,
    Published,
    QuoteEntry,
)

# Re-exported: the renderers and the web app import these from here.
from storyline.render.labels import (
    _UNKNOWN_OUTLET_OF,
    CHANGE_LABELS,
    OTHER_CLAIMS_SHOWN,
    UNKNOWN_OUTLET,
    clip,
    date_label,
    language_name,
    safe_url,
    unique_parts,
    window_label,
)
from storyline.render.timeline_view import (
    CHART_HEIGHT,
    CHART_PAD,
    CHART_WIDTH,
    STATUSES,
    period_start,
    timeline_count,
    timeline_data,
    timeline_entries,
    timeline_rest,
    track_chart,
    track_svg,
)

__all__ = [
    "CHANGE_LABELS",
    "CHART_HEIGHT",
    "CHART_PAD",
    "CHART_WIDTH",
    "OTHER_CLAIMS_SHOWN",
    "STATUSES",
    "UNKNOWN_OUTLET",
    "ArticleView",
    "QuoteGroup",
    "Source",
    "View",
    "build_view",
    "clip",
    "date_label",
    "language_name",
    "period_start",
    "safe_url",
    "timeline_count",
    "timeline_data",
    "timeline_entries",
    "timeline_rest",
    "track_chart",
    "track_svg",
    "unique_parts",
    "window_label",
]


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
    _other_languages: bool | None = None
    _readable: dict[str, str] = field(default_factory=dict)

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
        numbers: dict[int, None] = {}  # in order, each once
        for item in evidence:
            key = (item.article, item.sentence, item.text)
            number = self._numbers.get(key)
            if number is None:
                number = len(self.sources) + 1
                self._numbers[key] = number
                self.sources.append(
                    Source(number, self.article(item.article), item.sentence, item.text)
                )
            numbers[number] = None
        return list(numbers)

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
        said = self._readable.get(text)
        if said is not None:
            return said  # a report's date note is read once per sentence cited from it
        if self._names is None:
            self._names = self._article_names()
        names, pattern = self._names
        if pattern is None:
            said = unique_parts(text)
        else:
            said = unique_parts(pattern.sub(lambda m: names[m.group(1)], text))
        self._readable[text] = said
        return said

    def _article_names(self) -> tuple[dict[str, str], re.Pattern[str] | None]:
        names: dict[str, str] = {}
        outlets = Counter(a.record.outlet for a in self.articles.values() if a.number)
        for article in self.articles.values():
            if not article.number:
                continue
            label = f"{article.name}, {article.date}"
            if article.record.outlet and outlets[article.record.outlet] > 1:
                label = f"{label}, \u201c{clip(article.title, 48)}\u201d"
            names[article.id] = label
            if article.record.path:
                names[article.record.path.replace("\\", "/").rsplit("/", 1)[-1]] = label
        if not names:
            return names, None
        keys = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        return names, re.compile(r"(?<![\w.-])(" + keys + r")(?![\w-])")

    def other_languages(self) -> bool:
        """Whether any report is in a language other than the reader's (worked out once:
        the templates ask for every sentence they show)."""
        if self._other_languages is None:
            self._other_languages = any(
                a.language != self.reader_language for a in self.dossier.articles
            )
        return self._other_languages

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
    among_unknown = sum(1 for a in dossier.articles if not a.outlet) > 1
    for number, record in enumerate(dossier.articles, start=1):
        view.articles[record.id] = ArticleView(
            number=number,
            record=record,
            outlet=record.outlet or UNKNOWN_OUTLET,
            url=safe_url(record.url),
            among_unknown=among_unknown,
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
            view.refs([*change.before_evidence, *change.evidence])
    for sentence in dossier.summary:
        view.refs(sentence.evidence)
    for change in dossier.changes:
        view.refs([*change.before_evidence, *change.evidence])
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
