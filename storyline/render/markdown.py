"""The dossier as a Markdown report.

Article text is untrusted: every piece of it goes through :func:`md_text`,
which backslash-escapes what could start Markdown or HTML syntax, so a headline
cannot become a link, an image, a table cell break or a raw ``<script>``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence, Sized
from typing import TypeVar

from storyline.model import Coverage, Dossier, DossierClaim, DossierEntity, Evidence
from storyline.render.view import (
    CHANGE_LABELS,
    UNKNOWN_OUTLET,
    ArticleView,
    View,
    build_view,
    date_label,
    language_name,
    timeline_count,
    timeline_rest,
    window_label,
)

# Written by hand: no maintained library escapes Markdown for CommonMark/GFM
# (markdown-it-py and mistune parse, they do not escape).  CommonMark allows a
# backslash before any ASCII punctuation, so over-escaping is harmless; these
# are the characters that open inline syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
# Block syntax that only counts at the start of a line: headings, quotes,
# list items, thematic breaks, setext underlines, ordered lists.
_BLOCK_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_SPACE = re.compile(r"\s+")
# Bidi embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
# An unclosed one would flip the rest of the rendered line, so md_text closes
# whatever a string leaves open (HTML does this with dir="auto" elements).
_EMBED_OPEN = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")
_PDF, _PDI = "\u202c", "\u2069"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
T = TypeVar("T")


@functools.lru_cache(maxsize=1 << 16)
def md_text(text: str | None) -> str:
    """``text`` as literal Markdown on one line (cached: a big story's dossier cites
    one sentence in its claims, events, conflicts and sources list alike)."""
    if not text:
        return ""
    flat = _SPACE.sub(" ", text).strip()
    flat = _INLINE.sub(r"\\\1", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    flat = _BLOCK_START.sub(_escape_block_start, flat, count=1)
    return _close_bidi(flat)


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker, digits, delimiter = match.groups()
    if marker:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{delimiter}"  # "1\." : a backslash before a digit is literal


def _close_bidi(text: str) -> str:
    if not _BIDI.search(text):
        return text
    embeds = isolates = 0
    for ch in text:
        if ch in _EMBED_OPEN:
            embeds += 1
        elif ch == _PDF:
            embeds = max(0, embeds - 1)
        elif ch in _ISOLATE_OPEN:
            isolates += 1
        elif ch == _PDI:
            isolates = max(0, isolates - 1)
    return text + _PDF * embeds + _PDI * isolates


def _quoted(text: str) -> str:
    """A sentence in quotation marks, unless it already starts with one."""
    inner = md_text(text)
    return inner if inner[:1] in {"“", '"', "‘", "«", "„"} else f"“{inner}”"


def _url(url: str) -> str:
    # Link destinations in <...> may hold anything but line breaks and angle brackets.
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def _marks(numbers: Iterable[int]) -> str:
    return "".join(f"[\\[{n}\\]](#src-{n})" for n in numbers)


def _cite(view: View, evidence: list[Evidence]) -> str:
    marks = _marks(view.refs(evidence))
    return f" {marks}" if marks else ""


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _article_link(article: ArticleView) -> str:
    title = md_text(article.title)
    return f"[{title}]({_url(article.url)})" if article.url else title


def _names(values: Iterable[str]) -> str:
    return ", ".join(md_text(v) for v in values)


def _none(lines: list[str], items: Sized) -> bool:
    if not items:
        lines += ["_None._", ""]
        return True
    return False


def to_markdown(dossier: Dossier, reader_language: str = "en") -> str:
    """A readable report of the dossier, every statement cited to its source sentences;
    a report or summary sentence not in ``reader_language`` is named with its language."""
    view = build_view(dossier, reader_language=reader_language)
    story = dossier.story
    lines = [f"# {md_text(story.title) or 'Untitled story'}", ""]
    span = f"{date_label(story.first_published)} – {date_label(story.last_published)}"
    generated = f", generated {md_text(dossier.generated)}" if dossier.generated else ""
    lines += [
        f"**{story.articles} articles**, published {span}.  ",
        f"Story {md_text(story.id)}{generated}.",
        "",
    ]
    for section in (
        _changes,
        _articles,
        _summary,
        _timeline,
        _conflicts,
        _tracks,
        _claims,
        _quotes,
        _entities,
        _coverage,
        _sources,
    ):
        lines += section(view)
    return "\n".join(lines).rstrip("\n") + "\n"


def _articles(view: View) -> list[str]:
    lines = ["## Articles", ""]
    if _none(lines, view.dossier.articles):
        return lines
    rows = []
    for article in view.articles.values():
        if article.number == 0:
            continue
        record = article.record
        duplicate = ""
        if record.duplicate_of:
            duplicate = f"copy of {md_text(view.article(record.duplicate_of).short)}"
        rows.append(
            [
                str(article.number),
                md_text(article.outlet),
                _article_link(article),
                md_text(article.date_basis),
                _names(record.authors),
                _names(record.credits),
                _names(record.cites),
                duplicate,
                *([language_name(record.language)] if view.other_languages() else []),
            ]
        )
    header = [
        "#",
        "Outlet",
        "Title",
        "Published (basis)",
        "Authors",
        "Credits",
        "Cites",
        "Duplicate",
        *(["Language"] if view.other_languages() else []),
    ]
    return [*lines, *_table(header, rows), ""]


def _changes(view: View) -> list[str]:
    """What changed since the previous build; nothing at all on a story's first build."""
    dossier = view.dossier
    if dossier.previous_build is None and not dossier.changes:
        return []
    since = f" since {md_text(dossier.previous_build)}" if dossier.previous_build else ""
    lines = [f"## What changed{since}", ""]
    if _none(lines, dossier.changes):
        return lines
    for change in dossier.changes:
        label = CHANGE_LABELS.get(change.kind, change.kind)
        cites = _cite(view, change.evidence)
        if change.before_evidence:  # a revised figure: the sentences before and now
            cites = f" (was{_cite(view, change.before_evidence)}; now{cites})"
        lines.append(f"- **{label}**: {md_text(change.text)}{cites}")
    return [*lines, ""]


