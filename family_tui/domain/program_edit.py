"""What the program editor does to the stored program, without any screen.

Adding, archiving and reordering are small; deleting is the one change that can
take history with it, so :func:`family_tui.usecases.deletion.plan_deletion` works out everything that would go
and says it in a sentence before :func:`carry_out` does it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ids import new_id
from .models import Caregiver, Child, Goal, GoalStatus, Program, Record, Routine, Strategy, Therapist


@dataclass(frozen=True)
class Kind:
    """One kind of thing in the program, as the editor lists it."""

    key: str
    """The Program attribute and store table: "children", "routines"…"""
    model: type[Record]
    singular: str
    title: str


KINDS: tuple[Kind, ...] = (
    Kind("children", Child, "child", "Children"),
    Kind("caregivers", Caregiver, "caregiver", "Caregivers"),
    Kind("therapists", Therapist, "therapist", "Therapists"),
    Kind("routines", Routine, "routine", "Routines"),
    Kind("goals", Goal, "goal", "Goals"),
    Kind("strategies", Strategy, "strategy", "Strategies"),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}


def kind_of(record: Record) -> Kind:
    return next(kind for kind in KINDS if isinstance(record, kind.model))


def display_name(record: Any) -> str:
    """Any program record: people and routines have a name, goals and strategies a title."""
    name: str = getattr(record, "name", None) or getattr(record, "title", None) or record.id
    return name


def is_archived(record: Any) -> bool:
    """Goals are met or paused rather than archived; all leave the checklist and keep history."""
    if isinstance(record, Goal):
        return not record.active
    return bool(getattr(record, "archived", False))


def with_archived(record: Any, archived: bool) -> Any:
    """Archiving a goal pauses it (the goal form says when one is met); bringing it back makes it active."""
    if isinstance(record, Goal):
        return record.model_copy(update={"status": GoalStatus.PAUSED if archived else GoalStatus.ACTIVE})
    return record.model_copy(update={"archived": archived})


def records(program: Program, kind: Kind) -> list[Any]:
    """The records of a kind in the order the editor lists them (and the day uses them)."""
    found = list(getattr(program, kind.key))
    if kind.model is Routine:
        found.sort(key=lambda r: (r.time, r.order, r.name))
    return found


def make_id(program: Program, kind: Kind, name: str) -> str:
    """A new record's id, made once from its name; renaming never changes it."""
    return new_id(name, {r.id for r in getattr(program, kind.key)})


# -- reordering ----------------------------------------------------------------


@dataclass
class Move:
    """What moving one row up or down comes to: a new table order, routines to save, or why not."""

    order: list[str] | None = None
    saves: list[Record] = field(default_factory=list)
    refused: str = ""


def plan_move(program: Program, kind: Kind, record_id: str, step: int) -> Move:
    rows = records(program, kind)
    index = next((i for i, r in enumerate(rows) if r.id == record_id), None)
    if index is None:
        return Move(refused="That row is no longer in the program.")
    target = index + step
    name = display_name(rows[index])
    if not 0 <= target < len(rows):
        return Move(refused=f"'{name}' is already {'first' if step < 0 else 'last'}.")
    if kind.model is not Routine:
        ids = [r.id for r in rows]
        ids[index], ids[target] = ids[target], ids[index]
        return Move(order=ids)
    routine, neighbour = rows[index], rows[target]
    if routine.time != neighbour.time:
        return Move(
            refused=(
                f"Routines follow the clock: '{routine.name}' is at {routine.time:%H:%M} and "
                f"'{neighbour.name}' at {neighbour.time:%H:%M}. Change a time to move it past."
            )
        )
    group = [r for r in rows if r.time == routine.time]
    a, b = group.index(routine), group.index(neighbour)
    group[a], group[b] = group[b], group[a]
    saves = [r.model_copy(update={"order": n}) for n, r in enumerate(group) if r.order != n]
    return Move(saves=saves)


# -- deleting ------------------------------------------------------------------


@dataclass
class Deletion:
    """Everything deleting one record takes with it, and the words to say so."""

    record: Any
    lines: list[str]
    """What goes (and what stays changed), one sentence each."""
    has_history: bool
    practice_count: int = 0
    counting: bool = False
    """Some practice is still to be counted: the lines say so (see ``plan_deletion``)."""
    practice_children: set[str] = field(default_factory=set)
    practice_strategies: set[str] = field(default_factory=set)
    practice_routines: set[str] = field(default_factory=set)
    saves: list[Record] = field(default_factory=list)
    deletes: list[tuple[type[Record], str]] = field(default_factory=list)
    clear_caregiver: bool = False
    loaded: dict[tuple[type[Record], str], Record] = field(default_factory=dict)
    """Every record saved or deleted, as it was when planned: :func:`carry_out` writes from these."""

    @property
    def headline(self) -> str:
        return f"Delete '{display_name(self.record)}'?"


__all__ = [
    "KINDS",
    "KIND_BY_KEY",
    "Deletion",
    "Kind",
    "Move",
    "display_name",
    "is_archived",
    "kind_of",
    "make_id",
    "plan_move",
    "records",
    "with_archived",
]
