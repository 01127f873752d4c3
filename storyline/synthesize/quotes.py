"""Quotes by speaker: the same words told by several outlets are one quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Annotation, Entity, Evidence, QuoteEntry

_WORD = re.compile(r"\w+")
SAME_QUOTE = 0.6


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def collect_quotes(
    annotations: Sequence[Annotation],
    entities: Sequence[Entity],
    mention_entity: dict[str, str],
) -> list[QuoteEntry]:
    alias_entity: dict[str, str] = {}
    for e in entities:
        if e.type == "PERSON":
            for alias in [e.name, *e.aliases]:
                alias_entity.setdefault(alias.lower(), e.id)
    entries: list[tuple[QuoteEntry, set[str]]] = []
    for ann in annotations:
        for q in ann.quotes:
            if not q.text.strip():
                continue
            speaker_entity = _speaker_entity(q.speaker, ann, mention_entity, alias_entity)
            ev = [
                Evidence(article=ann.article, sentence=i, text=ann.sentences[i].text)
                for i in q.sentences or [q.sentence]
            ]
            words = _words(q.text)
            for entry, ewords in entries:
                if (
                    entry.direct == q.direct
                    and _same(words, ewords)
                    and (
                        entry.speaker_entity == speaker_entity
                        or None in (entry.speaker_entity, speaker_entity)
                    )
                ):
                    entry.evidence.extend(e for e in ev if e not in entry.evidence)
                    if entry.speaker_entity is None and speaker_entity:
                        entry.speaker_entity, entry.speaker = speaker_entity, q.speaker
                    break
            else:
                entries.append(
                    (
                        QuoteEntry(
                            speaker=q.speaker,
                            speaker_entity=speaker_entity,
                            text=q.text,
                            direct=q.direct,
                            evidence=ev,
                        ),
                        words,
                    )
                )
    out = [e for e, _ in entries]
    out.sort(key=lambda e: (e.speaker_entity or "~", -len(e.evidence), e.text))
    return out


def _same(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return (
        len(a & b) / min(len(a), len(b)) >= SAME_QUOTE and len(a & b) / max(len(a), len(b)) >= 0.4
    )


def _speaker_entity(
    speaker: str | None,
    ann: Annotation,
    mention_entity: dict[str, str],
    alias_entity: dict[str, str],
) -> str | None:
    if not speaker:
        return None
    for m in ann.mentions:
        if m.label == "PERSON" and (m.text == speaker or speaker.endswith(m.text)):
            eid = mention_entity.get(f"{ann.article}:{m.start}")
            if eid:
                return eid
    return alias_entity.get(speaker.lower())
