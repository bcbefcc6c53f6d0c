"""How practice is going over time: habit strength, streaks, help needed, where it happens.

Skip days (sick, holiday) and days with nothing planned are neither practised nor
missed: they never break a streak or lower a score, because a family should not be
"behind" for a fever. The habit score, the streaks and where a goal was practised
read only an index's outline, so they cover the whole history; the weekly
independence reads entries and needs the detail.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..history import Practice
from ..models import Assistance, Setting
from .dates import days_between, iso_week_label, monday_of
from .index import ProgressIndex, Scope
from .wording import explain_score, generalization_phrase, ordered_settings

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
    return math.pow(0.5, math.sqrt(frequency) / 13.0)


def consistency_series(
    index: ProgressIndex[Practice],
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


def consistency(
    index: ProgressIndex[Practice],
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
    for ordinal, is_planned, was_practised, epoch in index.walk(scope, first, today):
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
    index: ProgressIndex[Practice],
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
    for ordinal, planned, practised, _epoch in index.walk(scope, first, today):
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


def assistance_mix(entries: Iterable[Practice]) -> AssistanceMix:
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


def trials_of(entries: Iterable[Practice]) -> Trials:
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
    index: ProgressIndex[Practice], scope: Scope, first: date, last: date
) -> list[WeekIndependence]:
    """Per ISO week touching the range: the assistance mix and trials, from entries in range."""
    weeks: dict[date, list[Practice]] = {}
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
    index: ProgressIndex[Practice],
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
