"""Each device's own operation log: ``<data>/devices/<device id>/<YYYY-MM>.log``.

Only the device a folder is named for ever writes in it, so a sync engine only ever
copies a newer version of a file over an older one and never has to pick between two.
A line is appended with ``O_APPEND``, then fsynced: the operation is on disk before the
app says it is saved. A line cut by a crash mid-write was never acknowledged; readers
treat it as not there, and the next append cuts it off so it cannot glue onto the next
line. A damaged line (a flipped byte, an edit by hand) costs that one operation: the
reader names its file and line and goes on.

Files a sync tool made of a conflict (``*.sync-conflict-*``, ``* (conflicted copy …)``,
``*.conflict*``) are never read as logs: only names of the exact ``YYYY-MM.log`` form are.
:func:`conflict_copies` finds them so the app can name them to the family.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import UTC, datetime
from pathlib import Path

from family_tui.domain.light_dataclass import light_dataclass
from family_tui.domain.sync.hlc import DEVICE_ID
from family_tui.domain.sync.ops import LineError, Op, decode_line, encode_batch, encode_line

from ..atomic import FILE_MODE, ensure_private_dir, fsync_dir
from .device import LOCAL_DIR

DEVICES_DIR = "devices"
LOG_NAME = re.compile(r"\d{4}-\d{2}\.log")
CONFLICT_NAME = re.compile(r"\.sync-conflict-|conflicted copy|\.conflict", re.IGNORECASE)
"""Syncthing's, Dropbox's / Nextcloud's / ownCloud's, and Resilio's and others' conflict copies."""
_NOT_DATA = (LOCAL_DIR, ".stversions", ".stfolder")
"""This device's own folder, Syncthing's old versions (kept by the family's choice) and its marker."""
_CHUNK = 64 * 1024


@light_dataclass(frozen=True)
class Damage:
    """A line of a log that is not an intact operation: where, and why."""

    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: {self.reason}"


@light_dataclass
class LogRead:
    """What reading logs found: the intact operations and the damaged lines."""

    ops: list[Op] = field(default_factory=list)
    damaged: list[Damage] = field(default_factory=list)


def device_log_dir(data_dir: Path, device: str) -> Path:
    if not DEVICE_ID.fullmatch(device):
        raise ValueError(f"not a device id: {device!r}")
    return data_dir / DEVICES_DIR / device


def log_name(op: Op) -> str:
    """The month file of ``op``: by its stamp's UTC month, so every device files it alike."""
    return _month_log(op.stamp.wall // 1000)  # a month starts on a whole second


@functools.lru_cache(maxsize=64)
def _month_log(second: int) -> str:
    """Kept by the second: the thousands of operations of one import share a few."""
    when = datetime.fromtimestamp(second, UTC)
    return f"{when:%Y-%m}.log"


def append(data_dir: Path, device: str, ops: Iterable[Op]) -> None:
    """Append ``ops`` durably to this device's log; returns once they are on disk.

    Refuses an op stamped by another device: a device writes only its own files.
    """
    by_file: dict[str, list[bytes]] = {}
    for op in ops:
        if op.device != device:
            raise ValueError(f"device {device} cannot write an operation of device {op.device}")
        by_file.setdefault(log_name(op), []).append(encode_line(op))
    if not by_file:
        return
    folder = _device_folder(data_dir, device)
    for name, lines in sorted(by_file.items()):
        _append_lines(folder / name, b"".join(lines))


def append_batch(data_dir: Path, device: str, ops: Sequence[Op]) -> None:
    """Append ``ops`` as one line (see ``encode_batch``): read all or none, in the first one's month file."""
    if not ops:
        return
    if ops[0].device != device:
        raise ValueError(f"device {device} cannot write an operation of device {ops[0].device}")
    line = encode_batch(ops)
    folder = _device_folder(data_dir, device)
    _append_lines(folder / log_name(ops[0]), line)


def _device_folder(data_dir: Path, device: str) -> Path:
    """This device's log folder, made (durably: a new log's name must survive a power cut) if need be."""
    folder = device_log_dir(data_dir, device)
    if not folder.is_dir():
        ensure_private_dir(folder.parent)  # devices/ itself: mkdir(parents=True) would give it the umask's mode
        ensure_private_dir(folder)
        fsync_dir(folder.parent)
        fsync_dir(folder.parent.parent)
    return folder


def _append_lines(path: Path, data: bytes) -> None:
    created = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)  # read: to find a torn tail
    try:
        _cut_torn_tail(fd)
        size = os.fstat(fd).st_size
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException:
            # Take back what is not durable, so it can never be read as acknowledged.
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)


