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

After the counter, the lock file keeps how many bytes of each month's journal were
acknowledged (see :meth:`DataFolderLock.acknowledge`): a journal found shorter than
that was cut by something other than a crash, and is reported instead of folded away.

A copy that has to wait for the lock says so on standard error after a moment, naming
the process that holds it, instead of hanging without a word (a stopped copy holds the
lock until it is resumed or ended).
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .atomic import FILE_MODE, ensure_private_dir
from .devices.device import LOCAL_DIR
from .errors import FolderNotWritableError

_COUNTER = struct.Struct("<Q")
_SLOT = struct.Struct("<8sQQQ")
"""A journal's record: month key, journal inode, month file inode, bytes acknowledged."""
_SLOTS_AT = 16
_SLOTS = 12
WAIT_NOTICE_AFTER = 2.0
"""Seconds of waiting for the lock before saying what for."""


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
        self.on_wait: Callable[[str], None] = _tell_stderr
        """Told, once per wait, what the lock is waiting for."""

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock; re-entrant within one process."""
        with self._thread_lock:
            if self._depth == 0:
                fd, self._writable = self._open()
                try:
                    self._acquire(fd)
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

    def _acquire(self, fd: int) -> None:
        """Take the lock, saying who holds it when that takes more than a moment."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        # Wait in the kernel (handed over at once when released); a timer speaks up meanwhile.
        notice = threading.Timer(WAIT_NOTICE_AFTER, self._tell_waiting, args=(fd,))
        notice.daemon = True
        notice.start()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        finally:
            notice.cancel()

    def _tell_waiting(self, fd: int) -> None:
        holder = lock_holder(fd)
        who = f"another copy of family-tui (pid {holder})" if holder else "another copy of family-tui"
        self.on_wait(
            f"Waiting for {who} that is using {self.path.parent}. "
            "If that copy is stopped or stuck, close it"
            + (f" (or end process {holder})" if holder else "")
            + "; this one carries on as soon as it is done. Nothing is lost meanwhile."
        )

    def _open(self) -> tuple[int, bool]:
        """The lock file, for writing if we may; read-only is enough to lock and read."""
        # Named by the data folder, not the local folder inside it that holds the lock.
        folder = self.path.parent.parent if self.path.parent.name == LOCAL_DIR else self.path.parent
        try:
            if not self.path.parent.is_dir():
                ensure_private_dir(self.path.parent)
            return os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE), True
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise FolderNotWritableError(folder, error) from error
            try:
                return os.open(self.path, os.O_RDONLY), False
            except OSError:
                raise FolderNotWritableError(folder, error) from error

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
        counter = ((self._known or 0) + 1) % (1 << 64)  # a damaged counter wraps instead of failing
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

    # -- journals: how much of each was acknowledged ------------------------------------

    def acknowledge(self, month: str, journal_inode: int, month_inode: int, length: int) -> None:
        """Note that ``length`` bytes of a month's journal are acknowledged (the lock is held).

        Not synced: after a power cut the record may be older, never newer, than the
        journal (which is synced first), so it never makes a sound journal look cut. The
        month file's inode ties the record to one month file: a fold replaces it, so the
        record of the emptied journal is not used again.
        """
        if self._fd is None or not self._writable:
            return
        slots = self._slots()
        key = month.encode("ascii", "replace")[:8].ljust(8, b"\0")
        index = next((i for i, slot in enumerate(slots) if slot[0] == key), None)
        if index is None:
            index = next((i for i, slot in enumerate(slots) if not slot[0].strip(b"\0")), None)
        if index is None:
            index = min(range(len(slots)), key=lambda i: slots[i][0])
        try:
            os.pwrite(self._fd, _SLOT.pack(key, journal_inode, month_inode, length), _SLOTS_AT + index * _SLOT.size)
        except OSError:
            pass  # the record is a safety net; the journal itself is durable

    def acknowledged(self, month: str, journal_inode: int, month_inode: int) -> int:
        """Bytes of this journal acknowledged by any copy, as recorded (0 when unknown; the lock is held)."""
        if self._fd is None:
            return 0
        key = month.encode("ascii", "replace")[:8].ljust(8, b"\0")
        for name, j_inode, m_inode, length in self._slots():
            if name == key and j_inode == journal_inode and m_inode == month_inode:
                return length
        return 0

    def _slots(self) -> list[tuple[bytes, int, int, int]]:
        assert self._fd is not None
        try:
            raw = os.pread(self._fd, _SLOT.size * _SLOTS, _SLOTS_AT)
        except OSError:
            raw = b""
        raw = raw.ljust(_SLOT.size * _SLOTS, b"\0")
        return [_SLOT.unpack_from(raw, i * _SLOT.size) for i in range(_SLOTS)]


def _tell_stderr(message: str) -> None:
    print(f"family-tui: {message}", file=sys.stderr, flush=True)


def lock_holder(fd: int) -> int | None:
    """The pid holding an flock on this open file, from ``/proc/locks`` (Linux); None when unknown."""
    try:
        st = os.fstat(fd)
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) < 6 or fields[1] != "FLOCK" or fields[0].endswith("->"):
            continue
        try:
            major, minor, inode = fields[5].split(":")
            if int(inode) == st.st_ino and (int(major, 16), int(minor, 16)) == (
                os.major(st.st_dev),
                os.minor(st.st_dev),
            ):
                pid = int(fields[4])
                return pid if pid != os.getpid() else None
        except ValueError:
            continue
    return None


def _read_counter(fd: int) -> int:
    return _parse_counter(os.pread(fd, _COUNTER.size, 0))


def _parse_counter(raw: bytes) -> int:
    return _COUNTER.unpack(raw)[0] if len(raw) == _COUNTER.size else 0
