"""Importing a home-program file into the family's store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..clock import family_day
from ..domain.models import Program
from ..domain.program_file import ImportPlan, load_program_file, plan_import


def import_program(
    store, path: Path, dry_run: bool = False, today: date | None = None, *, incoming: Program | None = None
) -> ImportPlan:
    """Check the whole file, then write every change in one step (or nothing, on a dry run).

    ``incoming``: the file as :func:`load_program_file` already read it (not read twice).
    """
    if incoming is None:
        incoming = load_program_file(Path(path))
    if today is None:
        today = family_day(store.clock.local_now(), store.settings().day_start)
    plan = plan_import(store.program(), incoming, today)
    if plan.saves and not dry_run:
        store.apply_changes(plan.saves)
    return plan
