"""Which format a data folder is in, and converting today's folder to device logs in one step.

Version 3 keeps the family's data in each device's log (``devices/``); ``family.json``
in the data folder is then only a marker, the same bytes on every device, so that an
older family-tui, which reads the version there, refuses the folder with its own
message ("made by a newer version") instead of starting an empty family beside it.

A folder of version 2 or less is converted on its first start: the old files are
copied to ``backups/<device id>/before-vN-migration`` first, upgraded in memory as before, written
as this device's operations (one batch for the main file, one per month: each all
there or not at all), and only then is the marker written and the old month files
removed. A crash before the marker converts again at the next start: the same values,
written without ``base``, so nothing doubles and nothing looks like a conflict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..domain.sync.hlc import Stamp
from ..domain.sync.ops import Op
from ..domain.sync.records import PRACTICE, RECORD_TABLES, changed_fields, rank_ops, record_id
from . import backups, migrations
from .atomic import atomic_write_bytes
from .devices.convert import UnreadableOldFile, conversion_batches, old_main_tables
from .devices.ledger import Ledger
from .devices.oplog import log_files
from .devices.state import FoldedState, state_dir
from .errors import BackupDamagedError, CorruptDataError, NewerSchemaError
from .lock import DataFolderLock
from .logged import LoggedWrites

VERSION = 3
"""3: the data in each device's log; ``family.json`` only marks the version."""
MAIN_FILE = "family.json"
MARKER = (json.dumps({"_meta": {"1": {"schema_version": VERSION}}}, sort_keys=True) + "\n").encode("ascii")


def open_folder(data_dir: Path, writes: LoggedWrites, newest_backup: Callable[[], Path | None]) -> bool:
    """Check the folder's version, converting today's format; True when it was converted. The lock is held."""
    main = data_dir / MAIN_FILE
    if not main.exists():
        old = backups.data_files(data_dir)
        if old or (backups.list_backups(data_dir) and not log_files(data_dir)):
            raise CorruptDataError(main, "the main file is missing but other family-tui data is here", newest_backup())
        atomic_write_bytes(main, MARKER)
        return False
    try:
        version = folder_version(main, newest_backup)
    except CorruptDataError:
        if not log_files(data_dir) or backups.data_files(data_dir) != [main]:
            raise
        # The marker holds no family data, and the logs beside it say the version: make it again.
        atomic_write_bytes(main, MARKER)
        return False
    if version > VERSION:
        raise NewerSchemaError(main, version, VERSION)
    if version == VERSION:
        return False
    convert(data_dir, version, writes, newest_backup)
    return True


