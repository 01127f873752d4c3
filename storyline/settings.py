"""One typed settings object, built once at start and passed down.

Precedence: shipped defaults < a user TOML file < command-line overrides.
The file is ``$STORYLINE_CONFIG`` or ``~/.config/storyline/config.toml`` when it
exists, or whatever ``--config`` names. Every value is validated here, once,
so that the stages can trust it.

``Settings`` is composed of one section per part of the flow (``IngestSettings``,
``AnnotateSettings``, ``LinkSettings``, ``SynthesizeSettings``, ``RenderSettings``,
``ExecutorSettings``),
each with its own checks; ``settings.link`` and the like give a section alone. The
names stay flat (``claim_similarity``, not ``link.claim_similarity``) in the file,
the command line and the code, so every config file written so far still loads; a
file may also group them in tables named after the sections (``[storyline.link]``).

A setting whose default is None takes its stage's own default (for example
``story_similarity``: link/story_config.py), so that a default is defined once.

The stages' tuned constants live in each stage's own config (``STAGE_CONFIGS``: story
detection's Weights, ClaimsConfig, TimelineConfig, EventsConfig, FiguresConfig), one line
each on what they do.
``tuning`` holds overrides of them by config name (``[storyline.tuning.timeline]`` in a
file); ``settings.tuned("timeline")`` is that config with them, or None when nothing is
overridden, and a stage's module is imported only when its table is given. The flat
settings that are fields of a stage config (``claim_similarity`` is ClaimsConfig's
``similarity``) go into it too.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from storyline.annotate.budget import Budget

from storyline.calendar_safe import iso_day
from storyline.errors import EXTRAS, ConfigError, MissingExtraError
from storyline.model import defaults

DASK_INSTALL = EXTRAS["dask"]
EMBEDDERS = ("minilm-int8", "use-multilingual", "e5-small-q4")  # annotate/embed.py
# Encoders that place a sentence and its translation close together (annotate/embed.py);
# with another, reports in other languages do not link to the English ones.
MULTILINGUAL_EMBEDDERS = ("use-multilingual", "e5-small-q4")
S = TypeVar("S")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestSettings:
    """Stage 1: reading the inputs."""

    max_bytes: int = defaults.MAX_BYTES  # larger input files are rejected

    def _check_ingest(self) -> None:
        _check(self.max_bytes >= 1, "max_bytes", self.max_bytes, "a positive number of bytes")


@dataclass(frozen=True)
class AnnotateSettings:
    """Stage 2: what the annotator reads and embeds, in chunks of how many articles."""

    embedder: str = defaults.EMBEDDER
    # Sentences per article read closely and embedded (0: all); see annotate/budget.py
    read_sentences: int = 0
    embed_sentences: int = 0
    chunk_size: int = 64  # articles per annotate batch
    # One article's annotation may take this long before it is stopped and recorded as a
    # failure, so that a sentence the parser loops on never stalls the batch (0: no limit;
    # enforced where the annotator runs in a process's main thread: local and process)
    article_seconds: float = 120.0

    def _check_annotate(self) -> None:
        _check(self.embedder in EMBEDDERS, "embedder", self.embedder, f"one of {EMBEDDERS}")
        for name in ("read_sentences", "embed_sentences"):
            _check(getattr(self, name) >= 0, name, getattr(self, name), "an integer >= 0 (0: all)")
        _check(self.chunk_size >= 1, "chunk_size", self.chunk_size, "an integer >= 1")
        _check(
            self.article_seconds >= 0, "article_seconds", self.article_seconds,
            "a number of seconds >= 0 (0: no limit)",
        )  # fmt: skip

    @property
    def budget(self) -> Budget:
        """The annotator's sentence budgets (imported here: settings load no stage)."""
        from storyline.annotate.budget import Budget

        return Budget(read=self.read_sentences, embed=self.embed_sentences)


