"""The English the progress views and the weekly update speak.

The words matter as much as the numbers: they say what was done ("practised 5 of 6
planned days"), never what was not, and a label for the habit score is a sentence a
parent can act on, never a telling-off.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..models import Setting


class WeekNumbers(Protocol):
    """What :func:`week_text` reads of a :class:`~.days.PracticeSummary` (which imports this module)."""

    @property
    def days_planned(self) -> int: ...
    @property
    def days_practised(self) -> int: ...
    @property
    def extra_days(self) -> int: ...
    @property
    def minutes(self) -> int: ...


class RunNumbers(Protocol):
    """What :func:`streak_text` reads of :class:`~.statistics.Streaks` (which imports this module)."""

    @property
    def current(self) -> int: ...
    @property
    def best(self) -> int: ...
    @property
    def today_open(self) -> bool: ...


# -- the habit score ---------------------------------------------------------------------

STRONG = 0.75
GROWING = 0.45
BUILDING = 0.15
"""Where the habit score's labels change (see :func:`explain_score`)."""


def explain_score(score: float, planned_days: int) -> tuple[str, str]:
    """A label and one plain sentence a parent can act on; never a telling-off."""
    if planned_days == 0:
        return (
            "Not started",
            "Nothing planned yet: the score starts once practice is part of a routine.",
        )
    if score >= STRONG:
        return (
            "Strong habit",
            "Strong habit: practice is happening most planned days; a missed day only dips it a little.",
        )
    if score >= GROWING:
        return (
            "Growing habit",
            "Growing habit: practice happens on many planned days, and each one adds to it.",
        )
    if score >= BUILDING:
        return (
            "Building",
            "Building: practice is getting going; a few more planned days in a row keep it climbing.",
        )
    return (
        "Just starting",
        "Just starting: every practised day builds it up; it rises steadily, not all at once.",
    )


# -- generalization: where it happens -------------------------------------------------------

_ONLY = {
    Setting.HOME: "Only at home so far",
    Setting.SCHOOL: "Only at school so far",
    Setting.SOCIAL: "Only in social settings so far",
    Setting.COMMUNITY: "Only in the community so far",
}
_WORD = {
    Setting.HOME: "home",
    Setting.SCHOOL: "school",
    Setting.SOCIAL: "social settings",
    Setting.COMMUNITY: "community",
}


def ordered_settings(settings: Iterable[Setting]) -> tuple[Setting, ...]:
    """Each setting once, in the order the phrases name them: home, school, social, community."""
    found = set(settings)
    return tuple(s for s in Setting if s in found)


def generalization_phrase(settings: Iterable[Setting]) -> str:
    """``Only at home so far``, ``Home and school``, ``Home, school and community``."""
    ordered = ordered_settings(settings)
    if not ordered:
        return "Not practised yet"
    if len(ordered) == 1:
        return _ONLY[ordered[0]]
    words = [_WORD[s] for s in ordered]
    text = ", ".join(words[:-1]) + " and " + words[-1]
    return text[0].upper() + text[1:]


# -- days and the calendar -----------------------------------------------------------------

HEAT_LABELS = {
    "none_planned": "Nothing planned",
    "skipped": "Day off",
    "not_practised": "Planned, not practised",
    "practised": "Practised",
    "future": "Still to come",
}
"""The calendar's words for each :class:`~family_tui.domain.progress.days.HeatState` value."""


def practice_phrase(
    days_planned: int, days_practised: int, extra_days: int, days_open: int, days_skipped: int = 0
) -> str:
    """``practised 5 of 6 planned days``: what was done, never what was not.

    ``days_skipped``: planned days that were days off; when they are all there was,
    the phrase says so rather than "no practice days planned".

    The words of :attr:`~family_tui.domain.progress.days.PracticeSummary.phrase`.
    """
    if (days_planned or days_open) and not (days_practised or extra_days):
        days = _count(days_planned + days_open, "day")
        return f"planned on {days}, not practised yet" if days_open else f"planned on {days}, no practice logged"
    if days_planned:
        unit = "day" if days_planned == 1 else "days"
        text = f"practised {days_practised} of {days_planned} planned {unit}"
        if extra_days:
            text += f", plus {_count(extra_days, 'extra day')}"
        return text
    if extra_days:
        return f"practised on {_count(extra_days, 'day')}"
    if days_skipped == 1:
        return "its 1 planned day was a day off"
    if days_skipped:
        return f"all {days_skipped} planned days were days off"
    return "no practice days planned"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


# -- the Progress screen's week and streak ----------------------------------------------


def week_text(summary: WeekNumbers, today_open: bool = False) -> str:
    """``Practised 3 of 4 planned days this week · 21 min``: what was done.

    ``today_open``: today has practice planned and not done yet, so a week with nothing planned
    before today (a Monday) is just beginning, not empty.
    """
    if summary.days_planned:
        text = (
            f"Practised {summary.days_practised} of {summary.days_planned} planned "
            f"{'day' if summary.days_planned == 1 else 'days'} this week"
        )
        if summary.extra_days:
            text += f", plus {_count(summary.extra_days, 'extra day')}"
    elif summary.extra_days:
        text = f"Practised on {_count(summary.extra_days, 'day')} this week, as a bonus"
    elif today_open:
        text = "The week starts today"
    else:
        text = "Nothing planned this week"
    if summary.minutes:
        text += f" · {summary.minutes} min"
    return text


def streak_text(s: RunNumbers) -> str:
    if s.current:
        text = f"{_count(s.current, 'planned day')} in a row · best {s.best}"
        if s.today_open:
            text += f"\nPractising today makes it {s.current + 1}."
        return text
    if s.best:
        text = f"Best so far: {_count(s.best, 'planned day')} in a row."
        return text + (
            "\nPractising today starts a new run." if s.today_open else "\nThe next practice starts a new run."
        )
    return "No run yet: practising on a planned day starts one."
