"""Names spelled differently by different outlets: a ledger entry per entity.

Entity resolution (stage 3) merges spelling variants of one name and records why
(``Entity.merges``: "edit-distance+context", "transliteration+context",
"name-order+context"). When sources write different forms, the ledger shows each
form with the sentences that use it, so a reader sees which outlet wrote which.
Merges that are not spellings ("exact" punctuation or case, a surname alone, a
title) are no dispute and stay out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from storyline.model import Annotation, Conflict, Entity, Evidence, Position

SPELLING_RULES = frozenset(
    {"edit-distance+context", "transliteration+context", "name-order+context"}
)
EVIDENCE_PER_FORM = 3  # sentences shown for each form: the first one in each article


def find_name_conflicts(
    entities: Sequence[Entity],
    annotations: Sequence[Annotation],
    mention_entity: dict[str, str],
    source_of: Callable[[str], str],
    outlet_of: Callable[[str], str],
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
        written = [(f, uses[entity.id].get(f, {})) for f in forms]
        written = [(f, arts) for f, arts in written if arts]
        if len(written) < 2 or len({source_of(a) for _, arts in written for a in arts}) < 2:
            continue
        who = "; ".join(
            f"{form!r} in {', '.join(sorted({outlet_of(a) for a in arts}))}"
            for form, arts in written
        )
        why = "; ".join(m.detail for m in variants[entity.id] if m.detail)
        conflicts.append(
            Conflict(
                about=f"the spelling of {entity.name}",
                kind="name",
                positions=[
                    Position(
                        value=form,
                        evidence=sorted(arts.values(), key=lambda e: (e.article, e.sentence))[
                            :EVIDENCE_PER_FORM
                        ],
                    )
                    for form, arts in written
                ],
                note=f"{who}. Taken for one {entity.type.lower()}: {why}",
            )
        )
    return conflicts
