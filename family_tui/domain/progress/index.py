"""The program and its history grouped once, so every progress question walks days.

:class:`ProgressIndex` groups entries by child and day in one pass and caches what is
planned per weekday. The plan only changes on the dates goals were created, so
"weekday + how many goals existed by then" is a complete cache key. Every question
asked of it then walks days, never entries, and is linear in the length of the range,
however long the history.

An index can also be built from a :class:`~family_tui.domain.history.PracticeHistory`: every
month in outline (which days each strategy was practised, in which settings) and full
detail only from ``detail_from`` on. The habit score, the streaks, where a goal was
practised and where history starts need only the outline, so they cover the whole
history with a few bit tests a day; the calendar, the charts and the weekly views read
the detail and must stay within it (:attr:`ProgressIndex.detail_from`), or the index
refuses the question rather than answer it wrongly.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Generic, TypeVar

from ...clock import family_day
from ..history import MonthPractice, Practice, PracticeFact, PracticeHistory, months_of, settings_in
from ..models import Goal, GoalStatus, Program, Setting, SkipDay, Win
from ..schedule import routines_on
from .dates import ONE_DAY, days_between, days_in_month


def _met_goals(program: Program) -> list[Goal]:
    """Goals met on a known day: planned until then, so their history keeps its planned days."""
    return [g for g in program.goals if g.status is GoalStatus.MET and g.met_on is not None]


# -- what we are looking at -------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """One child, optionally narrowed to one goal or one strategy of theirs.

    Hashable, so per-scope plans can be cached.
    """

    child: str
    goal: str | None = None
    strategy: str | None = None


# -- the index: everything grouped once ---------------------------------------------

_ScopeKey = tuple[str, str | None, str | None]
"""A :class:`Scope` as a plain tuple, (child, goal, strategy), cheaper to look up for every day."""

_PlanItem = tuple[str, str, int, int]
"""(strategy id, routine id, the epoch from which it is planned (0 when its goal has no start
date), the epoch from which it no longer is (its goal met; :data:`_FOR_GOOD` otherwise))."""

_FOR_GOOD = 1 << 62

_NOTHING_PLANNED: frozenset[tuple[str, str]] = frozenset()

_KEEP_BASES_FROM = 32
"""A scope with this many plan items keeps its weekday lists (a child's, in a large
program); smaller ones cost less to make again than to hold."""


E = TypeVar("E", bound=Practice, covariant=True)
"""What the index holds of each practice: a PracticeEntry, or a history's PracticeFact."""


