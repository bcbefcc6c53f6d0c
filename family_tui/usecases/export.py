"""Everything the family has stored, as one JSON-ready dict (``family-tui export``).

The layout follows how a person reads a home program: each goal carries its strategies.
Settings are left out on purpose: they hold the parent PIN's hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.records import Record
from ..storage import FamilyStore

EXPORT_KEYS = (
    "schema_version",
    "children",
    "caregivers",
    "therapists",
    "routines",
    "goals",
    "practice",
    "notes",
    "wins",
    "skip_days",
)


def export_data(store: FamilyStore) -> dict[str, Any]:
    """All records, each dumped as JSON types; strategies nested under their goals."""
    program = store.program()

    def dump(records: Iterable[Record]) -> list[dict[str, Any]]:
        return [record.model_dump(mode="json") for record in records]

    goals = []
    for goal in program.goals:
        entry = goal.model_dump(mode="json")
        entry["strategies"] = dump(s for s in program.strategies if s.goal == goal.id)
        goals.append(entry)
    return {
        "schema_version": store.schema_version(),
        "children": dump(program.children),
        "caregivers": dump(program.caregivers),
        "therapists": dump(program.therapists),
        "routines": dump(program.routines),
        "goals": goals,
        "practice": dump(store.all_practice()),
        "notes": dump(store.notes()),
        "wins": dump(store.wins()),
        "skip_days": dump(store.skip_days()),
    }