def _summary(view: View) -> list[str]:
    lines = ["## Summary", ""]
    if _none(lines, view.dossier.summary):
        return lines
    for sentence in view.dossier.summary:
        language = view.language_of(sentence.evidence)
        named = f" *(in {language_name(language)})*" if language else ""
        lines += [md_text(sentence.text) + named + _cite(view, sentence.evidence), ""]
    return lines


def _timeline(view: View) -> list[str]:
    lines = ["## Timeline", ""]
    window = window_label(view.dossier)
    if window:
        lines += [f"{window}.", ""]
    if _none(lines, view.dossier.timeline):
        return lines
    rows = []
    for entry in view.dossier.timeline:
        entities = _names(view.entity_name(e) for e in entry.entities)
        rows.append(
            [
                md_text(date_label(entry.date)),
                entry.status,
                md_text(entry.text),
                entities,
                _names(view.outlets_of(entry.evidence)) + _cite(view, entry.evidence),
            ]
        )
    out = [*lines, *_table(["Date", "Status", "Event", "Who", "Sources"], rows), ""]
    count = timeline_count(view.dossier)
    if not count:
        return out
    rest = [
        [md_text(e["label"]), e["status"], md_text(e["text"]), _names(e["outlets"])]
        for e in timeline_rest(view)
    ]
    return [
        *out,
        f"The timeline shows {count}. The others:",
        "",
        *_table(["Date", "Status", "Event", "Sources"], rest),
        "",
    ]


def _conflicts(view: View) -> list[str]:
    lines = ["## What sources disagree on", ""]
    if _none(lines, view.dossier.conflicts):
        return lines
    for conflict in view.dossier.conflicts:
        kind = f"{conflict.kind}; noted: both may hold" if conflict.explained else conflict.kind
        lines += [f"### {md_text(conflict.about)} ({kind})", ""]
        if conflict.note:
            lines += [md_text(conflict.note), ""]
        for position in conflict.positions:
            lines.append(f"- **{md_text(position.value)}**")
            for item in position.evidence:
                source = view.article(item.article).short
                lines.append(f"  - {md_text(source)}: {_quoted(item.text)}{_cite(view, [item])}")
        lines.append("")
    return lines


def _tracks(view: View) -> list[str]:
    """Each measure that moved: its values by date and source."""
    if not view.dossier.tracks:
        return []
    lines = ["## Figures over time", ""]
    for track in view.dossier.tracks:
        lines += [f"### {md_text(track.about)}", ""]
        rows = [
            [
                md_text(point.date),
                md_text(point.text),
                md_text(point.outlet or UNKNOWN_OUTLET),
                _marks(view.refs(point.evidence)),
            ]
            for point in track.points
        ]
        lines += [*_table(["Date", "Figure", "Outlet", "Source"], rows), ""]
    return lines


