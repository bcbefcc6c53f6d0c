"""A TinyDB storage that writes atomically and notices other processes' changes.

TinyDB's stock ``JSONStorage`` rewrites its file in place: a kill mid-write leaves half
a file, and a second process's write is silently lost. This storage replaces the file
atomically (see ``atomic.py``), keeps the parsed data cached against the file's
identity (inode, size, mtime), and re-reads it when another process replaced it, or
when the lock's write counter says another copy wrote (see ``lock.py``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write_bytes
from .checksums import Checksums
from .errors import CorruptDataError, WriteFailedError

Signature = tuple[int, int, int] | None


def file_signature(path: Path) -> Signature:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _parse(raw: bytes) -> Any:
    """JSON from bytes: orjson first, as the files are read at every start; the standard
    library for what orjson refuses but ``json`` reads (a lone surrogate, NaN), so a file
    reads exactly as it always has."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def parse_tables(raw: bytes, corrupt: Callable[[str], Exception]) -> dict[str, Any]:
    """The tables of a TinyDB file, checked; ``corrupt(reason)`` makes the error to raise."""
    if not raw.strip():
        raise corrupt("the file is empty")
    try:
        data = _parse(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise corrupt(f"it is not valid JSON ({error}); it may be truncated") from None
    except RecursionError:
        raise corrupt("it is nested too deeply to be family-tui data") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise corrupt("it does not hold family-tui tables")
    # TinyDB needs every record to be an object under a numeric id; anything else
    # would crash it on the first read or write instead of being reported.
    for name, table in data.items():
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict):
                raise corrupt(f"record {doc_id!r} of table {name!r} is not a family-tui record")
    return data


def read_data_file(path: Path, corrupt: Callable[[str], Exception]) -> bytes:
    """A data file's bytes; a folder (or anything else unreadable as a file) in its place is reported."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise corrupt("it is a folder, not a file; move it aside (or restore a backup)") from None
    except PermissionError:
        raise
    except OSError as error:
        raise corrupt(f"it cannot be read ({error.strerror or error})") from None


def dump_tables(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class DurableJSONStorage(Storage):
    """TinyDB storage: one JSON file, replaced atomically on every write."""

    def __init__(
        self,
        path: Path,
        newest_backup: Callable[[], Path | None] = lambda: None,
        after_write: Callable[[], None] = lambda: None,
        checksums: Checksums | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._checksums = checksums
        self._newest_backup = newest_backup
        self._after_write = after_write
        self._data: dict[str, Any] | None = None
        self._signature: Signature = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False
        self._released = False
        self._suspect = False

    # -- reading ---------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when the file is not the one whose contents are cached."""
        return self._suspect or not self._loaded or file_signature(self.path) != self._signature

    def suspect(self) -> None:
        """Another copy wrote: read the file again even if its signature looks the same."""
        self._suspect = True

    def read(self) -> dict[str, Any] | None:
        if self._batch_depth and self._loaded:
            return self._data
        if self.changed_on_disk():
            self._load()
        elif self._released:
            self._reload()
        return self._data

    def release(self) -> None:
        """Drop the parsed contents from memory, remembering which file they were.

        For a caller that has taken what it needs from them (the store keeps validated
        records): the next read parses the file again, and since it is the same file,
        nothing derived from it is out of date.
        """
        if self._loaded and not self._batch_depth and self._signature is not None:
            self._data = None
            self._released = True

    def _reload(self) -> None:
        """Parse the released file again, keeping its signature.

        Should the file have changed meanwhile, the old signature stays, so the next
        :meth:`changed_on_disk` still reports the change to whoever caches by it.
        """
        raw = read_data_file(self.path, self._corrupt)
        self._data = self.parse(raw)
        self._released = False

    def _load(self) -> None:
        self._released = False
        self._suspect = False
        signature = file_signature(self.path)
        if signature is None:
            self._data, self._signature, self._loaded = None, None, True
            return
        raw = read_data_file(self.path, self._corrupt)
        # Stat again: the file read must be the one the signature describes.
        same = file_signature(self.path) == signature
        if same and self._checksums is not None:
            reason = self._checksums.check(self.path, raw, signature)
            if reason is not None:
                raise self._corrupt(reason)
        self._data = self.parse(raw)
        self._signature = signature if same else None
        self._loaded = True

    def parse(self, raw: bytes) -> dict[str, Any]:
        return parse_tables(raw, self._corrupt)

    def _corrupt(self, reason: str) -> CorruptDataError:
        return CorruptDataError(self.path, reason, self._newest_backup())

    def forget(self) -> None:
        """Drop the cache so the next read comes from disk."""
        self._data, self._signature, self._loaded, self._released = None, None, False, False

    # -- writing ---------------------------------------------------------------

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._loaded = True
        self._released = False
        if self._batch_depth:
            self._dirty = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        payload = dump_tables(data)
        try:
            atomic_write_bytes(self.path, payload)
        except OSError as error:
            self.forget()
            raise WriteFailedError(self.path, error) from error
        self._signature = file_signature(self.path)
        if self._checksums is not None:
            self._checksums.record(self.path, payload)
        self._after_write()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB changes into one atomic write: all or nothing."""
        if self._batch_depth == 0:
            self.read()
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._dirty = False
                self.forget()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._flush(self._data or {})

    def close(self) -> None:
        pass
