"""Which routine's time has just come: the notice the open screen gives (the kiosk runs all day).

The screen asks every so often "what started between the last time I asked and now?",
so a routine is announced once, however often it asks. Times compare as instants when
the clock has a zone: the routine at 07:15 on the morning the clocks change comes once,
at 07:15 on the wall. (A routine in the hour the clocks skip in spring comes an hour late
on the wall: its time as the clock would have shown it without the jump.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from ..clock import family_day
from .light_dataclass import light_dataclass
from .models import PracticeEntry, Program, Routine, SkipDay
from .schedule import NOW_FOR_AT_MOST_MINUTES, ChecklistItem, build_checklist

LATE_AT_MOST = timedelta(minutes=NOW_FOR_AT_MOST_MINUTES)
"""A routine that started longer ago than this is over (the laptop slept through it): no notice."""


@light_dataclass(frozen=True)
class RoutineStart:
    """A routine whose time has come, with what is still to practise in it."""

    day: date
    """The family day it belongs to (a routine after midnight, before the day start, is yesterday's)."""
    at: datetime
    """When it started, on the clock's terms (aware when the clock has a zone)."""
    routine: Routine
    items: tuple[ChecklistItem, ...]
    """Its items still open: not marked yet, and the child's day not skipped."""

    @property
    def title(self) -> str:
        return f"{self.routine.name}, {self.routine.time:%H:%M}"

    @property
    def message(self) -> str:
        """Each child's items and the therapist's cue words, one item a line."""
        lines = []
        for item in self.items:
            lines.append(f"{item.child.name}: {item.strategy.title}")
            if item.strategy.cue:
                lines.append(f"  say: {item.strategy.cue}")
        return "\n".join(lines)


def starts_at(day: date, at: time, day_start: time, zone_of: datetime) -> datetime:
    """The moment a routine at ``at`` on family day ``day`` starts, in ``zone_of``'s zone (or naive).

    A routine earlier in the clock's day than the day start belongs to the night after
    ``day`` (00:30 with a day start of 03:00).
    """
    calendar_day = day if at >= day_start else day + timedelta(days=1)
    return datetime.combine(calendar_day, at, tzinfo=zone_of.tzinfo)


def _instant(moment: datetime) -> datetime:
    """Comparable across a change of the clocks: UTC when aware (``fold`` 0: the first of a repeated hour)."""
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def routines_starting(
    program: Program,
    since: datetime,
    until: datetime,
    *,
    day_start: time = time(0, 0),
    skip_days: Iterable[SkipDay] = (),
    entries: Iterable[PracticeEntry] = (),
) -> list[RoutineStart]:
    """The routines whose time came after ``since`` and by ``until``, that still hold practice.

    Only those of the latest moment in the window: an earlier one is over once the next
    has started (and one started more than :data:`LATE_AT_MOST` before ``until`` is
    over too). A routine with nothing left to practise (all marked, the children's day
    skipped, no goal in use) has nothing to say. ``since`` and ``until`` are both naive
    or both aware (the clock's ``local_now()``); nothing when the clock went back.
    """
    first, last = _instant(since), _instant(until)
    if last <= first:
        return []
    skips = list(skip_days)
    done = list(entries)
    # Not every day of a week the laptop was off; an hour more for a change of the clocks.
    day = family_day(max(since, until - LATE_AT_MOST - timedelta(hours=1)), day_start)
    found: list[RoutineStart] = []
    while day <= family_day(until, day_start):
        checklist = build_checklist(program, day, done, skips)
        for block in checklist.blocks:
            at = starts_at(day, block.routine.time, day_start, until)
            moment = _instant(at)
            if not first < moment <= last or last - moment > LATE_AT_MOST:
                continue
            open_items = tuple(i for i in block.items if not i.done and i.skipped is None)
            if open_items:
                found.append(RoutineStart(day=day, at=at, routine=block.routine, items=open_items))
        day += timedelta(days=1)
    if not found:
        return []
    latest = max(_instant(start.at) for start in found)
    return [start for start in found if _instant(start.at) == latest]
