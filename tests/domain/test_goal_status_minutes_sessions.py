"""Met and paused goals, the minutes a program plans a day, and a therapist's last session."""

from __future__ import annotations

from datetime import date

import pytest

from family_tui.domain.models import ALL_WEEKDAYS, Child, Discipline, Goal, GoalStatus, Therapist, Weekday
from family_tui.domain.planned_minutes import ChildMinutes, minutes_lines, planned_minutes, week_in_words
from family_tui.domain.schedule import active_strategies
from family_tui.domain.sessions import last_session_before

from .builders import program

MON, TUE, WED, THU, FRI, SAT, SUN = ALL_WEEKDAYS


def week(*values: int) -> dict[Weekday, int]:
    return dict(zip(ALL_WEEKDAYS, values, strict=True))


# -- status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "met_on", "active", "words"),
    [
        (GoalStatus.ACTIVE, None, True, ""),
        (GoalStatus.MET, date(2026, 12, 1), False, "met on Tue 1 Dec"),
        (GoalStatus.MET, None, False, "met"),
        (GoalStatus.PAUSED, None, False, "paused"),
    ],
)
def test_a_goal_says_where_it_stands_in_words(status, met_on, active, words):
    goal = Goal(id="g", child="leo", discipline=Discipline.OT, title="Buttons", status=status, met_on=met_on)
    assert (goal.active, goal.status_text) == (active, words)


@pytest.mark.parametrize("status", [GoalStatus.MET, GoalStatus.PAUSED])
def test_met_and_paused_goals_leave_the_checklist(status):
    prog = program()
    prog.goals[1].status = status  # leo-stairs
    assert {s.id for _, _, s in active_strategies(prog)} == {"snake", "s-cards", "pencil"}


# -- planned minutes ---------------------------------------------------------------------


def test_minutes_per_weekday_count_each_routine_a_strategy_sits_in():
    prog = program()  # every strategy 3 min; snake in breakfast and bath, s-cards school days, step in bath
    assert planned_minutes(prog, "leo") == week(12, 12, 12, 12, 12, 9, 9)
    assert planned_minutes(prog, "mia") == week(3, 3, 3, 3, 3, 0, 0)


def test_minutes_leave_out_met_and_paused_goals_and_archived_strategies_routines_and_children():
    prog = program()
    prog.goals[1].status = GoalStatus.MET  # leo-stairs: step, 3 min at bath every day
    prog.strategies[1].archived = True  # s-cards: 3 min on school days
    prog.routines[0].archived = True  # breakfast: snake's first 3 min every day
    assert planned_minutes(prog, "leo") == week(3, 3, 3, 3, 3, 3, 3)
    prog.children[1].archived = True
    assert planned_minutes(prog, "mia") == week(0, 0, 0, 0, 0, 0, 0)
    assert [line.split(":")[0] for line in minutes_lines(prog)] == ["Leo"]


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (week(8, 8, 8, 8, 8, 8, 8), "8 min every day"),
        (week(0, 0, 0, 0, 0, 0, 0), "nothing planned"),
        (week(14, 14, 14, 14, 14, 6, 6), "14 min on weekdays, 6 at weekends"),
        (week(3, 3, 3, 3, 3, 0, 0), "3 min on weekdays, none at weekends"),
        (week(0, 0, 0, 0, 0, 5, 5), "none on weekdays, 5 at weekends"),
        (week(14, 14, 14, 14, 9, 6, 6), "Mon-Thu 14, Fri 9, Sat-Sun 6 min"),
        (week(14, 9, 14, 9, 14, 6, 7), "Mon 14, Tue 9, Wed 14, Thu 9, Fri 14, Sat 6, Sun 7 min"),
    ],
)
def test_a_week_of_minutes_in_words(minutes, words):
    assert week_in_words(minutes) == words


@pytest.mark.parametrize(
    ("minutes", "line"),
    [
        (week(14, 14, 14, 14, 14, 6, 6), ""),  # over the aim, but not by much: nothing more said
        (week(24, 14, 14, 14, 14, 6, 6), "Leo's Mondays hold 24 min; ask the therapist which to put first."),
        (
            week(24, 18, 14, 14, 14, 6, 6),
            "Leo's Mondays and Tuesdays hold 18 to 24 min; ask the therapist which to put first.",
        ),
        (week(16, 16, 16, 16, 16, 6, 6), "Leo's weekdays hold 16 min; ask the therapist which to put first."),
        (
            week(20, 20, 20, 20, 20, 21, 21),
            "Each of Leo's days holds 20 to 21 min; ask the therapist which to put first.",
        ),
    ],
)
def test_a_day_well_over_the_aim_earns_a_gentle_suggestion(minutes, line):
    leo = ChildMinutes(Child(id="leo", name="Leo"), minutes)
    assert leo.suggestion == line
    assert leo.line.endswith("; aim 5-10 a child.")
    assert "too" not in line and "!" not in line  # never scolds


def test_the_lines_import_and_the_editor_show():
    assert minutes_lines(program()) == [
        "Leo: 12 min on weekdays, 9 at weekends; aim 5-10 a child.",
        "Mia: 3 min on weekdays, none at weekends; aim 5-10 a child.",
    ]


# -- sessions ----------------------------------------------------------------------------


def therapist(*days: Weekday) -> Therapist:
    return Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, sessions=list(days))


@pytest.mark.parametrize(
    ("sessions", "day", "last"),
    [
        ((TUE,), date(2026, 12, 3), date(2026, 12, 1)),  # Thursday: this week's Tuesday
        ((TUE,), date(2026, 12, 1), date(2026, 11, 24)),  # on a session day: the one before
        ((TUE,), date(2026, 11, 30), date(2026, 11, 24)),  # Monday: last week's
        ((TUE, FRI), date(2026, 12, 1), date(2026, 11, 27)),  # the nearer of two session days
        ((TUE, FRI), date(2026, 12, 5), date(2026, 12, 4)),
        ((SUN,), date(2026, 1, 1), date(2025, 12, 28)),  # across the new year
        ((), date(2026, 12, 1), None),  # no session days: nothing to go by
    ],
)
def test_last_session_before_a_day(sessions, day, last):
    assert last_session_before(therapist(*sessions), day) == last


def test_session_days_are_stored_in_week_order_and_default_to_none():
    assert Therapist(id="chen", name="Mr. Chen", discipline=Discipline.OT).sessions == []
    assert therapist(FRI, TUE).sessions == [FRI, TUE]  # as given; the file reader sorts them
