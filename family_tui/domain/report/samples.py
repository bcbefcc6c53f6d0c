"""What a figure of the update rests on: tries and days, the help day by day, each routine's days.

A therapist trusts a percentage when she sees its sample, a change in help when she
sees when it happened, and a days count when a routine it hides is named. And today
is judged only once its routines are past.

No Textual here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..history import Practice
from ..models import Assistance, PracticeEntry, Program, Weekday
from ..progress import ProgressIndex, Scope, assistance_mix, days_between, trials_of
from .period import format_day

EARLY_DAYS = 3
"""Fewer planned days than this (so far) are too few to call a week strong or quiet,
or a routine rarely done."""


@dataclass(frozen=True)
class Sample:
    """Tries correct out of tries, and on how many days: a percentage is read with its sample."""

    correct: int = 0
    total: int = 0
    days: int = 0

    @property
    def percent(self) -> float | None:
        return 100.0 * self.correct / self.total if self.total else None

    @property
    def text(self) -> str:
        """``6 of 10, 1 day``."""
        return f"{self.correct} of {self.total}, {self.days} {'day' if self.days == 1 else 'days'}"


def sample_of(entries: Iterable[Practice]) -> Sample:
    """The tries of ``entries``, and the days they were logged on."""
    entries = [e for e in entries if e.trials_total is not None and e.trials_correct is not None]
    trials = trials_of(entries)
    return Sample(trials.correct, trials.total, len({e.date for e in entries}))


@dataclass(frozen=True)
class HelpChange:
    """The help one strategy needed in the period, day by day: where it began and where it ended.

    Each day counts at its usual level (the less help on a tie), so one hard moment
    does not make a day.
    """

    first: Assistance
    first_day: date
    last: Assistance
    last_day: date
    mostly: Assistance
    days: int
    """Days with a level of help noted."""
    same: bool
    """Every day at the same level."""

    @property
    def text(self) -> str:
        """``help: Model on Mon 30 Nov → Verbal cue on Sun 6 Dec``, ``help: mostly Verbal cue``."""
        if self.first is not self.last:
            return (
                f"help: {self.first.label} on {format_day(self.first_day)} → "
                f"{self.last.label} on {format_day(self.last_day)}"
            )
        return f"help: {self.mostly.label}" if self.same else f"help: mostly {self.mostly.label}"


def help_change(entries: Iterable[Practice]) -> HelpChange | None:
    """How the help changed within the period; None when no level was noted."""
    by_day: dict[date, list[Practice]] = defaultdict(list)
    for e in entries:
        if e.assistance is not None:
            by_day[e.date].append(e)
    if not by_day:
        return None
    levels = [(day, assistance_mix(by_day[day]).mostly) for day in sorted(by_day)]
    (first_day, first), (last_day, last) = levels[0], levels[-1]
    assert first is not None and last is not None
    mostly = assistance_mix(e for found in by_day.values() for e in found).mostly
    assert mostly is not None
    return HelpChange(first, first_day, last, last_day, mostly, len(levels), len({lv for _, lv in levels}) == 1)


@dataclass(frozen=True)
class Slot:
    """A routine of the child's day, and on how many of the days it planned practice it had some."""

    routine: str
    """The routine's name, as typed."""
    done: int
    planned: int
    weekdays: bool
    """The routine happens Monday to Friday only: its days read as weekdays."""

    @property
    def text(self) -> str:
        """``1 of 5 weekdays``."""
        return f"{self.done} of {self.planned} {'weekdays' if self.weekdays else 'planned days'}"

    @property
    def rarely_done(self) -> bool:
        """Done on fewer than half of at least :data:`EARLY_DAYS` planned days."""
        return self.planned >= EARLY_DAYS and 2 * self.done < self.planned


ROUTINE_WINDOW = timedelta(hours=2)
"""How long after its time a routine's practice may still come: after that, it is past."""


def routines_past(program: Program, today: date, now: datetime) -> frozenset[str]:
    """Today's routines whose time plus :data:`ROUTINE_WINDOW` has passed by ``now``.

    Until then today's practice at that routine may still come, so it is not judged:
    at 5 a.m. nothing of today is, at 10 p.m. the whole day is.
    """
    return frozenset(r.id for r in program.routines if datetime.combine(today, r.time) + ROUTINE_WINDOW <= now)


def day_over(index: ProgressIndex[PracticeEntry], scope: Scope, today: date, past: frozenset[str]) -> bool:
    """Every routine that plans practice for the child today is past: today can be judged.

    The same moment for the child, each goal and each strategy, so their figures agree.
    """
    return all(routine in past for _strategy, routine in index.planned_items(scope, today))


def slots_of(
    index: ProgressIndex[PracticeEntry],
    child: str,
    first: date,
    last: date,
    today: date | None,
    past: frozenset[str] | None,
) -> tuple[Slot, ...]:
    """Per routine, the days it planned practice for the child and the days it had some.

    Days off do not count; nor does today until the child's day is over (``past`` given),
    unless the routine was practised.
    """
    planned: Counter[str] = Counter()
    done: Counter[str] = Counter()
    by_day = index.entries_by_day(Scope(child))
    scope = Scope(child)
    for day in days_between(first, last):
        if (today is not None and day > today) or index.skip_for(day, child) is not None:
            continue
        practised = {e.routine for e in by_day.get(day, ())}
        for routine in {r for _s, r in index.planned_items(scope, day)}:
            if day == today and routine not in practised and (past is None or routine not in past):
                continue
            planned[routine] += 1
            done[routine] += routine in practised
    weekdays = set(list(Weekday)[:5])
    return tuple(
        Slot(r.name, done[r.id], planned[r.id], set(r.days) == weekdays)
        for r in sorted(index.program.routines, key=lambda r: (r.time, r.order))
        if planned[r.id]
    )
