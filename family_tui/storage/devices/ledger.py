"""This device's writes as operations in its own log, and every device's operations folded into the state.

The one way a change is made once the store runs on logs (docs/storage-redesign.md,
step 3): under the data-folder lock, the state catches up with every log, this
device's hybrid clock takes in the latest stamp seen, the change becomes operations
whose ``base`` is what the folded state shows for each field written, those are
appended durably to this device's log (one line, or one batch line for several), and
then folded into the state. What changed comes back as :class:`.state.Changes`, for
the state files the app reads to take in.

A check-in is one append and one fsync: the log line is the acknowledgement, nothing
else is made durable on the way.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from family_tui.clock import Clock
from family_tui.domain.sync.hlc import HybridClock
from family_tui.domain.sync.ops import Op
from family_tui.domain.sync.records import rank_ops, write_ops

from ..errors import DataFolderShapeError, FolderNotWritableError, WriteFailedError
from .device import device_id
from .oplog import append, append_batch, device_log_dir, log_name
from .state import Changes, FoldedState

Change = tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]
"""(the record before, the record after); None before: added, None after: deleted."""


class Ledger:
    """This device's log and the folded state of all logs, for one data folder. The caller holds the lock."""

    def __init__(self, data_dir: Path, clock: Clock, *, device: str | None = None) -> None:
        self.data_dir = data_dir
        self.device = device or device_id(data_dir)
        self.state = FoldedState(data_dir, self.device)
        self.clock = HybridClock(self.device, clock)

    def catch_up(self, *, quick: bool = False) -> Changes:
        """Fold in what any log gained; the clock then comes after every stamp seen.

        ``quick``: just before a write, look only where logs can have grown (see
        :meth:`.state.FoldedState.catch_up`).
        """
        changes = self.state.catch_up(quick=quick)
        if self.state.latest is not None:
            self.clock.observe(self.state.latest)
        return changes

    def change(self, table: str, changes: Iterable[Change]) -> Changes:
        """Write changes to one table's records; on return they are on disk. What changed in the state comes back."""
        found = self.catch_up(quick=True)
        ops = write_ops(self.clock.now, table, changes, self.state.base_for)
        found.update(self.write(ops))
        return found

    def reorder(self, table: str, ids: Iterable[str]) -> Changes:
        found = self.catch_up(quick=True)
        found.update(self.write(rank_ops(self.clock.now, table, ids)))
        return found

    def write(self, ops: list[Op]) -> Changes:
        """Append ``ops`` (one batch line when more than one: all or none) and fold them in."""
        if not ops:
            return Changes()
        folder = device_log_dir(self.data_dir, self.device)
        names = {log_name(op) for op in ops}
        _refuse_misplaced(folder, names)
        sizes = {name: _size(folder / name) for name in names}
        try:
            if len(ops) == 1:
                append(self.data_dir, self.device, ops)
            else:
                append_batch(self.data_dir, self.device, ops)
        except OSError as error:
            if isinstance(error, PermissionError) or error.errno == errno.EROFS:
                raise FolderNotWritableError(self.data_dir, error) from error
            raise WriteFailedError(folder / log_name(ops[0]), error) from error
        for name, before in sizes.items():
            self.state.appended(folder / name, before)
        return self.state.apply(ops)

    def flush(self) -> None:
        """Keep the folded state on disk (after the state files it covers are)."""
        self.state.flush()


def _refuse_misplaced(folder: Path, names: Iterable[str]) -> None:
    """A file where this device's folder goes, or a folder where its log goes: said before anything is written."""
    for path in (folder.parent, folder):
        if path.exists() and not path.is_dir():
            raise DataFolderShapeError(
                path, "it is a file, but family-tui keeps its logs of changes in a folder of that name"
            )
    for name in sorted(names):
        if (folder / name).exists() and not (folder / name).is_file():
            raise DataFolderShapeError(
                folder / name, "it is a folder, but family-tui keeps a month's changes in a file of that name"
            )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
