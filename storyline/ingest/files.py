"""Finding input files and reading them as text.

Everything that can go wrong with a file before its content is parsed is
reported here as a :class:`~storyline.model.Rejection`: a path that does not
exist, a symbolic link loop, a file too large, empty, binary, unreadable, or
not UTF-8 (a warning: the file is still read, line by line in the encoding
each line is in).
"""

from __future__ import annotations

import codecs
import errno
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
# When text that is not UTF-8 does not read as Western European cp1252 (see
# _looks_western), the encodings charset_normalizer finds equally good are
# ranked by how common they are for news text: the Windows code pages, by use
# on the web; alone it often picks a DOS, Mac or Baltic code page for short text.
_PREFERRED_FALLBACKS = ("cp1251", "cp1250", "cp1253", "cp1254", "cp1256", "cp1255", "cp1257")
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


def _walk_dir(
    folder: str, ancestors: tuple[tuple[int, int], ...] = ()
) -> Iterator[str | Rejection]:
    # Not os.walk: it lists a folder's files before its subfolders, and we want
    # one order by name throughout ("a/1.txt" before "b.txt"). ``ancestors``
    # are the (device, inode) of the folders above: a symbolic link back to one
    # of them is a loop, reported once and not followed.
    try:
        here = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Rejection(path=folder, reason=f"cannot list the folder: {_os_reason(exc)}")
        return
    ancestors = (*ancestors, (here.st_dev, here.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            identity = (entry.stat().st_dev, entry.stat().st_ino) if is_dir else None
        except OSError as exc:
            yield Rejection(path=entry.path, reason=f"cannot read: {_os_reason(exc)}; skipped")
            continue
        if identity is not None and identity in ancestors:
            reason = "symbolic link loop: it leads back to a folder above it; not followed"
            yield Rejection(path=entry.path, reason=reason)
        elif is_dir:
            yield from _walk_dir(entry.path, ancestors)
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
    text, how = _decode(data)
    if text is None:
        return None, [Rejection(path=path, reason="binary file: not text")]
    warnings = []
    if how is not None:
        logger.info("%s: %s", path, how)
        warnings.append(Rejection(path=path, reason=how, rejected=False))
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None, [Rejection(path=path, reason="binary file: mostly not text")]
    return Source(path=path, kind=kind_of(path, text[:_SNIFF_BYTES]), text=text), warnings


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text and, if it was not UTF-8 throughout, how it was read (a warning for the user);
    ``(None, None)`` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), f"not UTF-8; decoded as {encoding}"
            except UnicodeDecodeError:
                return None, None
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None, None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    return _decode_mixed(data.removeprefix(codecs.BOM_UTF8))


def _decode_mixed(data: bytes) -> tuple[str, str]:
    """Text that is not valid UTF-8, decoded line by line, and what was done.

    Hand-written because files in the wild mix encodings: a UTF-8 feed with one
    record pasted from a Latin-1 page, UTF-8 text with a stray Windows byte.
    charset-normalizer picks one encoding for a whole file, so a mixed file
    comes out garbled either way (and for short Western European text it
    often picks iso8859_10 or mac_latin2). Here each line keeps UTF-8 where it
    is UTF-8; a line that is mostly UTF-8 reads its few invalid bytes as
    cp1252; the other lines are read in one legacy encoding guessed from them
    alone.
    """
    lines = data.split(b"\n")
    kinds = [_line_kind(line) for line in lines]
    legacy_numbers = [n for n, kind in enumerate(kinds, start=1) if kind == "legacy"]
    patched_numbers = [n for n, kind in enumerate(kinds, start=1) if kind == "patched"]
    encoding = _legacy_encoding(b"\n".join(lines[n - 1] for n in legacy_numbers))
    texts = []
    for line, kind in zip(lines, kinds, strict=True):
        if kind == "legacy":
            texts.append(_decode_legacy(line, encoding))
        else:
            texts.append(line.decode("utf-8", errors=_CP1252_ERRORS))
    text = "\n".join(texts)
    label = encoding.replace("_", "-")
    if not patched_numbers and not any(kind == "utf-8" for kind in kinds):
        return text, f"not UTF-8; decoded as {label}"
    parts = []
    if legacy_numbers:
        parts.append(f"{_lines(legacy_numbers)} decoded as {label}")
    if patched_numbers:
        bad = sum(_invalid_sequences(lines[n - 1]) for n in patched_numbers)
        parts.append(f"{bad} invalid byte sequence(s) on {_lines(patched_numbers)} read as cp1252")
    return text, "not UTF-8 throughout: " + "; ".join(parts) + "; the rest is UTF-8"


def _line_kind(line: bytes) -> Literal["ascii", "utf-8", "patched", "legacy"]:
    if line.isascii():
        return "ascii"
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    # UTF-8 with a few broken bytes (a truncated copy, one stray Latin-1 byte):
    # its valid multi-byte characters outnumber the broken ones, which a line
    # in a single-byte encoding almost never shows by chance.
    replaced = line.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd")
    if sum(ord(char) > 127 for char in replaced) - broken > broken:
        return "patched"
    return "legacy"


def _invalid_sequences(line: bytes) -> int:
    return line.decode("utf-8", errors="replace").count("\ufffd")


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:_MAX_LINES_NAMED]))
    more = f" and {len(numbers) - _MAX_LINES_NAMED} more" if len(numbers) > _MAX_LINES_NAMED else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _legacy_encoding(data: bytes) -> str:
    """The single-byte (or legacy multi-byte) encoding of text that is not UTF-8."""
    if not data:
        return "cp1252"
    if _looks_western(_decode_legacy(data, "cp1252")):
        return "cp1252"
    matches = list(from_bytes(data))
    if matches:
        least = min(match.chaos for match in matches)
        best = [match for match in matches if match.chaos <= least + 0.01]
        names = {codecs.lookup(match.encoding).name for match in best}
        text = str(best[0])
        for name in _PREFERRED_FALLBACKS:
            if codecs.lookup(name).name in names or _decodes_to(data, name, text):
                return name
        return codecs.lookup(best[0].encoding).name
    return "latin_1"


