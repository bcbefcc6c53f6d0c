"""The update's opening lines: what a busy therapist reads first, six lines at most.

- the days practised against the days planned, and the minutes, per child;
- what is going well: help fading, accuracy up, a new setting;
- a goal that meets its mastery criterion (the therapist decides whether to move on);
- what is worth a look: help going back up, accuracy down, a strategy on a routine that
  had no practice at all in the period;
- the days off and why;
- how many questions are waiting for an answer.

A change in accuracy counts from :data:`ACCURACY_STEP` points, and only when both periods
have at least :data:`MIN_TRIES` tries: a 1-of-1 day against a 0-of-1 day says nothing.

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import SkipDay
from .build import ChildReport, GoalReport, WeeklyReport
from .period import format_day

ACCURACY_STEP = 15
"""Points of percent correct between this period and the one before that count as a change."""
MIN_TRIES = 5
"""Tries needed in each of the two periods before their accuracy is compared."""


@dataclass(frozen=True)
class Mention:
    """One thing a glance line names: a goal or strategy of a child, and what about it."""

    child: str
    """The child's name."""
    subject: str
    """The goal's or strategy's title, as typed."""
    detail: str
    """``Model → Verbal cue``, ``40% → 74%``, ``first time at school``."""


@dataclass(frozen=True)
class Glance:
    practice: tuple[ChildReport, ...]
    going_well: tuple[Mention, ...]
    mastery: tuple[Mention, ...]
    worth_a_look: tuple[Mention, ...]
    days_off: tuple[SkipDay, ...]
    open_questions: int


def glance(report: WeeklyReport) -> Glance:
    """The at-a-glance facts of ``report``, by the rules in this module's docstring."""
    going_well: list[Mention] = []
    mastery: list[Mention] = []
    worth_a_look: list[Mention] = []
    for child in report.children:
        for goal in child.goals:
            _help_change(child, goal, going_well, worth_a_look)
            _accuracy_changes(child, goal, going_well, worth_a_look)
            if goal.new_settings:
                places = " and ".join(_setting_words(s.value) for s in goal.new_settings)
                going_well.append(Mention(child.name, goal.title, f"first time {places}"))
            if goal.mastery_since is not None:
                mastery.append(Mention(child.name, goal.title, f"since {format_day(goal.mastery_since)}"))
            if goal.active:
                for strategy in goal.strategies:
                    s = strategy.summary
                    if strategy.on_a_routine and s.days_planned and not s.days_practised and not s.extra_days:
                        worth_a_look.append(Mention(child.name, strategy.title, "no practice yet"))
    going_well, worth_a_look = _merged(going_well), _merged(worth_a_look)
    days_off: dict[date, SkipDay] = {}
    for child in report.children:
        for skip in child.skip_days:
            days_off.setdefault(skip.date, skip)
    questions = sum(len(c.questions) + len(c.still_open) for c in report.children)
    questions += len(report.family_questions) + len(report.family_still_open)
    return Glance(
        practice=report.children,
        going_well=tuple(going_well),
        mastery=tuple(mastery),
        worth_a_look=tuple(worth_a_look),
        days_off=tuple(days_off[d] for d in sorted(days_off)),
        open_questions=questions,
    )


def _help_change(child: ChildReport, goal: GoalReport, going_well: list[Mention], worth_a_look: list[Mention]) -> None:
    before, now = goal.assistance.before, goal.assistance.now
    if before is None or now is None or before is now:
        return
    fading = now.rank < before.rank
    words = "less help" if fading else "more help"
    mention = Mention(child.name, goal.title, f"{words}: {before.label} → {now.label}")
    (going_well if fading else worth_a_look).append(mention)


def _accuracy_changes(
    child: ChildReport, goal: GoalReport, going_well: list[Mention], worth_a_look: list[Mention]
) -> None:
    for strategy in goal.strategies:
        now, before = strategy.trials, strategy.trials_before
        if now is None or before is None or now.total < MIN_TRIES or before.total < MIN_TRIES:
            continue
        assert now.percent is not None and before.percent is not None
        change = now.percent - before.percent
        if abs(change) < ACCURACY_STEP:
            continue
        subject = goal.title if len(goal.strategies) == 1 else strategy.title
        mention = Mention(child.name, subject, f"{before.percent:.0f}% → {now.percent:.0f}% correct")
        (going_well if change > 0 else worth_a_look).append(mention)


def _merged(mentions: list[Mention]) -> list[Mention]:
    """One mention per goal or strategy of a child, its details joined: nothing said twice."""
    merged: dict[tuple[str, str], list[str]] = {}
    for m in mentions:
        merged.setdefault((m.child, m.subject), []).append(m.detail)
    return [Mention(child, subject, ", ".join(details)) for (child, subject), details in merged.items()]


def _setting_words(setting: str) -> str:
    return {
        "school": "at school or daycare",
        "social": "with friends or family",
        "community": "out and about",
    }.get(setting, f"at {setting}")