def _cut_torn_tail(fd: int) -> None:
    """Cut what follows the last newline: a line a crash cut short, never acknowledged.

    A tail no crash of :func:`_append_lines` can leave (see :func:`tail_damage`) is
    damage, named by the readers: it is kept as it is and ended with a newline, so the
    next line stays whole and the damage stays where it was found.
    """
    size = os.fstat(fd).st_size
    end = size
    while end > 0:
        start = max(0, end - _CHUNK)
        newline = os.pread(fd, end - start, start).rfind(b"\n")
        if newline >= 0:
            keep = start + newline + 1
            break
        end = start
    else:
        keep = 0
    if keep == size:
        return
    if tail_damage(os.pread(fd, size - keep, keep)) is not None:
        os.write(fd, b"\n")
    else:
        os.ftruncate(fd, keep)
    os.fsync(fd)


_LINE_START = b'{"'
ZERO_BYTES = "it holds zero bytes where an operation was written (the disk lost what was there)"


def tail_damage(tail: bytes) -> str | None:
    """Why the bytes after a log's last newline are not a write cut short by a crash; None when they may be.

    One line is one ``write`` of ASCII JSON: cut short, it is the start of such a line,
    without zero bytes. Zero bytes are what a file system shows when it lost data it
    had said was written; anything else was changed or cut by something other than
    our append.
    """
    if not tail:
        return None
    if b"\0" in tail:
        return ZERO_BYTES
    if tail[: len(_LINE_START)] != _LINE_START[: len(tail)]:
        return "it ends in the middle of a line that is not an operation"
    return None


def line_damage(line: bytes, error: LineError) -> str:
    """Why a complete line is not an operation, for the family: zero bytes said as such."""
    return ZERO_BYTES if b"\0" in line else str(error)


def read_log(path: Path) -> LogRead:
    """The operations of one log file; damaged lines reported, a torn last line left out."""
    found = LogRead()
    data = path.read_bytes()
    lines = data.split(b"\n")
    tail = lines.pop()  # after the last newline: empty, or a line a crash cut short
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            found.ops.extend(decode_line(line))
        except LineError as error:
            found.damaged.append(Damage(path, number, line_damage(line, error)))
    reason = tail_damage(tail)
    if reason is not None:
        found.damaged.append(Damage(path, len(lines) + 1, reason))
    return found


def log_files(data_dir: Path) -> list[Path]:
    """Every device's month logs, by exact name: a conflict copy or a stray file is never one."""
    root = data_dir / DEVICES_DIR
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir()
        if DEVICE_ID.fullmatch(folder.name) and folder.is_dir()
        for path in folder.iterdir()
        if LOG_NAME.fullmatch(path.name) and path.is_file()
    )


