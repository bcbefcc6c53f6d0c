"""Rotating daily backups of the data folder, and restoring one.

Each backup is a folder ``backups/<device id>/YYYY-MM-DD`` holding copies of this
computer's state files (the main file, the month files and any month journals: the
family's data as the app reads it), made once a day; the newest seven are kept, and
the newest one known to be good whatever its age. Backups are per device: the
``backups`` folder syncs with the rest, and two homes each writing
``backups/2026-11-25/family.json`` would be two writers of one file, which a sync
tool cannot merge. Each device writes, and prunes, only its own folder; every
device's backups (and those an older family-tui made in ``backups/`` itself) can be
listed and restored. This device's are named by their day alone (``2026-11-25``),
another device's by its id too (``3f2a…/2026-11-25``).

Every file is checked before it is copied: against the checksum recorded when it was
written (see :mod:`.checksums`), and for shape. Each backup holds a manifest
(``.checksums``) with the checksum of every file it holds and the files found damaged;
a backup with damage is marked so and never offered as one to restore. A backup made
by an older family-tui has no manifest: its state is unknown.

A backup never replaces another: a name already taken gets a counter (``-2``, ``-3``),
and the finished folder is renamed into place in one step, which fails rather than
replace a folder that holds anything.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from . import journal
from .atomic import DIR_MODE, FILE_MODE, atomic_write_bytes, ensure_private_dir, fsync_dir
from .checksums import MANIFEST, Checksums, digest, signature_of
from .errors import BackupDamagedError, FolderNotWritableError, RestoreIncompleteError, WriteFailedError

if TYPE_CHECKING:
    from .lock import DataFolderLock

KEEP = 7
BACKUP_DIR = "backups"


def backup_root(data_dir: Path) -> Path:
    """Where this device keeps its backups: only it writes there."""
    from .devices.device import device_id

    return data_dir / BACKUP_DIR / device_id(data_dir)


def prepare_backup_root(data_dir: Path, *, probe: bool = False) -> Path:
    """This device's backup folder, made if need be (private, ``backups`` too); FolderNotWritableError if it cannot be.

    ``probe``: also make and remove a folder in it, to know a backup can be written there
    before anything else is changed (a restore keeps the data as it was there first).
    """
    root = backup_root(data_dir)
    try:
        ensure_private_dir(root.parent)  # ``backups`` itself, made private too (not by mkdir's parents)
        ensure_private_dir(root)
        if probe:
            trial = root / f".probe.{os.getpid()}.partial"
            trial.mkdir(mode=DIR_MODE, exist_ok=True)
            trial.rmdir()
    except OSError as error:
        if isinstance(error, PermissionError) or error.errno == errno.EROFS:
            raise FolderNotWritableError(root, error) from error
        raise WriteFailedError(root, error) from error
    return root


def list_backups(data_dir: Path) -> list[Path]:
    """Every device's backups (and an older family-tui's), oldest first; of one day, this device's last."""
    from .devices.device import is_device_id, known_device_id

    top = data_dir / BACKUP_DIR
    if not top.is_dir():
        return []
    mine = known_device_id(data_dir)
    found: list[Path] = []
    for folder in top.iterdir():
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        if is_device_id(folder.name):
            found += [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        else:
            found.append(folder)  # made before backups were per device
    return sorted(found, key=lambda p: (p.name, p.parent.name == mine, str(p)))


def backup_name(data_dir: Path, backup: Path) -> str:
    """What ``family-tui restore`` calls a backup: its day (this device's or an older family-tui's), else ``<device>/<day>``."""
    from .devices.device import known_device_id

    parent = backup.parent
    if parent == data_dir / BACKUP_DIR or parent.name == known_device_id(data_dir):
        return backup.name
    return f"{parent.name}/{backup.name}"


def newest_backup(data_dir: Path) -> Path | None:
    """The backup to offer first: the newest daily one known to be good.

    Backups kept before a migration or a restore sort after the dated ones by name, so
    "last by name" would offer them for ever, hiding every later day (and a restore's
    copy may hold the very files that were damaged). They are used only when there is
    no good daily backup, and can always be named explicitly. A backup marked damaged
    (or whose copies no longer match their checksums) is never offered; one made by an
    older family-tui (state unknown) only when none is known to be good.
    """
    backups = list_backups(data_dir)
    daily = [p for p in backups if _is_daily(p.name)]
    others = [p for p in backups if not _is_daily(p.name)]
    unknown = []
    for group in (daily, others):
        for backup in reversed(group):
            state = backup_state(backup)
            if state == GOOD:
                return backup
            if state == UNKNOWN:
                unknown.append(backup)
    return unknown[0] if unknown else None


GOOD, DAMAGED, UNKNOWN = "good", "damaged", "unknown"


class Damage(TypedDict):
    """A damaged file in a backup's manifest: why, and its signature when it was read (None: unknown)."""

    reason: str
    sig: list[int] | None


def read_manifest(backup: Path) -> dict[str, Any] | None:
    """The backup's manifest as JSON gives it (its ``files`` a dictionary); None when it cannot be read."""
    try:
        data = json.loads((backup / MANIFEST).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return data


def backup_state(backup: Path) -> str:
    """GOOD when the manifest says every file was sound and the copies still match it."""
    manifest = read_manifest(backup)
    if manifest is None:
        return DAMAGED if (backup / MANIFEST).exists() else UNKNOWN
    if not manifest.get("good") or manifest.get("damaged"):
        return DAMAGED
    return GOOD if not copies_damaged(backup, manifest) else DAMAGED


def copies_damaged(backup: Path, manifest: dict[str, Any]) -> dict[str, str]:
    """The copies in a backup that do not match its manifest (a disk can damage backups too)."""
    damaged: dict[str, str] = {}
    for relative, sha in manifest["files"].items():
        try:
            ok = digest((backup / relative).read_bytes()) == sha
        except OSError:
            ok = False
        if not ok:
            damaged[relative] = "the copy does not match the checksum recorded when the backup was made"
    return damaged


def damage_of(backup: Path) -> dict[str, str]:
    """Everything wrong with a backup, by file: damage found when it was made, and copies
    that no longer match their checksums. Empty for a good backup and for one made by an
    older family-tui (no manifest: its state is unknown, see :func:`backup_state`)."""
    manifest = read_manifest(backup)
    if manifest is None:
        if (backup / MANIFEST).exists():
            return {MANIFEST: "the backup's list of checksums cannot be read"}
        return {}
    damage = {
        k: (v.get("reason", "damaged") if isinstance(v, dict) else str(v))
        for k, v in (manifest.get("damaged") or {}).items()
    }
    if not damage and not manifest.get("good"):
        damage[MANIFEST] = "the backup is marked damaged"
    damage.update(copies_damaged(backup, manifest))
    return damage


def damage_in(backup: Path) -> dict[str, dict[str, Any]]:
    """The data files a backup found damaged when it was made: ``{relative path: {"reason", "sig"}}``."""
    manifest = read_manifest(backup)
    found = (manifest or {}).get("damaged") or {}
    return {k: v for k, v in found.items() if isinstance(v, dict)}


def data_files(data_dir: Path) -> list[Path]:
    """The files that make up the family's data (relative order: main first)."""
    files = [data_dir / "family.json"] if (data_dir / "family.json").is_file() else []
    practice = data_dir / "practice"
    if practice.is_dir():
        files += sorted(
            p for p in practice.iterdir() if p.suffix in DATA_SUFFIXES and MONTH_STEM.fullmatch(p.stem) and p.is_file()
        )
    return files


DATA_SUFFIXES = (".json", ".journal")
MONTH_STEM = re.compile(r"\d{4}-\d{2}")
"""A month file's name without its suffix. A sync tool's conflict copy (``2026-12.sync-conflict-….json``)
or any other stray file is not one: it is never read, backed up or restored as a month."""


def check_data_file(
    data_dir: Path,
    path: Path,
    raw: bytes,
    sig: list[int] | None,
    checksums: Checksums,
    lock: DataFolderLock | None = None,
) -> str | None:
    """Why a data file just read is damaged, or None (the data-folder lock is held)."""
    if path.suffix == ".journal":
        try:
            _, used = journal.parse(raw)
        except journal.JournalError as error:
            return str(error)
        month = path.with_suffix(".json")
        month_sig = signature_of(month)
        acknowledged = 0
        if lock is not None and sig is not None:
            acknowledged = lock.acknowledged(path.stem, sig[0], month_sig[0] if month_sig else 0)
        if used < acknowledged:
            return f"it was cut at byte {used}, though {acknowledged} bytes of check-ins were saved to it"
        return None
    reason = checksums.mismatch(path, raw, sig)
    if reason is not None:
        return reason
    from .durable import parse_tables

    try:
        parse_tables(raw, ValueError)
    except ValueError as error:
        return str(error)
    return None


def make_backup(
    data_dir: Path,
    name: str,
    *,
    lock: DataFolderLock | None = None,
    checksums: Checksums | None = None,
    source: Path | None = None,
) -> Path | None:
    """Copy the data files into a new backup named ``name`` (or ``name-2``...); None when there is nothing to copy.

    The caller holds the data-folder lock. Each file is checked as it is read; a
    damaged one is copied all the same (it may be all there is) and the backup marked
    damaged. Sound files the folder's manifest did not know yet are recorded in it.
    ``source``: the folder holding the files; by default this computer's state folder,
    the family's data as the app reads it (the old files of a folder being converted
    are copied with ``source`` the data folder).
    """
    if source is None:
        from .devices.state import state_dir

        source = state_dir(data_dir)
    files = data_files(source)
    if not files:
        return None
    checksums = checksums or Checksums(data_dir)
    root = prepare_backup_root(data_dir)
    try:
        staging = root / f".{name}.{os.getpid()}.partial"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(mode=DIR_MODE)
    except OSError as error:
        if isinstance(error, PermissionError) or error.errno == errno.EROFS:
            raise FolderNotWritableError(root, error) from error
        raise WriteFailedError(root / name, error) from error
    copied: dict[str, str] = {}
    damaged: dict[str, Damage] = {}
    sound: dict[Path, str] = {}
    try:
        for path in files:
            relative = path.relative_to(source).as_posix()
            sig = signature_of(path)
            try:
                raw = path.read_bytes()
            except IsADirectoryError:
                damaged[relative] = {"reason": "it is a folder, not a file", "sig": sig}
                continue
            if signature_of(path) != sig:
                sig = None  # changed while read: not under the lock, so not ours to judge
            reason = check_data_file(source, path, raw, sig, checksums, lock)
            sha = digest(raw)
            if reason is not None:
                damaged[relative] = {"reason": reason, "sig": sig}
            elif path.suffix == ".json" and sig is not None:
                sound[path] = sha
            destination = staging / relative
            destination.parent.mkdir(mode=DIR_MODE, exist_ok=True)
            _write_synced(destination, raw)
            if sig is not None:
                os.utime(destination, ns=(sig[2], sig[2]))
            copied[relative] = sha
        manifest = {"version": 1, "good": not damaged, "files": copied, "damaged": damaged}
        _write_synced(staging / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))
        for folder in {staging, *(staging / r for r in {Path(c).parent for c in copied} if str(r) != ".")}:
            fsync_dir(folder)
        target = _publish(staging, root, name)
    except BaseException as error:
        # A full disk halfway through: leave no half backup behind to be mistaken for one.
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, PermissionError) or getattr(error, "errno", None) == errno.EROFS:
            raise FolderNotWritableError(root, error) from error  # type: ignore[arg-type]
        if isinstance(error, OSError):
            raise WriteFailedError(root / name, error) from error
        raise
    fsync_dir(root)
    checksums.record_many(sound)
    return target


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(staging: Path, root: Path, name: str) -> Path:
    """Rename the finished backup to the first free name; never over another backup."""
    for number in itertools.count(1):
        target = root / (name if number == 1 else f"{name}-{number}")
        if os.path.lexists(target):
            continue
        try:
            os.rename(staging, target)  # fails if a folder holding anything appeared meanwhile
        except OSError as error:
            if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                continue
            raise
        return target
    raise AssertionError("unreachable")


