"""A child's week as the fridge chart shows it: a row per strategy, a box per planned day, a star per try.

Effort, not accuracy: any practice that day is a star, a try as much as a success,
and nothing on the chart is a count of right answers. A skipped day (sick, holiday)
is a day off, not an empty box to feel bad about. Which days are planned comes from
the same schedule as Today (:func:`~family_tui.domain.schedule.build_checklist`): the
routines' days, the skip days, the goals' start days.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from ..models import Child, PracticeEntry, Program, SkipDay, Strategy
from ..schedule import active_strategies, build_checklist

WEEK_DAYS = 7


class Mark(str, Enum):
    """What one day's cell holds."""

    STAR = "star"
    """Practised (done or tried) that day."""
    BOX = "box"
    """Planned and not practised (yet): a box to fill in, or a sticker to add."""
    DAY_OFF = "day-off"
    """Planned, but the day was skipped (sick, holiday): a soft mark, nothing missed."""
    NONE = "none"
    """Not planned that day."""


@dataclass(frozen=True)
class ChartRow:
    """One strategy in the child's words."""

    strategy_id: str
    words: str
    """The strategy's ``kid_title``, or its title when it has none."""
    emoji: str
    marks: tuple[Mark, ...]
    """One per day of the week, Monday first."""
    media: str = ""
    """The strategy's link to how it is done, for the grown-ups ("" when it has none)."""

    @property
    def planned_days(self) -> int:
        return sum(1 for mark in self.marks if mark is not Mark.NONE)


@dataclass(frozen=True)
class ChildChart:
    child: str
    """The child's name."""
    monday: date
    rows: tuple[ChartRow, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=n) for n in range(WEEK_DAYS))


def week_monday(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def kid_words(strategy: Strategy) -> str:
    return strategy.kid_title.strip() or strategy.title


def build_chart(
    program: Program,
    child: Child,
    monday: date,
    entries: Iterable[PracticeEntry] = (),
    skip_days: Iterable[SkipDay] = (),
) -> ChildChart:
    """The chart of ``child`` for the week starting ``monday``.

    A strategy is on the chart when it is planned on a day of the week or was practised
    on one; practice on a day it was not planned still gets its star (in that day's cell).
    """
    days = [monday + timedelta(days=n) for n in range(WEEK_DAYS)]
    entries = [e for e in entries if e.child == child.id and monday <= e.date <= days[-1]]
    skips = list(skip_days)
    practised = {(e.strategy, e.date) for e in entries}
    planned: dict[tuple[str, date], bool] = {}  # (strategy, day) -> skipped
    for day in days:
        for item in build_checklist(program, day, entries, skips).items:
            if item.child.id == child.id and not item.done_for_week:
                planned[(item.strategy.id, day)] = item.skipped is not None
    rows = []
    for owner, _goal, strategy in active_strategies(program):
        if owner.id != child.id:
            continue
        marks = tuple(_mark(strategy.id, day, planned, practised) for day in days)
        if all(mark is Mark.NONE for mark in marks):
            continue
        rows.append(ChartRow(strategy.id, kid_words(strategy), strategy.kid_emoji, marks, strategy.media))
    return ChildChart(child=child.name, monday=monday, rows=tuple(rows))


def _mark(strategy: str, day: date, planned: dict[tuple[str, date], bool], practised: set[tuple[str, date]]) -> Mark:
    if (strategy, day) in practised:
        return Mark.STAR
    skipped = planned.get((strategy, day))
    if skipped is None:
        return Mark.NONE
    return Mark.DAY_OFF if skipped else Mark.BOX
