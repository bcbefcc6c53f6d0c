"""When a goal meets the mastery criterion its therapist wrote: "80% on 3 practised days in a row".

The rule, the same for Progress and the weekly update:

- the goal's practised days up to ``today`` are looked at in order;
- a goal measured in tries (a strategy that counts them, or tries logged) is judged on the
  days with tries logged: that day's tries correct out of all its tries (every strategy of
  the goal together) must be at least ``percent``;
- with a ``level``, every level of help recorded that day must be that level or less help,
  and a day with no level recorded says nothing either way (it neither counts nor breaks a run);
- it holds when the last ``days`` such days all meet it. :func:`mastery_since` gives the
  first day since which it holds: the day the run reached ``days``.

It is a prompt to talk to the therapist, never a decision: a goal is never marked met by it.

No Textual here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from .day_names import format_day
from .history import Practice
from .models import Assistance, Mastery
from .progress import trials_of


def mastery_since(
    mastery: Mastery, entries: Iterable[Practice], today: date, *, uses_trials: bool = False
) -> date | None:
    """The day since which the goal's practice meets ``mastery``, or None when it does not (yet).

    ``entries``: the goal's practice (any strategy of it); those after ``today`` are ignored.
    ``uses_trials``: a strategy of the goal counts tries, so days are judged on their tries.
    None also when nothing can be judged: no tries logged and no level of help asked for.
    """
    run = mastery_run(mastery, entries, today, uses_trials=uses_trials)
    return run[mastery.days - 1] if run else None


def mastery_run(
    mastery: Mastery, entries: Iterable[Practice], today: date, *, uses_trials: bool = False
) -> tuple[date, ...]:
    """The days of the run that meets ``mastery`` now, first to last; () when it does not hold.

    The days a therapist asks about: where and with whom the criterion was met.
    """
    by_day: dict[date, list[Practice]] = defaultdict(list)
    for entry in entries:
        if entry.date <= today:
            by_day[entry.date].append(entry)
    measured = uses_trials or any(e.trials_total for day in by_day.values() for e in day)
    if not measured and mastery.level is None:
        return ()
    run: list[date] = []
    for day in sorted(by_day):
        meets = _day_meets(mastery, by_day[day], measured)
        if meets is None:
            continue  # nothing measured that day: it neither counts nor breaks the run
        run = [*run, day] if meets else []
    return tuple(run) if len(run) >= mastery.days else ()


def _day_meets(mastery: Mastery, entries: list[Practice], measured: bool) -> bool | None:
    """Whether one day meets the criterion; None when the day has nothing to judge it by."""
    if measured:
        trials = trials_of(entries)
        if trials.percent is None:
            return None
        if trials.percent < mastery.percent:
            return False
    if mastery.level is not None:
        levels = [e.assistance.rank for e in entries if e.assistance is not None]
        if not levels:
            return None
        if max(levels) > mastery.level.rank:
            return False
    return True


def describe_mastery(mastery: Mastery) -> str:
    """``80% correct on 3 practised days in a row, with a verbal cue or less help``."""
    text = f"{mastery.percent}% correct on {mastery.days} practised {'day' if mastery.days == 1 else 'days'} in a row"
    if mastery.level is not None:
        text += f", {_AT_MOST[mastery.level]}"
    return text


_AT_MOST = {
    Assistance.INDEPENDENT: "with no help",
    Assistance.VERBAL: "with a verbal cue at most",
    Assistance.VISUAL: "with a visual or gesture cue at most",
    Assistance.MODEL: "with a model at most",
    Assistance.PARTIAL_PHYSICAL: "with partial physical help at most",
    Assistance.FULL_PHYSICAL: "with any help",
}


def mastery_sentence(since: date) -> str:
    """What Progress and the update say; the decision stays the therapist's."""
    return f"Meets the mastery criterion since {format_day(since)}: ask the therapist whether to move on."
