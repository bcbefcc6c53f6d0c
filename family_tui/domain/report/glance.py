"""The update's opening lines: what a busy therapist reads first, six lines at most.

- the days practised against the days planned, and the minutes, per child;
- what is going well: help fading within the period, accuracy up, a new setting;
- a goal that meets its mastery criterion (the therapist decides whether to move on);
- what is worth a look: help going back up within the period, accuracy down, a strategy
  on a routine that had no practice at all in the period, a routine rarely done;
- the days off, whose and why;
- how many questions are waiting for an answer.

Nothing is going well or worth a look on a small sample: a change in accuracy counts
from :data:`ACCURACY_STEP` points, and only when both periods have at least
:data:`MIN_TRIES` tries on :data:`MIN_DAYS` days; a change in help, no practice or a
rarely done routine needs :data:`MIN_DAYS` days. Every percentage shows its tries.

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Setting, SkipDay
from .build import ChildReport, GoalReport, WeeklyReport
from .period import format_day

ACCURACY_STEP = 15
"""Points of percent correct between this period and the one before that count as a change."""
MIN_TRIES = 20
"""Tries needed in each of the two periods before their accuracy is compared."""
MIN_DAYS = 3
"""Days a going-well or worth-a-look line must rest on: one good day is not a trend."""


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
    days_off: tuple[tuple[str, SkipDay], ...]
    """Whose day off ("" for the whole family) and the day."""
    open_questions: int


def glance(report: WeeklyReport) -> Glance:
    """The at-a-glance facts of ``report``, by the rules in this module's docstring."""
    going_well: list[Mention] = []
    mastery: list[Mention] = []
    worth_a_look: list[Mention] = []
    for child in report.children:
        for goal in child.goals:
            _help_changes(child, goal, going_well, worth_a_look)
            _accuracy_changes(child, goal, going_well, worth_a_look)
            if goal.new_settings:
                places = " and ".join(_setting_words(s.value) for s in goal.new_settings)
                going_well.append(Mention(child.name, goal.title, f"first time {places}"))
            if goal.mastery_since is not None:
                # Where, when in one place only: the caveat a therapist needs at a glance.
                where = f", {settings_words(goal.mastery_where)}" if len(goal.mastery_where) == 1 else ""
                mastery.append(Mention(child.name, goal.title, f"since {format_day(goal.mastery_since)}{where}"))
            if goal.active:
                for strategy in goal.strategies:
                    s = strategy.summary
                    if (
                        strategy.on_a_routine
                        and s.days_planned >= MIN_DAYS
                        and not s.days_practised
                        and not s.extra_days
                    ):
                        worth_a_look.append(
                            Mention(child.name, strategy.title, f"no practice yet, {s.days_planned} planned days")
                        )
        for slot in child.rarely_done:
            worth_a_look.append(Mention(child.name, slot.routine, f"done {slot.text}"))
    going_well, worth_a_look = _merged(going_well), _merged(worth_a_look)
    days_off: dict[tuple[date, str], tuple[str, SkipDay]] = {}
    for child in report.children:
        for skip in child.skip_days:
            whose = "" if skip.child is None else child.name
            days_off.setdefault((skip.date, whose), (whose, skip))
    questions = sum(len(c.questions) + len(c.still_open) for c in report.children)
    questions += len(report.family_questions) + len(report.family_still_open)
    return Glance(
        practice=report.children,
        going_well=tuple(going_well),
        mastery=tuple(mastery),
        worth_a_look=tuple(worth_a_look),
        days_off=tuple(days_off[key] for key in sorted(days_off)),
        open_questions=questions,
    )


def _help_changes(child: ChildReport, goal: GoalReport, going_well: list[Mention], worth_a_look: list[Mention]) -> None:
    """Per strategy, help that changed from the period's first days to its last."""
    for strategy in goal.strategies:
        help = strategy.help
        if help is None or help.first is help.last or help.days < MIN_DAYS:
            continue
        fading = goal.help_order.rank(help.last) < goal.help_order.rank(help.first)
        words = "less help" if fading else "more help"
        subject = goal.title if len(goal.strategies) == 1 else strategy.title
        mention = Mention(child.name, subject, f"{words} over {help.days} days: {help.first.label} → {help.last.label}")
        (going_well if fading else worth_a_look).append(mention)


def _accuracy_changes(
    child: ChildReport, goal: GoalReport, going_well: list[Mention], worth_a_look: list[Mention]
) -> None:
    for strategy in goal.strategies:
        now, before = strategy.trials, strategy.trials_before
        if now is None or before is None or min(now.total, before.total) < MIN_TRIES:
            continue
        if min(now.days, before.days) < MIN_DAYS:
            continue
        assert now.percent is not None and before.percent is not None
        change = now.percent - before.percent
        if abs(change) < ACCURACY_STEP:
            continue
        subject = goal.title if len(goal.strategies) == 1 else strategy.title
        detail = (
            f"{before.percent:.0f}% → {now.percent:.0f}% correct, "
            f"{before.correct} of {before.total} → {now.correct} of {now.total} tries"
        )
        mention = Mention(child.name, subject, detail)
        (going_well if change > 0 else worth_a_look).append(mention)


def _merged(mentions: list[Mention]) -> list[Mention]:
    """One mention per goal or strategy of a child, its details joined: nothing said twice."""
    merged: dict[tuple[str, str], list[str]] = {}
    for m in mentions:
        merged.setdefault((m.child, m.subject), []).append(m.detail)
    return [Mention(child, subject, ", ".join(details)) for (child, subject), details in merged.items()]


def settings_words(settings: tuple[Setting, ...]) -> str:
    """``only at home``, ``at home and at school``: where something happened, for a sentence."""
    if settings == (Setting.HOME,):
        return "only at home"
    words = [_setting_words(s.value) if s is not Setting.HOME else "at home" for s in settings]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _setting_words(setting: str) -> str:
    return {
        "school": "at school or daycare",
        "social": "with friends or family",
        "community": "out and about",
    }.get(setting, f"at {setting}")
