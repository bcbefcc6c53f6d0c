"""The family's day across daylight saving time, and the clocks the app reads.

The day must never go backwards: at the end of DST the wall clock repeats an hour, and a
day start inside that hour used to hand the family yesterday again. At the start of DST
a day start inside the skipped hour must still start the day, when the clocks jump.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from family_tui import clock as clock_module
from family_tui.clock import FixedClock, SystemClock, family_day

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")

# The changes of 2026: New York falls back at 02:00 EDT on 1 November and springs forward
# at 02:00 EST on 8 March; Berlin falls back at 03:00 CEST on 25 October and springs
# forward at 02:00 CET on 29 March.
FALL = {NEW_YORK: date(2026, 11, 1), BERLIN: date(2026, 10, 25)}
SPRING = {NEW_YORK: date(2026, 3, 8), BERLIN: date(2026, 3, 29)}


def at(zone, day: date, hour: int, minute: int, second: int = 0, *, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone, fold=fold)


# -- the examples of the issue ---------------------------------------------------------


def test_new_york_fall_back_keeps_sunday_through_the_repeated_hour():
    start = time(1, 30)
    clock = FixedClock(at(NEW_YORK, date(2026, 11, 1), 1, 59, 54))
    assert family_day(clock.local_now(), start) == date(2026, 11, 1)
    clock.advance(seconds=6)  # 02:00 EDT is 01:00 EST: the wall clock shows 01:00 again
    assert clock.now() == datetime(2026, 11, 1, 1, 0)
    assert family_day(clock.local_now(), start) == date(2026, 11, 1)
    clock.advance(minutes=45)  # 01:45 EST
    assert family_day(clock.local_now(), start) == date(2026, 11, 1)


def test_before_the_day_start_in_the_first_pass_it_is_still_the_day_before():
    start = time(1, 30)
    assert family_day(at(NEW_YORK, date(2026, 11, 1), 1, 10), start) == date(2026, 10, 31)
    assert family_day(at(NEW_YORK, date(2026, 11, 1), 1, 10, fold=1), start) == date(2026, 11, 1)
    assert family_day(at(BERLIN, date(2026, 10, 25), 2, 10), time(2, 30)) == date(2026, 10, 24)
    assert family_day(at(BERLIN, date(2026, 10, 25), 2, 10, fold=1), time(2, 30)) == date(2026, 10, 25)


@pytest.mark.parametrize("zone", [NEW_YORK, BERLIN], ids=["new-york", "berlin"])
def test_a_day_start_in_the_skipped_hour_starts_the_day_as_the_clocks_jump(zone):
    day = SPRING[zone]
    start = time(2, 30)
    clock = FixedClock(at(zone, day, 1, 59, 59))
    assert family_day(clock.local_now(), start) == day - timedelta(days=1)
    clock.advance(seconds=1)
    assert clock.now() == datetime.combine(day, time(3, 0))
    assert family_day(clock.local_now(), start) == day


# -- walking through the changes in real time ---------------------------------------------

DAY_STARTS = [time(h, m) for h in range(0, 5) for m in (0, 15, 30, 45)]


@pytest.mark.parametrize("zone", [NEW_YORK, BERLIN], ids=["new-york", "berlin"])
@pytest.mark.parametrize("change", ["fall", "spring"])
@pytest.mark.parametrize("start", DAY_STARTS, ids=str)
def test_the_day_only_moves_forward_and_turns_once_a_night(zone, change, start):
    day = (FALL if change == "fall" else SPRING)[zone]
    clock = FixedClock(datetime.combine(day - timedelta(days=1), time(12, 0)), zone)
    seen = [family_day(clock.local_now(), start)]
    turns = []
    for _ in range(24 * 60):  # a minute at a time, for a day of elapsed time
        clock.advance(minutes=1)
        today = family_day(clock.local_now(), start)
        assert today >= seen[-1], f"the day went back at {clock.local_now()}"
        if today != seen[-1]:
            turns.append(clock.local_now())
        seen.append(today)
    assert len(turns) == 1
    assert seen[-1] == day
    turned = turns[0]
    # The day turns at the day start, or at the jump when the day start was skipped.
    assert turned.time() == start or (change == "spring" and turned.time() > start)


def test_a_naive_now_has_no_dst_and_keeps_the_old_rule():
    assert family_day(datetime(2026, 11, 27, 0, 30), time(3, 0)) == date(2026, 11, 26)
    assert family_day(datetime(2026, 11, 27, 3, 0), time(3, 0)) == date(2026, 11, 27)
    assert family_day(datetime(2026, 11, 27, 2, 59, 59), time(3, 0)) == date(2026, 11, 26)
    assert family_day(datetime(2026, 11, 27, 0, 0)) == date(2026, 11, 27)


def test_a_fixed_offset_has_no_dst_either():
    offset = timezone(timedelta(hours=-5))
    assert family_day(datetime(2026, 11, 1, 1, 0, tzinfo=offset), time(1, 30)) == date(2026, 10, 31)
    assert family_day(datetime(2026, 11, 1, 1, 30, tzinfo=offset), time(1, 30)) == date(2026, 11, 1)


# -- the test clock ------------------------------------------------------------------------


def test_a_fixed_clock_with_a_zone_moves_in_elapsed_time_across_the_change():
    clock = FixedClock(datetime(2026, 3, 8, 1, 30), NEW_YORK)
    before = clock.monotonic()
    clock.advance(hours=1)
    assert clock.now() == datetime(2026, 3, 8, 3, 30)  # the wall clock skipped an hour
    assert clock.monotonic() - before == 3600


def test_a_naive_fixed_clock_is_plain_wall_time():
    clock = FixedClock(datetime(2026, 11, 26, 7, 20))
    clock.advance(minutes=5)
    assert clock.now() == clock.local_now() == datetime(2026, 11, 26, 7, 25)


def test_waits_count_time_passing_not_the_wall_clock_being_set():
    clock = FixedClock(datetime(2026, 11, 26, 7, 20))
    first = clock.monotonic()
    clock.set(datetime(2026, 11, 26, 7, 21))
    assert clock.monotonic() - first == 60
    clock.jump(datetime(2026, 11, 26, 6, 0))  # someone set the clock back
    clock.jump(datetime(2026, 11, 27, 6, 0))  # and forward a day
    assert clock.monotonic() - first == 60
    clock.set(datetime(2026, 11, 20))  # set never runs the waits backwards
    assert clock.monotonic() - first == 60


# -- the system clock ----------------------------------------------------------------------


def test_the_system_clock_knows_the_zone_from_tz(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    now = SystemClock().local_now()
    assert now.tzinfo == NEW_YORK
    assert now.microsecond == 0


def test_the_system_clock_reads_etc_localtime_without_tz(monkeypatch, tmp_path):
    monkeypatch.delenv("TZ", raising=False)
    localtime = tmp_path / "localtime"
    source = next(Path(p) / "Europe" / "Berlin" for p in zoneinfo.TZPATH if (Path(p) / "Europe" / "Berlin").is_file())
    localtime.write_bytes(source.read_bytes())
    monkeypatch.setattr(clock_module, "_LOCALTIME", localtime)
    now = SystemClock().local_now()
    assert now.utcoffset() == BERLIN.utcoffset(now.replace(tzinfo=None))
    assert isinstance(now.tzinfo, ZoneInfo)  # with the rules, not just today's offset


def test_a_tz_zoneinfo_cannot_read_falls_back_to_the_current_offset(monkeypatch):
    monkeypatch.setenv("TZ", "XYZ3")  # a POSIX rule, not a zone name
    now = SystemClock().local_now()
    assert now.tzinfo is not None
    assert now.utcoffset() == datetime.now().astimezone().utcoffset()


def test_the_system_monotonic_clock_goes_forward():
    clock = SystemClock()
    first = clock.monotonic()
    assert clock.monotonic() >= first
