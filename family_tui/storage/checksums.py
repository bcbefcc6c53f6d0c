"""Checksums of the data files, to notice damage the file system does not report.

A byte flipped by a failing disk or a faulty copy keeps the file's size and date, and
may even leave it valid JSON: nothing but a checksum notices it. Every time family-tui
writes ``family.json`` or a month file it records the SHA-256 of what it wrote, with
the file's signature (inode, size, modification time). Reading a file checks it:

- same signature, other checksum: the contents changed without being written. That is
  damage, reported like a file that cannot be parsed.
- another signature (a file written by an older family-tui, restored by hand, edited):
  not family-tui's write to vouch for; it is checked for shape only, and recorded when
  the daily backup finds it sound.

Journals are not listed: they grow with every check-in, and each line is checked as it
is read (see :mod:`.journal`).

The records live in the data folder's lock file (after its write counter and the
journals' records, see :mod:`.lock`), one fixed-size slot a file, written in place
after the file they describe and without waiting for the disk: lost or stale after a
power cut, they no longer match the files' signatures, so they never make a sound file
look damaged. (A separate manifest file, replaced atomically, would take a new inode
number at every write and change which inode numbers the data files get.)
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from .lock import DataFolderLock

from .local import lock_path

MANIFEST = ".checksums"
"""In each backup: the checksums of the files it holds (no suffix: never taken for a data file)."""
_SLOT = struct.Struct("<8sQQq32s")
"""A file's record: key (hash of its relative path), inode, size, mtime (ns), SHA-256."""
_SLOTS_AT = 1024
_SLOTS = 1024


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def signature_of(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


class _Entry(TypedDict):
    """One file's record: its slot in the lock file, its signature and its SHA-256 (hex)."""

    slot: int
    sig: list[int]
    sha256: str


def _key(relative: str) -> bytes:
    return hashlib.blake2b(relative.encode("utf-8"), digest_size=8).digest()


class Checksums:
    """The data folder's checksum records, in its lock file."""

    def __init__(self, data_dir: Path, lock: DataFolderLock | None = None) -> None:
        self.data_dir = data_dir
        self.lock = lock
        self.path = lock_path(data_dir)
        self._cached: tuple[list[int] | None, dict[bytes, _Entry]] | None = None

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.data_dir).as_posix()

    def entries(self) -> dict[bytes, _Entry]:
        """The records as in the lock file, by key (unreadable or missing: none, which only drops checks)."""
        sig = signature_of(self.path)
        if self._cached is not None and self._cached[0] == sig:
            return self._cached[1]
        found: dict[bytes, _Entry] = {}
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            fd = None
        if fd is not None:
            try:
                raw = os.pread(fd, _SLOT.size * _SLOTS, _SLOTS_AT)
            except OSError:
                raw = b""
            finally:
                os.close(fd)
            for index in range(len(raw) // _SLOT.size):
                key, inode, size, mtime, sha = _SLOT.unpack_from(raw, index * _SLOT.size)
                if key.strip(b"\0"):
                    found[key] = {"slot": index, "sig": [inode, size, mtime], "sha256": sha.hex()}
        self._cached = (sig, found)
        return found

    def check(self, path: Path, raw: bytes, sig: Sequence[int] | None) -> str | None:
        """Why ``raw``, read from ``path`` with signature ``sig``, is not what family-tui wrote (None: it is, or unknown).

        A mismatch seen without the lock is looked at again under it: another copy may
        have been between writing a file and recording it.
        """
        reason = self.mismatch(path, raw, sig)
        if reason is None or self.lock is None:
            return reason
        with self.lock.held():
            sig = signature_of(path)
            try:
                raw = path.read_bytes()
            except OSError:
                return None  # gone or replaced: whoever reads it next checks it
            if signature_of(path) != sig:
                return None
            return self.mismatch(path, raw, sig)

    def mismatch(self, path: Path, raw: bytes, sig: Sequence[int] | None) -> str | None:
        if sig is None:
            return None
        entry = self.entries().get(_key(self._relative(path)))
        if entry is None or list(entry["sig"]) != list(sig):
            return None
        if digest(raw) == entry["sha256"]:
            return None
        return (
            "its contents changed after family-tui saved it, though its size and date did not "
            "(its checksum does not match: the disk or a copy damaged it)"
        )

    def record(self, path: Path, raw: bytes | None = None, *, sha256: str | None = None) -> None:
        """Record the file just written (the data-folder lock is held); a failure only loses the check."""
        self.record_many({path: sha256 if sha256 is not None else digest(raw or b"")})

    def record_many(self, digests: dict[Path, str]) -> None:
        """Record several files (a removed one loses its record); the data-folder lock is held."""
        if not digests:
            return
        entries = self.entries()
        used = {entry["slot"] for entry in entries.values()}
        free = (i for i in range(_SLOTS) if i not in used)
        writes: list[tuple[int, bytes]] = []
        for path, sha in digests.items():
            key = _key(self._relative(path))
            sig = signature_of(path)
            entry = entries.get(key)
            if sig is None or not sha:
                if entry is not None:
                    writes.append((entry["slot"], bytes(_SLOT.size)))
                continue
            if entry is not None and entry["sig"] == sig and entry["sha256"] == sha:
                continue
            slot = entry["slot"] if entry is not None else next(free, None)
            if slot is None:
                continue  # no room left: this file is checked for shape only
            writes.append((slot, _SLOT.pack(key, sig[0], sig[1], sig[2], bytes.fromhex(sha))))
        if not writes:
            return
        self._cached = None
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return  # a read-only lock file: the files are checked for shape only
        try:
            for slot, packed in writes:
                os.pwrite(fd, packed, _SLOTS_AT + slot * _SLOT.size)
        except OSError:
            pass
        finally:
            os.close(fd)
