"""What the Progress screen shows for one child and scope, worked out in one go without Textual.

The screen (:mod:`family_tui.screens.progress`) gathers this off the UI thread and lays
it out; the tests and the benchmarks build it without an app. Not re-exported by the
package: :mod:`family_tui.domain.mastery` reads the package, and this module reads mastery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..cue_history import cue_change_text
from ..history import Practice
from ..mastery import describe_mastery, mastery_sentence, mastery_since
from ..measures import measure_text
from ..models import Child, Program
from .dates import monday_of
from .days import HeatCell, PracticeSummary, heatmap, minutes_per_day, practice_summary
from .index import ProgressIndex, Scope
from .statistics import (
    Consistency,
    Generalization,
    Streaks,
    Trials,
    WeekIndependence,
    consistency,
    generalization,
    independence_by_week,
    streaks,
)

HEATMAP_WEEKS = 52
MIN_HEATMAP_WEEKS = 12
"""What fits at 80 columns: a calendar never shows less, even for a family that just began."""
MINUTES_DAYS = 120
"""Days of minutes handed to the chart; it shows as many as fit."""
RECENT_WEEKS = 6
"""Weeks of help levels and percent correct shown."""


@dataclass(frozen=True)
class TrialsRow:
    strategy: str
    title: str
    weeks: tuple[tuple[str, Trials], ...]


@dataclass(frozen=True)
class ProgressView:
    """Everything on the screen for one child and scope, computed in one go."""

    child: Child
    scope: Scope
    today: date
    cells: list[HeatCell]
    week: PracticeSummary
    minutes: list[tuple[date, int]]
    target: int
    target_word: str
    consistency: Consistency
    streaks: Streaks
    independence: list[WeekIndependence]
    trials: list[TrialsRow] = field(default_factory=list)
    places: list[Generalization] = field(default_factory=list)
    measures: list[tuple[str, str]] = field(default_factory=list)
    """(strategy title, "best 7 s left, 4 s right; aim 10 s") for each strategy measured in recent weeks."""
    mastery: str = ""
    """For a goal (or one of its strategies) with a mastery criterion: the criterion, and whether practice meets it."""
    cue_changes: tuple[str, ...] = ()
    """Cues changed in the weeks shown, so help and accuracy before the change are told from after it."""


def scope_target(program: Program, scope: Scope, daily_target: int) -> tuple[int, str]:
    """Minutes a day to compare with: the family's aim for a child, the usual dose for a goal."""
    if scope.goal is None and scope.strategy is None:
        return daily_target, "aim"
    routines = {r.id for r in program.routines if not r.archived}
    usual = sum(
        s.minutes * sum(1 for r in s.routines if r in routines)
        for s in program.strategies
        if not s.archived and (s.id == scope.strategy if scope.strategy else s.goal == scope.goal)
    )
    return max(1, usual), "usual"


def build_progress_view(
    index: ProgressIndex[Practice], child: Child, scope: Scope, today: date, daily_target: int
) -> ProgressView:
    program = index.program
    this_monday = monday_of(today)
    target, word = scope_target(program, scope, daily_target)
    start = max(today - timedelta(days=MINUTES_DAYS - 1), index.history_start(scope, today))
    recent = this_monday - timedelta(weeks=RECENT_WEEKS - 1)
    # On a wide terminal the calendar starts with the family's first goal or practice:
    # months of empty squares before they began say nothing and push the real weeks aside.
    calendar_start = min(
        this_monday - timedelta(weeks=MIN_HEATMAP_WEEKS - 1),
        max(this_monday - timedelta(weeks=HEATMAP_WEEKS - 1), monday_of(index.history_start(scope, today))),
    )

    trials: list[TrialsRow] = []
    measures: list[tuple[str, str]] = []
    for strategy in program.strategies:
        goal = program.goal(strategy.goal)
        if goal is None or goal.child != child.id:
            continue
        if (scope.goal and strategy.goal != scope.goal) or (scope.strategy and strategy.id != scope.strategy):
            continue
        by_week = independence_by_week(index, Scope(child.id, goal.id, strategy.id), recent, today)
        if strategy.uses_trials or any(w.trials.total for w in by_week):
            if strategy.archived and not any(w.trials.total for w in by_week):
                continue
            trials.append(TrialsRow(strategy.id, strategy.title, tuple((w.week, w.trials) for w in by_week)))
        if strategy.measure is not None:
            days = index.entries_by_day(Scope(child.id, goal.id, strategy.id))
            said = measure_text(strategy, goal, (e for day, found in days.items() if day >= recent for e in found))
            if said:
                measures.append((strategy.title, said))

    goal_id = scope.goal
    places = [g for g in generalization(index, child.id) if goal_id is None or g.goal == goal_id]
    mastery = mastery_text(index, program, child, goal_id, today)
    cue_changes = tuple(
        line
        for strategy in program.strategies
        if (goal := program.goal(strategy.goal)) is not None and goal.child == child.id
        if not (scope.goal and strategy.goal != scope.goal) and not (scope.strategy and strategy.id != scope.strategy)
        if (line := cue_change_text(strategy, recent))
    )

    return ProgressView(
        child=child,
        scope=scope,
        today=today,
        cells=heatmap(
            index,
            scope,
            calendar_start,
            this_monday + timedelta(days=6),
            target_minutes=daily_target,
            today=today,
        ),
        week=practice_summary(
            index, scope, this_monday, this_monday + timedelta(days=6), target_minutes=target, today=today
        ),
        minutes=list(zip(_days(start, today), minutes_per_day(index, scope, start, today))),
        target=target,
        target_word=word,
        consistency=consistency(index, scope, today),
        streaks=streaks(index, scope, today),
        independence=independence_by_week(index, scope, recent, today),
        trials=trials,
        measures=measures,
        places=places,
        mastery=mastery,
        cue_changes=cue_changes,
    )


def mastery_text(
    index: ProgressIndex[Practice], program: Program, child: Child, goal_id: str | None, today: date
) -> str:
    """The goal's mastery criterion and, when practice meets it, since when: never a decision."""
    goal = program.goal(goal_id) if goal_id else None
    if goal is None or goal.mastery is None:
        return ""
    text = f"Mastered when: {describe_mastery(goal.mastery)}."
    if not goal.active:
        return text
    history = index.entries_by_day(Scope(child.id, goal.id))
    uses_trials = any(s.uses_trials for s in program.strategies if s.goal == goal.id)
    since = mastery_since(
        goal.mastery, (e for found in history.values() for e in found), today, uses_trials=uses_trials
    )
    return f"{text}\n{mastery_sentence(since)}" if since is not None else text


def detail_from(today: date) -> date:
    """The first day :func:`build_progress_view` reads entries of (the calendar's first Monday)."""
    return min(monday_of(today) - timedelta(weeks=HEATMAP_WEEKS - 1), today - timedelta(days=MINUTES_DAYS - 1))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
