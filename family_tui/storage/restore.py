"""``family-tui restore``: a backup's records put back as operations, carried to every device like any change.

One batch line, writing only what differs from the backup: a crash leaves it whole or
not there, so the family's data is never half backup and half current (tested by killing
``family-tui restore`` at random moments), and what the other home changed where the
backup agrees with the data now is not written over. This computer's copy first takes
in every log, and is then kept as another backup: the data as it was, to undo the restore.
A folder still in the old format (never opened by this version) is restored as before,
file by file, and converted when it is next opened.
"""

from __future__ import annotations

from pathlib import Path

from ..clock import Clock
from . import backups, data_format, local
from .devices.ledger import Ledger
from .devices.oplog import log_files
from .devices.state import state_dir
from .errors import CorruptDataError, NewerSchemaError
from .lock import DataFolderLock
from .logged import forget_state
from .store import FamilyStore


def restore(data_dir: Path, backup: Path, keep_current_as: str, clock: Clock) -> Path | None:
    """Bring ``backup`` back; returns where the data as it was is kept."""
    local.prepare(data_dir)
    backups.prepare_backup_root(
        data_dir, probe=True
    )  # where the data as it was goes: a read-only disk stops it here, unchanged
    if not _old_format(data_dir):
        _bring_up_to_date(data_dir, clock)
    lock = DataFolderLock(local.lock_path(data_dir))
    with lock.held():
        if _old_format(data_dir):
            kept = backups.restore_backup(data_dir, backup, keep_current_as, lock=lock)
            lock.wrote()
            return kept
        kept = data_format.restore_from_backup(data_dir, backup, keep_current_as, Ledger(data_dir, clock), lock)
    try:
        FamilyStore(data_dir, clock=clock, maintain=False)  # the state files take the restore in
    except CorruptDataError as error:
        if not Path(error.path).is_relative_to(state_dir(data_dir)):
            raise
        forget_state(data_dir)  # damaged: made again from the logs
        FamilyStore(data_dir, clock=clock, maintain=False)
    return kept


def _bring_up_to_date(data_dir: Path, clock: Clock) -> None:
    """This computer's copy takes in every log first (what the other home wrote while the app
    was closed, a damaged file made again), so the copy kept of the data as it was is that."""
    try:
        FamilyStore(data_dir, clock=clock, maintain=False)
    except CorruptDataError as error:
        if Path(error.path).is_relative_to(state_dir(data_dir)):
            forget_state(data_dir)
            FamilyStore(data_dir, clock=clock, maintain=False)
        # Otherwise (the marker damaged): the restore goes ahead on the logs and writes it again.


def _old_format(data_dir: Path) -> bool:
    """True for a folder of data version 2 or less; a newer one is refused, as opening it would be.

    A damaged ``family.json`` beside the logs is a damaged marker: the family's data is
    in the logs, the restore goes there and writes the marker again.
    """
    main = data_dir / data_format.MAIN_FILE
    if not main.exists():
        return bool(backups.data_files(data_dir))
    try:
        version = data_format.folder_version(main, lambda: None)
    except CorruptDataError:
        return not log_files(data_dir)
    if version > data_format.VERSION:
        raise NewerSchemaError(main, version, data_format.VERSION)
    return version < data_format.VERSION
