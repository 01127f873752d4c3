"""Articles from JSON records: a ``.json`` file (one object or a list) or JSON Lines.

A record needs ``text``; it may have ``title``, ``date`` (ISO date or
datetime), ``url``, ``outlet``, ``authors`` (a list or one string) and
``language``. Other keys are ignored. Each bad record is rejected with its
line; the good ones in the same file are still ingested. What Python's JSON
reader raises on hostile input (nesting deeper than its recursion limit, a
number longer than 4,300 digits) and lone surrogate escapes (``"\\ud800"``,
which no UTF-8 store can hold) are rejections too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from storyline.ingest.article import build_article, check_date
from storyline.ingest.files import Source
from storyline.model import Article, Published, Rejection


class _NumberTooLong(ValueError):
    """A JSON integer longer than Python converts (``sys.get_int_max_str_digits``)."""


def _parse_int(digits: str) -> int:
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise _NumberTooLong(
            f"a number with {len(digits.lstrip('-')):,} digits, over the {limit:,} digits a "
            "record may hold; write it as a string if it must be kept"
        )
    return int(digits)


_DECODER = json.JSONDecoder(parse_int=_parse_int)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Fields of a record that become part of the Article (and so must be valid Unicode).
_STORED_FIELDS = ("text", "title", "outlet", "url", "language", "date", "authors")
_WHITESPACE = re.compile(r"\s*")
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def json_kind(value: Any) -> str:
    """What a decoded JSON value is, as a message names it: "an array", "a number", ..."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def parse_json(source: Source) -> Iterator[Article | Rejection]:
    """Records of a ``.json`` file: one object, or a list of objects."""
    text = source.text
    start = _WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    if text.startswith("[", start):
        yield from _parse_list(source, start + 1)
        return
    try:
        value, end = _DECODER.raw_decode(text, start)
    except (ValueError, RecursionError) as exc:
        yield _undecodable(source.path, exc, _position(text, start)[0])
        return
    if text[end:].strip():
        line, column = _position(text, end + len(text[end:]) - len(text[end:].lstrip()))
        yield Rejection(
            path=source.path,
            line=line,
            reason=f"malformed JSON at line {line}, column {column}: extra data after the "
            "first value (for one record per line, name the file .jsonl)",
        )
        return
    yield from _record(source.path, value, line=None)


def parse_jsonl(source: Source) -> Iterator[Article | Rejection]:
    """Records of a JSON Lines file, one object per line; blank lines are skipped."""
    # Split on "\n" only: str.splitlines also splits at U+2028 and other
    # separators that JSON allows unescaped inside a string.
    for number, line in enumerate(source.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = _DECODER.decode(line)
        except json.JSONDecodeError as exc:
            yield Rejection(
                path=source.path,
                line=number,
                reason=f"malformed JSON at line {number}, column {exc.colno}: {exc.msg}",
            )
            continue
        except (ValueError, RecursionError) as exc:
            yield _undecodable(source.path, exc, number)
            continue
        yield from _record(source.path, value, line=number)


def _parse_list(source: Source, index: int) -> Iterator[Article | Rejection]:
    # json.loads would give us the list but not where each record starts, and a
    # user with one bad record among thousands needs its line: decode item by item.
    text = source.text
    records = 0
    while True:
        index = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
        if text.startswith("]", index):
            if records == 0:
                yield Rejection(path=source.path, reason="empty JSON list: no records")
            return
        records += 1
        line, _ = _position(text, index)
        try:
            value, index = _DECODER.raw_decode(text, index)
        except (ValueError, RecursionError) as exc:
            rejection = _undecodable(source.path, exc, line)
            # The end of a value the reader gave up on is unknown: so is where
            # the next record starts.
            rejection.reason += "; the records after it in this file, if any, were not read"
            yield rejection
            return
        yield from _record(source.path, value, line=line)
        index = _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]
        if text.startswith(",", index):
            comma = index
            index = _WHITESPACE.match(text, index + 1).end()  # type: ignore[union-attr]
            if text.startswith("]", index):
                # Python's json, and most others, refuse "[{...},]"; we read the
                # records but say so: the file may have been cut or hand-edited.
                at, column = _position(text, comma)
                yield Rejection(
                    path=source.path,
                    line=at,
                    rejected=False,
                    reason=f"not valid JSON: a trailing comma before ']' at line {at}, "
                    f"column {column}; the {records} record(s) before it were read",
                )
                return
        elif not text.startswith("]", index):
            line, column = _position(text, index)
            yield Rejection(
                path=source.path,
                line=line,
                reason=f"malformed JSON at line {line}, column {column}: expected ',' or ']'",
            )
            return