def _claims(view: View) -> list[str]:
    """The key claims (several sources, contested, the most central single-source ones),
    then the others folded under "all claims"."""
    lines = ["## Claims", ""]
    if _none(lines, view.dossier.claims):
        return lines
    header = ["#", "Claim", "Outlets", "Independent outlets"]
    out = [*lines, *_table(header, [_claim_row(view, c) for c in view.key_claims]), ""]
    others = len(view.other_claims) + view.other_claims_hidden
    if others:
        out += [
            "<details>",
            f"<summary>All claims: {others} more, each told by one source</summary>",
            "",
            *_table(header, [_claim_row(view, c) for c in view.other_claims]),
            "",
        ]
        if view.other_claims_hidden:
            out += [f"… and {view.other_claims_hidden} more in dossier.json.", ""]
        out += ["</details>", ""]
    return out


def _claim_row(view: View, claim: DossierClaim) -> list[str]:
    outlets = f"{claim.outlets}"
    if claim.outlet_names:
        outlets += f" ({_names(claim.outlet_names)})"
    independent = f"{claim.independent_outlets}"
    if claim.independent_outlet_names:
        independent += f" ({_names(claim.independent_outlet_names)})"
    return [
        view.claim_label(claim.id),
        md_text(claim.text) + _cite(view, claim.evidence),
        outlets,
        independent,
    ]


def _quotes(view: View) -> list[str]:
    lines = ["## Quotes", ""]
    if _none(lines, view.quote_groups):
        return lines
    for group in view.quote_groups:
        lines += [f"### {md_text(group.speaker)}", ""]
        for quote in group.quotes:
            said = _quoted(quote.text) if quote.direct else f"{md_text(quote.text)} _(reported)_"
            said += f" _(in {md_text(quote.channel)})_" if quote.channel else ""
            lines.append(f"- {said}{_cite(view, quote.evidence)}")
        lines.append("")
    return lines


def _table_section(
    title: str, items: Sequence[T], header: list[str], row: Callable[[T], list[str]]
) -> list[str]:
    """A section holding a table of ``items``, one ``row`` each, or "None." when there are none."""
    lines = [f"## {title}", ""]
    if _none(lines, items):
        return lines
    return [*lines, *_table(header, [row(item) for item in items]), ""]


def _entities(view: View) -> list[str]:
    header = ["Name", "Type", "Aliases", "Titles", "Mentions", "Articles", "Why merged"]
    return _table_section("Entities", view.dossier.entities, header, _entity_row)


def _entity_row(entity: DossierEntity) -> list[str]:
    merges = "; ".join(
        f"{md_text(m.alias)} → {md_text(m.into)}: {md_text(m.rule)}"
        + (f" ({md_text(m.detail)})" if m.detail else "")
        for m in entity.merges
    )
    return [
        md_text(entity.name),
        md_text(entity.type),
        _names(entity.aliases),
        _names(entity.titles),
        str(entity.mentions),
        str(len(entity.articles)),
        merges,
    ]


def _coverage(view: View) -> list[str]:
    header = ["Outlet", "Articles", "Claims", "Only this outlet", "Not reported here"]

    def row(coverage: Coverage) -> list[str]:
        articles = ", ".join(
            f"#{view.article(a).number}" if view.article(a).number else md_text(a)
            for a in coverage.articles
        )
        return [
            md_text(coverage.outlet or UNKNOWN_OUTLET),
            articles,
            str(len(coverage.claims)),
            ", ".join(md_text(view.claim_label(c)) for c in coverage.exclusive_claims),
            ", ".join(md_text(view.claim_label(c)) for c in coverage.missing_claims),
        ]

    return _table_section("Coverage by outlet", view.dossier.coverage, header, row)


def _sources(view: View) -> list[str]:
    lines = ["## Sources", ""]
    if _none(lines, view.sources):
        return lines
    for source in view.sources:
        article = source.article
        # Readers count sentences from 1; the JSON keeps the 0-based index.
        where = f"{md_text(article.short)}, sentence {source.sentence + 1}"
        lines.append(
            f'- <a id="src-{source.number}"></a>**\\[{source.number}\\]** {where}: '
            f"{_quoted(source.text)} — {_article_link(article)}"
        )
    return [*lines, ""]
