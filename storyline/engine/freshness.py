"""Whether a story's stored dossier is up to date: its fingerprint, what it is made from."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from storyline import annotate as annotate_stage
from storyline.model import Story
from storyline.settings import Settings
from storyline.store import Store


def fingerprint(story: Story, settings: Settings) -> str:
    """What a story's dossier is made from: its articles, the annotator, the code (its
    version and its source, ``code_digest``) and the settings that shape the dossier
    (timeline length and window, summary length)."""
    from storyline import __version__

    parts = [
        __version__,
        code_digest(),
        annotate_stage.annotator_version(settings.embedder, settings.budget),
        f"timeline {settings.timeline_max_events} {settings.timeline_span}",
        f"summary {settings.summary_max_sentences}",
        f"claims {settings.key_claims} {settings.unattributed_confirms}",
        # what was set beyond the stages' defaults (nothing by default)
        *_tuning(settings),
        *([f"reader {settings.reader_language}"] if settings.reader_language != "en" else []),
        *story.articles,
    ]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


@functools.cache
def code_digest() -> str:
    """A digest of the installed package's Python source, read once per process.

    Why: the version string changes only at a release, and a build run with newer code on
    a store an older build filled would otherwise keep every dossier whose articles did not
    change, with the older code's timeline, claims and ledger. Reading the package's
    modules (under 2 MB) takes milliseconds."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _tuning(settings: Settings) -> list[str]:
    """The link thresholds and stage constants these settings change, one line each."""
    lines = [f"duplicates {settings.duplicate_jaccard}"] if settings.duplicate_jaccard else []
    for name in ("claims", "timeline", "events", "figures"):
        config = settings.tuned(name)
        if config is not None:
            lines.append(f"{name} {config!r}")
    return lines


def out_of_date(stories: Iterable[Story], store: Store, settings: Settings) -> list[Story]:
    """The stories whose stored dossier was not built from what they hold now.

    A story whose dossier fingerprint matches has had its dates inferred over the
    same articles, annotations and code when that dossier was built; doing it
    again cannot give a date, so ``build`` infers dates only for these stories.
    """
    return [s for s in stories if store.dossier_fingerprint(s.id) != fingerprint(s, settings)]
