"""Forward migrations of the data folder, one numbered step at a time.

Before any step runs, the old files are copied to ``backups/<device id>/before-vN-migration``: a migration
that goes wrong can always be undone with ``family-tui restore``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .backups import make_backup

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""Takes the main file's tables at version N, returns them at version N+1."""


def goal_status_from_active(tables: dict[str, Any]) -> dict[str, Any]:
    """Version 2: a goal's ``active`` true or false becomes ``status`` "active" or "paused".

    Version 1 had no word for a met goal; an inactive one is called paused, which is
    what it was: off the checklist, history kept. A document that is not a goal as
    version 1 wrote it is left as it is, for the store to report as it would have.
    """
    goals = tables.get("goals")
    if not isinstance(goals, dict):
        return tables
    upgraded: dict[str, Any] = {}
    for key, doc in goals.items():
        if isinstance(doc, dict) and isinstance(doc.get("active"), bool):
            doc = {name: value for name, value in doc.items() if name != "active"}
            doc["status"] = "paused" if goals[key]["active"] is False else "active"
        upgraded[key] = doc
    return {**tables, "goals": upgraded}


# MIGRATIONS[n] upgrades version n to n + 1. Version 1 is the first released format.
MIGRATIONS: dict[int, Migration] = {1: goal_status_from_active}


def pending(found: int, current: int) -> list[int]:
    return list(range(found, current))


def backup_before_migrating(data_dir: Path, found: int) -> Path | None:
    return make_backup(data_dir, f"before-v{found}-migration", source=data_dir)


def apply(tables: dict[str, Any], found: int, current: int) -> dict[str, Any]:
    for version in pending(found, current):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RuntimeError(f"no migration from data version {version}")
        tables = step(tables)
    return tables
