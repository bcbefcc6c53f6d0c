"""A strategy's cue over time: the one in use, since when and from whom, and the ones before it.

Whoever changes a cue (a therapist's reply, a new program file) keeps the old one with
the days it was in use, so Progress and the update can tell practice before the change
from practice after it, and Today can say the cue is new.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from .day_names import format_day
from .light_dataclass import light_dataclass
from .models import EarlierCue, Strategy

NEW_FOR_DAYS = 7
"""How long Today says a cue is new."""


def cue_change(strategy: Strategy, cue: str, since: date, by: str = "") -> dict[str, Any]:
    """The fields of ``strategy`` once ``cue`` is in use from ``since``; the old cue is kept in ``earlier_cues``."""
    earlier = list(strategy.earlier_cues)
    if strategy.cue_since is not None and since <= strategy.cue_since:
        # Changed again on (or before) the day the current cue began: those words were never in use.
        return {"cue": cue, "cue_since": strategy.cue_since, "cue_by": by, "earlier_cues": earlier}
    if strategy.cue:
        until = since - timedelta(days=1)
        earlier.append(EarlierCue(cue=strategy.cue, since=strategy.cue_since, until=until, by=strategy.cue_by))
    return {"cue": cue, "cue_since": since, "cue_by": by, "earlier_cues": earlier}


def new_cue_line(strategy: Strategy, today: date) -> str:
    """ "New cue from Ms. Park since Tue 8 Dec" for seven days after a change; "" otherwise."""
    since = strategy.cue_since
    if since is None or not strategy.earlier_cues:
        return ""
    age = (today - since).days
    who = f" from {strategy.cue_by}" if strategy.cue_by else ""
    if age < 0:
        return f"New cue{who} from {format_day(since)}"
    if age < NEW_FOR_DAYS:
        return f"New cue{who} since {format_day(since)}"
    return ""


def cue_on(strategy: Strategy, day: date) -> str:
    """The cue in use on ``day``: an earlier one when the day falls in its days."""
    for earlier in strategy.earlier_cues:
        if (earlier.since is None or earlier.since <= day) and day <= earlier.until:
            return earlier.cue
    return strategy.cue


@light_dataclass(frozen=True)
class CueChange:
    """A cue changed within a period: the old and new words, and the days practised with each."""

    since: date
    by: str
    cue: str
    before: str
    days_before: int
    days_after: int

    @property
    def days_text(self) -> str:
        def days(n: int) -> str:
            return f"{n} day{'s' if n != 1 else ''}"

        return f"practised {days(self.days_before)} with the old cue, {days(self.days_after)} with the new"


def cue_change_between(strategy: Strategy, first: date, last: date, practised: Iterable[date]) -> CueChange | None:
    """The cue change of ``strategy`` within ``first``..``last``, with the practised days on each side."""
    since = strategy.cue_since
    if since is None or not strategy.earlier_cues or not first < since <= last:
        return None
    days = set(practised)
    return CueChange(
        since=since,
        by=strategy.cue_by,
        cue=strategy.cue,
        before=strategy.earlier_cues[-1].cue,
        days_before=sum(1 for d in days if d < since),
        days_after=sum(1 for d in days if d >= since),
    )


def edited(before: Any, after: Any, today: date) -> Any:
    """``after``, a strategy whose cue a parent changed in the editor, with the old cue kept from ``today``.

    Anything else, or a cue left as it was, comes back as it is.
    """
    if not (isinstance(before, Strategy) and isinstance(after, Strategy)) or before.cue == after.cue:
        return after
    return after.model_copy(update=cue_change(before, after.cue, today))


def cue_change_text(strategy: Strategy, since: date) -> str:
    """ "Breakfast choices: “Snake teeth” from Mon 7 Dec (Ms. Rivera); before: “Teeth together”" for a change
    on or after ``since``; "" for none."""
    if strategy.cue_since is None or strategy.cue_since < since or not strategy.earlier_cues:
        return ""
    who = f" ({strategy.cue_by})" if strategy.cue_by else ""
    before = strategy.earlier_cues[-1].cue
    return f"{strategy.title}: “{strategy.cue}” from {format_day(strategy.cue_since)}{who}; before: “{before}”"
