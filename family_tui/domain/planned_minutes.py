"""How many minutes of practice the program plans for each child on each weekday.

Therapists usually aim for five to ten minutes a day at home; a program that grew a
strategy at a time can hold much more without anyone noticing. The sum is worked out
from the strategies' minutes and the routines they sit in (one checklist item each),
leaving out met and paused goals and archived strategies, routines and children. It
only informs: nothing is refused, and the words suggest a talk with the therapist.
"""

from __future__ import annotations

from .light_dataclass import light_dataclass
from .models import ALL_WEEKDAYS, Child, Program, Weekday
from .schedule import active_strategies

AIM_LOW = 5
AIM_HIGH = 10
"""Minutes a day per child that home programs commonly aim for (the Settings' daily aim, also per
child, is what the family chose within it)."""
WELL_OVER = AIM_HIGH + AIM_HIGH // 2
"""More than this on a day earns the gentle suggestion to ask the therapist which comes first."""

_SHORT = {
    Weekday.MON: "Mon",
    Weekday.TUE: "Tue",
    Weekday.WED: "Wed",
    Weekday.THU: "Thu",
    Weekday.FRI: "Fri",
    Weekday.SAT: "Sat",
    Weekday.SUN: "Sun",
}
_PLURAL = {
    Weekday.MON: "Mondays",
    Weekday.TUE: "Tuesdays",
    Weekday.WED: "Wednesdays",
    Weekday.THU: "Thursdays",
    Weekday.FRI: "Fridays",
    Weekday.SAT: "Saturdays",
    Weekday.SUN: "Sundays",
}
WORKDAYS = ALL_WEEKDAYS[:5]
WEEKEND = ALL_WEEKDAYS[5:]


def planned_minutes(program: Program, child_id: str) -> dict[Weekday, int]:
    """Minutes planned for the child on each weekday: a strategy's minutes once per routine it sits in that day.

    A strategy practised N times a week counts N times its minutes a week, spread over the
    days its routines may hold it (3 times a week in a daily routine: 3/7 of it each day).
    """
    minutes = dict.fromkeys(ALL_WEEKDAYS, 0.0)
    routines = {r.id: r for r in program.routines if not r.archived}
    for child, _goal, strategy in active_strategies(program):
        if child.id != child_id:
            continue
        places = [
            day
            for routine_id in dict.fromkeys(strategy.routines)
            if (routine := routines.get(routine_id)) is not None
            for day in routine.days
        ]
        share = 1.0
        if strategy.times_per_week is not None and places:
            share = min(1.0, strategy.times_per_week / len(places))
        for day in places:
            minutes[day] += strategy.minutes * share
    return {day: round(value) for day, value in minutes.items()}


def times_a_week_lines(program: Program) -> list[str]:
    """ "Maya: Catch and count, 3 times a week." for each strategy in use that is not every time."""
    return [
        f"{child.name}: {strategy.title}, {times_a_week(strategy.times_per_week)}."
        for child, _goal, strategy in active_strategies(program)
        if strategy.times_per_week is not None
    ]


def times_a_week(times: int) -> str:
    return "once a week" if times == 1 else f"{times} times a week"


def _amount(minutes: int) -> str:
    return "none" if minutes == 0 else str(minutes)


def week_in_words(minutes: dict[Weekday, int]) -> str:
    """ "14 min every day", "14 min on weekdays, 6 at weekends", or "Mon-Thu 14, Fri 9, Sat-Sun 6 min"."""
    values = [minutes[day] for day in ALL_WEEKDAYS]
    if len(set(values)) == 1:
        return "nothing planned" if values[0] == 0 else f"{values[0]} min every day"
    workday, weekend = {minutes[d] for d in WORKDAYS}, {minutes[d] for d in WEEKEND}
    if len(workday) == 1 and len(weekend) == 1:
        (on_workdays,), (at_weekends,) = workday, weekend
        first = f"{on_workdays} min on weekdays" if on_workdays else "none on weekdays"
        return f"{first}, {_amount(at_weekends)} at weekends"
    return ", ".join(f"{days} {_amount(value)}" for days, value in _runs(minutes)) + " min"


def _runs(minutes: dict[Weekday, int]) -> list[tuple[str, int]]:
    """Consecutive weekdays with the same minutes, as "Mon-Thu" and the minutes."""
    runs: list[list[Weekday]] = []
    for day in ALL_WEEKDAYS:
        if runs and minutes[runs[-1][-1]] == minutes[day]:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [
        (_SHORT[run[0]] if len(run) == 1 else f"{_SHORT[run[0]]}-{_SHORT[run[-1]]}", minutes[run[0]]) for run in runs
    ]


@light_dataclass(frozen=True)
class ChildMinutes:
    """One child's planned week, and the words for it."""

    child: Child
    minutes: dict[Weekday, int]

    @property
    def line(self) -> str:
        """ "Leo: 14 min on weekdays, 6 at weekends; aim 5-10 a child." """
        return f"{self.child.name}: {week_in_words(self.minutes)}; aim {AIM_LOW}-{AIM_HIGH} a child."

    @property
    def busy_days(self) -> list[Weekday]:
        return [day for day in ALL_WEEKDAYS if self.minutes[day] > WELL_OVER]

    @property
    def suggestion(self) -> str:
        """A gentle line when a day holds well over the aim; "" otherwise. It never says "too much"."""
        busy = self.busy_days
        if not busy:
            return ""
        if busy == list(ALL_WEEKDAYS):
            days = "days"  # "Each of Leo's days holds ..." below
        elif busy == list(WORKDAYS):
            days = "weekdays"
        elif busy == list(WEEKEND):
            days = "weekends"
        else:
            days = _and([_PLURAL[day] for day in busy])
        most = max(self.minutes[day] for day in busy)
        least = min(self.minutes[day] for day in busy)
        amount = f"{most} min" if most == least else f"{least} to {most} min"
        whose = f"Each of {self.child.name}'s days holds" if days == "days" else f"{self.child.name}'s {days} hold"
        return f"{whose} {amount}; ask the therapist which to put first."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def program_minutes(program: Program) -> list[ChildMinutes]:
    """Every present child's planned week (children with nothing planned too: "nothing planned")."""
    return [ChildMinutes(child, planned_minutes(program, child.id)) for child in program.children if not child.archived]


def minutes_lines(program: Program) -> list[str]:
    """What import, its dry run and the editor say about the planned minutes: a line per child, then any suggestions."""
    weeks = program_minutes(program)
    lines = [week.line for week in weeks] + times_a_week_lines(program)
    return lines + [week.suggestion for week in weeks if week.suggestion]
