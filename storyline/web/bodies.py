"""Article bodies sent to the API, read safely and checked before a job is queued.

JSON is decoded with msgspec, which stops at a bounded depth (``RecursionError``)
instead of exhausting the stack, and every way a body can be bad becomes a
:class:`BodyError` with the HTTP status and a reason a person can act on:
not UTF-8, malformed, an unpaired surrogate escape, a number too large, nested
too deeply, not an object, a field of the wrong type, an empty text.

A JSON body is checked whole (one bad record refuses the request, 422, listing the
records); a JSON Lines body is checked line by line, and a bad line is reported in
the job with its number while the good lines are processed, as the CLI does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec

from storyline.errors import StorylineError
from storyline.ingest.records import json_kind as _kind

STRING_FIELDS = ("title", "date", "url", "outlet", "language")
MAX_LISTED = 10  # record problems listed in one response
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<![0-9a-fA-F]{4})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


class BodyError(StorylineError):
    """A request body the API refuses: ``status`` and the reason for the client."""

    def __init__(self, status: int, detail: str | list[str]) -> None:
        super().__init__(detail if isinstance(detail, str) else "; ".join(detail))
        self.status = status
        self.detail = detail


def decode(data: bytes, what: str = "the body") -> Any:
    """One JSON value from ``data``; a :class:`BodyError` (400 or 422) says what is wrong."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(
            400, f"{what} is not UTF-8 text: byte {exc.start} (0x{data[exc.start]:02x}) is invalid"
        ) from None
    try:
        return msgspec.json.decode(data)
    except RecursionError:
        raise BodyError(
            400, f"{what} is nested too deeply to be an article record; send flat JSON objects"
        ) from None
    except msgspec.ValidationError as exc:  # numbers out of range
        raise BodyError(422, f"{what} holds a number too large to read ({exc})") from None
    except msgspec.DecodeError as exc:
        if _LONE_SURROGATE.search(data):
            raise BodyError(
                400,
                f"{what} has an unpaired surrogate escape (such as \\ud800), which is no "
                "character; encode the text as UTF-8",
            ) from None
        raise BodyError(400, f"{what} is not JSON: {exc}") from None


def record_problem(value: Any) -> str | None:
    """Why ``value`` is not an article record, or None when it is one."""
    if not isinstance(value, dict):
        return f"an article must be a JSON object, not {_kind(value)}"
    if "text" not in value:
        keys = ", ".join(sorted(map(str, value))[:10]) or "none"
        return f"it has no 'text' field (the article text); its fields: {keys}"
    text = value["text"]
    if not isinstance(text, str):
        return f"'text' must be a string, not {_kind(text)}"
    if not text.strip():
        return "'text' is empty: send the article text"
    for name in STRING_FIELDS:
        item = value.get(name)
        if item is not None and not isinstance(item, str):
            return f"'{name}' must be a string, not {_kind(item)}"
    authors = value.get("authors")
    if not (
        authors is None
        or isinstance(authors, str)
        or (isinstance(authors, list) and all(isinstance(a, str) for a in authors))
    ):
        return "'authors' must be a string or a list of strings"
    return None


def json_records(data: bytes) -> list[dict[str, Any]]:
    """The article records of an ``application/json`` body (one object or a list)."""
    value = decode(data)
    if not isinstance(value, dict | list):
        raise BodyError(422, f"send an article object or a list of them, not {_kind(value)}")
    records = value if isinstance(value, list) else [value]
    if not records:
        raise BodyError(422, "the list is empty: send at least one article object")
    problems = []
    for n, record in enumerate(records, start=1):
        problem = record_problem(record)
        if problem is not None:
            where = "the article" if isinstance(value, dict) else f"article {n}"
            problems.append(f"{where}: {problem}")
    if problems:
        more = len(problems) - MAX_LISTED
        listed = problems[:MAX_LISTED] + ([f"and {more} more"] if more > 0 else [])
        raise BodyError(422, listed if len(listed) > 1 else listed[0])
    return records


@dataclass(frozen=True)
class LineProblem:
    line: int
    reason: str


def jsonl_lines(data: bytes) -> tuple[bytes, list[LineProblem]]:
    """A JSON Lines body with each bad line blanked (numbers kept), and why each was bad."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = data.count(b"\n", 0, exc.start) + 1
        reason = f"the body is not UTF-8 text: line {at} has an invalid byte"
        raise BodyError(400, reason) from None
    kept: list[str] = []
    problems: list[LineProblem] = []
    good = 0
    # numbered as the ingest numbers them (str.splitlines), so that its line numbers hold
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            kept.append("")
            continue
        try:
            problem = record_problem(decode(line.encode(), "the line"))
        except BodyError as exc:
            problem = str(exc)
            if problem.startswith("the line is not JSON"):
                problem = "malformed JSON" + problem[len("the line is not JSON") :]
        if problem is None:
            kept.append(line)
            good += 1
        else:
            kept.append("")
            problems.append(LineProblem(number, problem))
    if not good:
        if not problems:
            raise BodyError(422, "the body is empty: send one article object per line")
        listed = [f"line {p.line}: {p.reason}" for p in problems[:MAX_LISTED]]
        raise BodyError(422, listed if len(listed) > 1 else listed[0])
    return "\n".join(kept).encode(), problems