def _record(path: str, value: Any, *, line: int | None) -> Iterator[Article | Rejection]:
    if not isinstance(value, dict):
        kind = json_kind(value)
        yield Rejection(path=path, line=line, reason=f"a record must be a JSON object, not {kind}")
        return
    broken = [key for key in _STORED_FIELDS if _has_surrogate(value.get(key))]
    if broken:
        reason = (
            f"record has an invalid escape in {', '.join(map(repr, broken))}: a lone UTF-16 "
            "surrogate such as \\ud800, which is not a character; fix the escape (a pair "
            "such as \\ud83d\\ude00) or drop it"
        )
        yield Rejection(path=path, line=line, reason=reason)
        return
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        keys = ", ".join(sorted(map(str, value))) or "none"
        reason = f"record has no 'text' (a non-empty string); its keys: {keys}"
        yield Rejection(path=path, line=line, reason=reason)
        return
    date = _iso_date(value.get("date"))
    if date is None and value.get("date") not in (None, ""):
        yield Rejection(
            path=path,
            line=line,
            rejected=False,
            reason=f"date {value.get('date')!r} is not an ISO 8601 date (YYYY-MM-DD or a "
            "datetime); the record is ingested without a date",
        )
    date, note = check_date(date)
    if note is not None:
        yield Rejection(path=path, line=line, rejected=False, reason=note)
    article = build_article(
        text,
        path=path,
        title=_string(value.get("title")),
        outlet=_string(value.get("outlet")),
        authors=_authors(value.get("authors")),
        published=Published(date=date, basis="metadata") if date else Published(note=note),
        language=_string(value.get("language")),
        url=_string(value.get("url")),
    )
    if article is None:
        yield Rejection(path=path, line=line, reason="record has no article text")
    else:
        yield article


def _iso_date(value: Any) -> str | None:
    """The day of an ISO 8601 date or datetime; None if absent or not ISO 8601."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [name for name in re.split(r"\s*(?:;|,|\band\b|&)\s*", value) if name.strip()]
    if isinstance(value, list):
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]
    return []


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(isinstance(item, str) and _SURROGATE.search(item) for item in value)
    return False


def _undecodable(path: str, exc: ValueError | RecursionError, line: int) -> Rejection:
    """A Rejection for what the JSON reader raised on the value that starts at ``line``."""
    if isinstance(exc, json.JSONDecodeError):
        return _malformed(path, exc)
    if isinstance(exc, RecursionError):
        reason = (
            f"JSON value starting at line {line} is nested too deeply to read (the reader "
            f"stops near {sys.getrecursionlimit():,} levels of arrays or objects; a news "
            "record needs a few)"
        )
    elif isinstance(exc, _NumberTooLong):
        reason = f"JSON value starting at line {line} holds {exc}"
    else:
        reason = f"JSON value starting at line {line} cannot be read: {exc}"
    return Rejection(path=path, line=line, reason=reason)


def _malformed(path: str, exc: json.JSONDecodeError) -> Rejection:
    return Rejection(
        path=path,
        line=exc.lineno,
        reason=f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
    )


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
