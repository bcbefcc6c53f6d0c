"""The one place the app asks what time it is.

Every screen, report and store call takes "now" from a :class:`Clock`, so tests can
set today, cross midnight and move the family's day start without patching anything.

A clock answers three questions, because they have different answers when the clocks
change for daylight saving time or someone sets the laptop's clock:

* :meth:`Clock.now`: naive local wall time, what the family reads on the wall, for
  time stamps and "which routine is due";
* :meth:`Clock.local_now`: the same moment with its zone (and ``fold`` in the hour that
  repeats), for :func:`family_day`, so the family's day never moves backwards;
* :meth:`Clock.monotonic`: seconds that only ever go forward, for waits (the PIN
  lockout, the idle locks), which a clock change must neither cut short nor stretch.
"""

from __future__ import annotations

import functools
import os
import time as _time
import uuid
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCALTIME = Path("/etc/localtime")
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


class Clock(Protocol):
    """Anything that can answer "what time is it here?"."""

    def now(self) -> datetime:
        """Naive local wall time, to the second."""
        ...

    def local_now(self) -> datetime:
        """Local time with its zone (naive only for a test clock given no zone)."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...

    def monotonic_epoch(self) -> str | None:
        """Names the run of :meth:`monotonic` (a boot of the machine): readings from
        another process compare only when this is the same (None: never)."""
        ...


@functools.cache
def _zone_of_name(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name.removeprefix(":"))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@functools.cache
def _zone_of_file(path: Path) -> tzinfo | None:
    try:
        with path.open("rb") as handle:
            return ZoneInfo.from_file(handle)
    except (OSError, ValueError):
        return None


def local_zone() -> tzinfo | None:
    """The computer's time zone with its DST rules: ``TZ``, else ``/etc/localtime``.

    None when neither names a zone ZoneInfo can read (a POSIX ``TZ`` string, say): the
    caller then uses the fixed offset the C library gives for now.
    """
    name = os.environ.get("TZ")
    if name is not None:
        return _zone_of_name(name) if name else ZoneInfo("UTC")
    return _zone_of_file(_LOCALTIME)


_TIMEZONE_FILE = Path("/etc/timezone")


def zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of ``zone`` ("Europe/London"), for calendars that know zones by name.

    A zone read from ``/etc/localtime`` has no name of its own: the computer's zone is
    named by where that link points, else by ``/etc/timezone``. None when unknown.
    """
    key = getattr(zone, "key", None)
    if isinstance(key, str) and key:
        return key
    if zone is None or zone is not local_zone():
        return None
    target = os.path.realpath(_LOCALTIME)
    candidates = [target.split("/zoneinfo/", 1)[1]] if "/zoneinfo/" in target else []
    try:
        candidates.append(_TIMEZONE_FILE.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        pass
    for name in candidates:
        name = name.removeprefix("posix/").removeprefix("right/")
        if name and _zone_of_name(name) is not None:
            return name
    return None


class SystemClock:
    """The real clocks of the computer."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def local_now(self) -> datetime:
        zone = local_zone()
        if zone is None:
            return datetime.now().astimezone().replace(microsecond=0)
        return datetime.now(zone).replace(microsecond=0)

    def monotonic(self) -> float:
        return _time.monotonic()

    def monotonic_epoch(self) -> str | None:
        return _boot_id()


@functools.cache
def _boot_id() -> str | None:
    """Linux's id of this boot: ``time.monotonic()`` counts from the boot, for every process."""
    try:
        return _BOOT_ID.read_text().strip() or None
    except OSError:
        return None


class FixedClock:
    """A clock that only moves when told to: for tests, snapshots and benchmarks.

    ``FixedClock(naive)`` knows no zone: its wall time is the naive one and has no
    daylight saving time. Given a ``zone`` (or an aware ``now``), it holds an instant
    and shows it in that zone, so :meth:`advance` moves real elapsed time, across a DST
    change as the wall clock would.
    """

    def __init__(self, now: datetime, zone: tzinfo | None = None, *, epoch: str | None = None) -> None:
        self._zone = zone or now.tzinfo
        self._instant = self._as_instant(now)
        self._monotonic = 1000.0
        self._epoch = epoch or uuid.uuid4().hex
        """A new FixedClock is a new boot; share ``epoch`` (or the clock) for the same one."""

    def _as_instant(self, now: datetime) -> datetime:
        if self._zone is None:
            return now.replace(tzinfo=None)
        if now.tzinfo is None:
            now = now.replace(tzinfo=self._zone)  # the wall time in the zone; ``fold`` kept
        return now.astimezone(UTC)

    def now(self) -> datetime:
        return self.local_now().replace(tzinfo=None)

    def local_now(self) -> datetime:
        if self._zone is None:
            return self._instant
        return self._instant.astimezone(self._zone)

    def monotonic(self) -> float:
        return self._monotonic

    def monotonic_epoch(self) -> str | None:
        return self._epoch

    def set(self, now: datetime) -> None:
        """Time passes until ``now`` (the waits count it; never backwards)."""
        instant = self._as_instant(now)
        self._monotonic += max(0.0, _seconds_between(self._instant, instant))
        self._instant = instant

    def jump(self, now: datetime) -> None:
        """The wall clock is set to ``now`` (by hand, or by a time server) while no time passes."""
        self._instant = self._as_instant(now)

    def advance(self, **delta: float) -> None:
        step = timedelta(**delta)
        self._instant += step
        self._monotonic += max(0.0, step.total_seconds())


def _seconds_between(first: datetime, second: datetime) -> float:
    return (second - first).total_seconds()


def family_day(now: datetime, day_start: time = time(0, 0)) -> date:
    """The family's "today": before ``day_start`` it is still yesterday.

    A family whose evening routine runs past midnight sets day start to, say, 03:00, so
    the bedtime book at 00:30 still counts for the day it belongs to.

    With an aware ``now`` the day never moves backwards when the clocks go back: once the
    day has started (``day_start`` was passed as an instant), the repeated hour that
    follows still belongs to it. When ``day_start`` falls in the hour the clocks skip,
    the day starts as the clocks jump. A naive ``now`` has no DST.
    """
    day = now.date()
    if now.time() >= day_start:
        return day
    if now.tzinfo is not None:
        start = datetime.combine(day, day_start, tzinfo=now.tzinfo)  # its first occurrence (fold=0)
        if _exists(start) and start.astimezone(UTC) <= now.astimezone(UTC):
            return day
    return day - timedelta(days=1)


def _exists(wall: datetime) -> bool:
    """Whether the clocks of ``wall``'s zone ever show it (not in the hour skipped in spring)."""
    back = wall.astimezone(UTC).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None, fold=0) == wall.replace(tzinfo=None, fold=0)