def ensure_daily_backup(
    data_dir: Path,
    today: date,
    keep: int = KEEP,
    *,
    lock: DataFolderLock | None = None,
    checksums: Checksums | None = None,
    source: Path | None = None,
) -> Path | None:
    """Make today's backup if there is none yet, and prune to the newest ``keep``.

    The newest backup known to be good is kept whatever its age: days of backups of
    a file damaged without anyone noticing must not push out the last sound copy.
    """
    name = today.isoformat()
    root = backup_root(data_dir)
    existing = root / name
    made = None if existing.is_dir() else make_backup(data_dir, name, lock=lock, checksums=checksums, source=source)
    daily = [p for p in list_backups(data_dir) if _is_daily(p.name) and p.parent == root]  # another's are its own
    doomed = daily[:-keep]
    if doomed:
        last_good = next((b for b in reversed(daily) if backup_state(b) == GOOD), None)
        for old in doomed:
            if old != last_good:
                shutil.rmtree(old, ignore_errors=True)
    return made


def _is_daily(name: str) -> bool:
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return True


def find_backup(data_dir: Path, name: str | None) -> Path | None:
    """The backup ``family-tui restore`` was given: by its name (see :func:`backup_name`), a day
    alone meaning this device's backup of that day before another device's, or by its path."""
    if name is None:
        return newest_backup(data_dir)
    backups = list_backups(data_dir)
    named = [b for b in backups if backup_name(data_dir, b) == name or str(b) == name]
    if named:
        return named[-1]  # of one day, this device's (listed last) before an older family-tui's
    same_day = [b for b in backups if b.name == name]  # another device's, when this one has none of that day
    return same_day[-1] if same_day else None


