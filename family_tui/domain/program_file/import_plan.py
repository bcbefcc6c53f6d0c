"""Planning an import: what a file adds and updates, what it leaves alone, and what to warn about.

Importing adds and updates records, never deletes them; importing the same file again changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..child_colours import assign_colours
from ..cue_history import cue_change
from ..cue_words import CueClash, cue_clashes
from ..models import (
    Caregiver,
    Child,
    Goal,
    GoalStatus,
    Program,
    Record,
    Routine,
    Strategy,
    Therapist,
)
from ..planned_minutes import minutes_lines
from ..program_edit import is_archived
from ..schedule import strategies_not_on_a_routine

_KINDS: tuple[tuple[str, str, str], ...] = (
    # (Program attribute, word for a parent, attribute shown)
    ("children", "child", "name"),
    ("caregivers", "caregiver", "name"),
    ("therapists", "therapist", "name"),
    ("routines", "routine", "name"),
    ("goals", "goal", "title"),
    ("strategies", "strategy", "title"),
)

# Fields a file does not carry: kept from the family's current record.
_KEPT_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Child: ("archived",),
    Caregiver: ("archived",),
    Therapist: ("archived",),
    Routine: ("archived", "order"),
    Goal: ("status", "met_on", "created"),
    Strategy: ("archived", "cue_since", "cue_by", "earlier_cues"),
}


_HISTORY_FIELDS = ("cue_since", "cue_by", "earlier_cues")
"""Kept as the cue changes: not something the file changed, so not named among its changes."""

MEASURE_FIELDS = ("uses_trials", "measure", "sides", "steps")
"""What a strategy measures: a file that leaves ``measure`` out keeps the family's choice."""


@dataclass
class ImportPlan:
    """What importing a file changes: the records to write, and words for the parent."""

    saves: list[Record] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    """Records the family has that the file does not mention: import never deletes."""
    not_on_a_routine: list[Strategy] = field(default_factory=list)
    """The file's strategies that no routine holds after the import: never on Today."""
    empty_routines: list[Routine] = field(default_factory=list)
    """The file's routines that hold no strategy after the import: nothing happens in them on Today."""
    goals_without_strategies: list[Goal] = field(default_factory=list)
    """The file's active goals with no strategy after the import: the editor calls them on Today, yet nothing shows."""
    routine_ids: list[str] = field(default_factory=list)
    """The routines in use after the import, to name one in a warning."""
    missing_goals: list[Goal] = field(default_factory=list)
    """The family's active goals that the file leaves out: the parent decides if they are met or paused."""
    marked: list[str] = field(default_factory=list)
    """Goals the file left out that this import marks met or paused, as the parent chose."""
    minutes: list[str] = field(default_factory=list)
    """Each child's planned minutes a day after the import, and any gentle suggestion."""
    cue_clashes: list[CueClash] = field(default_factory=list)
    """The file's goals whose strategies use different cue words after the import."""

    def warnings(self) -> list[str]:
        """What the parent should fix, though the import went ahead (or would go ahead)."""
        if self.routine_ids:
            fix = f'Give it routines = ["{self.routine_ids[0]}"] in the file and import again'
        else:
            fix = "Add a routine to the file, name it in the strategy's routines and import again"
        warnings = [
            f'the strategy "{s.title}" is not on any routine, so it will not show on Today. '
            f"{fix}, or choose its routines in the program editor."
            for s in self.not_on_a_routine
        ]
        warnings += [
            f'the routine "{r.name}" has no strategies, so nothing shows in it on Today. '
            f'Name it in a strategy\'s routines (routines = ["{r.id}"]) in the file and import again, '
            "or choose it for a strategy in the program editor."
            for r in self.empty_routines
        ]
        warnings += [
            f'the goal "{g.title}" has no strategies, so nothing of it shows on Today. '
            "Add a [[goals.strategies]] entry under it in the file and import again, "
            "or add a strategy in the program editor."
            for g in self.goals_without_strategies
        ]
        warnings += [
            f"{clash.words()}. Everyone saying the same words helps the child learn the cue: "
            "give the strategies one cue in the file and import again, or change it in the program editor."
            for clash in self.cue_clashes
        ]
        return warnings

    @property
    def changes_anything(self) -> bool:
        return bool(self.saves)

    def describe(self, dry_run: bool = False) -> str:
        return "\n".join(self.lines(dry_run))

    def lines(self, dry_run: bool = False) -> list[str]:
        """What the import changes (or would change), one change a line under a heading for each kind of change.

        A first line sums it up; the command line prints these and the welcome screen lists
        them, so a program of forty records reads as a list, not one line of 900 characters.
        """
        if not self.saves:
            return ["Nothing to change: the program is already up to date.", *self.minutes_lines()]
        counts = []
        if self.added:
            counts.append(f"{'would add' if dry_run else 'added'} {len(self.added)}")
        if self.updated:
            counts.append(f"{'would update' if dry_run else 'updated'} {len(self.updated)}")
        if self.marked:
            counts.append(f"{'would mark' if dry_run else 'marked'} {len(self.marked)}")
        summary = " and ".join(counts)
        lines = [summary[0].upper() + summary[1:] + (" record." if len(self.saves) == 1 else " records.")]
        for heading, names in (
            ("Would add:" if dry_run else "Added:", self.added),
            ("Would update:" if dry_run else "Updated:", self.updated),
            ("Not in the file, marked as you chose (their history stays):", self.marked),
            ("Not in the file, left as they are:", self.left_alone),
        ):
            if names:
                lines.append(heading)
                lines.extend(f"  {name}" for name in names)
        lines += self.minutes_lines()
        if dry_run:
            lines.append("This was a dry run: nothing was changed. Run it again without --dry-run to import.")
        return lines

    def minutes_lines(self) -> list[str]:
        """Each child's planned minutes a day, under a heading (none when there are no children)."""
        return ["Planned practice a day:", *(f"  {line}" for line in self.minutes)] if self.minutes else []