def misplaced(data_dir: Path) -> list[str]:
    """What stands where a log or a device's folder of logs goes but is not one: never read, so told.

    :func:`log_files` passes over them, so without this a log replaced by a folder (or
    ``devices`` by a file) would take its changes out of view without a word.
    """
    root = data_dir / DEVICES_DIR
    move = "Move it aside (rename it) so family-tui can read the logs there"
    try:
        if not root.exists() and not root.is_symlink():
            return []
        if not root.is_dir():
            return [
                f"{root} is a file, but family-tui keeps every computer's changes in a folder of that name: none are shown. {move}."
            ]
        found = []
        for folder in sorted(root.iterdir()):
            if not DEVICE_ID.fullmatch(folder.name):
                continue
            if not folder.is_dir():
                found.append(
                    f"{folder} is a file where a computer's folder of changes goes: they are not shown. {move}."
                )
                continue
            found.extend(
                f"{path} is not a file, but one month's changes from one computer go in a file of that name: "
                f"they are not shown. {move}."
                for path in sorted(folder.iterdir())
                if LOG_NAME.fullmatch(path.name) and not path.is_file()
            )
        return found
    except OSError as error:
        return [f"{root} cannot be read ({error.strerror or error}): the changes in it are not shown."]


def log_conflict_copies(data_dir: Path) -> list[Path]:
    """Conflict copies of logs (``devices/<id>/2026-12.sync-conflict-….log``), which hold operations.

    A log has one writer, so a sync tool makes such a copy only when two computers
    shared a device id (a folder copied with its local folder, by a tool that ignored
    ``.stignore``). Its lines are operations like any other: folded, each counts once by
    its stamp, so taking them in loses nothing and doubles nothing.
    """
    root = data_dir / DEVICES_DIR
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir()
        if DEVICE_ID.fullmatch(folder.name) and folder.is_dir()
        for path in folder.iterdir()
        if path.suffix == ".log" and CONFLICT_NAME.search(path.name) and path.is_file()
    )


@light_dataclass
class Listing:
    """Every device's logs and conflict copies of logs (as :func:`log_files` and
    :func:`log_conflict_copies` find them), with when each folder looked at last changed."""

    logs: list[Path] = field(default_factory=list)
    copies: list[Path] = field(default_factory=list)
    changed: dict[Path, int] = field(default_factory=dict)
    """``devices/`` and each device's folder: its ``st_mtime_ns``, read before it was listed, so a
    file that came or went after the listing changes it."""


def list_logs(data_dir: Path) -> Listing:
    """The logs and conflict copies of logs, each folder listed once."""
    found = Listing()
    root = data_dir / DEVICES_DIR
    try:
        found.changed[root] = os.stat(root).st_mtime_ns
    except OSError:
        return found
    if not root.is_dir():
        return found
    with os.scandir(root) as folders:
        devices = sorted(entry.path for entry in folders if DEVICE_ID.fullmatch(entry.name) and entry.is_dir())
    for device in devices:
        folder = Path(device)
        found.changed[folder] = os.stat(folder).st_mtime_ns
        with os.scandir(folder) as entries:
            for entry in entries:
                if LOG_NAME.fullmatch(entry.name):
                    if entry.is_file():
                        found.logs.append(folder / entry.name)
                elif CONFLICT_NAME.search(entry.name) and Path(entry.name).suffix == ".log" and entry.is_file():
                    found.copies.append(folder / entry.name)
    found.logs.sort()
    found.copies.sort()
    return found


def read_logs(data_dir: Path) -> LogRead:
    """All devices' operations, for the fold; damaged lines (line 0: the whole file, unreadable) reported."""
    found = LogRead()
    for path in log_files(data_dir) + log_conflict_copies(data_dir):
        try:
            one = read_log(path)
        except OSError as error:
            found.damaged.append(Damage(path, 0, f"it cannot be read ({error.strerror or error})"))
            continue
        found.ops.extend(one.ops)
        found.damaged.extend(one.damaged)
    return found


def conflict_copies(data_dir: Path) -> list[Path]:
    """Files a sync tool left of a conflict anywhere in the data folder, for the app to name."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):
        if Path(folder) == data_dir:
            dirs[:] = [d for d in dirs if d not in _NOT_DATA]
        found.extend(Path(folder, name) for name in files + dirs if CONFLICT_NAME.search(name))
    return sorted(found)
