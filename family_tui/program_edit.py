"""What the program editor does to the stored program, without any screen.

Adding, archiving and reordering are small; deleting is the one change that can
take history with it, so :func:`plan_deletion` works out everything that would go
and says it in a sentence before :func:`carry_out` does it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ids import new_id
from .models import Caregiver, Child, Goal, Program, Record, Routine, Strategy, Therapist
from .storage import FamilyStore


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
    return getattr(record, "name", None) or getattr(record, "title", None) or record.id


def is_archived(record: Any) -> bool:
    """Goals are "inactive" rather than archived; both leave the checklist and keep history."""
    if isinstance(record, Goal):
        return not record.active
    return bool(getattr(record, "archived", False))


def with_archived(record: Any, archived: bool) -> Any:
    if isinstance(record, Goal):
        return record.model_copy(update={"active": not archived})
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


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _titles(items: list[Any], limit: int = 3) -> str:
    names = [f"'{display_name(i)}'" for i in items[:limit]]
    more = len(items) - limit
    if more > 0:
        names.append(f"{more} more")
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class Deletion:
    """Everything deleting one record takes with it, and the words to say so."""

    record: Any
    lines: list[str]
    """What goes (and what stays changed), one sentence each."""
    has_history: bool
    practice_count: int = 0
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


def plan_deletion(store: FamilyStore, record: Any) -> Deletion:
    """Work out what deleting ``record`` would remove, without changing anything."""
    program = store.program()
    entries = store.all_practice()
    name = display_name(record)
    deletion = Deletion(record=record, lines=[], has_history=False, deletes=[(type(record), record.id)])
    parts: list[str] = []

    if isinstance(record, Child):
        goals = [g for g in program.goals if g.child == record.id]
        goal_ids = {g.id for g in goals}
        strategies = [s for s in program.strategies if s.goal in goal_ids]
        strategy_ids = {s.id for s in strategies}
        practice = [e for e in entries if e.child == record.id or e.strategy in strategy_ids]
        wins = [w for w in store.wins() if w.child == record.id]
        notes = [n for n in store.notes() if n.child == record.id]
        skips = [s for s in store.skip_days() if s.child == record.id]
        deletion.practice_children = {record.id}
        deletion.practice_strategies = strategy_ids
        deletion.deletes += [(Goal, g.id) for g in goals] + [(Strategy, s.id) for s in strategies]
        deletion.deletes += [(type(w), w.id) for w in wins] + [(type(n), n.id) for n in notes]
        deletion.deletes += [(type(s), s.id) for s in skips]
        deletion.saves += [
            t.model_copy(update={"children": [c for c in t.children if c != record.id]})
            for t in program.therapists
            if record.id in t.children
        ]
        if goals:
            parts.append(f"{name}'s {_count(len(goals), 'goal', 'goals')}")
        if strategies:
            parts.append(_count(len(strategies), "strategy", "strategies"))
        if practice:
            parts.append(_count(len(practice), "practice entry", "practice entries"))
        if wins:
            parts.append(_count(len(wins), "win", "wins"))
        if notes:
            parts.append(_count(len(notes), "note", "notes"))
        if skips:
            parts.append(_count(len(skips), "skipped day", "skipped days"))
        deletion.practice_count = len(practice)
        deletion.has_history = bool(practice or wins or notes or skips)
    elif isinstance(record, Goal):
        strategies = [s for s in program.strategies if s.goal == record.id]
        strategy_ids = {s.id for s in strategies}
        practice = [e for e in entries if e.strategy in strategy_ids]
        wins = [w for w in store.wins() if w.goal == record.id]
        deletion.practice_strategies = strategy_ids
        deletion.deletes += [(Strategy, s.id) for s in strategies]
        deletion.saves += [w.model_copy(update={"goal": None}) for w in wins]
        if strategies:
            parts.append(f"its {_count(len(strategies), 'strategy', 'strategies')} ({_titles(strategies)})")
        if practice:
            parts.append(_count(len(practice), "practice entry", "practice entries"))
        if wins:
            deletion.lines.append(
                f"{_count(len(wins), 'win stays', 'wins stay')}, no longer linked to this goal."
            )
        deletion.practice_count = len(practice)
        deletion.has_history = bool(practice or wins)
    elif isinstance(record, Strategy):
        practice = [e for e in entries if e.strategy == record.id]
        deletion.practice_strategies = {record.id}
        if practice:
            parts.append(_count(len(practice), "practice entry", "practice entries"))
        deletion.practice_count = len(practice)
        deletion.has_history = bool(practice)
    elif isinstance(record, Routine):
        practice = [e for e in entries if e.routine == record.id]
        embedded = [s for s in program.strategies if record.id in s.routines]
        deletion.practice_routines = {record.id}
        deletion.saves += [
            s.model_copy(update={"routines": [r for r in s.routines if r != record.id]}) for s in embedded
        ]
        if practice:
            parts.append(_count(len(practice), "practice entry", "practice entries"))
        if embedded:
            deletion.lines.append(
                f"{_titles(embedded)} will no longer be practised at {name}; "
                f"{'it stays' if len(embedded) == 1 else 'they stay'} in the program."
            )
        deletion.practice_count = len(practice)
        deletion.has_history = bool(practice)
    elif isinstance(record, Caregiver):
        named = [e for e in entries if e.caregiver == record.id]
        if named:
            deletion.lines.append(
                f"{name} is named on {_count(len(named), 'practice entry', 'practice entries')}; "
                "the entries stay, without the name."
            )
        deletion.clear_caregiver = store.settings().caregiver == record.id
        deletion.has_history = bool(named)
    # Therapists: nothing refers to them by id.

    pool = [r for kind in KINDS for r in getattr(program, kind.key)]
    pool += [*store.wins(), *store.notes(), *store.skip_days()]
    wanted = set(deletion.deletes) | {(type(r), r.id) for r in deletion.saves}
    deletion.loaded = {(type(r), r.id): r for r in pool if (type(r), r.id) in wanted}

    if parts:
        deletion.lines.insert(0, f"Deleting '{name}' also removes {_join(parts)}.")
    if not deletion.lines:
        deletion.lines.append("Nothing has been recorded for it yet, so no history goes with it.")
    return deletion


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def carry_out(store: FamilyStore, deletion: Deletion) -> None:
    """Delete as planned: practice entries first, so a crash part-way leaves no orphans.

    Written from the records as planned: when another copy changed one of them since
    (:class:`.storage.ChangedElsewhere`), nothing is deleted, the practice included.
    """
    changes: list[tuple[Any, Any]] = [(deletion.loaded[(type(r), r.id)], r) for r in deletion.saves]
    changes += [(deletion.loaded[key], None) for key in deletion.deletes if key in deletion.loaded]
    store.update_many(
        changes,
        first=lambda: store.remove_practice_of(
            children=deletion.practice_children,
            strategies=deletion.practice_strategies,
            routines=deletion.practice_routines,
        ),
    )
    if deletion.clear_caregiver:
        store.update_settings(caregiver=None)


__all__ = [
    "KINDS",
    "KIND_BY_KEY",
    "Deletion",
    "Kind",
    "Move",
    "carry_out",
    "display_name",
    "is_archived",
    "kind_of",
    "make_id",
    "plan_deletion",
    "plan_move",
    "records",
    "with_archived",
]