def _keep_archived_references(new: list[str], old: list[str], hidden: set[str]) -> list[str]:
    """A file cannot name archived records: keep the current record's references to them."""
    merged = new + [ref for ref in old if ref in hidden and ref not in new]
    if set(merged) == set(old) and len(merged) == len(old):
        return list(old)  # the order of references means nothing; keep the family's
    return merged


def _goal_status_kept(record: Goal, old: Goal, incoming: Program, kept: dict[str, Any], today: date) -> None:
    """The goal's status after the import, in ``kept``: the file's when it gives one, else the family's.

    A met goal the file gives no ``met`` day keeps the day the family has, or is met today.
    """
    said_active = record.id in getattr(incoming, "marked_active", ())
    if record.status is GoalStatus.ACTIVE and not said_active:
        return  # the file says nothing: the family's status and met day stay
    kept["status"] = record.status
    kept["met_on"] = record.met_on
    if record.status is GoalStatus.MET and record.met_on is None:
        kept["met_on"] = old.met_on if old.status is GoalStatus.MET and old.met_on else today


def _missing_goals(current: Program, incoming: Program) -> list[Goal]:
    """The family's active goals (of present children) that the file leaves out."""
    in_file = {g.id for g in incoming.goals}
    present = {c.id for c in current.children if not c.archived}
    return [g for g in current.goals if g.active and g.id not in in_file and g.child in present]


def _children_coloured(current: Program, incoming: Program) -> list[Child]:
    """The file's children, those it gives no colour keeping the family's unless another child has it.

    A file that leaves colours out (``colours_given`` names the children whose colour
    it gives) neither undoes a colour chosen in the editor nor keeps two children alike.
    """
    given = getattr(incoming, "colours_given", None)
    if given is None:
        return list(incoming.children)
    existing = {c.id: c for c in current.children}
    in_file = {c.id for c in incoming.children}
    colours = assign_colours(
        [c.color if c.id in given else None for c in incoming.children],
        kept=[existing[c.id].color if c.id in existing else None for c in incoming.children],
        reserved=[c.color for c in current.children if c.id not in in_file and not c.archived],
    )
    return [c.model_copy(update={"color": colour}) for c, colour in zip(incoming.children, colours)]


