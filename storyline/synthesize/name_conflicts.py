"""Names spelled differently by different outlets: a ledger entry per entity.

Entity resolution (stage 3) merges spelling variants of one name and records why
(``Entity.merges``: "edit-distance+context", "transliteration+context",
"name-order+context"). When sources write different forms, the ledger shows each
form with the sentences that use it, so a reader sees which outlet wrote which.
Merges that are not spellings ("exact" punctuation or case, a surname alone, a
title) are no dispute and stay out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from storyline.model import Annotation, Conflict, Entity, Evidence, Position

SPELLING_RULES = frozenset(
    {"edit-distance+context", "transliteration+context", "name-order+context"}
)
EVIDENCE_PER_FORM = 5  # sentences shown for each form: the first in each article, sources first


def find_name_conflicts(
    entities: Sequence[Entity],
    annotations: Sequence[Annotation],
    mention_entity: dict[str, str],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str | None],
) -> list[Conflict]:
    variants = {
        e.id: [m for m in e.merges if m.rule in SPELLING_RULES]
        for e in entities
        if any(m.rule in SPELLING_RULES for m in e.merges)
    }
    if not variants:
        return []
    # entity -> written form -> article -> first sentence using it
    uses: dict[str, dict[str, dict[str, Evidence]]] = defaultdict(lambda: defaultdict(dict))
    for ann in annotations:
        for m in ann.mentions:
            eid = mention_entity.get(f"{ann.article}:{m.start}")
            if eid in variants:
                uses[eid][m.text].setdefault(
                    ann.article,
                    Evidence(
                        article=ann.article,
                        sentence=m.sentence,
                        text=ann.sentences[m.sentence].text,
                    ),
                )
    conflicts = []
    for entity in entities:
        if entity.id not in variants:
            continue
        forms = [entity.name, *sorted({m.alias for m in variants[entity.id]} - {entity.name})]
        written = _spellings([(f, uses[entity.id].get(f, {})) for f in forms])
        if len(written) < 2 or len({source_of(a) for _, arts in written for a in arts}) < 2:
            continue
        who = "; ".join(f"{form!r} in {_where(arts, outlet_of)}" for form, arts in written)
        why = "; ".join(m.detail for m in variants[entity.id] if m.detail)
        conflicts.append(
            Conflict(
                about=f"the spelling of {entity.name}",
                kind="name",
                positions=[
                    Position(value=form, evidence=_shown(arts, source_of)) for form, arts in written
                ],
                note=f"{who}. Taken for one {entity.type.lower()}: {why}",
            )
        )
    return conflicts


def _spelling(form: str) -> str:
    """What a form spells: its letters case folded, without a plural or possessive ending
    on its last word ("the united nation's standoff" spells "United Nations")."""
    words = re.sub(r"[^\w\s]", "", form.casefold()).split()
    if words and len(words[-1]) > 3:
        words[-1] = words[-1].removesuffix("s")
    return " ".join(words)


def _spellings(
    written: list[tuple[str, dict[str, Evidence]]],
) -> list[tuple[str, dict[str, Evidence]]]:
    """The ways the name is spelled, each shown by its first form with the articles that
    write any form spelled alike. Forms in lower case only (a transcript's casing: "the
    united nation's standoff") are no way of spelling a name: they join a spelling written
    with capitals, alone they are none."""
    spelled: dict[str, list[str]] = {}
    arts: dict[str, dict[str, Evidence]] = {}
    for form, where in written:
        if where:
            key = _spelling(form)
            spelled.setdefault(key, []).append(form)
            for a, e in where.items():
                arts.setdefault(key, {}).setdefault(a, e)
    return [
        (shown[0], arts[key])
        for key, forms in spelled.items()
        if (shown := [f for f in forms if f != f.casefold()])
    ]


def _where(arts: dict[str, Evidence], outlet_of: Callable[[str], str | None]) -> str:
    """The outlets that wrote a form, and how many articles without an outlet did."""
    named = sorted({o for a in arts if (o := outlet_of(a))})
    unnamed = sum(1 for a in arts if not outlet_of(a))
    if unnamed:
        named.append(f"{unnamed} article{'s' if unnamed > 1 else ''} without an outlet")
    return ", ".join(named)


def _shown(arts: dict[str, Evidence], source_of: Callable[[str], str]) -> list[Evidence]:
    """One sentence per article, one article of each source first, at most a few."""
    seen: set[str] = set()
    first: list[Evidence] = []
    rest: list[Evidence] = []
    for e in sorted(arts.values(), key=lambda e: (e.article, e.sentence)):
        (rest if source_of(e.article) in seen else first).append(e)
        seen.add(source_of(e.article))
    return (first + rest)[:EVIDENCE_PER_FORM]
