"""What a job reports: the job, each file's outcome, and the file names and reasons
shown for it, cleaned of folders, server paths and control characters."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from storyline.errors import StorylineError
from storyline.web.public import scrub

JobState = Literal["queued", "running", "done", "failed"]
OutcomeKind = Literal["added", "unchanged", "rejected", "warning", "failed"]
MAX_REASON = 500
SUFFIXES = (".txt", ".text", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm")
_MAX_NAME = 120


def display_name(name: str | None, fallback: str) -> str:
    """The user's file name for messages only: no folders, no control characters, short."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or fallback)[:_MAX_NAME]


def safe_suffix(name: str | None, default: str = ".txt") -> str:
    """The file kind from the user's name, limited to the kinds storyline reads."""
    lower = (name or "").lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return suffix
    return default


@dataclass
class Problem:
    file: str
    reason: str
    line: int | None = None
    rejected: bool = True


@dataclass
class Outcome:
    """What became of one file (or one record or line of it)."""

    file: str
    outcome: OutcomeKind
    article: str | None = None  # added, unchanged, or failed at a later stage
    reason: str | None = None
    line: int | None = None
    stage: str | None = None  # for "failed": ingest, annotate, synthesize, ...


@dataclass
class Job:
    id: str
    files: list[str]  # display names
    state: JobState = "queued"
    stage: str = "queued"
    done: int = 0
    total: int | None = None
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # stories rebuilt
    story_titles: dict[str, str] = field(default_factory=dict)  # their titles, by id
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "files": self.files,
            "added": self.added,
            "unchanged": self.unchanged,
            "problems": [p.__dict__ for p in self.problems],
            "outcomes": [o.__dict__ for o in self.outcomes],
            "stories": self.stories,
            "story_titles": self.story_titles,
            "error": self.error,
        }


def clip(text: str) -> str:
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def reason_of(exc: BaseException) -> str:
    """An exception for a web user: its kind and message, no server path, not too long."""
    message = scrub(str(exc))
    if isinstance(exc, StorylineError):
        return clip(message or type(exc).__name__)
    return clip(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)
