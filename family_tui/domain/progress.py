"""How practice is going: planned days, practised days, habit strength, streaks.

Pure functions over the program and its history, no Textual: the progress screens,
the weekly update and the tests all read the same numbers.

The words matter as much as the numbers. A day is *planned* for a child when one of
their active strategies sits in a routine that happens that weekday, the goal already
existed, and the day is not a skip day. Skip days (sick, holiday) and days with
nothing planned are neither practised nor missed: they never break a streak or lower
a score, because a family should not be "behind" for a fever.

Speed: a five-year history holds about 55,000 entries. :class:`ProgressIndex` groups
entries by child and day once, and caches what is planned per weekday; the plan only
changes on the dates goals were created, so "weekday + how many goals existed by then"
is a complete cache key. Every function below then walks days, never entries, and is
linear in the length of the range.

An index can also be built from a :class:`~family_tui.domain.history.PracticeHistory`: every
month in outline (which days each strategy was practised, in which settings) and full
detail only from ``detail_from`` on. The habit score, the streaks, where a goal was
practised and where history starts need only the outline, so they cover all five
years at the cost of a few bit tests a day; the calendar, the charts and the weekly
views read the detail and must stay within it (:attr:`ProgressIndex.detail_from`).
"""

from __future__ import annotations

import calendar
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import Enum

from ..clock import family_day
from .history import MonthPractice, PracticeHistory, months_of, settings_in
from .models import Assistance, PracticeEntry, Program, Setting, SkipDay, Win
from .schedule import routines_on, strategies_by_routine

ONE_DAY = timedelta(days=1)


