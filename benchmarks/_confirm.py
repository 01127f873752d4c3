"""What ``eval_confirm.py`` shares: stories linked from a store, claims keyed by evidence.

A claim is keyed by its evidence (article id, sentence index) pairs, so a label given
to a claim of one build finds it again in another build whatever its id or text.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

log = logging.getLogger("eval_confirm")

Ref = tuple[str, int]  # (article id, sentence index)


@dataclass
class Linked:
    """One story: its articles, annotations and links (``storyline.link.link_story``)."""

    topic: str
    articles: list[Any]
    annotations: list[Any]
    links: Any

    def sentence(self, ref: Ref) -> str:
        for ann in self.annotations:
            if ann.article == ref[0] and ref[1] < len(ann.sentences):
                return str(ann.sentences[ref[1]].text)
        return ""


def claim_key(refs: list[Ref] | set[Ref]) -> str:
    """A claim's key: a hash of its sorted evidence references."""
    text = ";".join(f"{a}:{s}" for a, s in sorted(refs))
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def refs_of(claim: Any) -> list[Ref]:
    return sorted((e.article, e.sentence) for e in claim.evidence)


def timeline17(db: str, only: list[str] | None = None) -> list[Linked]:
    """Every Timeline17 topic (or ``only`` those) ingested as ``eval_tls.py`` ingests it
    (``_timeline17.documents``), annotated into store ``db`` (annotations kept there are
    reused) and linked, each topic one story."""
    from _common import TIMELINE17
    from _timeline17 import documents, topics, write_jsonl

    from storyline import engine
    from storyline.model import Story
    from storyline.settings import load_settings
    from storyline.store import open_store

    settings = load_settings(db=db, workers=1, read_sentences=16, embed_sentences=8)
    store = open_store(settings.db)
    try:
        chosen = {t: dirs for t, dirs in topics(TIMELINE17).items() if not only or t in only}
        ids: dict[str, list[str]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for topic, dirs in chosen.items():
                rep = engine.ingest(
                    [write_jsonl(documents(dirs), Path(tmp) / f"{topic}.jsonl")], store, settings
                )
                ids[topic] = sorted(set(rep.added + rep.unchanged))
        engine.annotate(store, settings)
        annotated = set(store.article_ids(annotated=True))
        out = []
        for topic in chosen:
            story = Story(id=topic, title=topic, articles=[a for a in ids[topic] if a in annotated])
            out.append(Linked(topic, *engine.linked(story, store, settings)))
            log.info("linked %s", topic)
        return out
    finally:
        store.close()


def seeds(db: str, folder: Path) -> list[Linked]:
    """The stories of the reports in ``folder``, ingested and annotated into store ``db``."""
    from storyline import engine
    from storyline.settings import load_settings
    from storyline.store import open_store

    settings = load_settings(db=db, workers=1)
    store = open_store(settings.db)
    try:
        engine.ingest([folder], store, settings)
        engine.annotate(store, settings)
        out = []
        for story in engine.stories_of(store, settings):
            arts, anns, links = engine.linked(story, store, settings)
            out.append(Linked(f"seeds:{story.id}", arts, anns, links))
        return out
    finally:
        store.close()
