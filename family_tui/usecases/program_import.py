"""Importing a home-program file into the family's store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from ..clock import family_day
from ..domain.models import Goal, GoalStatus, Program
from ..domain.program_file import ImportPlan, load_program_file, plan_import
from ..storage import FamilyStore

DecideMissing = Callable[[list[Goal]], Mapping[str, GoalStatus]]
"""Given the active goals a file leaves out, says which to mark met or paused (by id); the rest stay."""


def import_program(
    store: FamilyStore,
    path: Path,
    dry_run: bool = False,
    today: date | None = None,
    *,
    incoming: Program | None = None,
    decide_missing: DecideMissing | None = None,
) -> ImportPlan:
    """Check the whole file, then write every change in one step (or nothing, on a dry run).

    ``incoming``: the file as :func:`load_program_file` already read it (not read twice).
    ``decide_missing``: asked only when the file leaves out goals the family still has
    active; without it they stay as they are. Nothing is deleted either way.
    """
    if incoming is None:
        incoming = load_program_file(Path(path))
    if today is None:
        today = family_day(store.clock.local_now(), store.settings().day_start)
    current = store.program()
    plan = plan_import(current, incoming, today)
    if plan.missing_goals and decide_missing is not None:
        plan = plan_import(current, incoming, today, missing=decide_missing(plan.missing_goals))
    if plan.saves and not dry_run:
        store.apply_changes(plan.saves)
    return plan
