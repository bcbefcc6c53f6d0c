"""How practice is going: planned days, practised days, habit strength, streaks.

Pure functions over the program and its history, no Textual: the progress screens,
the weekly update and the tests all read the same numbers. One job per module:

- :mod:`.index`: :class:`ProgressIndex`, the program and history grouped once, and
  :class:`Scope` (a child, one of their goals or one strategy);
- :mod:`.dates`: days in a range, ISO weeks, Mondays;
- :mod:`.days`: each day of a range, the practice summary, the calendar heatmap;
- :mod:`.statistics`: habit strength, streaks, help needed and trials, where it happens;
- :mod:`.wording`: the English they are told in;
- :mod:`.view`: all the Progress screen shows for a child and scope (imported by its
  own name: it reads :mod:`family_tui.domain.mastery`, which reads this package).

The words matter as much as the numbers. A day is *planned* for a child when one of
their active strategies sits in a routine that happens that weekday, the goal already
existed, and the day is not a skip day. Skip days (sick, holiday) and days with
nothing planned are neither practised nor missed: they never break a streak or lower
a score, because a family should not be "behind" for a fever.
"""

from .dates import ONE_DAY, days_between, iso_week_label, monday_of
from .days import (
    DayProgress,
    HeatCell,
    HeatState,
    PracticeSummary,
    calendar_weeks,
    day_progress,
    days_progress,
    heatmap,
    intensity,
    minutes_per_day,
    practice_summary,
)
from .index import ProgressIndex, Scope
from .statistics import (
    AssistanceMix,
    Consistency,
    Generalization,
    Streaks,
    Trials,
    WeekIndependence,
    assistance_mix,
    consistency,
    consistency_series,
    generalization,
    habit_multiplier,
    independence_by_week,
    streaks,
    trials_of,
)
from .wording import (
    BUILDING,
    GROWING,
    STRONG,
    explain_score,
    generalization_phrase,
    ordered_settings,
    streak_text,
    week_text,
)

__all__ = [
    "BUILDING",
    "GROWING",
    "ONE_DAY",
    "STRONG",
    "AssistanceMix",
    "Consistency",
    "DayProgress",
    "Generalization",
    "HeatCell",
    "HeatState",
    "PracticeSummary",
    "ProgressIndex",
    "Scope",
    "Streaks",
    "Trials",
    "WeekIndependence",
    "assistance_mix",
    "calendar_weeks",
    "consistency",
    "consistency_series",
    "day_progress",
    "days_between",
    "days_progress",
    "explain_score",
    "generalization",
    "generalization_phrase",
    "habit_multiplier",
    "heatmap",
    "independence_by_week",
    "intensity",
    "iso_week_label",
    "minutes_per_day",
    "monday_of",
    "ordered_settings",
    "practice_summary",
    "streak_text",
    "streaks",
    "trials_of",
    "week_text",
]
