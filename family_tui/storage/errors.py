"""Errors the store raises, each with a message a parent can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Something about the data folder stops the app; ``str()`` says what to do."""


class CorruptDataError(StorageError):
    """A data file exists but cannot be read. It is never overwritten."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup
        if newest_backup is not None:
            known_good = (newest_backup / ".checksums").exists()  # only good ones are offered with a manifest
            advice = (
                f"The {'last backup known to be good' if known_good else 'newest backup'} is {newest_backup}. "
                f"To bring it back run: family-tui --data-dir {path_data_dir(path)} restore {newest_backup.name}"
            )
        else:
            advice = "No backup was found; keep a copy of the file and ask for help before changing it."
        super().__init__(f"Cannot read {path}: {reason}. Nothing has been changed or overwritten. {advice}")


class NewerSchemaError(StorageError):
    """The data was written by a newer family-tui; it is refused, never rewritten."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer version of family-tui (data version {found}; "
            f"this version understands up to {supported}). Nothing has been changed. "
            "Please update family-tui to open it."
        )


class WriteFailedError(StorageError):
    """A write did not reach the disk; the previous file is intact."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.error = error
        reason = error.strerror or str(error)
        super().__init__(f"Could not save to {path}: {reason}. Nothing was changed; please try again.")


class FolderNotWritableError(StorageError):
    """The data folder cannot be written (permissions, a read-only disk)."""

    def __init__(self, folder: Path, error: OSError) -> None:
        self.error = error
        reason = error.strerror or str(error)
        super().__init__(
            f"Cannot write in the data folder {folder} ({reason}). Nothing has been changed. "
            "Check that the folder and its files belong to you and are not read-only "
            "(or start family-tui with --data-dir pointing at a folder you can write)."
        )


class BackupDamagedError(StorageError):
    """A backup holds damaged files: it is not restored."""

    def __init__(self, backup: Path, damage: dict[str, str], good: Path | None, data_dir: Path) -> None:
        self.backup = backup
        self.damage = damage
        files = "; ".join(f"{name}: {reason}" for name, reason in sorted(damage.items()))
        if good is not None:
            advice = (
                f"The last backup known to be good is {good.name}; to bring it back run: "
                f"family-tui --data-dir {data_dir} restore {good.name}"
            )
        else:
            advice = "No backup is known to be good; keep a copy of the data folder and ask for help."
        super().__init__(
            f"The backup {backup} holds damaged files ({files}), so it was not restored. "
            f"Nothing has been changed. {advice}"
        )


class RestoreIncompleteError(StorageError):
    """A restore stopped after changing some files; the files from before are kept."""

    def __init__(self, data_dir: Path, backup: Path, kept: Path | None, error: OSError) -> None:
        self.error = error
        reason = error.strerror or str(error)
        where = (
            f" The files as they were before are kept in {kept}: run family-tui --data-dir {data_dir} "
            f"restore {kept.name} to go back to them."
            if kept is not None
            else ""
        )
        super().__init__(
            f"The restore of {backup.name} into {data_dir} stopped halfway: {reason}. "
            f"Free some space or make the folder writable, then run the restore again.{where}"
        )


class DataFolderShapeError(StorageError):
    """Something in the data folder is not what family-tui keeps there (a file where a folder goes)."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot use {path}: {what}. Nothing has been changed. "
            f"Move it aside (rename it) so family-tui can use {path.name} again, "
            "or start family-tui with --data-dir pointing at another folder."
        )


def path_data_dir(path: Path) -> Path:
    """The data folder a file belongs to (month files live one folder down; the state two more, in the local folder)."""
    parent = path.parent
    folder = parent.parent if parent.name in ("practice", "backups") else parent
    if folder.name == "state" and folder.parent.name == ".family-tui-local":
        return folder.parent.parent
    return folder