@dataclass(frozen=True)
class LinkSettings:
    """Stage 3: copies, stories and claims (cosines of MiniLM vectors unless said)."""

    # MinHash Jaccard over word 5-shingles: a copy of the same text (None: link_story's, 0.8)
    duplicate_jaccard: float | None = None
    # Story detection (None: its own defaults, link/story_config.py Weights.threshold/window_days)
    story_similarity: float | None = None  # score an article needs to join a story
    story_window_days: int | None = None  # articles further apart than this never share a story
    # Two sentences tell the same fact (None: the claims stage's, link/claims.py ClaimsConfig)
    claim_similarity: float | None = None
    # Whether the unattributed reports (no known outlet) count as one confirming source beside
    # known outlets; off: they confirm only each other (an unattributed page may be the known
    # outlet's own), so no fact is "confirmed" by an outlet and a page of unknown origin.
    unattributed_confirms: bool = False

    def _check_link(self) -> None:
        for name in ("duplicate_jaccard", "story_similarity", "claim_similarity"):
            value = getattr(self, name)
            _check(value is None or 0.0 < value <= 1.0, name, value, "a number in (0, 1]")
        window = self.story_window_days
        _check(window is None or window >= 1, "story_window_days", window, ">= 1")
        _check(
            isinstance(self.unattributed_confirms, bool),
            "unattributed_confirms",
            self.unattributed_confirms,
            "true or false",
        )


@dataclass(frozen=True)
class SynthesizeSettings:
    """Stage 4: how long the timeline and summary are, and what they cover."""

    timeline_max_events: int = 40
    # The timeline's window (ISO days, inclusive): read from the reports published within
    # it, dated within it. None: the whole story.
    timeline_from: str | None = None
    timeline_until: str | None = None
    summary_max_sentences: int = 8
    # Single-source facts shown among the key claims (the rest stay in JSON and "all claims")
    key_claims: int = 20

    def _check_synthesize(self) -> None:
        _check(self.key_claims >= 0, "key_claims", self.key_claims, "an integer >= 0")
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


@dataclass(frozen=True)
class RenderSettings:
    """Stage 5: where the dossiers are written, and for a reader of which language."""

    out: str = "out"  # where `build` writes dossiers
    # The reader's language (ISO 639-1): reports and summary sentences in another are named
    # with their language in the Markdown and HTML reports.
    reader_language: str = "en"

    def _check_render(self) -> None:
        _check(
            isinstance(self.reader_language, str)
            and re.fullmatch(r"[a-z]{2,3}", self.reader_language) is not None,
            "reader_language",
            self.reader_language,
            'an ISO 639-1 code such as "en" or "es"',
        )


@dataclass(frozen=True)
class ExecutorSettings:
    """Where stage 2 runs: an executor by name (storyline/executors.py), and its size."""

    executor: str = "local"  # in this process, a process pool, or on Dask
    workers: int = 2  # processes for the "process" executor (and a local Dask cluster)
    scheduler: str | None = None  # address of an existing Dask scheduler (executor "dask")

    def _check_executor(self) -> None:
        from storyline.executors import EXECUTORS  # the names are the executors'

        names = tuple(EXECUTORS)
        _check(self.executor in names, "executor", self.executor, f"one of {names}")
        _check(self.workers >= 1, "workers", self.workers, "an integer >= 1")
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


class _Section(Generic[S]):
    """``settings.<name>``: the section ``kind`` of the settings, alone."""

    def __init__(self, kind: type[S]) -> None:
        self.kind = kind

    def __get__(self, settings: Settings, owner: type | None = None) -> S:
        return settings.section(self.kind)


# Each stage's config of tuned constants ("module:class"), by its name under ``tuning``,
# and the flat settings that set one of its fields.
STAGE_CONFIGS = {
    "stories": "storyline.link.story_config:Weights",
    "claims": "storyline.link.claims:ClaimsConfig",
    "timeline": "storyline.synthesize.timeline.config:TimelineConfig",
    "events": "storyline.link.events.config:EventsConfig",
    "figures": "storyline.synthesize.measures:FiguresConfig",
}
FLAT_FIELDS = {
    "stories": {"story_similarity": "threshold", "story_window_days": "window_days"},
    "claims": {"claim_similarity": "similarity"},
}
# Fields a stage config no longer has, and why: a config file that still sets one loads,
# with a warning, rather than failing (old files keep working).
RETIRED_FIELDS = {
    "timeline": {
        "listed": "the days a story's chronologies list now always rank ahead of days only "
        "counted, so their weight is gone",
    },
}


