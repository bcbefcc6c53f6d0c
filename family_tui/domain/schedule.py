"""What is planned for a day: routines in time order with the practice embedded in them.

A strategy embedded in two routines is two checklist items: practising in several
routines is the point. Pure functions of the program, the day and its entries.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime, time, timedelta

from ..clock import family_day
from .light_dataclass import light_dataclass
from .maintenance import maintenance_checks
from .models import Child, Goal, PracticeEntry, PracticeStatus, Program, Routine, SkipDay, Strategy


@light_dataclass(frozen=True)
class ChecklistItem:
    """One strategy for one child in one routine on one day."""

    routine: Routine
    strategy: Strategy
    goal: Goal
    child: Child
    entry: PracticeEntry | None = None
    skipped: SkipDay | None = None
    week_count: int = 0
    """Times the strategy was practised this week (Mon-Sun) by the child, this day's too; read with ``times_per_week``."""

    @property
    def done_for_week(self) -> bool:
        """A strategy practised N times a week that has had its N: off today's list, neither open nor missed."""
        times = self.strategy.times_per_week
        return times is not None and self.entry is None and self.week_count >= times

    @property
    def week_words(self) -> str:
        """ "1 of 3 this week", "3 of 3 this week ✓"; "" for a strategy practised every time."""
        times = self.strategy.times_per_week
        if times is None:
            return ""
        done = min(self.week_count, times) if self.done_for_week else self.week_count
        return f"{done} of {times} this week" + (" ✓" if self.week_count >= times else "")

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.child.id, self.strategy.id, self.routine.id)

    @property
    def keeping_up(self) -> bool:
        """A met goal's weekly check (see :mod:`family_tui.domain.maintenance`), not active practice."""
        return not self.goal.active

    @property
    def done(self) -> bool:
        """Marked practised, done or only tried."""
        return self.entry is not None

    @property
    def tried(self) -> bool:
        return self.entry is not None and self.entry.status is PracticeStatus.TRIED

    @property
    def counts(self) -> bool:
        """In the day's totals: still to practise, or practised before the day was skipped.

        A skipped child's items count in no total, except the practice that happened:
        a ✓ made before the child fell ill stays a ✓, with its minutes. Nor does a
        strategy done as often as planned this week (see :attr:`done_for_week`).
        """
        if self.done_for_week:
            return False
        return self.skipped is None or self.entry is not None

    @property
    def skip_words(self) -> str:
        """Why there is nothing to practise, naming whose day it is: "Leo: sick day"."""
        if self.skipped is None:
            return ""
        who = self.child.name if self.skipped.child is not None else "Whole family"
        return f"{who}: {self.skipped.reason.label.lower()}"


@light_dataclass(frozen=True)
class RoutineBlock:
    routine: Routine
    items: tuple[ChecklistItem, ...]

    @property
    def planned_count(self) -> int:
        """The items that count (see :attr:`ChecklistItem.counts`)."""
        return sum(1 for item in self.items if item.counts)

    @property
    def marked_count(self) -> int:
        """Items marked practised, done or tried: what is left of the routine is the rest."""
        return sum(1 for item in self.items if item.done)


