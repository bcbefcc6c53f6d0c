"""Atomic, durable file replacement.

A write goes to a temporary file in the same folder, is flushed and fsynced, then
renamed over the old file, and the folder is fsynced so the rename itself survives a
power cut. If anything fails before the rename, the old file is untouched.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix.

    ``durable=False`` skips the fsyncs, for derived files (caches) that a power cut may
    lose: they are rebuilt, and a check-in should not wait for them.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)


def ensure_private_dir(directory: Path) -> None:
    """Create a folder readable by its owner only (children's health information).

    An existing folder only loses what others may do with it: a family that made its
    folder read-only (``chmod 500``) keeps it read-only.
    """
    if not directory.exists():
        missing = []
        folder = directory
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):  # each made private: mkdir(parents=True) gives parents the umask's mode
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
    mode = directory.stat().st_mode & 0o777
    if mode & 0o077:
        try:
            os.chmod(directory, mode & ~0o077)
        except PermissionError:
            pass


_TEMPORARY = re.compile(r"^\..+\.(\d+)\.(tmp|partial)$")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    except OSError:
        return True
    return True


def remove_stale_temporaries(folders: Iterable[Path]) -> list[Path]:
    """Remove what writers killed mid-write left behind: ``.<name>.<pid>.tmp`` files (and
    ``.partial`` backup folders) whose process is gone. The data-folder lock is held.

    A file of a process that is still alive may be a write in progress, and is kept. What
    cannot be removed (a read-only folder) is left for next time.
    """
    removed: list[Path] = []
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = _TEMPORARY.match(name)
            if match is None or pid_alive(int(match[1])):
                continue
            path = Path(folder) / name
            try:
                if match[2] == "partial" and path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
