"""What goes on the family's phone calendar: one repeating event per routine that holds practice.

Made from the program alone, as the day's checklist is: the strategies in use (goals
neither met nor paused, nothing archived), grouped by the routine they are embedded in.
A routine with nothing to practise in it is no event: a reminder that asks for nothing
teaches the family to ignore reminders.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import ALL_WEEKDAYS, Caregiver, Child, Program, Routine, SkipDay, Strategy, Weekday
from ..schedule import strategies_by_routine

LEAST_MINUTES = 5
"""An event is never shorter than this: a one-minute event is a sliver on a phone's day view."""


@dataclass(frozen=True)
class PracticeItem:
    """One child's strategy in the routine, as the reminder says it."""

    child: Child
    strategy: Strategy

    @property
    def line(self) -> str:
        """``Sam: Flamingo while brushing teeth, 2 min, say: Flamingo!``"""
        words = [f"{self.child.name}: {self.strategy.title}"]
        if self.strategy.dose:
            words.append(self.strategy.dose)
        if self.strategy.minutes:
            words.append(f"{self.strategy.minutes} min")
        if self.strategy.cue:
            words.append(f"say: {self.strategy.cue}")
        if self.strategy.visual:
            words.append(f"show: {self.strategy.visual}")
        return ", ".join(words)


@dataclass(frozen=True)
class RoutineEvent:
    """A routine as a repeating event: its time, its days, and the practice it holds."""

    routine: Routine
    days: tuple[Weekday, ...]
    """The routine's days (only the caregiver's, for a caregiver's calendar)."""
    first_day: date
    """The first of those days from the day of the export: the event's DTSTART."""
    items: tuple[PracticeItem, ...]
    uid: str
    """The same for this routine in every export, so importing again replaces the event."""
    skipped: tuple[date, ...] = ()
    """Days already skipped for every child in it (a holiday, a sick day): no reminder then."""

    @property
    def children(self) -> list[str]:
        return list(dict.fromkeys(item.child.name for item in self.items))

    @property
    def summary(self) -> str:
        """``Bath time: practice (Leo, Maya)``."""
        return f"{self.routine.name}: practice ({', '.join(self.children)})"

    @property
    def description(self) -> str:
        return "\n".join(item.line for item in self.items)

    @property
    def duration(self) -> timedelta:
        """Every item's minutes, one after another (one adult often does them all)."""
        return timedelta(minutes=max(LEAST_MINUTES, sum(item.strategy.minutes for item in self.items)))

    @property
    def every_day(self) -> bool:
        return self.days == ALL_WEEKDAYS


def routine_events(
    program: Program,
    today: date,
    *,
    child_ids: Collection[str] | None = None,
    caregiver: Caregiver | None = None,
    skip_days: Iterable[SkipDay] = (),
) -> list[RoutineEvent]:
    """The routines that hold practice, in the order of the day, from ``today`` on.

    ``child_ids``: only these children's practice (a routine holding none of it is left
    out). ``caregiver``: only the routines on that person's days, on those days only.
    ``skip_days``: the days set aside already; a routine whose children all have the day
    off has no occurrence that day.
    """
    skipped_children: dict[date, set[str | None]] = {}
    for skip in skip_days:
        if skip.date >= today:
            skipped_children.setdefault(skip.date, set()).add(skip.child)
    in_routine = strategies_by_routine(program)
    order = {c.id: n for n, c in enumerate(program.children)}
    events = []
    routines = sorted((r for r in program.routines if not r.archived), key=lambda r: (r.time, r.order, r.name))
    for routine in routines:
        items = [
            PracticeItem(child, strategy)
            for child, _goal, strategy in in_routine.get(routine.id, ())
            if child_ids is None or child.id in child_ids
        ]
        days = tuple(d for d in routine.days if caregiver is None or d in caregiver.days)
        if not items or not days:
            continue
        items.sort(key=lambda item: order.get(item.child.id, 0))
        children = {item.child.id for item in items}
        skipped = tuple(
            sorted(
                day
                for day, off in skipped_children.items()
                if Weekday.of(day) in days and (None in off or children <= off)
            )
        )
        events.append(
            RoutineEvent(
                routine=routine,
                days=days,
                first_day=_first_of(days, today),
                items=tuple(items),
                uid=event_uid(routine, child_ids, caregiver),
                skipped=skipped,
            )
        )
    return events


def _first_of(days: tuple[Weekday, ...], today: date) -> date:
    return next(today + timedelta(n) for n in range(7) if Weekday.of(today + timedelta(n)) in days)


def event_uid(routine: Routine, child_ids: Collection[str] | None, caregiver: Caregiver | None) -> str:
    """``bath@family-tui``; ``bath.leo.sitter@family-tui`` for Leo's calendar for the sitter.

    The routine's id never changes when it is renamed or moved, so a new export replaces
    the old event; a calendar made for one child or one caregiver has its own, so importing
    it beside the family's does not replace the family's.
    """
    parts = [routine.id, *sorted(child_ids or ())]
    if caregiver is not None:
        parts.append(caregiver.id)
    return ".".join(parts) + "@family-tui"