@light_dataclass(frozen=True)
class DayChecklist:
    day: date
    blocks: tuple[RoutineBlock, ...]
    skip_days: tuple[SkipDay, ...] = field(default=())

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for block in self.blocks for item in block.items]

    @property
    def open_items(self) -> list[ChecklistItem]:
        return [i for i in self.items if not i.skipped]

    @property
    def counted_items(self) -> list[ChecklistItem]:
        """The items in the day's totals (see :attr:`ChecklistItem.counts`)."""
        return [i for i in self.items if i.counts]

    @property
    def done_count(self) -> int:
        """Items done; an item only tried is not done (see :attr:`tried_count`)."""
        return sum(1 for i in self.items if i.done and not i.tried)

    @property
    def tried_count(self) -> int:
        return sum(1 for i in self.items if i.tried)

    @property
    def planned_count(self) -> int:
        return len(self.counted_items)

    def minutes_practised(self) -> int:
        """Every minute practised that day, a skipped child's before the skip too."""
        return sum(i.entry.minutes for i in self.items if i.entry is not None)

    @property
    def family_skip(self) -> SkipDay | None:
        """The whole family's skip of the day, if there is one."""
        return next((s for s in self.skip_days if s.child is None), None)

    def skip_words(self, program: Program) -> list[str]:
        """What the header says about the day's skips.

        The whole family skipped: just why ("sick day"). Otherwise whose day is
        skipped and why, so the counts beside it make sense ("Leo's day skipped:
        sick day"): those children's items count in no total.
        """
        if not self.skip_days:
            return []
        if self.family_skip is not None:
            return sorted({s.reason.label.lower() for s in self.skip_days if s.child is None})
        words = []
        for skip in self.skip_days:
            child = program.child(skip.child or "")
            name = child.name if child is not None else skip.child
            words.append(f"{name}'s day skipped: {skip.reason.label.lower()}")
        return words

    def now_or_next(self, now: time) -> tuple[int, str] | None:
        """The routine to point at: ``(index, "now")`` or ``(index, "next")``, else None.

        A routine is "now" from its time until the next routine's time, for at most
        two hours: at 18:26 breakfast at 07:45 is long over, and pointing at it would
        send the family back to the morning. Between routines the upcoming one is
        "next"; after the last one's two hours, nothing is.
        """
        at = now.hour * 60 + now.minute
        times = [block.routine.time.hour * 60 + block.routine.time.minute for block in self.blocks]
        started = [index for index, start in enumerate(times) if start <= at]
        if started and at < times[started[-1]] + NOW_FOR_AT_MOST_MINUTES:
            return started[-1], "now"
        upcoming = next((index for index, start in enumerate(times) if start > at), None)
        return (upcoming, "next") if upcoming is not None else None

    def due_block_index(self, now: time) -> int | None:
        """Where the cursor starts: the routine due now, else the next one, else none."""
        found = self.now_or_next(now)
        return found[0] if found is not None else None


NOW_FOR_AT_MOST_MINUTES = 120
"""How long after its time a routine still counts as the one going on."""


def active_strategies(program: Program) -> list[tuple[Child, Goal, Strategy]]:
    """Strategies that belong on the checklist: not archived, their goal active, child present."""
    children = {c.id: c for c in program.children if not c.archived}
    goals = {g.id: g for g in program.goals if g.active and g.child in children}
    found = []
    for strategy in program.strategies:
        goal = goals.get(strategy.goal)
        if strategy.archived or goal is None:
            continue
        found.append((children[goal.child], goal, strategy))
    return found


def program_starts_after(program: Program, day: date) -> date | None:
    """The program's first day, when ``day`` comes before the start of every goal on the checklist.

    A family who began on Monday and installed the app on Thursday has Monday on; a
    day before that has nothing planned because the program had not started, which
    is what Today should say (not that the program is empty).
    """
    starts = [goal.created for _child, goal, _strategy in active_strategies(program)]
    if not starts or any(start is None or start <= day for start in starts):
        return None
    return min(start for start in starts if start is not None)


def strategies_not_on_a_routine(program: Program) -> list[Strategy]:
    """Strategies in use that no routine in use holds: they never come up on Today.

    A strategy is practised inside a routine; without one it is in the program but out
    of the family's day, so the import and the editor say so.
    """
    live = {r.id for r in program.routines if not r.archived}
    return [s for s in program.strategies if not s.archived and live.isdisjoint(s.routines)]


def strategies_by_routine(program: Program, day: date | None = None) -> dict[str, list[tuple[Child, Goal, Strategy]]]:
    """Routine id -> the strategies in use embedded in it (with goals that exist by ``day``).

    Grouped in one pass, so a large program is not walked once per routine.
    """
    found: dict[str, list[tuple[Child, Goal, Strategy]]] = {}
    for child, goal, strategy in active_strategies(program):
        if day is not None and goal.created is not None and goal.created > day:
            continue
        for routine_id in dict.fromkeys(strategy.routines):
            found.setdefault(routine_id, []).append((child, goal, strategy))
    return found