def plan_import(
    current: Program, incoming: Program, today: date, missing: Mapping[str, GoalStatus] | None = None
) -> ImportPlan:
    """Compare a file's program with the family's; only new or different records are saved.

    ``missing``: what to do with the family's active goals that the file leaves out, by
    goal id: met (on ``today``) or paused. A goal not named stays as it is. Nothing
    is ever deleted, so the goal's practice history stays in Progress and the reports.
    """
    plan = ImportPlan()
    missing = missing or {}
    plan.missing_goals = _missing_goals(current, incoming)
    for goal in plan.missing_goals:
        status = missing.get(goal.id, GoalStatus.ACTIVE)
        if status is GoalStatus.ACTIVE:
            continue
        marked = goal.model_copy(update={"status": status, "met_on": today if status is GoalStatus.MET else None})
        plan.saves.append(marked)
        plan.marked.append(f"goal {goal.title}: {marked.status_text}")
    archived_routines = {r.id for r in current.routines if r.archived}
    archived_children = {c.id for c in current.children if c.archived}
    # Goals off Today (met, paused, or marked so now): neither they nor their strategies are "left as they are".
    off_today = {g.id for g in current.goals if not g.active} | {g.id for g in plan.saves if isinstance(g, Goal)}
    for attribute, word, label in _KINDS:
        existing = {r.id: r for r in getattr(current, attribute)}
        seen: set[str] = set()
        records = _children_coloured(current, incoming) if attribute == "children" else getattr(incoming, attribute)
        for record in records:
            seen.add(record.id)
            old = existing.get(record.id)
            if old is None:
                if isinstance(record, Goal) and record.created is None:
                    record = record.model_copy(update={"created": today})
                if isinstance(record, Goal) and record.status is GoalStatus.MET and record.met_on is None:
                    record = record.model_copy(update={"met_on": today})
                plan.saves.append(record)
                plan.added.append(f"{word} {getattr(record, label)}")
                continue
            kept = {name: getattr(old, name) for name in _KEPT_FIELDS[type(record)]}
            if isinstance(record, Goal):
                if record.created is not None:
                    del kept["created"]  # the file says when the goal starts
                _goal_status_kept(record, old, incoming, kept, today)
            if isinstance(record, Strategy):
                if record.cue != old.cue:  # a new cue from the file: the old one is kept with its days
                    kept.update(cue_change(old, record.cue, today))
                kept["routines"] = _keep_archived_references(record.routines, old.routines, archived_routines)
                given = getattr(incoming, "measures_given", None)
                if given is not None and record.id not in given:
                    kept.update({name: getattr(old, name) for name in MEASURE_FIELDS})
            if isinstance(record, Therapist):
                kept["children"] = _keep_archived_references(record.children, old.children, archived_children)
            merged = type(record).model_validate({**record.model_dump(), **kept})
            if merged == old:
                continue
            changed = [
                name
                for name in type(record).model_fields
                if getattr(merged, name) != getattr(old, name) and name not in _HISTORY_FIELDS
            ]
            plan.saves.append(merged)
            plan.updated.append(f"{word} {getattr(merged, label)} ({', '.join(changed)})")
        for record_id, old in existing.items():
            if record_id not in seen and not is_archived(old) and record_id not in off_today:
                if not (isinstance(old, Strategy) and old.goal in off_today):
                    plan.left_alone.append(f"{word} {getattr(old, label)}")
    after = _program_after(current, plan.saves)
    plan.minutes = minutes_lines(after)
    in_file = {s.id for s in incoming.strategies}
    plan.not_on_a_routine = [s for s in strategies_not_on_a_routine(after) if s.id in in_file]
    plan.routine_ids = [r.id for r in after.routines if not r.archived]
    plan.empty_routines, plan.goals_without_strategies = _left_empty(after, incoming)
    plan.cue_clashes = cue_clashes(after, {g.id for g in incoming.goals})
    return plan


def _left_empty(after: Program, incoming: Program) -> tuple[list[Routine], list[Goal]]:
    """The file's routines no strategy is on, and its active goals with no strategy, once imported.

    Judged on the program after the import: a strategy the family already has (and the
    file leaves out) still fills a routine. Not a reason to refuse the file: a therapist
    may send the routines or the goals first and the strategies later.
    """
    in_use = [s for s in after.strategies if not s.archived]
    held = {routine for s in in_use for routine in s.routines}
    with_strategies = {s.goal for s in in_use}
    present = {c.id for c in after.children if not c.archived}
    routines_in_file = {r.id for r in incoming.routines}
    goals_in_file = {g.id for g in incoming.goals}
    routines = [r for r in after.routines if r.id in routines_in_file and not r.archived and r.id not in held]
    goals = [
        g
        for g in after.goals
        if g.id in goals_in_file and g.active and g.child in present and g.id not in with_strategies
    ]
    return routines, goals


def _program_after(current: Program, saves: list[Record]) -> Program:
    """The family's program once ``saves`` are written (records replaced by id)."""
    tables: dict[str, dict[str, Record]] = {
        attribute: {r.id: r for r in getattr(current, attribute)} for attribute, _, _ in _KINDS
    }
    by_type = {
        Child: "children",
        Caregiver: "caregivers",
        Therapist: "therapists",
        Routine: "routines",
        Goal: "goals",
        Strategy: "strategies",
    }
    for record in saves:
        tables[by_type[type(record)]][record.id] = record  # type: ignore[attr-defined]  # a program's records all have an id
    return Program.model_construct(**{attribute: list(records.values()) for attribute, records in tables.items()})