def _looks_western(text: str) -> bool:
    """True if ``text`` read as cp1252 is plausible Western European prose.

    Its characters beyond ASCII are Latin letters or common typographic signs,
    a sign touches a letter only where it would in prose ("¿Qué", "dijo»"),
    and the letters beyond ASCII are a minority (French, Spanish, German or
    Portuguese text has under a tenth). Cyrillic or Greek text read as cp1252
    also gives Latin letters ("Ïðèâåò"), but nearly all of its letters are then
    non-ASCII; Central European text gives signs inside words ("powiedzia³").
    """
    letters = wide = 0
    for index, char in enumerate(text):
        if char.isascii():
            letters += char.isalpha()
            continue
        if char.isalpha():
            if not unicodedata.name(char, "").startswith("LATIN"):
                return False
            letters += 1
            wide += 1
            continue
        before = text[index - 1 : index]
        after = text[index + 1 : index + 2]
        if (
            char not in _WESTERN_SIGNS
            or (before.isalpha() and char not in _SIGNS_AFTER_LETTER)
            or (after.isalpha() and char not in _SIGNS_BEFORE_LETTER)
        ):
            return False
    return wide <= _MAX_WIDE_LETTER_SHARE * max(letters, 1)


def _decodes_to(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


def _decode_legacy(data: bytes, encoding: str) -> str:
    if encoding == "cp1252":
        return "".join(map(_CP1252.__getitem__, data))
    return data.decode(encoding, errors="replace")


def _cp1252_errors(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8, read as cp1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return _decode_legacy(exc.object[exc.start : exc.end], "cp1252"), exc.end


# cp1252 leaves five bytes undefined; read them as Latin-1 (C1 controls) so
# that decoding never fails.
_CP1252 = [bytes([i]).decode("cp1252", errors="ignore") or chr(i) for i in range(256)]
_CP1252_ERRORS = "storyline.cp1252"
codecs.register_error(_CP1252_ERRORS, _cp1252_errors)
_WESTERN_SIGNS = frozenset("\u00a0“”‘’‚„–—…«»‹›€£¥¢°·×÷§¶©®™•¡¿ºª´¨¸½±µ†‡‰")
_SIGNS_AFTER_LETTER = frozenset("\u00a0”’»›…–—™®°·ºª")
_SIGNS_BEFORE_LETTER = frozenset("\u00a0“‘«‹¿¡…–—·")
_MAX_WIDE_LETTER_SHARE = 0.3
_MAX_LINES_NAMED = 5


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
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (too many levels of symbolic links)"
    return exc.strerror or str(exc)
