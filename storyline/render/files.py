"""A dossier's folder on disk: its files written whole, and a stamp of what they hold.

Each file goes to a temporary name in the same folder, is flushed to disk (fsync) and
moved over the old one (``os.replace``), so a reader, or a run killed at any moment,
sees either the old file or the new one, never half of one. After the three files a
small stamp, ``.stamp.json``, records the dossier they were made from (its story,
``fingerprint`` and ``generated``) and each file's size and SHA-256. It is written
last: files that another dossier, a crash or a user changed since no longer match it.

Writers of one folder take turns (an exclusive ``flock`` on the folder), so two
builds writing the same output leave one dossier's three files, not a mix.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import msgspec

from storyline.errors import ConfigError
from storyline.model import Dossier

try:
    import fcntl
except ImportError:  # not POSIX: writes stay atomic, but writers of a folder do not take turns
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FILES = {"json": "dossier.json", "md": "dossier.md", "html": "index.html"}
STAMP = ".stamp.json"
_TEMP = ".tmp-"  # prefix of a file being written; one left behind is a killed writer's


class FileStamp(msgspec.Struct, frozen=True):
    bytes: int
    sha256: str


class Stamp(msgspec.Struct, frozen=True):
    """Which dossier a folder's files hold, and what each file must be."""

    story: str
    fingerprint: str | None
    generated: str
    files: dict[str, FileStamp] = {}


_dec_stamp = msgspec.json.Decoder(Stamp)


def write_files(dossier: Dossier, out_dir: Path, texts: dict[str, str]) -> dict[str, Path]:
    """Write ``texts`` (kind -> text, the kinds of FILES) and then the stamp into ``out_dir``.

    The caller holds ``folder_lock(out_dir)``.
    """
    _sweep(out_dir)
    data = {name: texts[kind].encode("utf-8") for kind, name in FILES.items()}
    stamp = Stamp(
        story=dossier.story.id,
        fingerprint=dossier.fingerprint,
        generated=dossier.generated,
        files={
            name: FileStamp(bytes=len(b), sha256=hashlib.sha256(b).hexdigest())
            for name, b in data.items()
        },
    )
    data[STAMP] = msgspec.json.format(msgspec.json.encode(stamp)) + b"\n"
    replace_all(out_dir, data)  # the stamp last: it vouches for the files before it
    return {kind: out_dir / name for kind, name in FILES.items()}


def replace_all(folder: Path, data: dict[str, bytes]) -> None:
    """Replace each file ``folder/name`` with its bytes, in the order given.

    Every new file is written to a temporary name and synced to disk (the syncs run
    at once, so that the file system can commit them together), then each is moved
    over its file in order and the folder synced: a crash at any moment leaves each
    file whole, old or new, and a file new only if the ones before it are.
    """
    temps: list[tuple[Path, Path]] = []
    fds: list[int] = []
    try:
        for name, content in data.items():
            fd, made = tempfile.mkstemp(prefix=f"{_TEMP}{name}.", dir=folder)
            temps.append((Path(made), folder / name))
            fds.append(fd)
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; a report is meant to be read and served
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view) :]
        with ThreadPoolExecutor(max(1, len(fds))) as pool:
            list(pool.map(os.fsync, fds))
        for fd in fds:
            os.close(fd)
        fds.clear()
        for tmp, target in temps:
            os.replace(tmp, target)
    except BaseException:
        for fd in fds:
            os.close(fd)
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)  # the renames themselves reach the disk


def read_stamp(out_dir: Path) -> Stamp | None:
    """The stamp of the folder's files; None when there is none or it cannot be read."""
    try:
        return _dec_stamp.decode((Path(out_dir) / STAMP).read_bytes())
    except (OSError, msgspec.DecodeError):
        return None


def holds(out_dir: Path, story: str, fingerprint: str | None, generated: str) -> bool:
    """Whether ``out_dir`` holds, whole, the files of the dossier with this stamp.

    Cheap: the stamp is read and each file's size checked, no file is read.
    """
    stamp = read_stamp(out_dir)
    if stamp is None or (stamp.story, stamp.fingerprint, stamp.generated) != (
        story,
        fingerprint,
        generated,
    ):
        return False
    for name in FILES.values():
        want = stamp.files.get(name)
        try:
            size = (Path(out_dir) / name).stat().st_size
        except OSError:
            return False
        if want is None or size != want.bytes:
            return False
    return True


def verify(out_dir: Path) -> Stamp | None:
    """The stamp, if every file is exactly what it records (read and hashed); else None."""
    stamp = read_stamp(out_dir)
    if stamp is None:
        return None
    for name in FILES.values():
        want = stamp.files.get(name)
        try:
            data = (Path(out_dir) / name).read_bytes()
        except OSError:
            return None
        if want is None or hashlib.sha256(data).hexdigest() != want.sha256:
            return None
    return stamp


@contextmanager
def folder_lock(out_dir: Path) -> Iterator[Path]:
    """Create ``out_dir`` if missing and hold an exclusive lock on it while the block runs.

    The lock is the folder's own: every process and thread writing the folder through
    here takes turns; a process that dies lets go of it.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if fcntl else -1
    except OSError as exc:
        # The output setting is wrong for every story alike: a setup error that stops
        # the run (storyline.guard), not one story's failure.
        raise ConfigError(
            f"cannot write the dossier into {str(out_dir)!r}: {exc.strerror or exc}; "
            "choose a writable output directory"
        ) from exc
    if fcntl is None:
        yield out_dir
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield out_dir
    finally:
        os.close(fd)  # closing lets go of the lock


def _sweep(out_dir: Path) -> None:
    """Remove temporary files that a writer killed mid-write left (we hold the lock)."""
    if fcntl is None:  # without the lock another writer's file could be in the making
        return
    for left in out_dir.glob(f"{_TEMP}*"):
        log.info("removing %s, left by an interrupted write", left)
        left.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # some systems cannot open a folder; the files themselves are synced
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
