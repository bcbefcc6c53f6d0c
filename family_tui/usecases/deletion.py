"""Deleting a record from the family's store, and everything that goes with it.

:func:`plan_deletion` works out what would go and says it in a sentence before
:func:`carry_out` does it (see :mod:`family_tui.domain.program_edit`).

The practice that would go is counted from the month outlines Progress reads (entries per
child and strategy, a few milliseconds for years of history), or for a routine from the
summaries' rows; never by reading and validating every entry, which took over a second on
five years before the confirm dialog could open. Only a caregiver's entries need that (the
summaries do not say who practised): :func:`plan_deletion` with ``count_caregiver=False``
leaves that count for later, and the dialog fills it in from a worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from ..domain.models import Caregiver, Child, Goal, Note, Routine, SkipDay, Strategy, Win
from ..domain.program_edit import KINDS, Deletion, display_name
from ..domain.records import Record
from ..storage import FamilyStore


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


def _entries_per_pair(store: FamilyStore) -> Counter[tuple[str, str]]:
    """How many practice entries each (child, strategy) has: from the month outlines alone."""
    counts: Counter[tuple[str, str]] = Counter()
    for month in store.practice_history(detail_from=date.max, children=()).months:
        for pair, (_days, _settings, count) in month.pairs.items():
            counts[pair] += count
    return counts


def _entries_at(store: FamilyStore, routine: str) -> int:
    """How many practice entries were at ``routine`` (the summaries' rows, not the entries)."""
    return sum(1 for fact in store.practice_history().facts if fact.routine == routine)


COUNTING = "Counting the practice entries that name {name}…"
"""Said in place of the caregiver's count until it is known."""


def plan_deletion(store: FamilyStore, record: Any, *, count_caregiver: bool = True) -> Deletion:
    """Work out what deleting ``record`` would remove, without changing anything.

    ``count_caregiver=False``: a caregiver's entries are not counted (that reads every
    entry); the plan says it is counting and :attr:`Deletion.counting` is True. What
    :func:`carry_out` does is the same either way.
    """
    program = store.program()
    name = display_name(record)
    deletion = Deletion(record=record, lines=[], has_history=False, deletes=[(type(record), record.id)])
    parts: list[str] = []

    if isinstance(record, Child):
        goals = [g for g in program.goals if g.child == record.id]
        goal_ids = {g.id for g in goals}
        strategies = [s for s in program.strategies if s.goal in goal_ids]
        strategy_ids = {s.id for s in strategies}
        practice = sum(n for (c, s), n in _entries_per_pair(store).items() if c == record.id or s in strategy_ids)
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
            parts.append(_count(practice, "practice entry", "practice entries"))
        if wins:
            parts.append(_count(len(wins), "win", "wins"))
        if notes:
            parts.append(_count(len(notes), "note", "notes"))
        if skips:
            parts.append(_count(len(skips), "skipped day", "skipped days"))
        deletion.practice_count = practice
        deletion.has_history = bool(practice or wins or notes or skips)
    elif isinstance(record, Goal):
        strategies = [s for s in program.strategies if s.goal == record.id]
        strategy_ids = {s.id for s in strategies}
        practice = sum(n for (_c, s), n in _entries_per_pair(store).items() if s in strategy_ids)
        wins = [w for w in store.wins() if w.goal == record.id]
        deletion.practice_strategies = strategy_ids
        deletion.deletes += [(Strategy, s.id) for s in strategies]
        deletion.saves += [w.model_copy(update={"goal": None}) for w in wins]
        if strategies:
            parts.append(f"its {_count(len(strategies), 'strategy', 'strategies')} ({_titles(strategies)})")
        if practice:
            parts.append(_count(practice, "practice entry", "practice entries"))
        if wins:
            deletion.lines.append(f"{_count(len(wins), 'win stays', 'wins stay')}, no longer linked to this goal.")
        deletion.practice_count = practice
        deletion.has_history = bool(practice or wins)
    elif isinstance(record, Strategy):
        practice = sum(n for (_c, s), n in _entries_per_pair(store).items() if s == record.id)
        deletion.practice_strategies = {record.id}
        if practice:
            parts.append(_count(practice, "practice entry", "practice entries"))
        deletion.practice_count = practice
        deletion.has_history = bool(practice)
    elif isinstance(record, Routine):
        practice = _entries_at(store, record.id)
        embedded = [s for s in program.strategies if record.id in s.routines]
        deletion.practice_routines = {record.id}
        deletion.saves += [
            s.model_copy(update={"routines": [r for r in s.routines if r != record.id]}) for s in embedded
        ]
        if practice:
            parts.append(_count(practice, "practice entry", "practice entries"))
        if embedded:
            deletion.lines.append(
                f"{_titles(embedded)} will no longer be practised at {name}; "
                f"{'it stays' if len(embedded) == 1 else 'they stay'} in the program."
            )
        deletion.practice_count = practice
        deletion.has_history = bool(practice)
    elif isinstance(record, Caregiver):
        deletion.clear_caregiver = store.settings().caregiver == record.id
        if count_caregiver:
            named = sum(1 for e in store.all_practice() if e.caregiver == record.id)
            if named:
                deletion.lines.append(
                    f"{name} is named on {_count(named, 'practice entry', 'practice entries')}; "
                    "the entries stay, without the name."
                )
            deletion.has_history = bool(named)
        else:
            deletion.counting = True
            deletion.lines.append(COUNTING.format(name=name))
    # Therapists: nothing refers to them by id.

    # Only the tables that hold a wanted record are looked through, by id.
    wanted: dict[type[Record], set[str]] = {}
    for model, record_id in deletion.deletes:
        wanted.setdefault(model, set()).add(record_id)
    for saved in deletion.saves:
        wanted.setdefault(type(saved), set()).add(saved.id)  # type: ignore[attr-defined]  # a program's records all have an id
    others: dict[type[Record], Callable[[], list[Any]]] = {Win: store.wins, Note: store.notes, SkipDay: store.skip_days}
    for model, ids in wanted.items():
        kind = next((k for k in KINDS if k.model is model), None)
        table: list[Any] = getattr(program, kind.key) if kind is not None else others[model]()
        deletion.loaded.update(((model, r.id), r) for r in table if r.id in ids)

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
    changes: list[tuple[Any, Any]] = [(deletion.loaded[(type(r), r.id)], r) for r in deletion.saves]  # type: ignore[attr-defined]  # a program's records all have an id
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