class ProgressIndex(Generic[E]):
    """The program and its history, grouped once so each question is a walk over days.

    Not a dataclass: it holds caches that fill as questions are asked. Build a new one
    when the data changes (it is cheap: one pass over the entries). An index of stored
    entries is a ``ProgressIndex[PracticeEntry]``; :meth:`from_history` makes a
    ``ProgressIndex[PracticeFact]``; code that reads only what both have takes a
    ``ProgressIndex[Practice]``.
    """

    def __init__(
        self,
        program: Program,
        entries: Iterable[E] = (),
        skip_days: Iterable[SkipDay] = (),
        wins: Iterable[Win] = (),
        *,
        day_start: time = time(0, 0),
        history: PracticeHistory | None = None,
    ) -> None:
        self.program = program
        self.day_start = day_start
        self.goals = {g.id: g for g in program.goals}
        # Every strategy, archived or not: old entries still belong to their goal.
        self.strategy_goal = {s.id: s.goal for s in program.strategies}
        if history is not None:  # from_history: ``entries`` are its facts
            self.detail_from: date | None = history.detail_from
            """The first day whose entries are all here (None: every day's are)."""
        else:
            entries = list(entries)
            self.detail_from = None
        # Entries by day for each child, in one pass: every later question is then a
        # dictionary look-up per day. A goal's or a strategy's entries are picked out of
        # the child's when first asked for. Keys are (child, goal, strategy) tuples,
        # cheaper than Scope objects when looked up for every day.
        by_child: dict[str, dict[date, list[E]]] = defaultdict(lambda: defaultdict(list))
        for entry in entries:
            by_child[entry.child][entry.date].append(entry)
        self._by_scope: dict[_ScopeKey, dict[date, list[E]]] = {
            (child, None, None): dict(days) for child, days in by_child.items()
        }
        self._grouped_children: set[str] = set()
        self._outline: list[MonthPractice] = history.months if history is not None else months_of(entries)
        self._first_entry: dict[str, date] = {}
        for month in self._outline:
            for (child, _strategy), (days, _settings, _count) in month.pairs.items():
                first = date(month.year, month.month, (days & -days).bit_length())
                if child not in self._first_entry or first < self._first_entry[child]:
                    self._first_entry[child] = first
        self._masks: dict[_ScopeKey, dict[tuple[int, int], int]] = {}
        self._skips: dict[date, list[SkipDay]] = defaultdict(list)
        for skip in skip_days:
            self._skips[skip.date].append(skip)
        self.wins = tuple(wins)
        # The plan changes only on these dates (a goal starts, a goal is met); "how many of
        # them are <= day" is the epoch.
        changes: set[date] = {g.created for g in program.goals if g.created is not None}
        changes.update(g.met_on for g in _met_goals(program) if g.met_on is not None)
        self._created = sorted(changes)
        self._items_by_scope: dict[_ScopeKey, list[_PlanItem]] | None = None
        self._kept_bases: dict[_ScopeKey, list[list[_PlanItem]]] = {}
        self._plans: dict[tuple[str, str | None, str | None, int, int], frozenset[tuple[str, str]]] = {}
        """(child, goal, strategy, weekday, epoch) -> the items planned."""
        self._frequencies: dict[tuple[Scope, int], float] = {}
        self._day_keys: dict[tuple[date, date], list[tuple[date, int, int]]] = {}
        self._times = {s.id: s.times_per_week for s in program.strategies}
        self._weekly: dict[_ScopeKey, dict[str, int]] = {}

    @staticmethod
    def from_history(
        program: Program,
        history: PracticeHistory,
        skip_days: Iterable[SkipDay] = (),
        wins: Iterable[Win] = (),
        *,
        day_start: time = time(0, 0),
    ) -> ProgressIndex[PracticeFact]:
        """An index over a store's compact history (see :meth:`FamilyStore.practice_history`)."""
        return ProgressIndex(program, history.facts, skip_days, wins, day_start=day_start, history=history)

    # -- the plan --

    def epoch(self, day: date) -> int:
        """How many goal creation dates are on or before ``day``."""
        return bisect_right(self._created, day)

    def _plan_items(self) -> dict[_ScopeKey, list[_PlanItem]]:
        """Every scope's checklist items, each with the epochs its goal is in the plan, built once.

        What ``build_checklist`` puts on a day (see ``schedule.active_strategies``), plus
        the strategies of goals met since: they were on the checklist until the day they
        were met, and their history must still count those days as planned. Grouped by
        scope in one pass, for every routine rather than every weekday: a report asks for
        every goal and strategy of a large program, and filtering the whole plan for each
        would grow with the square of the program's size.
        """
        found = self._items_by_scope
        if found is None:
            found = self._items_by_scope = {}
            changes = self._created
            program = self.program
            children = {c.id for c in program.children if not c.archived}
            goals = {g.id: g for g in program.goals if g.child in children}
            planned_goals = {g.id for g in program.goals if g.active} | {g.id for g in _met_goals(program)}
            for strategy in program.strategies:
                goal = goals.get(strategy.goal)
                if strategy.archived or goal is None or goal.id not in planned_goals:
                    continue
                since = 0 if goal.created is None else bisect_left(changes, goal.created) + 1
                until = _FOR_GOOD if goal.active or goal.met_on is None else bisect_left(changes, goal.met_on) + 1
                keys = ((goal.child, None, None), (goal.child, goal.id, None), (goal.child, goal.id, strategy.id))
                for routine_id in dict.fromkeys(strategy.routines):
                    item = (strategy.id, routine_id, since, until)
                    for key in keys:
                        items = found.get(key)
                        if items is None:
                            found[key] = [item]
                        else:
                            items.append(item)
        return found

    @functools.cached_property
    def _routine_weekdays(self) -> dict[str, tuple[int, ...]]:
        """Routine id -> the weekdays (Monday 0) it happens on; archived routines on none."""
        monday = date(2000, 1, 3)
        found: dict[str, list[int]] = defaultdict(list)
        for weekday in range(7):
            for routine in routines_on(self.program, monday + timedelta(days=weekday)):
                found[routine.id].append(weekday)
        return {routine: tuple(days) for routine, days in found.items()}

    def _bases(self, scope_key: _ScopeKey) -> list[list[_PlanItem]]:
        """The scope's items planned each weekday (Monday first) once every goal exists."""
        kept = self._kept_bases.get(scope_key)
        if kept is not None:
            return kept
        bases: list[list[_PlanItem]] = [[], [], [], [], [], [], []]
        routine_weekdays = self._routine_weekdays
        items = self._plan_items().get(scope_key, ())
        for item in items:
            for weekday in routine_weekdays.get(item[1], ()):
                bases[weekday].append(item)
        if len(items) >= _KEEP_BASES_FROM:
            self._kept_bases[scope_key] = bases
        return bases

    def plan_lookup(self, scope: Scope) -> Callable[[int, int], frozenset[tuple[str, str]]]:
        """:meth:`plan_of_epoch` for one scope, its scope's look-ups made once (a walk over days calls it often)."""
        bases = self._bases(self._scope_key(scope))
        plans = self._plans
        child, goal, strategy = scope.child, scope.goal, scope.strategy

        def plan(weekday: int, epoch: int) -> frozenset[tuple[str, str]]:
            key = (child, goal, strategy, weekday, epoch)
            found = plans.get(key)
            if found is None:
                base = bases[weekday]
                found = (
                    frozenset(
                        (item_strategy, routine)
                        for item_strategy, routine, since, until in base
                        if since <= epoch < until
                    )
                    if base
                    else _NOTHING_PLANNED
                )
                plans[key] = found
            return found

        return plan

    def plan_size_lookup(self, scope: Scope) -> Callable[[int, int], int]:
        """How many items :meth:`plan_lookup` would give, without building the set.

        A day with no entry needs only that count, and a report asks it of every day of
        every goal and strategy. A scope's items are distinct (strategy, routine) pairs,
        so when every goal has started and none is met (almost every scope, almost every
        day) the count is the weekday list's length.
        """
        bases = self._bases(self._scope_key(scope))
        latest = len(self._created)
        counts: dict[tuple[int, int], int] = {}

        def size(weekday: int, epoch: int) -> int:
            base = bases[weekday]
            if not base:
                return 0
            found = counts.get((weekday, epoch))
            if found is None:
                if epoch >= latest and all(item[3] == _FOR_GOOD for item in base):
                    found = len(base)
                else:
                    found = sum(1 for item in base if item[2] <= epoch < item[3])
                counts[(weekday, epoch)] = found
            return found

        return size

    def day_keys(self, first: date, last: date) -> list[tuple[date, int, int]]:
        """(day, weekday, epoch) for each day of the range, worked out once for every scope that walks it."""
        key = (first, last)
        found = self._day_keys.get(key)
        if found is None:
            found = self._day_keys[key] = [(day, day.weekday(), self.epoch(day)) for day in days_between(first, last)]
        return found

    def plan_of_epoch(self, scope: Scope, weekday: int, epoch: int) -> frozenset[tuple[str, str]]:
        """The (strategy, routine) items planned on ``weekday`` once ``epoch`` goals exist (cached)."""
        return self.plan_lookup(scope)(weekday, epoch)

    def planned_items(self, scope: Scope, day: date) -> frozenset[tuple[str, str]]:
        """The (strategy, routine) items planned that day, ignoring skip days."""
        return self.plan_of_epoch(scope, day.weekday(), self.epoch(day))

    def frequency(self, scope: Scope, day: date) -> float:
        """Planned days per day in the plan in force on ``day``: 1.0 daily, 5/7 weekdays."""
        return self.frequency_of_epoch(scope, self.epoch(day))

    # -- the history --

    @property
    def has_skip_days(self) -> bool:
        """Any skip day at all: without one, a walk need not ask for each day."""
        return bool(self._skips)

    def skip_for(self, day: date, child: str) -> SkipDay | None:
        """The family's or the child's skip day on ``day``; the family's wins a tie."""
        skips = self._skips.get(day)
        if not skips:
            return None
        family = next((s for s in skips if s.child is None), None)
        return family or next((s for s in skips if s.child == child), None)

    def entries_by_day(self, scope: Scope) -> dict[date, list[E]]:
        """The scope's entries grouped by day (read-only; shared with the index)."""
        key = self._scope_key(scope)
        found = self._by_scope.get(key)
        if found is None:
            if key[0] not in self._grouped_children:
                self._group_child(key[0])
            found = self._by_scope.setdefault(key, {})
        return found

    def _group_child(self, child: str) -> None:
        """Every goal's and strategy's entries of a child, in one pass over the child's.

        A report asks for all of them; picking each out of the child's entries in turn
        would grow with the square of the program's size.
        """
        self._grouped_children.add(child)
        strategy_goal = self.strategy_goal
        by_scope = self._by_scope
        for day, entries in self._by_scope.get((child, None, None), {}).items():
            for entry in entries:
                goal = strategy_goal.get(entry.strategy)
                if goal is not None:
                    keys: tuple[_ScopeKey, ...] = ((child, goal, None), (child, goal, entry.strategy))
                else:  # a strategy no longer in the program: only its own scope
                    keys = ((child, None, entry.strategy),)
                for key in keys:
                    days = by_scope.get(key)
                    if days is None:
                        days = by_scope[key] = {}
                    days.setdefault(day, []).append(entry)

    def require_detail(self, first: date) -> None:
        """Refuse a question about entries the index holds only in outline (a wrong answer otherwise)."""
        if self.detail_from is not None and first < self.detail_from:
            raise ValueError(
                f"entries from {first.isoformat()} were asked for; this index holds them only from "
                f"{self.detail_from.isoformat()} (build it with an earlier detail_from)"
            )

    def entries_on(self, scope: Scope, day: date) -> list[E]:
        self.require_detail(day)
        return list(self.entries_by_day(scope).get(day, ()))

    def entries_between(self, scope: Scope, first: date, last: date) -> list[E]:
        self.require_detail(first)
        found: list[E] = []
        for day in days_between(first, last):
            found.extend(self.entries_on(scope, day))
        return found

    def history_start(self, scope: Scope, fallback: date) -> date:
        """Where walking back in time can stop: the first entry or first goal.

        Before both, nothing was practised; a score starting at 0 stays 0 and no streak
        can run, so starting here gives the same answers as starting at the dawn of time.
        """
        candidates = [fallback]
        if scope.child in self._first_entry:
            candidates.append(self._first_entry[scope.child])
        candidates += [g.created for g in self.goals.values() if g.child == scope.child and g.created is not None]
        return min(candidates)

    def _scope_key(self, scope: Scope) -> _ScopeKey:
        goal = scope.goal
        if scope.strategy is not None and goal is None:
            goal = self.strategy_goal.get(scope.strategy)
        return (scope.child, goal, scope.strategy)

    def practised_masks(self, scope: Scope) -> dict[tuple[int, int], int]:
        """(year, month) -> the days the scope was practised, as bits (bit 0: the 1st)."""
        key = self._scope_key(scope)
        found = self._masks.get(key)
        if found is None:
            child, goal, only = key
            strategy_goal = self.strategy_goal
            found = {}
            for month in self._outline:
                mask = 0
                for (who, strategy), (days, _settings, _count) in month.pairs.items():
                    if who != child or (only is not None and strategy != only):
                        continue
                    if goal is not None and strategy_goal.get(strategy) != goal:
                        continue
                    mask |= days
                if mask:
                    found[(month.year, month.month)] = mask
            self._masks[key] = found
        return found

    def day_flags(self, scope: Scope, first: date, last: date) -> Iterator[tuple[date, bool, bool]]:
        """(day, planned, practised) for every day of the range, from the outline alone.

        *Planned* as in :class:`~family_tui.domain.progress.days.DayProgress`: something
        planned that weekday and no skip day; *practised*: any entry in the scope. It
        reads only the outline, so it can walk the whole history.
        """
        for ordinal, planned, practised, _epoch in self.walk(scope, first, last):
            yield date.fromordinal(ordinal), planned, practised

    def weekly_strategies(self, scope: Scope) -> dict[str, int]:
        """The scope's strategies practised N times a week: strategy id -> N (empty for most scopes)."""
        key = self._scope_key(scope)
        found = self._weekly.get(key)
        if found is None:
            found = self._weekly[key] = {
                item[0]: times
                for item in self._plan_items().get(key, ())
                if (times := self._times.get(item[0])) is not None
            }
        return found

    def planned_days(self, scope: Scope, first: date, last: date) -> Callable[[int, int, int], bool] | None:
        """For a scope with strategies practised N times a week: is the day (ordinal, weekday, epoch) planned?

        A day is planned when a strategy practised every time is planned that day, or when it is
        one of the N planned days of its week for a strategy practised N times a week (see
        :meth:`weekly_planned`). None for a scope without those: every day its routines hold is.
        Skip days are left to the caller.
        """
        weekly = self.weekly_strategies(scope)
        if not weekly:
            return None
        days: set[int] = set()
        for strategy, times in weekly.items():
            goal = self.strategy_goal.get(strategy)
            days |= self.weekly_planned(Scope(scope.child, goal, strategy), first, last, times)
        plan = self.plan_lookup(scope)
        every_time: dict[tuple[int, int], bool] = {}

        def planned(ordinal: int, weekday: int, epoch: int) -> bool:
            if ordinal in days:
                return True
            found = every_time.get((weekday, epoch))
            if found is None:
                found = every_time[(weekday, epoch)] = any(item[0] not in weekly for item in plan(weekday, epoch))
            return found

        return planned

    def walk(self, scope: Scope, first: date, last: date) -> Iterator[tuple[int, bool, bool, int]]:
        """(day ordinal, planned, practised, epoch) for every day, in plain integers.

        The habit score and the streaks walk the whole history with it for every scope
        they are asked about, so it keeps to integer arithmetic and month bit masks.
        A strategy practised N times a week counts N planned days a week (see :meth:`planned_days`).
        """
        planned_on = self.planned_days(scope, first, last)
        if planned_on is None:
            yield from self._walk_days(scope, first, last)
            return
        for ordinal, possible, practised, epoch in self._walk_days(scope, first, last):
            yield ordinal, possible and planned_on(ordinal, (ordinal - 1) % 7, epoch), practised, epoch

    def weekly_planned(self, scope: Scope, first: date, last: date, times: int) -> set[int]:
        """The day ordinals from ``first`` to ``last`` that count as planned for N times a week.

        Each ISO week (Monday to Sunday) holds N planned days: the days practised (on a day
        its routines may hold it), then, when fewer than N were, the last days it could
        still have been practised, counted as not practised. A week still under way owes
        only what its days to come can no longer hold. Other possible days are not planned:
        never missed.
        """
        monday = first - timedelta(days=first.weekday())
        sunday = last + timedelta(days=6 - last.weekday())
        end = last.toordinal()
        planned: set[int] = set()
        week: list[tuple[int, bool, bool]] = []
        for ordinal, possible, practised, _epoch in self._walk_days(scope, monday, sunday):
            week.append((ordinal, possible, practised))
            if len(week) < 7:
                continue
            done = [o for o, can, did in week if can and did and o <= end]
            to_come = sum(1 for o, can, _did in week if can and o > end)
            open_days = [o for o, can, did in week if can and not did and o <= end]
            owed = max(0, times - len(done) - to_come)
            planned.update(done)  # practice beyond N counts too: a practised day is never a debt
            planned.update(open_days[len(open_days) - owed :] if owed else ())
            week = []
        first_ordinal = first.toordinal()
        return {o for o in planned if first_ordinal <= o <= end}

    def _walk_days(self, scope: Scope, first: date, last: date) -> Iterator[tuple[int, bool, bool, int]]:
        """:meth:`walk` with every day its routines hold planned."""
        masks = self.practised_masks(scope)
        created = [d.toordinal() for d in self._created]
        skipped = self._skipped_ordinals(scope.child)
        plans: dict[tuple[int, int], bool] = {}
        plan = self.plan_lookup(scope)
        ordinal, end = first.toordinal(), last.toordinal()
        epoch = bisect_right(created, ordinal)
        next_change = created[epoch] if epoch < len(created) else end + 1
        weekday = first.weekday()
        year, month, day = first.year, first.month, first.day
        month_days = days_in_month(year, month)
        mask = masks.get((year, month), 0) >> (day - 1)
        while ordinal <= end:
            if ordinal >= next_change:
                epoch = bisect_right(created, ordinal)
                next_change = created[epoch] if epoch < len(created) else end + 1
            planned = plans.get((weekday, epoch))
            if planned is None:
                planned = plans[(weekday, epoch)] = bool(plan(weekday, epoch))
            yield ordinal, planned and ordinal not in skipped, bool(mask & 1), epoch
            ordinal += 1
            weekday = weekday + 1 if weekday < 6 else 0
            mask >>= 1
            if day < month_days:
                day += 1
            else:
                day = 1
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
                month_days = days_in_month(year, month)
                mask = masks.get((year, month), 0)

    def _skipped_ordinals(self, child: str) -> set[int]:
        """Days that are a skip day for the child (the family's or the child's own)."""
        return {
            day.toordinal()
            for day, skips in self._skips.items()
            if any(s.child is None or s.child == child for s in skips)
        }

    def frequency_of_epoch(self, scope: Scope, epoch: int) -> float:
        key = (scope, epoch)
        found = self._frequencies.get(key)
        if found is None:
            plan = self.plan_lookup(scope)
            weekly = self.weekly_strategies(scope)
            if weekly:  # days of the practice done every time, plus N a week for the others
                possible = sum(1 for w in range(7) if plan(w, epoch))
                every_time = sum(1 for w in range(7) if any(i[0] not in weekly for i in plan(w, epoch)))
                found = min(possible, every_time + sum(weekly.values())) / 7
            else:
                found = sum(1 for w in range(7) if plan(w, epoch)) / 7
            self._frequencies[key] = found
        return found

    def settings_practised(
        self, child: str, first: date | None = None, last: date | None = None
    ) -> dict[str, set[Setting]]:
        """Goal id -> settings practised in, over the range (None: unbounded)."""
        found: dict[str, set[Setting]] = defaultdict(set)
        strategy_goal = self.strategy_goal
        for month in self._outline:
            month_first = date(month.year, month.month, 1)
            month_last = (month_first + timedelta(days=32)).replace(day=1) - ONE_DAY
            if (first and month_last < first) or (last and month_first > last):
                continue
            whole = (first is None or first <= month_first) and (last is None or month_last <= last)
            if whole:
                for (who, strategy), (_days, settings, _count) in month.pairs.items():
                    goal = strategy_goal.get(strategy)
                    if who == child and goal is not None:
                        found[goal] |= settings_in(settings)
                continue
            low, high = max(first or month_first, month_first), min(last or month_last, month_last)
            if self.detail_from is not None and low < self.detail_from:
                raise ValueError(f"the entries of {low:%B %Y} are only in outline in this index")
            for day, entries in self.entries_by_day(Scope(child)).items():
                if low <= day <= high:
                    for entry in entries:
                        goal = strategy_goal.get(entry.strategy)
                        if goal is not None:
                            found[goal].add(entry.setting)
        return found

    def win_day(self, win: Win) -> date:
        return family_day(win.when, self.day_start)
