"""The plain-text report format: an optional header, byline and headline, then the body.

::

    date 2024-03-05 By Jane Doe and John Roe, The Daily Planet
                                      <- blank line
    Harbor Bridge Reopens After Repairs       <- headline: short, no final period
                                      <- blank line
    Body paragraphs...

Every part is optional. The body may start on the header line right after
the date. A byline may carry its own date ("By Jane Doe, Planet, June 3, 2024").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.calendar_safe import iso_day, make_day
from storyline.languages.calendar import ENGLISH, alternation
from storyline.model import DateBasis

_HEADER = re.compile(r"(?i)date:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")
_BYLINE = re.compile(r"^(?:By|BY|by)[ \t]+(?P<rest>\S.*)$")
_MONTH = rf"(?P<mon>{alternation(ENGLISH.month_numbers, capitalized=True)})\.?"
_BYLINE_DATES = (
    re.compile(rf"\b{_MONTH}[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})[ \t]+{_MONTH}[ \t]+(?P<year>\d{{4}})\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
)
_DATE_LEADIN = re.compile(r"(?i)[\s,|\-–—]*(?:(?:updated|published|posted)[ \t:]*)?[\s,|\-–—]*$")
_ROLE = re.compile(
    r"(?i)\b(?:correspondent|reporter|editor|writer|columnist|contributor|staff|bureau|"
    r"analyst|producer|photographer)s?\b"
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.\-]*|de|da|van|von|der|del|la|le|bin|al|el)$")
_MAX_BYLINE = 200
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 25


@dataclass(slots=True)
class PlainText:
    """The parts of a plain-text report."""

    body: str
    title: str | None = None
    date: str | None = None
    basis: DateBasis | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


@dataclass(slots=True)
class Byline:
    authors: list[str]
    outlet: str | None
    date: str | None


def parse_plain(text: str) -> PlainText:
    """Split a plain-text report into header, byline, headline and body."""
    rest = text.lstrip()
    parsed = PlainText(body="")
    header = _HEADER.match(rest)
    if header and iso_day(header["date"]) is not None:
        parsed.date, parsed.basis = header["date"], "header"
        rest = rest[header.end() :]
    rest = _take_byline(rest, parsed)
    paragraphs = re.split(r"\n[ \t]*\n", rest.strip(), maxsplit=1)
    first = paragraphs[0].lstrip("#").strip()  # a Markdown heading: "# Title"
    if len(paragraphs) == 2 and _is_headline(first):
        parsed.title = " ".join(first.split())
        rest = _take_byline(paragraphs[1].lstrip(), parsed)
    parsed.body = rest.strip()
    return parsed


def parse_byline(line: str) -> Byline | None:
    """Authors, outlet and date of a byline line, or None if the line is not one."""
    line = line.strip()
    match = _BYLINE.match(line)
    if not match or len(line) > _MAX_BYLINE:
        return None
    rest = match["rest"]
    date = None
    for pattern in _BYLINE_DATES:
        found = pattern.search(rest)
        if found:
            date = _iso(found["year"], found["mon"], found["day"])
            rest = _DATE_LEADIN.sub("", rest[: found.start()])
            break
    if "|" in rest:
        parts = [part.strip() for part in rest.split("|")]
    else:
        parts = [part.strip() for part in rest.split(",")]
    parts = [part for part in parts if part and not _ROLE.search(part)]
    outlet = None
    if len(parts) >= 2 and not re.search(r"\s(?:and|&)\s", parts[-1]):
        outlet = parts.pop()
    authors = [
        name.strip()
        for part in parts
        for name in re.split(r"\s+(?:and|&)\s+", part)
        if name.strip()
    ]
    if not authors or not all(_is_name(name) for name in authors):
        return None
    if outlet is not None and (not outlet[:1].isupper() or len(outlet.split()) > 6):
        return None
    return Byline(authors=authors, outlet=outlet, date=date)


def _take_byline(rest: str, parsed: PlainText) -> str:
    first, newline, after = rest.partition("\n")
    byline = parse_byline(first)
    if byline is None:
        return rest
    for name in byline.authors:
        if name not in parsed.authors:
            parsed.authors.append(name)
    parsed.outlet = parsed.outlet or byline.outlet
    if byline.date and parsed.date is None:
        parsed.date, parsed.basis = byline.date, "byline"
    return after.lstrip() if newline else ""


def _is_headline(paragraph: str) -> bool:
    line = paragraph.strip()
    words = line.split()
    return (
        "\n" not in line
        and 2 <= len(words) <= _MAX_TITLE_WORDS
        and len(line) <= _MAX_TITLE_CHARS
        and (line[:1].isupper() or line[:1].isdigit())
        and not line.endswith((".", ",", ";", ":"))
        and _BYLINE.match(line) is None
    )


def _is_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and len(name) <= 60 and all(_NAME_WORD.match(w) for w in words)


def _iso(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else _month_number(month)
    made = make_day(int(year), number, int(day))
    return made.isoformat() if made else None


def _month_number(name: str) -> int:
    return ENGLISH.month_numbers[name.lower()]
