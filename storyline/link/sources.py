"""What each report counts as for independent confirmation.

* a copy (near-duplicate, agency copy) counts as what it copies;
* agency copy counts as the agency (``credits[0]``), otherwise the outlet;
* reports with no known outlet are unattributed (``UNATTRIBUTED``): together they are
  one source at most, and by default none beside a known outlet (``confirming``): an
  unattributed page may be that outlet's own (on Timeline17, pages of one site without a
  dateline), so it adds no confirmation to it unless ``unattributed_confirms`` is set;
* a report of unknown outlet that shares its site's template (furniture and sidebar
  lines, see ``storyline.ingest.zones``) with the reports of one known outlet counts as
  that outlet: one site's pages are one source;
* names that differ only in case, punctuation or a leading "The" ("CNN" from a dateline,
  "cnn" from a feed) are one source, under its most used spelling (``same_outlet``);
* a report whose first lines put another of the story's sources right before a dateline
  ("AP NEW ORLEANS --": a photo credit, then the agency's dateline) reruns that source's
  copy and counts as it (``rerun_source``);
* a sentence that credits another of the story's outlets ("told the Herald", "CNN
  reported", "told the Associated Press" for a source known as "AP") is that outlet's
  telling, not a confirmation of it (``relayed_source``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from storyline.model import Article

UNATTRIBUTED = "(unattributed)"
# Reports of unknown outlet sharing this many template lines (furniture, sidebars) with
# reports of one known outlet, and with no other, are that outlet's pages.
TEMPLATE_SHARED_LINES = 2
# ... and with at least this many times as many lines as with any other outlet's reports.
TEMPLATE_MARGIN = 2


def independent_source(article: Article, copies: dict[str, str], by_id: dict[str, Article]) -> str:
    """What an article counts as for independent confirmation.

    A copy counts as the article it copies; agency copy counts as the agency;
    otherwise the outlet. Reports whose outlet is unknown are unattributed: all of them
    together count as one source (``UNATTRIBUTED``), never one each.
    """
    original = by_id.get(copies.get(article.id, article.id), article)
    if original.credits:
        return original.credits[0]
    if original.outlet:
        return original.outlet
    return UNATTRIBUTED


def independent_sources(articles: Sequence[Article], copies: dict[str, str]) -> dict[str, str]:
    """The independent source of each article (see ``independent_source``), where a report
    of unknown outlet that shares its site's template with reports of one known outlet
    (``TEMPLATE_SHARED_LINES`` furniture or sidebar lines or more, and ``TEMPLATE_MARGIN``
    times as many as with any other outlet's) counts as that outlet: one site's pages are
    one source."""
    by_id = {a.id: a for a in articles}
    sources = same_outlet({a.id: independent_source(a, copies, by_id) for a in articles})
    lines = {a.id: _template_lines(a) for a in articles}
    known: dict[str, set[str]] = defaultdict(set)  # template line -> known sources using it
    for a in articles:
        if sources[a.id] != UNATTRIBUTED:
            for line in lines[a.id]:
                known[line].add(sources[a.id])
    for a in articles:
        if sources[a.id] != UNATTRIBUTED:
            continue
        votes: dict[str, int] = defaultdict(int)
        for line in lines[a.id]:
            for source in known.get(line, ()):
                votes[source] += 1
        ranked = sorted(votes.values(), reverse=True)
        if (
            ranked
            and ranked[0] >= TEMPLATE_SHARED_LINES
            and (len(ranked) == 1 or ranked[0] >= TEMPLATE_MARGIN * ranked[1])
        ):
            sources[a.id] = max(votes, key=lambda s: (votes[s], s))
    return _reruns(articles, sources)


def _reruns(articles: Sequence[Article], sources: dict[str, str]) -> dict[str, str]:
    """``sources`` with the pages that rerun another source's copy (``rerun_source``)
    counted as it. A site that mostly reruns one source (``TEMPLATE_MARGIN`` times as many
    pages as any other) has its pages opening on a bare dateline ("NEW ORLEANS -- ", the
    agency's style) counted as that source too; and when those make ``RERUN_SHARE`` of its
    pages, all of its pages: the rest cannot be told from the agency's copy."""
    known = set(sources.values())
    reruns: dict[str, Counter[str]] = defaultdict(Counter)  # site -> sources it reruns
    pages: Counter[str] = Counter(sources[a.id] for a in articles if not a.credits)
    for a in articles:
        found = sources[a.id] if a.credits else rerun_source(a.text, sources[a.id], known)
        if found != sources[a.id]:
            reruns[sources[a.id]][found] += 1
            sources[a.id] = found
    mostly = {}
    for site, rerun in reruns.items():
        ranked = rerun.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= TEMPLATE_MARGIN * ranked[1][1]:
            mostly[site] = ranked[0][0]
    for a in articles:
        site = sources[a.id]
        if site in mostly and not a.credits and re.search(rf"^{_DATELINE}", _head(a.text), re.M):
            reruns[site][mostly[site]] += 1
            sources[a.id] = mostly[site]
    for a in articles:
        site = sources[a.id]
        if (
            site in mostly
            and not a.credits
            and reruns[site][mostly[site]] >= RERUN_SHARE * pages[site]
        ):
            sources[a.id] = mostly[site]
    return sources


RERUN_LINES = 5  # lines at the top of a page where a rerun agency's dateline may sit
RERUN_SHARE = 0.25  # share of a site's pages rerunning one agency that make all of them its
# A dateline in capitals, right after a source's name or opening a line: "NEW ORLEANS -- ",
# "EMPIRE, La. -- ".
_DATELINE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][a-z]+\.?)?\s+(?:--|—)\s"
_RERUN = r"(?:^|[\s,])(?P<name>{name})\s+" + _DATELINE


