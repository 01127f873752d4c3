"""Building an Article from parsed parts: normalized text, content id, credits, cites, language."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable

from storyline.ingest.agencies import wire_agency
from storyline.ingest.cites import find_cites
from storyline.ingest.credits import strip_credits
from storyline.ingest.language import detect_language, normalize_language
from storyline.ingest.zones import find_zones
from storyline.model import Article, Published

logger = logging.getLogger(__name__)


# Publication dates we do not believe. The earliest: no printed newspaper is
# older than 1605 (Strasbourg's "Relation"), so an earlier date cannot be a
# report's, while archives of 17th- and 18th-century papers are real and keep
# their dates. The latest: a fixed horizon, not "today", so that the same input
# reads the same next year and fictional or embargoed reports dated ahead keep
# their dates; what lies beyond it (2999, 9999) is a placeholder or a typo.
# Inside the range, days that systems write when they have no date:
_EARLIEST_DATE = dt.date(1605, 1, 1)
_LATEST_DATE = dt.date(2099, 12, 31)
_PLACEHOLDER_DATES = {
    dt.date.max: "the last day a calendar can hold",
    dt.date(1753, 1, 1): "the earliest SQL Server datetime",
    dt.date(1899, 12, 30): "day zero of spreadsheets and OLE dates",
    dt.date(1899, 12, 31): "day zero of spreadsheets",
    dt.date(1900, 1, 1): "day one of spreadsheets and a common default",
    dt.date(1904, 1, 1): "day zero of Mac spreadsheets",
    dt.date(1969, 12, 31): "the Unix epoch (timestamp 0) west of Greenwich",
    dt.date(1970, 1, 1): "the Unix epoch (timestamp 0)",
}


def check_date(value: str | None) -> tuple[str | None, str | None]:
    """A publication day we believe, or None with a note saying why not.

    ``value`` is YYYY-MM-DD. Placeholders for "no date" (0001-01-01, 1900-01-01,
    the Unix epoch, 9999-12-31) and days outside [1605-01-01, 2099-12-31]
    become no date: a wrong date would place the report wrongly on the timeline
    and read its "yesterday" against a day that never was.
    """
    if value is None:
        return None, None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, f"date {value!r} is not a calendar day (YYYY-MM-DD); ingested without a date"
    if day in _PLACEHOLDER_DATES:
        why = f"a placeholder for no date ({_PLACEHOLDER_DATES[day]})"
    elif day < _EARLIEST_DATE:
        why = f"before {_EARLIEST_DATE.year}, older than any newspaper: a placeholder for no date"
    elif day > _LATEST_DATE:
        why = f"after {_LATEST_DATE.year}: a placeholder or a typo"
    else:
        return day.isoformat(), None
    return None, f"date {value} is {why}; ingested without a date"


def dateline_published(published: Published, named: tuple[int, int] | None) -> Published:
    """The day a dateline names ((month, day): "WARSAW, February 26 (Xinhua) --") when it is
    the day before ``published``'s: a wire files its copy in a time zone ahead, or overnight,
    so the text's "today" and its untold days are the dateline's. Reason: a blind audit saw
    agency copy whose events fell a day before its file's date."""
    if named is None or published.date is None:
        return published
    day = dt.date.fromisoformat(published.date)
    before = day - dt.timedelta(days=1)
    if (before.month, before.day) != named:
        return published
    note = f"the dateline's day; the source gave {published.date}"
    return Published(date=before.isoformat(), basis=published.basis, note=note)


def has_words(text: str) -> bool:
    """False for text of only punctuation, symbols, spaces or control characters."""
    return any(char.isalnum() for char in text)


def content_id(text: str) -> str:
    """The id of an article: sha256 of its NFC, whitespace-collapsed text, 16 hex digits."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def clean_body(text: str) -> str:
    """NFC, ``\\n`` line ends, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def build_article(
    body: str,
    *,
    path: str | None,
    title: str | None = None,
    outlet: str | None = None,
    authors: Iterable[str] = (),
    published: Published | None = None,
    language: str | None = None,
    url: str | None = None,
) -> Article | None:
    """An Article from a body and its metadata; None if no text is left, or no word."""
    found = strip_credits(clean_body(body))
    if not has_words(found.body):
        return None
    if published is not None and published.date is not None:
        # The parsers check and warn; this keeps every route to an Article honest.
        date, note = check_date(published.date)
        if date is None:
            published = Published(note=note)
        else:
            published = dateline_published(published, found.dateline_day)
    # The outlet: given, else a byline or contributor line, else who filed the copy
    # (a dateline's or a trailing tag's agency: "(Reuters) -", ".../AFP").
    outlet = outlet or found.outlet or found.source
    credits = list(found.credits)
    agency = wire_agency(outlet) if outlet else None
    if agency and agency not in credits:
        credits.insert(0, agency)
    return Article(
        id=content_id(found.body),
        text=found.body,
        title=title or None,
        outlet=outlet or None,
        authors=_unique([*authors, *found.contributors]),
        credits=credits,
        cites=[name for name in find_cites(found.body, own_outlet=outlet) if name not in credits],
        published=published or Published(),
        language=normalize_language(language) if language else detect_language(found.body),
        path=path,
        url=url or None,
        zones=find_zones(found.body),
    )


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen:
            seen.append(name)
    return seen
