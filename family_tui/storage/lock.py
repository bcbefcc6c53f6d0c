"""A lock shared by every copy of the app and the CLI on one data folder.

Held across each whole read-modify-write, so two writers never interleave. It is an
``flock`` on a lock file: the kernel releases it if the process dies, so a crash never
leaves the family locked out.

The lock file also holds a write counter, raised by every copy after each write. A
file's (inode, size, mtime) is not enough to notice another copy's change: ext4 hands
the same inode numbers out again to atomically replaced files, and mtime is only as
fine as the file system's clock (2 s on FAT). A copy that finds the counter moved since
it last looked knows someone else wrote, whatever the signatures say, and reads again
before it changes anything.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .atomic import FILE_MODE
from .errors import FolderNotWritableError

_COUNTER = struct.Struct("<Q")


class DataFolderLock:
    def __init__(self, path: Path, on_others_wrote: Callable[[], None] | None = None) -> None:
        self.path = path
        self.on_others_wrote = on_others_wrote
        """Called (with the lock held or while polling) when another copy wrote since we last looked."""
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._writable = False
        self._known: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock; re-entrant within one process."""
        with self._thread_lock:
            if self._depth == 0:
                fd, self._writable = self._open()
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                except BaseException:
                    os.close(fd)
                    raise
                self._fd = fd
                try:
                    self._notice(_read_counter(fd))
                except BaseException:
                    self._release()
                    raise
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _open(self) -> tuple[int, bool]:
        """The lock file, for writing if we may; read-only is enough to lock and read."""
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE), True
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise FolderNotWritableError(self.path.parent, error) from error
            try:
                return os.open(self.path, os.O_RDONLY), False
            except OSError:
                raise FolderNotWritableError(self.path.parent, error) from error

    def _release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def _notice(self, counter: int) -> None:
        if self._known is not None and counter != self._known and self.on_others_wrote is not None:
            self.on_others_wrote()
        self._known = counter

    @property
    def writes_seen(self) -> int | None:
        """The write counter as of our last look (any copy's writes, ours included)."""
        return self._known

    def wrote(self) -> None:
        """Tell the other copies that this one has just written (the lock is held)."""
        if self._fd is None or not self._writable:
            return
        counter = (self._known or 0) + 1
        try:
            os.pwrite(self._fd, _COUNTER.pack(counter), 0)
        except OSError:
            return  # the others fall back on the files' signatures
        self._known = counter

    def check_for_others(self) -> bool:
        """Without taking the lock: has another copy written since we last looked?"""
        try:
            with open(self.path, "rb") as handle:
                counter = _parse_counter(handle.read(_COUNTER.size))
        except OSError:
            return False
        if self._known is None or counter == self._known:
            return False
        with self._thread_lock:
            self._notice(counter)
        return True


def _read_counter(fd: int) -> int:
    return _parse_counter(os.pread(fd, _COUNTER.size, 0))


def _parse_counter(raw: bytes) -> int:
    return _COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0
