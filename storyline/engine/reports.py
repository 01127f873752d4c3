"""What a run reports: the articles it added, the inputs it refused, what failed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storyline.model import Failure, Rejection, Story


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # ids new to the store
    unchanged: list[str] = field(default_factory=list)  # ids already stored
    problems: list[Rejection] = field(default_factory=list)
    # Articles and stories a later stage raised on (annotate, infer_dates, link, ...)
    failures: list[Failure] = field(default_factory=list)

    @property
    def rejected(self) -> list[Rejection]:
        return [p for p in self.problems if p.rejected]


@dataclass
class UpdateReport(IngestReport):
    """What ``engine.update`` did: the ingest report, the stories, and which changed."""

    stories: list[Story] = field(default_factory=list)  # every story, after this update
    # The stories whose stored dossier is not built from what they hold now (new or other
    # members, another annotator or settings, no dossier yet, or a member newly dated):
    # the ones to build again.
    changed: list[Story] = field(default_factory=list)
    redated: set[str] = field(default_factory=set)  # articles given an inferred date now


@dataclass
class BuildReport(UpdateReport):
    outputs: dict[str, dict[str, Path]] = field(default_factory=dict)  # story id -> kind -> path

    @property
    def dossiers(self) -> list[Path]:
        return [o["json"] for o in self.outputs.values()]


def problem_text(p: Rejection) -> str:
    """One line for the user: file (and line), rejected or warning, and the reason."""
    where = f"{p.path}:{p.line}" if p.line is not None else p.path
    kind = "rejected" if p.rejected else "warning"
    return f"{where}: {kind}: {p.reason}"
