"""Agency credits and contributor lines, found and cut out of an article body.

Shapes handled (each removed from the body):

* a trailing agency tag: ``.../AFP``, ``... (AFP)``, ``... - Reuters``, ``— AP``;
* a dateline: ``CITY (Reuters) -`` or ``CITY, June 3 (AP) —`` at the start;
* contributor lines at the end: ``Outlet's Jane Doe contributed reporting.``,
  ``Additional reporting by Jane Doe``, ``Reporting by Jane Doe; Editing by ...``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.agencies import wire_agency

_AGENCY_TOKEN = r"[A-Za-z][A-Za-z.&\-]*(?:[ \t]+[A-Z][A-Za-z.&\-]*){0,3}"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")
_DASH = r"(?:-{1,2}|–|—)"

_TRAIL_SLASH = re.compile(rf"[ \t]*/[ \t]*(?P<agency>{_AGENCY_TOKEN})[ \t]*\.?\s*$")
_TRAIL_PAREN = re.compile(rf"[ \t]*\([ \t]*(?P<agency>{_AGENCY_TOKEN})[ \t]*\)[ \t]*\.?\s*$")
_TRAIL_DASH = re.compile(rf"[ \t]+{_DASH}[ \t]*(?P<agency>{_AGENCY_TOKEN})[ \t]*\.?\s*$")
_DATELINE = re.compile(
    rf"^\s*(?P<place>[A-Z][^\n()]{{0,60}}?)[ \t]*\([ \t]*(?P<agency>{_AGENCY_TOKEN})[ \t]*\)"
    rf"[ \t]*{_DASH}[ \t]*"
)
_NAME = r"[A-ZÀ-Þ][\w'’.\-]*(?:[ \t]+[A-ZÀ-Þ][\w'’.\-]*){0,3}"
_NAMES = rf"{_NAME}(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_NAME})*"
# "Outlet's Jane Doe, Bo Li and Other Outlet's Al Roe": each name may have an
# owner. Written as one repetition: the same separators nested in two
# repetitions made the regex backtrack exponentially on a long line of names.
_OWNER = r"(?:[\w&.\- ]+?['’]s?[ \t]+)?"
_CONTRIBUTED = re.compile(
    rf"^(?P<names>{_OWNER}{_NAME}(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_OWNER}{_NAME})*)"
    rf"[ \t]+contributed(?:[ \t]+to)?(?:[ \t]+this)?[ \t]+(?:reporting|report|story|article)"
    rf"[^\n]{{0,80}}$"
)
_REPORTING_BY = re.compile(
    rf"^(?:Additional[ \t]+)?[Rr]eporting[ \t]+by[ \t]+(?P<names>{_NAMES})"
    rf"(?:[ \t]+in[ \t]+[^;\n]+)?(?:;[^\n]*)?\.?$"
)
_SPLIT_NAMES = re.compile(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")
_POSSESSIVE = re.compile(r"^(?P<outlet>.+?)['’]s?[ \t]+(?P<name>.+)$")


@dataclass(slots=True)
class Credits:
    """What the credit lines of one article say."""

    body: str
    credits: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    outlet: str | None = None  # from "Outlet's Jane Doe contributed reporting."


def strip_credits(body: str) -> Credits:
    """Find agency credits and contributor lines; return the body without them."""
    result = Credits(body=body)
    _strip_dateline(result)
    # A contributor line and a trailing tag can follow one another: peel a few.
    for _ in range(4):
        if not (_strip_contributors(result) or _strip_trailing_tag(result)):
            break
    result.body = result.body.strip()
    return result


def _agency(raw: str, *, known_only: bool) -> str | None:
    name = raw.strip(" .")
    known = wire_agency(name)
    if known or known_only:
        return known
    return name if _ACRONYM.match(name) else None


def _add_credit(result: Credits, agency: str) -> None:
    if agency not in result.credits:
        result.credits.append(agency)


def _strip_dateline(result: Credits) -> None:
    match = _DATELINE.match(result.body)
    if match:
        agency = _agency(match["agency"], known_only=False)
        if agency:
            _add_credit(result, agency)
            result.body = result.body[match.end() :]


def _strip_trailing_tag(result: Credits) -> bool:
    for pattern, known_only in ((_TRAIL_SLASH, False), (_TRAIL_PAREN, True), (_TRAIL_DASH, True)):
        match = pattern.search(result.body)
        if match:
            agency = _agency(match["agency"], known_only=known_only)
            if agency:
                _add_credit(result, agency)
                result.body = result.body[: match.start()].rstrip()
                return True
    return False


def _strip_contributors(result: Credits) -> bool:
    head, sep, last = result.body.rstrip().rpartition("\n")
    line = last.strip()
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()
    match = _CONTRIBUTED.match(line) or _REPORTING_BY.match(line)
    if not match:
        return False
    for part in _SPLIT_NAMES.split(match["names"]):
        part = part.strip()
        owner = _POSSESSIVE.match(part)
        if owner and owner["outlet"][:1].isupper():
            outlet = owner["outlet"].strip()
            part = owner["name"].strip()
            agency = wire_agency(outlet)
            if agency:
                _add_credit(result, agency)
            elif result.outlet is None:
                result.outlet = outlet
        if part and part not in result.contributors:
            result.contributors.append(part)
    result.body = head if sep else ""
    return True
