"""Issue 26.3: Progress, the update and the habit score count N planned days a week for N times a week."""

from __future__ import annotations

import math

import pytest

from family_tui.domain.models import Discipline, Goal, Strategy
from family_tui.domain.progress import ProgressIndex, Scope, consistency, practice_summary, streaks

from .builders import FRI27, MON16, MON23, SAT28, SUN29, TUE24, WED25, day, entry, program

CATCH = Scope("mia", "mia-catch")


def catch_program(times: int | None = 3):
    """Mia's catching, at breakfast (every day), 3 times a week."""
    goal = Goal(id="mia-catch", child="mia", discipline=Discipline.PT, title="Catch a ball", created=MON16)
    strategy = Strategy(
        id="catch", goal="mia-catch", title="Catch and count", routines=["breakfast"], times_per_week=times
    )
    return program(extra_goals=[goal], extra_strategies=[strategy])


def catches(*days):
    return [entry(d, "catch", "breakfast", child="mia") for d in days]


def test_a_week_done_three_times_is_three_of_three_planned_days():
    index = ProgressIndex(catch_program(), catches(MON23, WED25, FRI27))
    s = practice_summary(index, CATCH, MON23, SUN29)
    assert (s.days_planned, s.days_practised) == (3, 3)
    assert s.phrase == "practised 3 of 3 planned days"
    # Every time it comes (no times_per_week): 7 planned days, 3 practised.
    daily = ProgressIndex(catch_program(None), catches(MON23, WED25, FRI27))
    assert practice_summary(daily, CATCH, MON23, SUN29).days_planned == 7


def test_a_week_short_of_its_times_owes_only_what_is_missing():
    index = ProgressIndex(catch_program(), catches(day(17)))  # Tue 17 only
    s = practice_summary(index, CATCH, MON16, day(22))
    assert (s.days_planned, s.days_practised) == (3, 1)


def test_a_week_under_way_owes_nothing_its_days_to_come_can_still_hold():
    index = ProgressIndex(catch_program(), catches(MON23))
    s = practice_summary(index, CATCH, MON23, WED25, today=WED25)
    assert (s.days_planned, s.days_practised) == (1, 1)  # Tue and Wed are not missed: Thu-Sun can hold two more


def test_the_habit_score_counts_three_a_week_done_as_every_planned_day_practised():
    done = catches(day(17), day(19), day(21), TUE24, WED25, SAT28)
    weekly_score = consistency(ProgressIndex(catch_program(), done), CATCH, SUN29, first=MON16)
    assert weekly_score.planned_days == weekly_score.practised_days == 6
    # Scored as a plan of three days a week (f = 3/7), every planned day practised: never a miss.
    m = 0.5 ** (math.sqrt(3 / 7) / 13)
    assert weekly_score.score == pytest.approx(1 - m**6)
    # The same practice against a plan of every day: 6 of 13 planned days (today still open).
    daily_score = consistency(ProgressIndex(catch_program(None), done), CATCH, SUN29, first=MON16)
    assert (daily_score.planned_days, daily_score.practised_days) == (13, 6)
    # Not practised on the other four days a week, yet never a missed day: the streak is unbroken.
    assert streaks(ProgressIndex(catch_program(), done), CATCH, SUN29).current == 6


def test_the_weekly_update_counts_three_a_week_as_three_planned_days():
    from family_tui.domain.models import Settings
    from family_tui.domain.report import build_report, render_markdown

    report = build_report(catch_program(), catches(MON23, WED25, FRI27), [], [], [], Settings(), MON23, SUN29, ["mia"])
    md = render_markdown(report)
    assert "- Catch and count (3 times a week): practised 3 of 3 planned days" in md, md
    # Mia's days: her pencil grasp Mon-Fri (every time) and the catching's 3, within them: 5, not 7.
    assert "- Mia practised 3 of 5 planned days this week" in md, md