def folder_version(main: Path, newest_backup: Callable[[], Path | None]) -> int:
    try:
        tables = old_main_tables(main.parent)
    except UnreadableOldFile as error:
        raise CorruptDataError(main, error.reason, newest_backup()) from None
    meta = tables.get("_meta", {})
    first = meta.get("1") if isinstance(meta, dict) else None
    version = first.get("schema_version") if isinstance(first, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise CorruptDataError(main, "it has no data version", newest_backup())
    return version


def convert(data_dir: Path, found: int, writes: LoggedWrites, newest_backup: Callable[[], Path | None]) -> None:
    """Every old file is read (and upgraded) before anything is written: one that cannot be
    stops the conversion with its name, and the folder is as it was, not even a copy made."""
    writes.catch_up()  # stamps after anything another device already wrote
    try:
        tables = migrations.apply(old_main_tables(data_dir), found, VERSION - 1)
        batches = conversion_batches(data_dir, writes.ledger.clock.now, tables)
    except UnreadableOldFile as error:
        raise CorruptDataError(error.path, error.reason, newest_backup()) from None
    migrations.backup_before_migrating(data_dir, found)
    if log_files(data_dir):
        # Another device converted first and may have changed things since: these values were
        # written without knowing that, so where they differ both are kept and shown.
        batches = [[replace(op, base={name: () for name in op.fields}) for op in batch] for batch in batches]
    for batch in batches:
        writes.write_ops(batch)
    atomic_write_bytes(data_dir / MAIN_FILE, MARKER)
    for path in backups.data_files(data_dir):
        if path.name != MAIN_FILE:
            path.unlink()
    try:
        (data_dir / "practice").rmdir()  # left when it holds anything else (a sync tool's conflict copy)
    except OSError:
        pass


def restore_from_backup(
    data_dir: Path, backup: Path, keep_current_as: str, ledger: Ledger, lock: DataFolderLock
) -> Path | None:
    """Put a backup's records back as operations in one batch; the state files as they were are kept as a backup.

    The batch sets what differs from the backup (see :func:`_differences`) and deletes
    what the backup lacks: one line, all there or not at all, carried to the other home
    like any change. Needs only the logs (the state files may be damaged: that may be
    why the family restores). The lock is held. Returns where the state as it was is kept.
    """
    damage = backups.damage_of(backup)
    if damage:
        raise BackupDamagedError(backup, damage, backups.newest_backup(data_dir), data_dir)
    ledger.catch_up()  # the restore's stamps come after every write seen
    try:
        tables = old_main_tables(backup)
        version = folder_version(backup / MAIN_FILE, lambda: None) if (backup / MAIN_FILE).exists() else VERSION
        tables = migrations.apply(tables, version, VERSION - 1) if version < VERSION else tables
        wanted = conversion_batches(backup, ledger.clock.now, tables)
    except (UnreadableOldFile, CorruptDataError) as error:
        raise BackupDamagedError(backup, {backup.name: str(error)}, backups.newest_backup(data_dir), data_dir) from None
    kept = backups.make_backup(data_dir, keep_current_as, lock=lock, source=state_dir(data_dir))
    folded = ledger.state
    ops = _differences(folded, [op for batch in wanted for op in batch], ledger.clock.now)
    kept_keys = {(op.table, op.id) for batch in wanted for op in batch}
    for table in RECORD_TABLES:
        for doc in folded.table(table):
            if (table, doc["id"]) not in kept_keys:
                ops.append(Op(ledger.clock.now(), "delete", table, doc["id"]))
    for key in folded.months():
        for doc in folded.month(key):
            rid = record_id(PRACTICE, doc)
            if (PRACTICE, rid) not in kept_keys:
                ops.append(Op(ledger.clock.now(), "delete", PRACTICE, rid))
    ledger.write(ops)  # not flushed: the next opening folds these lines into the state files too
    lock.wrote()
    main = data_dir / MAIN_FILE
    try:
        marked = main.read_bytes() == MARKER
    except OSError:
        marked = False
    if not marked:  # missing or damaged: the folder holds version 3 data, so it says so again
        atomic_write_bytes(main, MARKER)
    return kept


def _differences(folded: FoldedState, wanted: list[Op], stamp: Callable[[], Stamp]) -> list[Op]:
    """The backup's records as operations that write only what differs from the data now.

    A record the backup and the data now agree on is not written, nor a field they agree
    on: written, it would overwrite what the other home changed there meanwhile (a
    restore's operations come after everything this home had seen). A table whose order
    changed since the backup (or that gets a record back) is put back in the backup's order.
    """
    ops: list[Op] = []
    order: dict[str, list[str]] = {}
    for op in wanted:
        before = folded.record(op.table, op.id)
        if op.table in RECORD_TABLES:
            order.setdefault(op.table, []).append(op.id)
        fields = changed_fields(before, op.fields)
        if fields:
            ops.append(replace(op, fields=fields))
    for table, ids in order.items():
        wanted_ids = set(ids)
        now = [doc["id"] for doc in folded.table(table) if doc["id"] in wanted_ids]
        if now != ids:  # reordered, or a record comes back
            ops += rank_ops(stamp, table, ids)
    return ops
