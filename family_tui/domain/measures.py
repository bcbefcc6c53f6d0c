"""Seconds, steps and counts in words: "best 7 s left, 4 s right; aim 10 s", "4 of 6 steps on their own".

Progress and the weekly update say the same sentence for a strategy that measures
(issue 26): the best time on each side over the days read, the steps of the last day
they were ticked, the best count. Tries keep their older wording (percent correct).
The app knows no child's pronoun: the steps are done "on their own".

The aim of a timed strategy comes from its goal's target, the first number of seconds
in it ("10 seconds on each foot" aims at 10 s): the therapist writes it there already,
and a second place for the same number could disagree with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .history import Practice
from .models import Goal, Measure, Side, Strategy

_SECONDS_IN_TARGET = re.compile(r"(\d+)\s*(?:seconds?|secs?|s)\b", re.IGNORECASE)


def aim_seconds(goal: Goal | None) -> int | None:
    """The first number of seconds in the goal's target, or None."""
    found = _SECONDS_IN_TARGET.search(goal.target) if goal is not None else None
    return int(found[1]) if found else None


def _best(values: Iterable[int | None]) -> int | None:
    return max((v for v in values if v is not None), default=None)


def measure_text(strategy: Strategy, goal: Goal | None, entries: Iterable[Practice]) -> str:
    """The strategy's measure over ``entries`` in words; "" when it measures nothing or nothing was noted."""
    measured = strategy.measured
    found = list(entries)
    if measured is Measure.SECONDS:
        return seconds_text(strategy, goal, found)
    if measured is Measure.STEPS:
        noted = sorted((e for e in found if e.steps_total), key=lambda e: e.date)
        if not noted:
            return ""
        last = noted[-1]
        return f"{len(last.steps_alone or ())} of {last.steps_total} steps on their own"
    if measured is Measure.COUNT:
        best = _best(e.counted for e in found)
        return "" if best is None else f"best {best}"
    return ""


def seconds_text(strategy: Strategy, goal: Goal | None, entries: list[Practice]) -> str:
    parts: list[str] = []
    sides = {Side.LEFT: [e.seconds_left for e in entries], Side.RIGHT: [e.seconds_right for e in entries]}
    for side in strategy.sides or [s for s in Side if _best(sides[s]) is not None]:
        best = _best(sides[side])
        if best is not None:
            parts.append(f"{best} s {side.value}")
    plain = _best(e.seconds for e in entries)
    if plain is not None:
        parts.insert(0, f"{plain} s")
    if not parts:
        return ""
    aim = aim_seconds(goal)
    return f"best {', '.join(parts)}" + (f"; aim {aim} s" if aim is not None else "")


MEASURE_COLUMNS = ("seconds", "seconds_left", "seconds_right", "steps_on_own", "steps_total", "count")
"""The CSV export's columns for what a strategy measures; steps_on_own counts the steps ticked."""


def measure_cells(entry: Practice) -> list[str]:
    """One entry's cells under :data:`MEASURE_COLUMNS` ("" where nothing was noted)."""
    values = (
        entry.seconds,
        entry.seconds_left,
        entry.seconds_right,
        len(entry.steps_alone) if entry.steps_alone is not None else None,
        entry.steps_total,
        entry.counted,
    )
    return ["" if value is None else str(value) for value in values]
