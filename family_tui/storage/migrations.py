"""Forward migrations of the data folder, one numbered step at a time.

Before any step runs, the whole folder is copied to ``backups/before-vN``: a migration
that goes wrong can always be undone with ``family-tui restore``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .backups import make_backup

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Takes the main file's tables at version N, returns them at version N+1."""

# MIGRATIONS[n] upgrades version n to n + 1. Version 1 is the first released format.
MIGRATIONS: dict[int, Migration] = {}


def pending(found: int, current: int) -> list[int]:
    return list(range(found, current))


def backup_before_migrating(data_dir: Path, found: int) -> Path | None:
    return make_backup(data_dir, f"before-v{found}-migration")


def apply(tables: dict[str, Any], found: int, current: int) -> dict[str, Any]:
    for version in pending(found, current):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from data version {version}")
        tables = step(tables)
    return tables
