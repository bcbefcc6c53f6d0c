"""The one place the app asks what time it is.

Every screen, report and store call takes "now" from a :class:`Clock`, so tests can
set today, cross midnight and move the family's day start without patching anything.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Protocol


class Clock(Protocol):
    """Anything that can answer "what time is it here?" (naive local time)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock, in local time."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


class FixedClock:
    """A clock that only moves when told to: for tests, snapshots and benchmarks."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


def family_day(now: datetime, day_start: time = time(0, 0)) -> date:
    """The family's "today": before ``day_start`` it is still yesterday.

    A family whose evening routine runs past midnight sets day start to, say, 03:00, so
    the bedtime book at 00:30 still counts for the day it belongs to.
    """
    start = timedelta(hours=day_start.hour, minutes=day_start.minute)
    return (now - start).date()