def routines_on(program: Program, day: date) -> list[Routine]:
    routines = [r for r in program.routines if not r.archived and r.happens_on(day)]
    return sorted(routines, key=lambda r: (r.time, r.order, r.name))


def skip_for(skip_days: list[SkipDay], day: date, child_id: str) -> SkipDay | None:
    for skip in skip_days:
        if skip.date == day and (skip.child is None or skip.child == child_id):
            return skip
    return None


def week_of(day: date) -> tuple[date, date]:
    """The ISO week holding ``day``: its Monday and its Sunday."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def build_checklist(
    program: Program,
    day: date,
    entries: list[PracticeEntry] = (),  # type: ignore[assignment]
    skip_days: list[SkipDay] = (),  # type: ignore[assignment]
) -> DayChecklist:
    """The day's checklist, with each item's entry and skip day filled in.

    ``entries``: at least the day's; the rest of its week (Mon-Sun) too, for a strategy
    practised N times a week (entries of other weeks are left out).
    ``entries`` may cover the days of the week before ``day`` too: a met goal's weekly
    check done on one of them does not show again (see :mod:`.maintenance`).
    """
    by_key = {(e.child, e.strategy, e.routine): e for e in entries if e.date == day}
    monday, sunday = week_of(day)
    week_counts: dict[tuple[str, str], int] = {}
    for e in entries:
        if monday <= e.date <= sunday:
            week_counts[(e.child, e.strategy)] = week_counts.get((e.child, e.strategy), 0) + 1
    in_routine = strategies_by_routine(program, day)
    for routine_id, checks in maintenance_checks(program, day, routines_on(program, day), entries).items():
        in_routine[routine_id] = [*in_routine.get(routine_id, ()), *checks]
    skips = list(skip_days)  # each child's skip day looked up once, not once per item
    skipped = {c.id: skip_for(skips, day, c.id) for c in program.children}
    child_order = {c.id: i for i, c in enumerate(program.children)}
    blocks = []
    for routine in routines_on(program, day):
        items = [
            ChecklistItem(
                routine=routine,
                strategy=strategy,
                goal=goal,
                child=child,
                entry=by_key.get((child.id, strategy.id, routine.id)),
                skipped=skipped.get(child.id),
                week_count=week_counts.get((child.id, strategy.id), 0),
            )
            for child, goal, strategy in in_routine.get(routine.id, ())
        ]
        items.sort(key=lambda i: child_order.get(i.child.id, 0))
        blocks.append(RoutineBlock(routine=routine, items=tuple(items)))
    day_skips = tuple(s for s in skip_days if s.date == day)
    return DayChecklist(day=day, blocks=tuple(blocks), skip_days=day_skips)


def planned_items_count(program: Program, day: date, child_id: str | None = None) -> int:
    """How many checklist items a day holds (for one child, or all)."""
    checklist = build_checklist(program, day)
    return sum(1 for i in checklist.items if child_id is None or i.child.id == child_id)


def done_when(entry: PracticeEntry, day_start: time = time(0, 0)) -> str:
    """When the practice happened, as far as the entry knows: "Done at 18:22".

    The time is when the item was first marked (editing the details later does not
    move it). An entry recorded on a later day (yesterday, filled in this morning) says
    so instead: its clock time is when it was typed in, not when the child practised.
    """
    verb = "Tried" if entry.status is PracticeStatus.TRIED else "Done"
    recorded = family_day(entry.created_at, day_start)
    if recorded == entry.date:
        return f"{verb} at {entry.created_at:%H:%M}"
    return f"{verb}, recorded on {recorded:%a} {recorded.day} {recorded:%b}"


def now_time(now: datetime) -> time:
    return now.time().replace(second=0, microsecond=0)
