"""Rotating daily backups of the data folder, and restoring one.

Each backup is a folder ``backups/YYYY-MM-DD`` holding copies of the main file, the
month files and any month journals, made once a day; the newest seven are kept.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from .atomic import DIR_MODE, ensure_private_dir, fsync_dir

KEEP = 7
BACKUP_DIR = "backups"


def backup_root(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, oldest first."""
    root = backup_root(data_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def newest_backup(data_dir: Path) -> Path | None:
    """The backup to offer first: the newest daily one.

    Backups kept before a migration or a restore sort after the dated ones by name, so
    "last by name" would offer them for ever, hiding every later day (and a restore's
    copy may hold the very files that were damaged). They are used only when there is
    no daily backup yet, and can always be named explicitly.
    """
    backups = list_backups(data_dir)
    daily = [p for p in backups if _is_daily(p.name)]
    if daily:
        return daily[-1]
    return backups[-1] if backups else None


def data_files(data_dir: Path) -> list[Path]:
    """The files that make up the family's data (relative order: main first)."""
    files = [data_dir / "family.json"] if (data_dir / "family.json").exists() else []
    practice = data_dir / "practice"
    if practice.is_dir():
        files += sorted(
            p for p in practice.iterdir()
            if p.suffix in DATA_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
    return files


DATA_SUFFIXES = (".json", ".journal")


def make_backup(data_dir: Path, name: str) -> Path | None:
    """Copy the data files into ``backups/name``; returns None when there is nothing to copy."""
    files = data_files(data_dir)
    if not files:
        return None
    root = backup_root(data_dir)
    ensure_private_dir(root)
    target = root / name
    staging = root / f".{name}.partial"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(mode=DIR_MODE)
    try:
        for path in files:
            relative = path.relative_to(data_dir)
            destination = staging / relative
            destination.parent.mkdir(mode=DIR_MODE, exist_ok=True)
            shutil.copy2(path, destination)
            with open(destination, "rb+") as handle:
                os.fsync(handle.fileno())
    except BaseException:
        # A full disk halfway through: leave no half backup behind to be mistaken for one.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        shutil.rmtree(target)
    os.replace(staging, target)
    fsync_dir(root)
    return target


def ensure_daily_backup(data_dir: Path, today: date, keep: int = KEEP) -> Path | None:
    """Make today's backup if there is none yet, and prune to the newest ``keep``."""
    name = today.isoformat()
    existing = backup_root(data_dir) / name
    made = None if existing.is_dir() else make_backup(data_dir, name)
    daily = [p for p in list_backups(data_dir) if _is_daily(p.name)]
    for old in daily[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    return made


def _is_daily(name: str) -> bool:
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return True


def find_backup(data_dir: Path, name: str | None) -> Path | None:
    if name is None:
        return newest_backup(data_dir)
    backups = list_backups(data_dir)
    return next((b for b in backups if b.name == name or str(b) == name), None)


def restore_backup(data_dir: Path, backup: Path, keep_current_as: str) -> Path | None:
    """Bring a backup back, first keeping the current files as another backup.

    Returns where the current files were kept (None when there were none).
    """
    kept = make_backup(data_dir, keep_current_as)
    practice = data_dir / "practice"
    ensure_private_dir(practice)
    wanted = {p.relative_to(backup) for p in backup.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()}
    for path in data_files(data_dir):
        if path.relative_to(data_dir) not in wanted:
            path.unlink()
    from .atomic import atomic_write_bytes

    for relative in sorted(wanted):
        atomic_write_bytes(data_dir / relative, (backup / relative).read_bytes())
    return kept