def restore_backup(
    data_dir: Path, backup: Path, keep_current_as: str, *, lock: DataFolderLock | None = None
) -> Path | None:
    """Bring a backup back into a folder of data version 2 or less, file by file, first keeping the current files.

    Returns where the current files were kept (None when there were none). A backup
    with damage in it is refused, naming the newest good one. The caller holds the
    data-folder lock.
    """
    damage = damage_of(backup)
    if damage:
        raise BackupDamagedError(backup, damage, newest_backup(data_dir), data_dir)
    checksums = Checksums(data_dir)
    kept = make_backup(data_dir, keep_current_as, lock=lock, checksums=checksums, source=data_dir)
    wanted = {p.relative_to(backup) for p in backup.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()}
    written: dict[Path, str] = {}
    try:
        ensure_private_dir(data_dir / "practice")
        for relative in sorted(wanted):
            raw = (backup / relative).read_bytes()
            atomic_write_bytes(data_dir / relative, raw)
            written[data_dir / relative] = digest(raw)
        for path in data_files(data_dir):
            if path.relative_to(data_dir) not in wanted:
                path.unlink()
                written[path] = ""
    except OSError as error:
        if not written:
            raise FolderNotWritableError(data_dir, error) from error
        raise RestoreIncompleteError(data_dir, backup, kept, error) from error
    finally:
        checksums.record_many(written)
    return kept
