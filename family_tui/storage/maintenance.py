"""Daily upkeep of a data folder: stale temporaries removed, journals folded, today's backup made.

A failure here (a full disk) is worth a warning, never a stop: the family's data is
whole either way, and family-tui tries again the next time it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import backups
from .atomic import remove_stale_temporaries
from .checksums import Checksums, signature_of
from .errors import StorageError
from .lock import DataFolderLock
from .practice import PRACTICE_DIR


def run_daily(
    data_dir: Path,
    today: date,
    lock: DataFolderLock,
    checksums: Checksums,
    fold_journals: Callable[[], int],
    source: Path | None = None,
) -> tuple[Path | None, str | None]:
    """Do the day's upkeep; returns the backup made (None when today's exists) and any damage found.

    ``source``: the folder whose files are backed up (the state folder; default the data folder).
    """
    from . import summary  # not part of start-up: the upkeep runs once Today is up

    source = source or data_dir
    with lock.held():
        remove_stale_temporaries(
            [
                data_dir,
                source,
                source / PRACTICE_DIR,
                data_dir / summary.CACHE_DIR,
                backups.backup_root(data_dir),
            ]
        )
        fold_journals()
        made = backups.ensure_daily_backup(data_dir, today, lock=lock, checksums=checksums, source=source)
        return made, damage_report(source, backups.backup_root(data_dir) / today.isoformat(), data_dir)


def damage_report(source: Path, backup: Path, data_dir: Path | None = None) -> str | None:
    """What today's backup found damaged and is still so, with the backup to restore; None when all is well.

    ``source``: the folder the backup copied (the state folder); ``data_dir``: the data folder.
    """
    data_dir = data_dir or source
    still = []
    for relative, found in sorted(backups.damage_in(backup).items()):
        sig = found.get("sig")
        if sig is not None and signature_of(source / relative) == sig:
            still.append(f"{source / relative} is damaged: {found.get('reason', 'it cannot be read')}")
    if not still:
        return None
    good = backups.newest_backup(data_dir)
    if good is not None and backups.backup_state(good) == backups.GOOD:
        advice = (
            f"The last backup known to be good is {good.name}; to bring it back run: "
            f"family-tui --data-dir {data_dir} restore {good.name} "
            "(the files it replaces are kept as another backup first)."
        )
    else:
        advice = "No backup is known to be good; keep a copy of the data folder and ask for help."
    return f"{'. '.join(still)}. Nothing has been overwritten. {advice}"


def problem_of(data_dir: Path, error: StorageError | OSError) -> str:
    """What to tell the user when today's upkeep failed."""
    cause = getattr(error, "error", error)
    reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(error)
    return (
        f"Today's backup of {data_dir} could not be made ({reason}). "
        "Nothing was lost; family-tui tries again the next time it starts."
    )
