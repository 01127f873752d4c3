"""Errors raised by storyline.

    StorylineError                 root: catch this to catch everything of ours
    ├── ConfigError                a setting has a bad value (names the setting and what is allowed)
    │   └── MissingExtraError      a setting needs an optional extra that is not installed
    │                              (web, dask, postgres; names the pip command)
    ├── InputError                 one input cannot be read (names the file and the reason)
    ├── StoreError                 the store cannot be opened, read or written
    ├── ModelUnavailableError      a model package is not installed (names the install command)
    ├── RecognizerError            the time-expression recognizer failed on one text
    ├── AnnotateTimeout            annotating one article took longer than its limit
    └── NotFoundError              a story or article id that is not in the store

Beside these, modules define errors of their own under the same root: the web app's
refusals (``web.search.QueryError``, ``web.bodies.BodyError``) and the live sources'
(``sources.fetch.FetchError``, ``sources.listings.ListingError``,
``sources.addresses.AddressError``).

ConfigError, MissingExtraError, ModelUnavailableError and StoreError are about the setup,
not one record: they stop a run (``storyline.guard.FATAL``); the others of one article or
story are recorded as its failure and the run goes on.

Third-party errors are wrapped at the boundary with ``raise ... from exc``.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Root of every error storyline raises on purpose."""


class ConfigError(StorylineError):
    """A setting has a value that is not allowed."""


# The command that installs each optional extra, as the messages give it.
EXTRAS = {
    "web": "pip install 'storyline[web]'  (fastapi, uvicorn, jinja2, python-multipart)",
    "dask": "pip install 'storyline[dask]'  (or: pip install 'dask[distributed]')",
    "postgres": "pip install 'storyline[postgres]'  (or: pip install 'psycopg[binary]>=3.2')",
}


class MissingExtraError(ConfigError):
    """What a setting asks for needs an optional extra that is not installed.

    ``needs`` says who needs what ("executor 'dask' needs Dask's distributed
    scheduler"); the message adds the pip command of ``extra`` and, if given, the
    other choice (``otherwise``).
    """

    def __init__(self, extra: str, needs: str, otherwise: str = "") -> None:
        self.extra = extra
        self.command = EXTRAS[extra]
        alternative = f", or {otherwise}" if otherwise else ""
        super().__init__(
            f"{needs}, which is not installed; install it with: {self.command}{alternative}"
        )


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


class RecognizerError(StorylineError):
    """The time-expression recognizer (Recognizers-Text) failed on a piece of text."""


class AnnotateTimeout(StorylineError):
    """Annotating one article (or chunk) took longer than ``annotate.article_seconds``."""


class NotFoundError(StorylineError):
    """No story or article with that id in the store."""
