"""One typed settings object, built once at start and passed down.

Precedence: shipped defaults < a user TOML file < command-line overrides.
The file is ``$STORYLINE_CONFIG`` or ``~/.config/storyline/config.toml`` when it
exists, or whatever ``--config`` names. Every value is validated here, once,
so that the stages can trust it.
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.annotate.budget import Budget

from storyline.errors import EXTRAS, ConfigError, MissingExtraError

EXECUTORS = ("local", "process", "dask")
DASK_INSTALL = EXTRAS["dask"]
EMBEDDERS = ("minilm-int8", "use-multilingual", "e5-small-q4")  # annotate/embed.py


@dataclass(frozen=True)
class Settings:
    db: str = "storyline.sqlite"  # path of the SQLite store
    out: str = "out"  # where `build` writes dossiers
    executor: str = "local"  # how stage 2 runs: in this process, a process pool, or on Dask
    workers: int = 2  # processes for the "process" executor (and a local Dask cluster)
    scheduler: str | None = None  # address of an existing Dask scheduler (executor "dask")
    chunk_size: int = 64  # articles per annotate batch
    max_bytes: int = 20_000_000  # larger input files are rejected
    embedder: str = "minilm-int8"
    # Sentences per article read closely and embedded (0: all); see annotate/budget.py
    read_sentences: int = 0
    embed_sentences: int = 0
    # Linking thresholds (cosine similarity of MiniLM vectors unless said otherwise)
    duplicate_jaccard: float = 0.8  # MinHash Jaccard over word 5-shingles: a copy of the same text
    # Story detection (None: its own defaults, link/story_config.py Weights.threshold/window_days)
    story_similarity: float | None = None  # score an article needs to join a story
    story_window_days: int | None = None  # articles further apart than this never share a story
    claim_similarity: float = 0.72  # two sentences tell the same fact
    timeline_max_events: int = 40
    # The timeline's window (ISO days, inclusive): read from the reports published within
    # it, dated within it. None: the whole story.
    timeline_from: str | None = None
    timeline_until: str | None = None
    summary_max_sentences: int = 8
    # An article or story a stage raises on is recorded as a failure and the run goes on;
    # strict re-raises the original exception instead (for development: --strict)
    strict: bool = False
    # Whether the unattributed reports (no known outlet) count as one confirming source beside
    # known outlets; off: they confirm only each other (an unattributed page may be the known
    # outlet's own), so no fact is "confirmed" by an outlet and a page of unknown origin.
    unattributed_confirms: bool = False
    # Single-source facts shown among the key claims (the rest stay in JSON and "all claims")
    key_claims: int = 20
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(self.executor in EXECUTORS, "executor", self.executor, f"one of {EXECUTORS}")
        _check(self.embedder in EMBEDDERS, "embedder", self.embedder, f"one of {EMBEDDERS}")
        _check(self.workers >= 1, "workers", self.workers, "an integer >= 1")
        _check(self.key_claims >= 0, "key_claims", self.key_claims, "an integer >= 0")
        if self.scheduler is not None and self.executor != "dask":
            raise ConfigError(
                f"setting 'scheduler' is {self.scheduler!r} but executor is {self.executor!r}; "
                "a scheduler address is used only with executor 'dask' (--executor dask)"
            )
        if self.executor == "dask" and importlib.util.find_spec("distributed") is None:
            raise MissingExtraError(
                "dask",
                "setting 'executor' is 'dask': it needs Dask's distributed scheduler",
                "choose 'local' or 'process'",
            )
        for name in ("read_sentences", "embed_sentences"):
            _check(getattr(self, name) >= 0, name, getattr(self, name), "an integer >= 0 (0: all)")
        _check(isinstance(self.strict, bool), "strict", self.strict, "true or false")
        _check(self.chunk_size >= 1, "chunk_size", self.chunk_size, "an integer >= 1")
        _check(self.max_bytes >= 1, "max_bytes", self.max_bytes, "a positive number of bytes")
        for name in ("duplicate_jaccard", "story_similarity", "claim_similarity"):
            value = getattr(self, name)
            _check(value is None or 0.0 < value <= 1.0, name, value, "a number in (0, 1]")
        window = self.story_window_days
        _check(window is None or window >= 1, "story_window_days", window, ">= 1")
        _check(
            self.timeline_max_events >= 1, "timeline_max_events", self.timeline_max_events, ">= 1"
        )
        for name in ("timeline_from", "timeline_until"):
            value = getattr(self, name)
            _check(value is None or _is_day(value), name, value, "a day as YYYY-MM-DD")
        if self.timeline_from and self.timeline_until:
            _check(
                self.timeline_from <= self.timeline_until,
                "timeline_until",
                self.timeline_until,
                f"on or after timeline_from ({self.timeline_from})",
            )
        _check(
            self.summary_max_sentences >= 1,
            "summary_max_sentences",
            self.summary_max_sentences,
            ">= 1",
        )

    @property
    def timeline_span(self) -> tuple[str, str] | None:
        """The timeline's window as (first day, last day), or None for the whole story."""
        if self.timeline_from is None and self.timeline_until is None:
            return None
        return (self.timeline_from or "0000-01-01", self.timeline_until or "9999-12-31")

    @property
    def budget(self) -> Budget:
        """The annotator's sentence budgets (imported here: settings load no stage)."""
        from storyline.annotate.budget import Budget

        return Budget(read=self.read_sentences, embed=self.embed_sentences)


def _is_day(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check(ok: bool, name: str, value: object, allowed: str) -> None:
    if not ok:
        raise ConfigError(f"setting {name!r} is {value!r}; it must be {allowed}")


def default_config_path() -> Path:
    env = os.environ.get("STORYLINE_CONFIG")
    if env:
        return Path(env)
    return Path.home() / ".config" / "storyline" / "config.toml"


def load_settings(config: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file (``config`` or the default path if it exists), then overrides.

    Overrides whose value is None are ignored, so CLI options left unset do not
    shadow the file.
    """
    values: dict[str, Any] = {}
    path = Path(config) if config is not None else default_config_path()
    if config is not None and not path.is_file():
        raise ConfigError(f"config file {str(path)!r} does not exist")
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {str(path)!r} is not valid TOML: {exc}") from exc
        values.update(data.get("storyline", data))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {unknown}; known settings: {sorted(known - {'extra'})}"
        )
    try:
        return replace(Settings(), **values)
    except TypeError as exc:
        raise ConfigError(f"bad setting: {exc}") from exc
