"""Today across the nights the clocks change: the header and `space` follow the family's day.

The family's day must never go back: in New York with a day start of 01:30, the hour the
clocks repeat at the end of DST used to turn Sunday back into Saturday, and `space`
then recorded the practice on Saturday.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.screen_text import static_text
from tests.waits import wait_until

SIZE = (100, 32)


def entries(data_dir, day: date):
    return FamilyStore(data_dir).practice_on(day)


@pytest.fixture
def clock(request) -> FixedClock:
    wall, zone = request.param
    return FixedClock(wall, ZoneInfo(zone))


@pytest.mark.parametrize("clock", [(datetime(2026, 11, 1, 1, 59, 54), "America/New_York")], indirect=True)
async def test_the_repeated_hour_stays_on_sunday(make_app, store, clock, data_dir, today_ticks):
    store.update_settings(day_start=time(1, 30))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "Sunday 1" in static_text(app, "#day-header")
        clock.advance(seconds=6)  # 02:00 EDT: the clocks go back to 01:00 EST
        assert clock.now() == datetime(2026, 11, 1, 1, 0)
        await today_ticks.next(pilot)  # Today has looked at the clock since it was set
        assert "Sunday 1" in static_text(app, "#day-header")
        assert "Saturday 31" not in static_text(app, "#day-header")
        await pilot.press("space")
        await pilot.pause()
        assert len(entries(data_dir, date(2026, 11, 1))) == 1
        assert entries(data_dir, date(2026, 10, 31)) == []


@pytest.mark.parametrize("clock", [(datetime(2026, 10, 25, 2, 50), "Europe/Berlin")], indirect=True)
async def test_berlin_the_day_started_in_the_repeated_hour_keeps_it(make_app, store, clock, data_dir, today_ticks):
    store.update_settings(day_start=time(2, 30))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "Sunday 25" in static_text(app, "#day-header")
        clock.advance(minutes=15)  # 03:05 CEST is 02:05 CET
        assert clock.now() == datetime(2026, 10, 25, 2, 5)
        await today_ticks.next(pilot)
        assert "Sunday 25" in static_text(app, "#day-header")
        await pilot.press("space")
        await pilot.pause()
        assert len(entries(data_dir, date(2026, 10, 25))) == 1
        assert entries(data_dir, date(2026, 10, 24)) == []


@pytest.mark.parametrize(
    "clock",
    [(datetime(2026, 3, 8, 1, 59, 58), "America/New_York"), (datetime(2026, 3, 29, 1, 59, 58), "Europe/Berlin")],
    indirect=True,
    ids=["new-york", "berlin"],
)
async def test_a_day_start_in_the_skipped_hour_turns_the_day_as_the_clocks_jump(make_app, store, clock, data_dir):
    store.update_settings(day_start=time(2, 30))
    sunday = clock.now().date()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert f"Saturday {sunday.day - 1}" in static_text(app, "#day-header")
        clock.advance(seconds=2)  # 02:00 standard time is 03:00 summer time
        assert clock.now() == datetime.combine(sunday, time(3, 0))
        await wait_until(
            pilot, lambda: f"Sunday {sunday.day}" in static_text(app, "#day-header"), "Today to turn to Sunday"
        )
        await pilot.press("space")
        await pilot.pause()
        assert len(entries(data_dir, sunday)) == 1
