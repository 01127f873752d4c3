"""Agency credits and contributor lines, found and cut out of an article body.

Shapes handled (each removed from the body):

* a trailing agency tag: ``.../AFP``, ``... (AFP)``, ``... - Reuters``, ``— AP``;
* a dateline: ``CITY (Reuters) -`` or ``CITY, June 3 (AP) —`` at the start;
* contributor lines at the end: ``Outlet's Jane Doe contributed reporting.``,
  ``Additional reporting by Jane Doe``, ``Reporting by Jane Doe; Editing by ...``.

Pages saved as text put a few lines of furniture before the report, and tokenized
corpora write brackets as ``-LRB-``/``-RRB-``; so a dateline (``CITY (Reuters) -``,
``(CNN) --``, ``Cairo -LRB- CNN -RRB- -``), a staff byline (``By the Outlet Wire
Staff``) or a byline naming an outlet (``By Jane Doe, Outlet``) is looked for on
each of the first ``HEAD_LINES`` lines, and only that cue is cut. A contributor
line anywhere (``Outlet's Jane Doe contributed to this report``) names the outlet
when nothing else does; it is cut only at the end.

``Credits.source`` is who filed the copy by the text's own account (a dateline's
or a trailing tag's agency): the outlet of a report that names no other.
``Credits.dateline_day`` is the day a dateline names ("WARSAW, February 26 (Xinhua) --"),
the day the copy was written (``article.dateline_published``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.agencies import has_media_word, wire_agency
from storyline.ingest.plaintext import parse_byline
from storyline.languages.calendar import ENGLISH

HEAD_LINES = 5  # lines at the top where a dateline or a byline may sit behind furniture

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
# A dateline inside one of the first lines, brackets plain or tokenized; what precedes it
# on the line (a place, a time stamp, furniture) goes with it.
_HEAD_DATELINE = re.compile(
    rf"(?:\(|-LRB-)[ \t]*(?P<agency>{_AGENCY_TOKEN})[ \t]*(?:\)|-RRB-)[ \t]*{_DASH}[ \t]*"
)
_MAX_BEFORE_DATELINE = 120
_STAFF_BYLINE = re.compile(
    r"^\s*By[ \t]+(?:the[ \t]+)?(?P<outlet>[A-Z][\w.&'’\-]*(?:[ \t]+[A-Z][\w.&'’\-]*){0,3}?)"
    r"[ \t]+(?:Wires?[ \t]+|News[ \t]+)?Staff\b[ \t]*(?:Writer|Reporter)?[ \t]*"
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
    outlet: str | None = None  # from "Outlet's Jane Doe contributed reporting.", a byline
    source: str | None = None  # who filed the copy: a dateline's or trailing tag's agency
    dateline_day: tuple[int, int] | None = None  # (month, day) a dateline names: "CITY, Feb. 26"


def strip_credits(body: str) -> Credits:
    """Find agency credits and contributor lines; return the body without them."""
    result = Credits(body=body)
    _strip_dateline(result)
    if not result.credits:
        _strip_head_cues(result)
    # A contributor line and a trailing tag can follow one another: peel a few.
    for _ in range(4):
        if not (_strip_contributors(result) or _strip_trailing_tag(result)):
            break
    result.body = result.body.strip()
    if result.outlet is None:
        result.outlet = _contributing_outlet(result)
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


def _credit_source(result: Credits, raw: str, known_only: bool) -> bool:
    """Credit the agency ``raw`` names and take it as the source unless one is set;
    False (nothing credited) when ``raw`` is no agency."""
    agency = _agency(raw, known_only=known_only)
    if agency:
        _add_credit(result, agency)
        result.source = result.source or agency
    return bool(agency)


def _strip_dateline(result: Credits) -> None:
    match = _DATELINE.match(result.body)
    if match and _credit_source(result, match["agency"], known_only=False):
        result.body = result.body[match.end() :]
        result.dateline_day = _day_named(match["place"])


# ", February 26" or ", 26 February" closing a dateline's place.
_PLACE_DAY = re.compile(
    r",\s*(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]{3,9})\.?)\s*$"
)


def _day_named(place: str) -> tuple[int, int] | None:
    """(month, day) that closes a dateline's place ("WARSAW, February 26"), in English."""
    m = _PLACE_DAY.search(place)
    if m is None:
        return None
    month = ENGLISH.month_numbers.get((m["m1"] or m["m2"]).lower())
    return (month, int(m["d1"] or m["d2"])) if month else None


def _strip_head_cues(result: Credits) -> None:
    """A dateline, a staff byline or an outlet's byline on one of the first lines."""
    lines = result.body.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > HEAD_LINES:
            return
        found = _HEAD_DATELINE.search(line)
        if (
            found
            and not _expands(line[: found.start()], found["agency"])
            and _credit_source(result, found["agency"], known_only=False)
        ):
            before = line[: found.start()]
            if len(before) <= _MAX_BEFORE_DATELINE and ". " not in before:
                lines[i] = line[found.end() :]  # the place (or a time stamp) goes with it
            else:  # highlights or a sentence before it on the line: only the tag goes
                lines[i] = f"{before.rstrip()} {line[found.end() :]}"
            result.body = "\n".join(lines)
            return
        staff = _STAFF_BYLINE.match(line)
        if staff and result.outlet is None:
            result.outlet = wire_agency(staff["outlet"]) or staff["outlet"]
            lines[i] = line[staff.end() :]
            result.body = "\n".join(lines)
            continue
        byline = parse_byline(line)
        if byline and byline.outlet and result.outlet is None and _outlet_like(byline.outlet):
            result.outlet = wire_agency(byline.outlet) or byline.outlet
            result.contributors.extend(a for a in byline.authors if a not in result.contributors)
            lines[i] = ""
            result.body = "\n".join(lines)


def _expands(before: str, acronym: str) -> bool:
    """True when ``acronym`` is spelt out right before it ("Damage Assessment (DA) -"):
    an abbreviation in a sentence, not an agency's dateline."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z][\w'’\-]*", before)]
    letters = [c for c in acronym.upper() if c.isalpha()]
    return len(letters) >= 2 and initials[-len(letters) :] == letters


def _outlet_like(name: str) -> bool:
    return bool(wire_agency(name) or has_media_word(name) or _ACRONYM.match(name))


def _contributing_outlet(result: Credits) -> str | None:
    """The outlet a contributor line names ("Outlet's Jane Doe contributed to this report")."""
    for line in result.body.split("\n"):
        line = line.strip().strip("()")
        if "contributed" not in line:
            continue
        match = _CONTRIBUTED.match(line)
        if not match:
            continue
        for part in _SPLIT_NAMES.split(match["names"]):
            owner = _POSSESSIVE.match(part.strip())
            if owner and owner["outlet"][:1].isupper():
                outlet = owner["outlet"].strip()
                agency = wire_agency(outlet)
                if agency:
                    _add_credit(result, agency)
                elif _outlet_like(outlet) or len(outlet.split()) <= 3:
                    return outlet
    return None


def _strip_trailing_tag(result: Credits) -> bool:
    for pattern, known_only in ((_TRAIL_SLASH, False), (_TRAIL_PAREN, True), (_TRAIL_DASH, True)):
        match = pattern.search(result.body)
        if match and _credit_source(result, match["agency"], known_only):
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