def _head(text: str) -> str:
    return "\n".join([line for line in text.split("\n") if line.strip()][:RERUN_LINES])


def _others(known: Iterable[str], own: str) -> list[str]:
    """The story's ``known`` sources other than ``own`` (and than no source), longest name
    first, so that "Associated Press" is tried before "AP"."""
    return [
        name
        for name in sorted(known, key=len, reverse=True)
        if name != UNATTRIBUTED and _outlet_key(name) != _outlet_key(own) and len(name) >= 2
    ]


def rerun_source(text: str, own: str, known: Iterable[str]) -> str:
    """The source whose copy a report reruns: another of the story's ``known`` sources named
    right before a dateline on one of its first ``RERUN_LINES`` lines ("Coast Guard via AP
    NEW ORLEANS -- The Coast Guard said ..."); else ``own``."""
    head = _head(text)
    for name in _others(known, own):
        if re.search(_RERUN.format(name=re.escape(name)), head, re.MULTILINE):
            return name
    return own


def same_outlet(sources: dict[str, str]) -> dict[str, str]:
    """``sources`` (article id -> source) with the spellings of one name made one: those
    that differ only in case, punctuation or a leading "The" take the spelling most
    articles use (ties: the first in sort order, so capitals win). Different cues give
    one outlet in different spellings (a "(CNN)" dateline, a feed's "cnn"), and each
    spelling must not count as an independent confirmation."""
    spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for source in sources.values():
        spellings[_outlet_key(source)][source] += 1
    chosen = {key: min(forms, key=lambda f: (-forms[f], f)) for key, forms in spellings.items()}
    return {aid: chosen[_outlet_key(source)] for aid, source in sources.items()}


def _outlet_key(name: str) -> str:
    if name == UNATTRIBUTED:
        return name
    key = re.sub(r"[\W_]+", " ", name.casefold()).strip()
    return re.sub(r"^the ", "", key).replace(" ", "") or name


def _template_lines(article: Article) -> set[str]:
    """The article's furniture and sidebar lines, normalized (its site's template)."""
    found: set[str] = set()
    for zone in article.zones:
        if zone.kind not in ("furniture", "sidebar"):
            continue
        for line in article.text[zone.start : zone.end].split("\n"):
            words = re.findall(r"\w+", line.lower())
            if len(words) >= 3:
                found.add(" ".join(words))
    return found


def confirming(sources: Iterable[str], beside_known: bool = False) -> list[str]:
    """The independent sources that confirm a fact told by ``sources`` (sorted): the
    unattributed reports count once, and beside a known source only if ``beside_known``
    (setting ``unattributed_confirms``)."""
    found = set(sources)
    if len(found) > 1 and not beside_known:
        found.discard(UNATTRIBUTED)
    return sorted(found)


# A sentence that credits what it tells to another outlet's reporting: "the minister told
# Reuters", "according to the Herald", "CNN reported", "in an interview with the Herald".
_RELAY_BEFORE = (
    r"\b(?:told|telling|according\s+to|citing|cited\s+by|reported\s+by|quoted\s+by|"
    r"(?:in\s+)?an?\s+interview\s+with|speaking\s+to|said\s+to)\s+(?:the\s+)?(?P<name>{name})\b"
)
_RELAY_AFTER = (
    r"\b(?P<name>{name})(?:\s+newspaper|\s+news\s+agency|\s+television)?\s+"
    r"(?:reported|reports|said|says|quoted|cited)\b"
)


def _spelled(name: str) -> str:
    """A pattern for ``name`` as a sentence may write it: its words, and for a short
    acronym ("AP", "AFP") also the capitalized words it stands for ("Associated Press",
    "Agence France-Presse")."""
    spelled = re.escape(name).replace(r"\ ", r"\s+")
    if re.fullmatch(r"[A-Z]{2,5}", name):
        words = r"[-\s]+".join(rf"{c}[a-z]+" for c in name)
        spelled = f"(?:{spelled}|(?-i:{words}))"
    return spelled


def relayed_source(text: str, own: str, known: Iterable[str]) -> str:
    """What a sentence of a report from source ``own`` counts as: the source it credits
    for what it tells, when that is another of the story's ``known`` sources ("the
    minister told the Herald ..." in another outlet's report is the Herald's telling, not
    a second confirmation); else ``own``. The name must be written as a name (capitalized):
    an outlet known as "guardian" is not a child's guardian."""
    for name in _others(known, own):
        spelled = _spelled(name)
        for shape in (_RELAY_BEFORE, _RELAY_AFTER):
            for m in re.finditer(shape.format(name=spelled), text, re.IGNORECASE):
                if m.group("name")[0].isupper():
                    return name
    return own
