"""Finding input files and reading them as text.

Everything that can go wrong with a file before its content is parsed is
reported here as a :class:`~storyline.model.Rejection`: a path that does not
exist, a file too large, empty, binary, unreadable, or not UTF-8 (a warning:
the file is still read, with the encoding we detected).
"""

from __future__ import annotations

import codecs
import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from storyline.model import Rejection

logger = logging.getLogger(__name__)

Kind = Literal["text", "json", "jsonl", "html"]

_KIND_BY_SUFFIX: dict[str, Kind] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}

# How much of a file we look at to decide whether it is binary or HTML.
_SNIFF_BYTES = 8192
# Above this share of control characters a decoded file is taken for binary data.
_MAX_CONTROL_SHARE = 0.05
# When a file is not UTF-8, encodings that decode it equally well are ranked by
# how common they are for news text; charset_normalizer alone often picks a
# DOS or Baltic code page for short Western European text.
_PREFERRED_FALLBACKS = ("cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """One input file read as text, with the kind of content it holds."""

    path: str
    kind: Kind
    text: str


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | Rejection]:
    """Yield every file under ``paths``; folders recursively, in sorted order.

    Hidden files and folders (names starting with a dot) inside a folder are
    skipped; a path given explicitly is always read.
    """
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            yield from _walk_dir(path)
        elif os.path.lexists(path):
            yield path
        else:
            yield Rejection(path=path, reason="no such file or folder")


def _walk_dir(folder: str) -> Iterator[str | Rejection]:
    # Not os.walk: it lists a folder's files before its subfolders, and we want
    # one order by name throughout ("a/1.txt" before "b.txt").
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejection(path=folder, reason=f"cannot list the folder: {_os_reason(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk_dir(entry.path)
        else:
            yield entry.path


def kind_of(path: str, head: str) -> Kind:
    """The kind of a file: by its extension, else by its first characters."""
    suffix = Path(path).suffix.lower()
    if suffix in _KIND_BY_SUFFIX:
        return _KIND_BY_SUFFIX[suffix]
    start = head.lstrip()[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in start:
        return "html"
    return "text"


def load(path: str, *, max_bytes: int) -> tuple[Source | None, list[Rejection]]:
    """Read one file as text; the Rejections say why not, or warn about it."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return None, [Rejection(path=path, reason=f"cannot read: {_os_reason(exc)}")]
    if not Path(path).is_file():
        return None, [Rejection(path=path, reason="not a regular file")]
    if info.st_size > max_bytes:
        reason = (
            f"too large: {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes; "
            f"raise the limit with --max-bytes {info.st_size}"
        )
        return None, [Rejection(path=path, reason=reason)]
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return None, [Rejection(path=path, reason=f"cannot read: {_os_reason(exc)}")]
    if len(data) > max_bytes:  # the file grew after stat
        reason = f"too large: over the limit of {max_bytes:,} bytes; raise it with --max-bytes"
        return None, [Rejection(path=path, reason=reason)]
    if not data.strip():
        return None, [Rejection(path=path, reason="empty file")]
    text, encoding = _decode(data)
    if text is None:
        return None, [Rejection(path=path, reason="binary file: not text")]
    warnings = []
    if encoding is not None:
        logger.info("%s is not UTF-8; decoded as %s", path, encoding)
        warnings.append(
            Rejection(path=path, reason=f"not UTF-8; decoded as {encoding}", rejected=False)
        )
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None, [Rejection(path=path, reason="binary file: mostly not text")]
    return Source(path=path, kind=kind_of(path, text[:_SNIFF_BYTES]), text=text), warnings


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and, if it was not UTF-8, the encoding used; ``(None, None)`` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None, None
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a truncated copy, one stray Latin-1 byte):
    # its valid multi-byte characters outnumber the broken ones, which a text
    # in a single-byte encoding almost never shows by chance.
    replaced = data.decode("utf-8-sig", errors="replace")
    broken = replaced.count("\ufffd")
    if sum(ord(char) > 127 for char in replaced) - broken > broken:
        return replaced, f"utf-8 with {broken} invalid byte sequence(s) replaced"
    matches = list(from_bytes(data))
    if matches:
        least = min(match.chaos for match in matches)
        best = [match for match in matches if match.chaos <= least + 0.01]
        names = {codecs.lookup(match.encoding).name for match in best}
        text = str(best[0])
        for name in _PREFERRED_FALLBACKS:
            if codecs.lookup(name).name in names or _decodes_to(data, name, text):
                return data.decode(name), name.replace("_", "-")
        return text, best[0].encoding
    # Latin-1 maps every byte, so this cannot fail: the last resort.
    return data.decode("latin-1"), "latin-1"


def _decodes_to(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    bad = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    )
    return bad / max(len(sample), 1)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
