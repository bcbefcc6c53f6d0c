"""Marking practice on the checklist, with defaults from last time and step-by-step undo.

Free of Textual: the Today screen calls these and shows what they return. Each
method returns only once the change is on disk (the store guarantees it).
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import Any

from ..clock import Clock
from ..domain.light_dataclass import light_dataclass
from ..domain.models import PracticeEntry, PracticeStatus, SkipDay
from ..domain.schedule import ChecklistItem
from ..storage import FamilyStore


class ReadOnlyDayError(Exception):
    """Practice cannot be recorded for a day that has not come yet."""


@light_dataclass(frozen=True)
class Change:
    """One step the user can undo: the item's entry before and after."""

    day: date
    item: ChecklistItem
    before: PracticeEntry | None
    after: PracticeEntry | None


@light_dataclass(frozen=True)
class SkipChange:
    before: SkipDay | None
    after: SkipDay | None


@light_dataclass
class PracticeLog:
    """Records practice for checklist items and remembers this session's changes for undo."""

    store: FamilyStore
    clock: Clock
    undo_stack: list[Change | SkipChange] = field(default_factory=list)

    def defaults(self, item: ChecklistItem, day: date, caregiver: str | None) -> dict[str, Any]:
        """Field values for a new entry: the last ones used for this strategy, else sensible ones."""
        last = self.store.last_practice(item.child.id, item.strategy.id, day)
        values: dict[str, Any] = {
            "status": PracticeStatus.DONE,
            "assistance": None,
            "setting": "home",
            "minutes": item.strategy.minutes,
            "trials_correct": None,
            "trials_total": None,
            "seconds": None,
            "seconds_left": None,
            "seconds_right": None,
            "steps_alone": None,
            "steps_total": None,
            "counted": None,
            "note": "",
            "caregiver": caregiver,
        }
        if last is not None:
            values.update(
                assistance=last.assistance,
                setting=last.setting,
                minutes=last.minutes if last.minutes else item.strategy.minutes,
            )
            if last.trials_total:
                values["trials_total"] = last.trials_total
        return values

    def _check_day(self, day: date, today: date) -> None:
        if day > today:
            raise ReadOnlyDayError("That day has not come yet: practice can be recorded for today or earlier.")

    def toggle(self, item: ChecklistItem, day: date, today: date, caregiver: str | None) -> Change:
        """Mark the item practised with last time's details, or un-mark it if it was."""
        self._check_day(day, today)
        if item.entry is not None:
            self.store.remove_practice(day, *_item_ids(item))
            change = Change(day, item, item.entry, None)
        else:
            values = self.defaults(item, day, caregiver)
            if values["trials_total"] is not None:
                values["trials_total"] = None  # trials are only recorded when counted
            entry = self._new_entry(item, day, values)
            self.store.record_practice(entry)
            change = Change(day, item, None, entry)
        self.undo_stack.append(change)
        return change

    def record(self, item: ChecklistItem, day: date, today: date, values: dict[str, Any]) -> Change:
        """Store the entry from the details form, replacing any entry the item had that day."""
        self._check_day(day, today)
        now = self.clock.now()
        if item.entry is not None:
            data = item.entry.model_dump()
            data.update(values, updated_at=now)
            entry = PracticeEntry.model_validate(data)
        else:
            entry = self._new_entry(item, day, values)
        self.store.record_practice(entry)
        change = Change(day, item, item.entry, entry)
        self.undo_stack.append(change)
        return change

    def _new_entry(self, item: ChecklistItem, day: date, values: dict[str, Any]) -> PracticeEntry:
        now = self.clock.now()
        child, strategy, routine = _item_ids(item)
        return PracticeEntry.model_validate(
            {
                **values,
                "date": day,
                "child": child,
                "strategy": strategy,
                "routine": routine,
                "created_at": now,
                "updated_at": now,
            }
        )

    def set_skip(
        self, day: date, child: str | None, reason: str, existing: SkipDay | None, note: str = ""
    ) -> SkipChange:
        """Mark a day skipped for a child or the whole family (replacing a skip already there)."""
        skip = SkipDay(date=day, child=child, reason=reason, note=note)
        if existing is not None:
            self.store.apply_changes([skip], [(SkipDay, existing.id)])
        else:
            self.store.save(skip)
        change = SkipChange(existing, skip)
        self.undo_stack.append(change)
        return change

    def clear_skip(self, existing: SkipDay) -> SkipChange:
        self.store.delete(SkipDay, existing.id)
        change = SkipChange(existing, None)
        self.undo_stack.append(change)
        return change

    def undo(self) -> Change | SkipChange | None:
        """Take back the most recent change of this session; None when there is none left."""
        if not self.undo_stack:
            return None
        change = self.undo_stack[-1]
        if isinstance(change, SkipChange):
            saves = [change.before] if change.before is not None else []
            deletes = [(SkipDay, change.after.id)] if change.after is not None else []
            self.store.apply_changes(saves, deletes)
        elif change.before is None:
            self.store.remove_practice(change.day, *_item_ids(change.item))
        else:
            self.store.record_practice(change.before)
        self.undo_stack.pop()
        return change


def _item_ids(item: ChecklistItem) -> tuple[str, str, str]:
    return (item.child.id, item.strategy.id, item.routine.id)
