"""The practice log as CSV, for a spreadsheet or the therapist's own records.

One row per entry, oldest first, with names instead of ids so the file reads on its
own; when a name is gone (a deleted routine, say) the id is written instead, so no
row is ever silently dropped. Written with the ``csv`` module: commas, quotes and
line breaks in notes are quoted properly.

Text a person typed that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which a spreadsheet may drop before reading the rest: OWASP's list) gets a leading
apostrophe, so a spreadsheet shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TextIO

from .measures import MEASURE_COLUMNS, measure_cells
from .models import PracticeEntry, Program

HEADER = (
    "date",
    "child",
    "goal",
    "strategy",
    "routine",
    "status",
    "assistance",
    "setting",
    "caregiver",
    "minutes",
    "trials_correct",
    "trials_total",
    *MEASURE_COLUMNS,
    "note",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Typed text, defused for spreadsheets: ``=SUM(A1)`` becomes ``'=SUM(A1)``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Names:
    """Id -> name lookups built once: the log can be tens of thousands of rows."""

    def __init__(self, program: Program) -> None:
        self.children = {c.id: c.name for c in program.children}
        self.goals = {g.id: g.title for g in program.goals}
        self.strategy_goal = {s.id: s.goal for s in program.strategies}
        self.strategies = {s.id: s.title for s in program.strategies}
        self.routines = {r.id: r.name for r in program.routines}
        self.caregivers = {c.id: c.name for c in program.caregivers}

    def goal_of(self, strategy: str) -> str:
        goal = self.strategy_goal.get(strategy)
        if goal is None:
            return ""
        return self.goals.get(goal, goal)


def practice_rows(program: Program, entries: Iterable[PracticeEntry]) -> list[list[str]]:
    """The rows under :data:`HEADER`, oldest entry first."""
    names = _Names(program)
    rows = []
    for e in sorted(entries, key=lambda e: (e.date, e.created_at)):
        rows.append(
            [
                e.date.isoformat(),
                safe_cell(names.children.get(e.child, e.child)),
                safe_cell(names.goal_of(e.strategy)),
                safe_cell(names.strategies.get(e.strategy, e.strategy)),
                safe_cell(names.routines.get(e.routine, e.routine)),
                e.status.value,
                e.assistance.label if e.assistance is not None else "",
                e.setting.label,
                safe_cell(names.caregivers.get(e.caregiver, e.caregiver)) if e.caregiver else "",
                str(e.minutes),
                "" if e.trials_correct is None else str(e.trials_correct),
                "" if e.trials_total is None else str(e.trials_total),
                *measure_cells(e),
                safe_cell(e.note),
            ]
        )
    return rows


def write_practice_csv(out: TextIO, program: Program, entries: Iterable[PracticeEntry]) -> int:
    """Write the header and the rows to ``out`` (open it with ``newline=""``); returns the row count."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    rows = practice_rows(program, entries)
    writer.writerows(rows)
    return len(rows)


def practice_csv(program: Program, entries: Iterable[PracticeEntry]) -> str:
    """The whole log as one CSV string (``\\r\\n`` line ends, as RFC 4180 has them)."""
    buffer = io.StringIO(newline="")
    write_practice_csv(buffer, program, entries)
    return buffer.getvalue()
