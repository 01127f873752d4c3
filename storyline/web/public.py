"""What the server may say about itself: no file system paths, sizes a reader can read.

Stored records carry the paths they were read from (``Article.path``, an inferred
date's note naming the article it matched, a failure's input file), and errors from
the store name its file. A web client needs none of that: :func:`scrub` replaces
every absolute path in a message by its last part (the file name), and
:func:`public_dossier` / :func:`public_article` do it for the records served.
Article text and evidence are never touched: evidence must stay the exact sentence.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from storyline.model import Article, Dossier, Published

# An absolute path: "/a/b" (at least two parts, so "/api" or a lone "/" stays), a home
# path "~/a", or a Windows path "C:\a". Not inside a word or a URL ("http://x/a/b"),
# nor one of this app's own URL paths ("/api/jobs/...").
_PATH = re.compile(
    r"""(?<![\w/:.~\\-])(?:[A-Za-z]:[\\/]|~/|/(?!(?:api|stories|articles|jobs|static)/))(?:[^\s/\\'"`<>(),;:]+[\\/])+[^\s/\\'"`<>(),;:]*"""
)
# CLI advice in store messages ("; run `storyline build`"): a web user has no shell.
_CLI_ADVICE = re.compile(r";?\s*(?:run\s+)?`storyline [^`]*`(?:\s+lists them)?")
_FIELDS_WITH_PATHS = frozenset({"path"})
_FIELDS_WITH_TEXT = frozenset({"note", "detail", "reason"})


def file_name(path: str | None) -> str | None:
    """The last part of ``path`` ("story.txt" for "/srv/in/story.txt")."""
    if not path:
        return path
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or None


def scrub(text: str) -> str:
    """``text`` with every absolute path cut to its file name and no CLI advice."""
    text = _PATH.sub(lambda m: file_name(m.group(0)) or "", text)
    return _CLI_ADVICE.sub("", text).strip()


def public_article(article: Article) -> Article:
    """``article`` as a client may see it: its file name only, its date note scrubbed."""
    note = article.published.note
    published = article.published
    if note:
        published = msgspec.structs.replace(published, note=scrub(note))
    return msgspec.structs.replace(article, path=file_name(article.path), published=published)


def public_published(published: Published) -> Published:
    if not published.note:
        return published
    return msgspec.structs.replace(published, note=scrub(published.note))


def public_dossier(dossier: Dossier) -> Dossier:
    """``dossier`` with file names for paths and no path in any note, detail or reason."""
    data = msgspec.to_builtins(dossier)
    return msgspec.convert(_walk(data), type=Dossier)


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _FIELDS_WITH_PATHS and isinstance(item, str):
                out[key] = file_name(item)
            elif key in _FIELDS_WITH_TEXT and isinstance(item, str):
                out[key] = scrub(item)
            else:
                out[key] = _walk(item)
        return out
    if isinstance(value, list):
        return [_walk(item) for item in value]
    return value


def readable_size(n: int) -> str:
    """A byte count as people say it: "2 MB", "1.5 MB", "800 kB", "900 bytes"."""
    for unit, size in (("GB", 1_000_000_000), ("MB", 1_000_000), ("kB", 1_000)):
        if n >= size:
            value = n / size
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            return f"{text} {unit}"
    return f"{n} bytes"
