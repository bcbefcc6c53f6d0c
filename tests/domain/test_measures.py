"""Seconds, steps and counts in Progress and the weekly update (issue 26, point 4)."""

from __future__ import annotations

from family_tui.domain.models import Discipline, Goal, Measure, Settings, Side, Strategy
from family_tui.domain.progress import ProgressIndex, Scope
from family_tui.domain.progress.view import build_progress_view
from family_tui.domain.report import build_report, render_markdown

from .builders import MON23, SUN29, THU26, TUE24, WED25, entry, program

STEPS = ["Find the button", "Pinch it", "Hold the hole", "Push through", "Pull", "Next one"]


def family():
    return program(
        extra_goals=[
            Goal(
                id="leo-balance",
                child="leo",
                discipline=Discipline.PT,
                title="Stand on one foot",
                target="10 seconds on each foot",
            ),
            Goal(id="leo-buttons", child="leo", discipline=Discipline.OT, title="Button his shirt"),
            Goal(id="leo-catch", child="leo", discipline=Discipline.PT, title="Catch a ball", target="8 of 10"),
        ],
        extra_strategies=[
            Strategy(
                id="flamingo",
                goal="leo-balance",
                title="Flamingo stand",
                routines=["bath"],
                measure=Measure.SECONDS,
                sides=[Side.LEFT, Side.RIGHT],
            ),
            Strategy(
                id="buttons",
                goal="leo-buttons",
                title="Buttons",
                routines=["breakfast"],
                measure=Measure.STEPS,
                steps=STEPS,
            ),
            Strategy(id="catch", goal="leo-catch", title="Catches", routines=["bath"], measure=Measure.COUNT),
        ],
    )


def entries():
    def timed(on, left, right):
        return entry(on, "flamingo", "bath").model_copy(update={"seconds_left": left, "seconds_right": right})

    def stepped(on, alone):
        return entry(on, "buttons", "breakfast").model_copy(update={"steps_alone": alone, "steps_total": 6})

    def caught(on, n):
        return entry(on, "catch", "bath").model_copy(update={"counted": n})

    return [
        timed(TUE24, 5, 4),
        timed(WED25, 7, 3),
        timed(THU26, 6, None),
        stepped(TUE24, [5]),
        stepped(THU26, [2, 3, 4, 5]),
        caught(TUE24, 6),
        caught(WED25, 8),
    ]


def test_progress_says_the_best_seconds_each_side_with_the_aim_and_the_last_steps():
    index = ProgressIndex(family(), entries(), [])
    view = build_progress_view(index, family().child("leo"), Scope("leo"), SUN29, 10)
    assert view.measures == [
        ("Flamingo stand", "best 7 s left, 4 s right; aim 10 s"),
        ("Buttons", "4 of 6 steps on their own"),
        ("Catches", "best 8"),
    ]


def test_a_strategy_measured_but_not_yet_noted_says_nothing():
    index = ProgressIndex(family(), [entry(TUE24, "flamingo", "bath")], [])
    assert build_progress_view(index, family().child("leo"), Scope("leo"), SUN29, 10).measures == []


def test_the_weekly_update_says_them_for_each_strategy():
    report = build_report(family(), entries(), [], [], [], Settings(), MON23, SUN29)
    text = render_markdown(report)
    assert "best 7 s left, 4 s right; aim 10 s" in text
    assert "4 of 6 steps on their own" in text
    assert "best 8" in text