SECTIONS: dict[str, type] = {
    "ingest": IngestSettings,
    "annotate": AnnotateSettings,
    "link": LinkSettings,
    "synthesize": SynthesizeSettings,
    "render": RenderSettings,
    "executor": ExecutorSettings,
}


@dataclass(frozen=True)
class Settings(
    IngestSettings,
    AnnotateSettings,
    LinkSettings,
    SynthesizeSettings,
    RenderSettings,
    ExecutorSettings,
):
    db: str = "storyline.sqlite"  # the store: a SQLite file, or a postgresql:// URL
    # An article or story a stage raises on is recorded as a failure and the run goes on;
    # strict re-raises the original exception instead (for development: --strict)
    strict: bool = False
    # Overrides of the stages' tuned constants, by STAGE_CONFIGS name, then field name
    tuning: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    # Each section alone: settings.link is a LinkSettings of these settings' values.
    ingest: ClassVar[_Section[IngestSettings]] = _Section(IngestSettings)
    annotate: ClassVar[_Section[AnnotateSettings]] = _Section(AnnotateSettings)
    link: ClassVar[_Section[LinkSettings]] = _Section(LinkSettings)
    synthesize: ClassVar[_Section[SynthesizeSettings]] = _Section(SynthesizeSettings)
    render: ClassVar[_Section[RenderSettings]] = _Section(RenderSettings)
    execution: ClassVar[_Section[ExecutorSettings]] = _Section(ExecutorSettings)

    def __post_init__(self) -> None:
        self._check_executor()
        self._check_annotate()
        self._check_synthesize()
        self._check_ingest()
        self._check_link()
        self._check_render()
        _check(isinstance(self.strict, bool), "strict", self.strict, "true or false")
        for name in self.tuning:
            self.tuned(name)  # a bad name, field or value fails here, once

    def tuned(self, name: str) -> Any:
        """The stage config ``name`` (STAGE_CONFIGS) with these settings' overrides, or
        None when they override none of it: the stage then uses its own defaults."""
        where = STAGE_CONFIGS.get(name)
        if where is None:
            raise ConfigError(
                f"setting 'tuning' has a table {name!r}; the stage configs that can be tuned "
                f"are {sorted(STAGE_CONFIGS)}"
            )
        values = dict(self.tuning.get(name) or {})
        for retired, why in RETIRED_FIELDS.get(name, {}).items():
            if values.pop(retired, None) is not None:
                log.warning("setting 'tuning.%s.%s' is ignored: %s", name, retired, why)
        for flat, inner in FLAT_FIELDS.get(name, {}).items():
            if getattr(self, flat) is not None:
                values[inner] = getattr(self, flat)
        if not values:
            return None
        module, cls = where.split(":")
        kind = getattr(importlib.import_module(module), cls)
        known = {f.name for f in fields(kind)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"setting 'tuning.{name}' has unknown field(s) {unknown}; {cls} has {sorted(known)}"
            )
        return kind(**values)

    def section(self, kind: type[S]) -> S:
        """The section ``kind`` of these settings, alone (a frozen copy of its values)."""
        return kind(**{f.name: getattr(self, f.name) for f in fields(kind)})  # type: ignore[arg-type]


def _is_day(value: object) -> bool:
    return isinstance(value, str) and len(value) == 10 and iso_day(value) is not None


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
        values.update(_flat(data.get("storyline", data), path))
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


def _flat(table: dict[str, Any], path: Path) -> dict[str, Any]:
    """The file's settings by their flat names: a table named after a section
    (``[storyline.link]``) holds that section's settings."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        section = SECTIONS.get(key)
        if section is None or not isinstance(value, dict):
            out[key] = value
            continue
        names = {f.name for f in fields(section)}
        stray = sorted(set(value) - names)
        if stray:
            raise ConfigError(
                f"config file {str(path)!r}: unknown setting(s) {stray} in [storyline.{key}]; "
                f"its settings: {sorted(names)}"
            )
        out.update(value)
    return out
