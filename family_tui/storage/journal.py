"""A month's write-ahead journal: one durable line per check-in.

Rewriting a whole month file (hundreds of entries) on every key press costs far more
than the press itself. Instead a check-in appends one JSON line to
``practice/YYYY-MM.journal`` and fsyncs it: that line is the durable acknowledgement.
The month file stays the home of the entries; the journal is *folded* into it now and
then (see :mod:`.months`), after which the journal is emptied.

Each line is one operation::

    {"op":"put","entry":{...the entry as stored...}}
    {"op":"del","key":["2026-11-26","maya","straw","breakfast"]}

Replaying is idempotent: ``put`` replaces whatever entry has the same key (day, child,
strategy, routine), ``del`` removes it. So a crash between writing the folded month file
and emptying the journal loses nothing and duplicates nothing: the ops are simply
applied again to a month that already holds them.

A final line without its newline is a write cut short by a crash; it was never
acknowledged, so it is ignored (and cut off before the next append). Only that: a tail
holding zero bytes (a disk that lost what was written), or one that does not start like
a line this module writes, or a journal shorter than what the lock file says was
acknowledged (see :meth:`.lock.DataFolderLock.acknowledge`), was cut by something other
than a crash. Like any other line that cannot be read, that is damage: it is reported,
never skipped, never folded away and never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..domain.light_dataclass import light_dataclass
from .atomic import FILE_MODE, fsync_dir

Key = tuple[str, str, str, str]
"""(date, child, strategy, routine) as stored: one checklist item on one day."""

KEY_FIELDS = ("date", "child", "strategy", "routine")


def _sync_data(fd: int) -> None:
    """fdatasync where there is one: it also makes the new length durable, which is all an append needs."""
    sync = getattr(os, "fdatasync", None) or os.fsync
    sync(fd)


class JournalError(ValueError):
    """A complete line of the journal is not a journal operation."""


def entry_key(doc: dict[str, Any]) -> Key | None:
    """The key of a stored entry, or None when the record has no usable key."""
    try:
        key = (doc["date"], doc["child"], doc["strategy"], doc["routine"])
    except (KeyError, TypeError):
        return None
    return key if all(type(part) is str for part in key) else None


def put_line(doc: dict[str, Any]) -> bytes:
    return _line({"op": "put", "entry": doc})


def del_line(key: Key) -> bytes:
    return _line({"op": "del", "key": list(key)})


def _line(op: dict[str, Any]) -> bytes:
    return json.dumps(op, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


@light_dataclass(frozen=True)
class Op:
    kind: str
    """"put" or "del"."""
    key: Key
    doc: dict[str, Any] | None = None


def parse(raw: bytes, start: int = 0) -> tuple[list[Op], int]:
    """The operations in ``raw``, and how many bytes of it are complete lines.

    ``start`` is the file offset ``raw`` was read from (used in error messages only).
    A trailing partial line is left unconsumed; a bad complete line raises
    :class:`JournalError`.
    """
    end = raw.rfind(b"\n") + 1
    ops: list[Op] = []
    offset = 0
    for line in raw[:end].split(b"\n")[:-1]:
        ops.append(_parse_line(line, start + offset))
        offset += len(line) + 1
    check_tail(raw[end:], start + end)
    return ops, end


_LINE_START = b'{"op":"'


def check_tail(tail: bytes, at: int) -> None:
    """Refuse a partial last line that a crash in :func:`append` cannot have left.

    One line is one ``write``: cut short, it is the start of a line as :func:`_line`
    makes it, without zero bytes.
    """
    if not tail:
        return
    zero = tail.find(b"\0")
    if zero >= 0:
        raise JournalError(
            f"from byte {at + zero} on it holds zero bytes, not check-ins (the disk lost what was written there)"
        )
    if not (tail[: len(_LINE_START)] == _LINE_START[: len(tail)]):
        raise JournalError(f"it ends at byte {at} in the middle of a line that is not a check-in")


def _parse_line(line: bytes, at: int) -> Op:
    where = f"the line at byte {at}"
    try:
        op = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JournalError(f"{where} is not valid JSON ({error})") from None
    except RecursionError:
        raise JournalError(f"{where} is nested too deeply to be a journal operation") from None
    if not isinstance(op, dict):
        raise JournalError(f"{where} is not a journal operation")
    kind = op.get("op")
    if kind == "put":
        doc = op.get("entry")
        key = entry_key(doc) if isinstance(doc, dict) else None
        if key is None:
            raise JournalError(f"{where} puts something that is not a practice entry")
        return Op("put", key, doc)
    if kind == "del":
        key = op.get("key")
        if not (isinstance(key, list) and len(key) == 4 and all(type(part) is str for part in key)):
            raise JournalError(f"{where} deletes something that is not an entry's key")
        return Op("del", tuple(key))
    raise JournalError(f"{where} has an unknown operation {kind!r}")


def read_from(path: Path, offset: int) -> tuple[bytes, tuple[int, int, int] | None]:
    """The journal's bytes from ``offset`` and the signature of the file that was read."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return b"", None
    try:
        st = os.fstat(fd)
        size = st.st_size
        chunks = []
        position = offset
        while position < size:
            chunk = os.pread(fd, size - position, position)
            if not chunk:
                break
            chunks.append(chunk)
            position += len(chunk)
        return b"".join(chunks), (st.st_ino, st.st_size, st.st_mtime_ns)
    finally:
        os.close(fd)


def append(path: Path, data: bytes, consumed: int, *, durable: bool = True) -> tuple[int, int, int]:
    """Append ``data`` durably (unless ``durable`` is False); returns the journal's signature afterwards.

    ``consumed`` is how many bytes of the journal are complete lines (the caller holds
    the data-folder lock and has just read them): anything after it is the torn tail of
    a write that crashed, never acknowledged, and is cut off first so the new line
    starts on a line of its own.
    """
    created = False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except FileNotFoundError:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        created = True
    try:
        size = os.fstat(fd).st_size
        if size != consumed:
            if size < consumed:
                raise OSError(f"{path} is shorter than what was read from it")
            os.ftruncate(fd, consumed)
        view = memoryview(data)
        written_total = 0
        try:
            while view:
                written = os.write(fd, view)
                view = view[written:]
                written_total += written
            if durable:
                _sync_data(fd)
        except BaseException:
            # Take back a line that is not durable, so it can never be read as acknowledged.
            try:
                os.ftruncate(fd, consumed)
            except OSError:
                pass
            raise
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if created and durable:
        fsync_dir(path.parent)
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def reset(path: Path) -> None:
    """Empty the journal durably once its operations are in the month file."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return
    try:
        os.ftruncate(fd, 0)
        os.fsync(fd)
    finally:
        os.close(fd)
