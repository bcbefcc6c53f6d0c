"""Keeping a met skill: one check a week on Today for a goal with ``maintenance = "weekly"``.

A met goal leaves the daily checklist, but therapists check that a skill is kept. The
check is the goal's first strategy in use, in the first of its routines that happens
that day, and shows each day of the ISO week (Monday to Sunday) until it is done once
that week. It is maintenance, not active practice: it counts in no planned minutes.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .models import Child, Goal, GoalStatus, PracticeEntry, Program, Routine, Strategy

KEEPING_UP = "keeping it up"
"""What Today says beside a maintenance check."""


def is_maintained(goal: Goal) -> bool:
    """Met, and the therapist asked for a check to keep it up."""
    return goal.status is GoalStatus.MET and goal.maintenance is not None


def monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def maintenance_checks(
    program: Program, day: date, routines: list[Routine], entries: Iterable[PracticeEntry]
) -> dict[str, list[tuple[Child, Goal, Strategy]]]:
    """Routine id -> the maintenance checks in it on ``day`` (``routines``: that day's, in time order).

    ``entries`` should cover the week up to ``day``: a check done on an earlier day of
    the same week is done for the week, so it does not show again. Done on ``day``
    itself, it shows ticked.
    """
    monday = monday_before(day)
    earlier = {e.strategy for e in entries if monday <= e.date < day}
    children = {c.id: c for c in program.children if not c.archived}
    found: dict[str, list[tuple[Child, Goal, Strategy]]] = {}
    for goal in program.goals:
        if not is_maintained(goal) or goal.child not in children:
            continue
        if goal.met_on is not None and goal.met_on >= day:
            continue  # met today: it was on the checklist as active practice
        strategies = [s for s in program.strategies if s.goal == goal.id and not s.archived]
        if not strategies or any(s.id in earlier for s in strategies):
            continue
        check = strategies[0]
        routine = next((r for r in routines if r.id in check.routines), None)
        if routine is not None:
            found.setdefault(routine.id, []).append((children[goal.child], goal, check))
    return found
