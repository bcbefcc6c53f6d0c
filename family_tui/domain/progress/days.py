"""Day by day for one scope: planned or not, practised or not, minutes, the calendar.

Every function walks :func:`days_progress` over the detail an index holds. A day is
*planned* when one of the scope's strategies sits in a routine that happens that
weekday, the goal already existed, and the day is not a skip day.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..history import Practice
from ..models import SkipDay
from .index import ProgressIndex, Scope
from .wording import HEAT_LABELS, practice_phrase

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


def day_progress(index: ProgressIndex[Practice], scope: Scope, day: date) -> DayProgress:
    return days_progress(index, scope, day, day)[0]


def days_progress(index: ProgressIndex[Practice], scope: Scope, first: date, last: date) -> list[DayProgress]:
    """One :class:`DayProgress` per day of the range: the walk every other answer builds on."""
    return [DayProgress(*figures) for figures in _day_figures(index, scope, first, last)]


_DayFigures = tuple[date, int, int, int, int, "SkipDay | None"]


def _day_figures(index: ProgressIndex[Practice], scope: Scope, first: date, last: date) -> list[_DayFigures]:
    """The fields of each day's :class:`DayProgress`, as tuples.

    The scope's entries and plans are looked up once, then each day is a few
    dictionary reads: a report runs it for every goal and strategy of the program.
    A day with no entry needs only how many items were planned, so no set is built for it.
    """
    index.require_detail(first)
    by_day = index.entries_by_day(scope)
    plan_size = index.plan_size_lookup(scope)
    days = index.day_keys(first, last)
    skip_for = index.skip_for if index.has_skip_days else None
    weekly = index.planned_days(scope, first, last)

    def size(weekday: int, epoch: int, day: date) -> int:
        """Items planned; none on a day only a strategy practised N times a week could have held."""
        if weekly is not None and not weekly(day.toordinal(), weekday, epoch):
            return 0
        return plan_size(weekday, epoch)

    if not by_day and skip_for is None:  # most strategies of a large program, most weeks
        if weekly is None:
            return [(day, plan_size(weekday, epoch), 0, 0, 0, None) for day, weekday, epoch in days]
        return [(day, size(weekday, epoch, day), 0, 0, 0, None) for day, weekday, epoch in days]
    plan = index.plan_lookup(scope)
    child = scope.child
    out: list[_DayFigures] = []
    for day, weekday, epoch in days:
        entries = by_day.get(day)
        if entries:
            planned = plan(weekday, epoch)
            items = len(planned)
            done = len(planned.intersection([(e.strategy, e.routine) for e in entries]))
            minutes = sum(e.minutes for e in entries)
            count = len(entries)
        else:
            items = size(weekday, epoch, day)
            done = minutes = count = 0
        out.append((day, items, done, minutes, count, skip_for(day, child) if skip_for else None))
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
    days_skipped: int = 0
    """Days something was planned but that were skip days (and had no practice)."""

    @property
    def share(self) -> float | None:
        return self.days_practised / self.days_planned if self.days_planned else None

    @property
    def phrase(self) -> str:
        """``practised 5 of 6 planned days``: what was done, never what was not."""
        return practice_phrase(
            self.days_planned, self.days_practised, self.extra_days, self.days_open, self.days_skipped
        )


def practice_summary(
    index: ProgressIndex[Practice],
    scope: Scope,
    first: date,
    last: date,
    *,
    target_minutes: int = 10,
    today: date | None = None,
    past_routines: Collection[str] | None = None,
) -> PracticeSummary:
    """Days practised out of days planned from ``first`` to ``last``.

    With ``today``: later days are not counted yet, and today counts as planned only
    once practised (the day is not over), or, given ``past_routines`` (today's routines
    whose time is past), once every routine it plans for the scope is among them.
    """
    planned = practised = extra = minutes = on_target = still_open = skipped = 0
    per_day: list[int] = []
    skips: list[SkipDay] = []
    # The tuples, not DayProgress objects: a report asks this of every goal and strategy.
    for day, items, _done, day_minutes, count, skip in _day_figures(index, scope, first, last):
        per_day.append(day_minutes)
        if skip is not None:
            skips.append(skip)
        if today is not None and day > today:
            continue
        minutes += day_minutes
        if day_minutes >= target_minutes:
            on_target += 1
        if items > 0 and skip is None:  # DayProgress.planned
            if count > 0:
                planned += 1
                practised += 1
            elif day != today or _all_past(index, scope, day, past_routines):
                planned += 1
            else:
                still_open += 1
        elif count > 0:
            extra += 1
        elif items > 0:
            skipped += 1
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
        days_skipped=skipped,
    )


def _all_past(index: ProgressIndex[Practice], scope: Scope, day: date, past: Collection[str] | None) -> bool:
    """Every routine planning the scope on ``day`` is in ``past``: the day can be judged."""
    if past is None:
        return False
    return all(routine in past for _strategy, routine in index.planned_items(scope, day))


def minutes_per_day(index: ProgressIndex[Practice], scope: Scope, first: date, last: date) -> list[int]:
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
        return HEAT_LABELS[self.value]


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
    index: ProgressIndex[Practice],
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