# -- what we are looking at -------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """One child, optionally narrowed to one goal or one strategy of theirs.

    Hashable, so per-scope plans can be cached.
    """

    child: str
    goal: str | None = None
    strategy: str | None = None


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last`` inclusive (none when ``first > last``)."""
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def iso_week_label(day: date) -> str:
    """``2026-W48``: the label therapists and the ``--week`` option use."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


# -- the index: everything grouped once ---------------------------------------------

_PlanItem = tuple[str, str, str, str, "date | None"]
"""(child id, goal id, strategy id, routine id, goal created) from the checklist."""


class ProgressIndex:
    """The program and its history, grouped once so each question is a walk over days.

    Not a dataclass: it holds caches that fill as questions are asked. Build a new one
    when the data changes (it is cheap: one pass over the entries).
    """

    def __init__(
        self,
        program: Program,
        entries: Iterable[PracticeEntry] = (),
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
        if history is not None:
            entries = history.facts
            self.detail_from: date | None = history.detail_from
            """The first day whose entries are all here (None: every day's are)."""
        else:
            entries = list(entries)
            self.detail_from = None
        # Entries by day for each child, in one pass: every later question is then a
        # dictionary look-up per day. A goal's or a strategy's entries are picked out of
        # the child's when first asked for. Keys are (child, goal, strategy) tuples,
        # cheaper than Scope objects thousands of times.
        by_child: dict[str, dict[date, list[PracticeEntry]]] = defaultdict(lambda: defaultdict(list))
        for entry in entries:
            by_child[entry.child][entry.date].append(entry)
        self._by_scope: dict[tuple, dict[date, list[PracticeEntry]]] = {
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
        self._masks: dict[tuple, dict[tuple[int, int], int]] = {}
        self._skips: dict[date, list[SkipDay]] = defaultdict(list)
        for skip in skip_days:
            self._skips[skip.date].append(skip)
        self.wins = tuple(wins)
        # The plan changes only on these dates; "how many of them are <= day" is the epoch.
        self._created = sorted({g.created for g in program.goals if g.created is not None})
        self._base = self._base_plan()
        self._base_by_scope: list[dict[tuple, list[_PlanItem]]] | None = None
        self._plans: dict[tuple, frozenset[tuple[str, str]]] = {}
        self._frequencies: dict[tuple[Scope, int], float] = {}

    @classmethod
    def from_history(
        cls,
        program: Program,
        history: PracticeHistory,
        skip_days: Iterable[SkipDay] = (),
        wins: Iterable[Win] = (),
        *,
        day_start: time = time(0, 0),
    ) -> ProgressIndex:
        """An index over a store's compact history (see :meth:`FamilyStore.practice_history`)."""
        return cls(program, (), skip_days, wins, day_start=day_start, history=history)

    def _base_plan(self) -> dict[int, tuple[_PlanItem, ...]]:
        """Checklist items per weekday with every goal present, as ``build_checklist`` finds them.

        The same two steps (``strategies_by_routine``, then ``routines_on`` each weekday),
        without making the checklist's objects; each item keeps its goal's created date
        so a real day can filter them.
        """
        latest = self._created[-1] if self._created else date(2000, 1, 3)
        in_routine = {
            routine_id: [(c.id, g.id, s.id, routine_id, g.created) for c, g, s in found]
            for routine_id, found in strategies_by_routine(self.program).items()
        }
        plan: dict[int, tuple[_PlanItem, ...]] = {}
        for weekday in range(7):
            day = latest + timedelta(days=(weekday - latest.weekday()) % 7)
            plan[weekday] = tuple(
                item for routine in routines_on(self.program, day) for item in in_routine.get(routine.id, ())
            )
        return plan

    # -- the plan --

    def epoch(self, day: date) -> int:
        """How many goal creation dates are on or before ``day``."""
        return bisect_right(self._created, day)

    def _base_items(self, scope: Scope, weekday: int) -> list[_PlanItem]:
        """The weekday's base plan items in the scope, from items grouped by scope once.

        A report asks for every goal and strategy of a large program: filtering the whole
        plan for each would grow with the square of the program's size.
        """
        grouped = self._base_by_scope
        if grouped is None:
            grouped = self._base_by_scope = [{} for _ in range(7)]
            for day, items in self._base.items():
                by_key = grouped[day]
                for item in items:
                    child, goal, strategy = item[0], item[1], item[2]
                    for key in ((child, None, None), (child, goal, None), (child, goal, strategy)):
                        found = by_key.get(key)
                        if found is None:
                            by_key[key] = [item]
                        else:
                            found.append(item)
        return grouped[weekday].get(self._scope_key(scope), [])

    def _plan(self, scope: Scope, weekday: int, epoch: int) -> frozenset[tuple[str, str]]:
        key = (scope.child, scope.goal, scope.strategy, weekday, epoch)  # plain tuples hash fastest
        found = self._plans.get(key)
        if found is None:
            cutoff = self._created[epoch - 1] if epoch else None
            found = frozenset(
                (strategy, routine)
                for _child, _goal, strategy, routine, created in self._base_items(scope, weekday)
                if created is None or (cutoff is not None and created <= cutoff)
            )
            self._plans[key] = found
        return found

    def planned_items(self, scope: Scope, day: date) -> frozenset[tuple[str, str]]:
        """The (strategy, routine) items planned that day, ignoring skip days."""
        return self._plan(scope, day.weekday(), self.epoch(day))

    def frequency(self, scope: Scope, day: date) -> float:
        """Planned days per day in the plan in force on ``day``: 1.0 daily, 5/7 weekdays."""
        return self.frequency_of_epoch(scope, self.epoch(day))

    # -- the history --

    def skip_for(self, day: date, child: str) -> SkipDay | None:
        """The family's or the child's skip day on ``day``; the family's wins a tie."""
        skips = self._skips.get(day)
        if not skips:
            return None
        family = next((s for s in skips if s.child is None), None)
        return family or next((s for s in skips if s.child == child), None)

    def entries_by_day(self, scope: Scope) -> dict[date, list[PracticeEntry]]:
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
                    keys: tuple[tuple, ...] = ((child, goal, None), (child, goal, entry.strategy))
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

    def entries_on(self, scope: Scope, day: date) -> list[PracticeEntry]:
        self.require_detail(day)
        return list(self.entries_by_day(scope).get(day, ()))

    def entries_between(self, scope: Scope, first: date, last: date) -> list[PracticeEntry]:
        self.require_detail(first)
        found: list[PracticeEntry] = []
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
        candidates += [
            g.created for g in self.goals.values() if g.child == scope.child and g.created is not None
        ]
        return min(candidates)

    def _scope_key(self, scope: Scope) -> tuple:
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

        *Planned* as in :class:`DayProgress`: something planned that weekday and no skip
        day; *practised*: any entry in the scope. Fast enough to walk five years.
        """
        for ordinal, planned, practised, _epoch in self._walk(scope, first, last):
            yield date.fromordinal(ordinal), planned, practised

    def _walk(self, scope: Scope, first: date, last: date) -> Iterator[tuple[int, bool, bool, int]]:
        """(day ordinal, planned, practised, epoch) for every day: plain integers, for speed."""
        masks = self.practised_masks(scope)
        created = [d.toordinal() for d in self._created]
        skipped = self._skipped_ordinals(scope.child)
        plans: dict[tuple[int, int], bool] = {}
        ordinal, end = first.toordinal(), last.toordinal()
        epoch = bisect_right(created, ordinal)
        next_change = created[epoch] if epoch < len(created) else end + 1
        weekday = first.weekday()
        year, month, day = first.year, first.month, first.day
        month_days = _days_in_month(year, month)
        mask = masks.get((year, month), 0) >> (day - 1)
        while ordinal <= end:
            if ordinal >= next_change:
                epoch = bisect_right(created, ordinal)
                next_change = created[epoch] if epoch < len(created) else end + 1
            planned = plans.get((weekday, epoch))
            if planned is None:
                planned = plans[(weekday, epoch)] = bool(self._plan(scope, weekday, epoch))
            yield ordinal, planned and ordinal not in skipped, bool(mask & 1), epoch
            ordinal += 1
            weekday = weekday + 1 if weekday < 6 else 0
            mask >>= 1
            if day < month_days:
                day += 1
            else:
                day = 1
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
                month_days = _days_in_month(year, month)
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
            found = sum(1 for w in range(7) if self._plan(scope, w, epoch)) / 7
            self._frequencies[key] = found
        return found

    def settings_practised(self, child: str, first: date | None = None, last: date | None = None) -> dict[str, set[Setting]]:
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


# -- one day ----------------------------------------------------------------------


@dataclass(frozen=True)
class DayProgress:
    """What happened on one day for one scope."""

    day: date
    planned_items: int
    """Checklist items planned that weekday (before skip days are considered)."""
    done_items: int
    """Planned items with an entry (done or tried)."""
    minutes: int
    """All minutes logged in the scope, planned items or not."""
    entries: int
    skip: SkipDay | None = None

    @property
    def planned(self) -> bool:
        """Counts as a planned day: something planned and not a skip day."""
        return self.planned_items > 0 and self.skip is None

    @property
    def practised(self) -> bool:
        return self.entries > 0


def day_progress(index: ProgressIndex, scope: Scope, day: date) -> DayProgress:
    return days_progress(index, scope, day, day)[0]


def days_progress(index: ProgressIndex, scope: Scope, first: date, last: date) -> list[DayProgress]:
    """One :class:`DayProgress` per day of the range: the walk every other answer builds on.

    Written for speed (it runs over five years of days per strategy): the scope's
    entries and plans are looked up once, then each day is a few dictionary reads.
    """
    index.require_detail(first)
    by_day = index.entries_by_day(scope)
    plans: dict[tuple[int, int], frozenset[tuple[str, str]]] = {}
    has_skips = bool(index._skips)
    out = []
    for day in days_between(first, last):
        key = (day.weekday(), index.epoch(day))
        planned = plans.get(key)
        if planned is None:
            planned = plans[key] = index._plan(scope, *key)
        entries = by_day.get(day)
        if entries:
            done = len(planned.intersection([(e.strategy, e.routine) for e in entries]))
            minutes = sum(e.minutes for e in entries)
            count = len(entries)
        else:
            done = minutes = count = 0
        out.append(
            DayProgress(
                day, len(planned), done, minutes, count,
                index.skip_for(day, scope.child) if has_skips else None,
            )
        )
    return out


# -- days practised out of days planned ------------------------------------------------


@dataclass(frozen=True)
class PracticeSummary:
    """Days practised out of days planned, and minutes, over a range."""

    first: date
    last: date
    days_planned: int
    days_practised: int
    """Planned days with at least one entry."""
    extra_days: int
    """Practice on a day with nothing planned or a skip day: a bonus, never a debt."""
    minutes: int
    minutes_per_day: tuple[int, ...]
    """One number per day of the range, for a sparkline."""
    target_minutes: int
    days_on_target: int
    skip_days: tuple[SkipDay, ...]
    days_open: int = 0
    """Today, when it is planned and not practised yet: not counted in ``days_planned``
    (the day is not over), but planned all the same."""

    @property
    def share(self) -> float | None:
        return self.days_practised / self.days_planned if self.days_planned else None

    @property
    def phrase(self) -> str:
        """``practised 5 of 6 planned days``: what was done, never what was not."""
        if (self.days_planned or self.days_open) and not (self.days_practised or self.extra_days):
            days = _count(self.days_planned + self.days_open, "day")
            return f"planned on {days}, not practised yet" if self.days_open else f"planned on {days}, no practice logged"
        if self.days_planned:
            unit = "day" if self.days_planned == 1 else "days"
            text = f"practised {self.days_practised} of {self.days_planned} planned {unit}"
            if self.extra_days:
                text += f", plus {_count(self.extra_days, 'extra day')}"
            return text
        if self.extra_days:
            return f"practised on {_count(self.extra_days, 'day')}"
        return "no practice days planned"


def practice_summary(
    index: ProgressIndex,
    scope: Scope,
    first: date,
    last: date,
    *,
    target_minutes: int = 10,
    today: date | None = None,
) -> PracticeSummary:
    """Days practised out of days planned from ``first`` to ``last``.

    With ``today``: later days are not counted yet, and today counts as planned only
    once practised (the day is not over).
    """
    planned = practised = extra = minutes = on_target = still_open = 0
    per_day: list[int] = []
    skips: list[SkipDay] = []
    for dp in days_progress(index, scope, first, last):
        per_day.append(dp.minutes)
        if dp.skip is not None:
            skips.append(dp.skip)
        if today is not None and dp.day > today:
            continue
        minutes += dp.minutes
        if dp.minutes >= target_minutes:
            on_target += 1
        if dp.planned:
            if dp.practised:
                planned += 1
                practised += 1
            elif dp.day != today:
                planned += 1
            else:
                still_open += 1
        elif dp.practised:
            extra += 1
    return PracticeSummary(
        first=first,
        last=last,
        days_planned=planned,
        days_practised=practised,
        extra_days=extra,
        minutes=minutes,
        minutes_per_day=tuple(per_day),
        target_minutes=target_minutes,
        days_on_target=on_target,
        skip_days=tuple(skips),
        days_open=still_open,
    )


def minutes_per_day(index: ProgressIndex, scope: Scope, first: date, last: date) -> list[int]:
    """Minutes logged each day of the range, for a sparkline against the daily target."""
    return [dp.minutes for dp in days_progress(index, scope, first, last)]


# -- calendar heatmap ---------------------------------------------------------------


class HeatState(str, Enum):
    NONE_PLANNED = "none_planned"
    SKIPPED = "skipped"
    NOT_PRACTISED = "not_practised"
    PRACTISED = "practised"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return {
            "none_planned": "Nothing planned",
            "skipped": "Day off",
            "not_practised": "Planned, not practised",
            "practised": "Practised",
            "future": "Still to come",
        }[self.value]


@dataclass(frozen=True)
class HeatCell:
    day: date
    state: HeatState
    level: int = 0
    """1-4 when practised: how much of the day's plan (or minutes target) was done."""
    planned_items: int = 0
    done_items: int = 0
    minutes: int = 0
    skip: SkipDay | None = None


def _ceil_quarters(part: int, whole: int) -> int:
    """ceil(4 * part / whole) in integers, so 3 of 12 is exactly level 1."""
    return -(-4 * part // whole)


def intensity(dp: DayProgress, target_minutes: int, *, count_minutes: bool = True) -> int:
    """Level 1-4 for a practised day: the larger of items done and minutes vs target.

    Levels are quarters: up to 25% is 1, over 75% is 4. Minutes count for a whole
    child (the daily target is per child); for one goal or strategy only the items do,
    unless nothing was planned, where minutes are all there is to go on.
    """
    if not dp.practised:
        return 0
    levels = []
    if dp.planned_items:
        levels.append(_ceil_quarters(dp.done_items, dp.planned_items))
    if count_minutes or not dp.planned_items:
        levels.append(_ceil_quarters(dp.minutes, max(1, target_minutes)))
    return min(4, max(1, *levels))


def heatmap(
    index: ProgressIndex,
    scope: Scope,
    first: date,
    last: date,
    *,
    target_minutes: int = 10,
    today: date | None = None,
) -> list[HeatCell]:
    """One cell per day. Practice shows even on a skip day or a day with nothing planned."""
    whole_child = scope.goal is None and scope.strategy is None
    cells = []
    for dp in days_progress(index, scope, first, last):
        if dp.practised:
            state = HeatState.PRACTISED
        elif today is not None and dp.day > today:
            state = HeatState.FUTURE
        elif dp.skip is not None:
            state = HeatState.SKIPPED
        elif dp.planned_items:
            state = HeatState.NOT_PRACTISED
        else:
            state = HeatState.NONE_PLANNED
        cells.append(
            HeatCell(
                day=dp.day,
                state=state,
                level=intensity(dp, target_minutes, count_minutes=whole_child),
                planned_items=dp.planned_items,
                done_items=dp.done_items,
                minutes=dp.minutes,
                skip=dp.skip,
            )
        )
    return cells


def calendar_weeks(cells: list[HeatCell]) -> list[tuple[HeatCell | None, ...]]:
    """Cells laid out Monday to Sunday, one tuple per week, padded with None."""
    weeks: list[tuple[HeatCell | None, ...]] = []
    row: list[HeatCell | None] = []
    for cell in cells:
        if not row:
            row = [None] * cell.day.weekday()
        row.append(cell)
        if len(row) == 7:
            weeks.append(tuple(row))
            row = []
    if row:
        weeks.append(tuple(row + [None] * (7 - len(row))))
    return weeks


# -- consistency (habit strength) ------------------------------------------------------


@dataclass(frozen=True)
class Consistency:
    """Habit strength, 0-1, after Loop Habit Tracker's score."""

    score: float
    label: str
    explanation: str
    planned_days: int
    practised_days: int

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def habit_multiplier(frequency: float) -> float:
    """How much of yesterday's score a planned day keeps: 0.5 ** (sqrt(f) / 13).

    For daily practice (f = 1) a run of 13 practised days takes the score half way to
    1. A plan with fewer days a week (smaller f) moves a little less per planned day,
    so one day off a three-day plan does not swing the score.
    """
    return 0.5 ** (math.sqrt(frequency) / 13.0)


def consistency_series(
    index: ProgressIndex,
    scope: Scope,
    first: date,
    last: date,
    *,
    today: date | None = None,
    start: float = 0.0,
) -> list[tuple[date, float]]:
    """The score at the end of each day.

    Each planned day: ``score = score * m + practised * (1 - m)``. Skip days and days
    with nothing planned leave it unchanged, and so does today until it is practised.
    """
    score = start
    series = []
    for day, planned, practised in index.day_flags(scope, first, last):
        pending = today is not None and day >= today and not practised
        if planned and not pending:
            m = habit_multiplier(index.frequency(scope, day))
            score = score * m + (1.0 if practised else 0.0) * (1 - m)
        series.append((day, score))
    return series


STRONG = 0.75
GROWING = 0.45
BUILDING = 0.15


def explain_score(score: float, planned_days: int) -> tuple[str, str]:
    """A label and one plain sentence a parent can act on; never a telling-off."""
    if planned_days == 0:
        return (
            "Not started",
            "Nothing planned yet: the score starts once practice is part of a routine.",
        )
    if score >= STRONG:
        return (
            "Strong habit",
            "Strong habit: practice is happening most planned days; a missed day only dips it a little.",
        )
    if score >= GROWING:
        return (
            "Growing habit",
            "Growing habit: practice happens on many planned days, and each one adds to it.",
        )
    if score >= BUILDING:
        return (
            "Building",
            "Building: practice is getting going; a few more planned days in a row keep it climbing.",
        )
    return (
        "Just starting",
        "Just starting: every practised day builds it up; it rises steadily, not all at once.",
    )


def consistency(
    index: ProgressIndex,
    scope: Scope,
    today: date,
    *,
    first: date | None = None,
) -> Consistency:
    """The habit score as of ``today``, from the start of the history (or ``first``)."""
    first = first or index.history_start(scope, today)
    score = 0.0
    planned = practised = 0
    multipliers: dict[int, float] = {}
    today_ordinal = today.toordinal()
    for ordinal, is_planned, was_practised, epoch in index._walk(scope, first, today):
        if not is_planned or (ordinal == today_ordinal and not was_practised):
            continue
        planned += 1
        practised += was_practised
        m = multipliers.get(epoch)
        if m is None:
            m = multipliers[epoch] = habit_multiplier(index.frequency_of_epoch(scope, epoch))
        score = score * m + (1.0 if was_practised else 0.0) * (1 - m)
    label, explanation = explain_score(score, planned)
    return Consistency(score, label, explanation, planned, practised)


# -- streaks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Streaks:
    current: int
    """Planned days practised in a row up to today (today still open does not end it)."""
    best: int
    today_open: bool = False
    """Today is planned and not practised yet: practising now extends the streak."""


def streaks(
    index: ProgressIndex,
    scope: Scope,
    today: date,
    *,
    first: date | None = None,
) -> Streaks:
    """Current and best runs of practised planned days.

    Skip days and days with nothing planned are stepped over: they neither break nor
    extend a run. Practice on such a day is welcome but does not add to it either.
    """
    first = first or index.history_start(scope, today)
    run = best = 0
    today_open = False
    today_ordinal = today.toordinal()
    for ordinal, planned, practised, _epoch in index._walk(scope, first, today):
        if not planned:
            continue
        if practised:
            run += 1
            if run > best:
                best = run
        elif ordinal == today_ordinal:
            today_open = True
        else:
            run = 0
    return Streaks(current=run, best=best, today_open=today_open)


# -- independence: level of assistance and percent correct ------------------------------


@dataclass(frozen=True)
class AssistanceMix:
    """How many entries were at each level of help, least help first."""

    counts: tuple[tuple[Assistance, int], ...]
    unrecorded: int = 0
    """Entries where no level was noted; left out of the shares."""

    @property
    def recorded(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def shares(self) -> tuple[tuple[Assistance, float], ...]:
        total = self.recorded
        return tuple((level, n / total if total else 0.0) for level, n in self.counts)

    def share(self, level: Assistance) -> float:
        return dict(self.shares)[level]

    @property
    def mostly(self) -> Assistance | None:
        """The most frequent level; on a tie, the one with less help."""
        if not self.recorded:
            return None
        return max(self.counts, key=lambda item: (item[1], -item[0].rank))[0]


def assistance_mix(entries: Iterable[PracticeEntry]) -> AssistanceMix:
    counts = dict.fromkeys(Assistance, 0)
    unrecorded = 0
    for entry in entries:
        if entry.assistance is None:
            unrecorded += 1
        else:
            counts[entry.assistance] += 1
    return AssistanceMix(tuple(counts.items()), unrecorded)


@dataclass(frozen=True)
class Trials:
    correct: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        """Sum correct over sum total: a 1-of-1 day weighs less than an 8-of-10 one."""
        return 100.0 * self.correct / self.total if self.total else None


def trials_of(entries: Iterable[PracticeEntry]) -> Trials:
    correct = total = 0
    for entry in entries:
        if entry.trials_total is not None and entry.trials_correct is not None:
            correct += entry.trials_correct
            total += entry.trials_total
    return Trials(correct, total)


@dataclass(frozen=True)
class WeekIndependence:
    week: str
    """ISO week label, ``2026-W48``."""
    monday: date
    assistance: AssistanceMix
    trials: Trials


def independence_by_week(
    index: ProgressIndex, scope: Scope, first: date, last: date
) -> list[WeekIndependence]:
    """Per ISO week touching the range: the assistance mix and trials, from entries in range."""
    weeks: dict[date, list[PracticeEntry]] = {}
    monday = monday_of(first)
    while monday <= last:
        weeks[monday] = []
        monday += timedelta(days=7)
    for day in days_between(first, last):
        entries = index.entries_on(scope, day)
        if entries:
            weeks[monday_of(day)].extend(entries)
    return [
        WeekIndependence(iso_week_label(monday), monday, assistance_mix(found), trials_of(found))
        for monday, found in weeks.items()
    ]


# -- generalization: where it happens -------------------------------------------------------

_ONLY = {
    Setting.HOME: "Only at home so far",
    Setting.SCHOOL: "Only at school so far",
    Setting.SOCIAL: "Only in social settings so far",
    Setting.COMMUNITY: "Only in the community so far",
}
_WORD = {
    Setting.HOME: "home",
    Setting.SCHOOL: "school",
    Setting.SOCIAL: "social settings",
    Setting.COMMUNITY: "community",
}


def ordered_settings(settings: Iterable[Setting]) -> tuple[Setting, ...]:
    found = set(settings)
    return tuple(s for s in Setting if s in found)


def generalization_phrase(settings: Iterable[Setting]) -> str:
    """``Only at home so far``, ``Home and school``, ``Home, school and community``."""
    ordered = ordered_settings(settings)
    if not ordered:
        return "Not practised yet"
    if len(ordered) == 1:
        return _ONLY[ordered[0]]
    words = [_WORD[s] for s in ordered]
    text = ", ".join(words[:-1]) + " and " + words[-1]
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class Generalization:
    """Where a goal's skill has shown up: in practice, and in wins."""

    goal: str
    title: str
    practised_in: tuple[Setting, ...]
    wins_in: tuple[Setting, ...]

    @property
    def settings(self) -> tuple[Setting, ...]:
        return ordered_settings(self.practised_in + self.wins_in)

    @property
    def phrase(self) -> str:
        return generalization_phrase(self.settings)


def generalization(
    index: ProgressIndex,
    child: str,
    first: date | None = None,
    last: date | None = None,
) -> list[Generalization]:
    """Per goal of the child (active, or with practice or wins in the range)."""
    practised = index.settings_practised(child, first, last)
    won: dict[str, set[Setting]] = defaultdict(set)
    for win in index.wins:
        if win.child != child or win.goal is None:
            continue
        day = index.win_day(win)
        if (first and day < first) or (last and day > last):
            continue
        won[win.goal].add(win.setting)
    return [
        Generalization(g.id, g.title, ordered_settings(practised[g.id]), ordered_settings(won[g.id]))
        for g in index.program.goals
        if g.child == child and (g.active or g.id in practised or g.id in won)
    ]


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"
