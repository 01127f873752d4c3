"""Errors raised by storyline.

    StorylineError                 root: catch this to catch everything of ours
    ├── ConfigError                a setting has a bad value (names the setting and what is allowed)
    ├── InputError                 one input cannot be read (names the file and the reason)
    ├── StoreError                 the store cannot be opened or written
    ├── ModelUnavailableError      a model package is not installed (names the install command)
    └── NotFoundError              a story or article id that is not in the store

Third-party errors are wrapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""


class ConfigError(StorylineError):
    """A setting has a value that is not allowed."""


class InputError(StorylineError):
    """One input cannot be ingested."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(StorylineError):
    """The store cannot be opened, read or written."""


class ModelUnavailableError(StorylineError):
    """A model that a stage needs is not installed."""


class NotFoundError(StorylineError):
    """No story or article with that id in the store."""
