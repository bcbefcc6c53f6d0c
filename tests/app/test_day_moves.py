"""Moving between days right after midnight: the family's move stands, whatever noticed the new day first."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from family_tui.screens.today import TodayScreen


def header(app) -> str:
    return " ".join(str(app.screen.query_one("#day-header", Static).content).split())


async def test_a_day_moved_to_just_after_midnight_is_not_taken_back_by_the_next_tick(make_app, clock):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        clock.advance(days=1)
        screen.action_today()  # what the kiosk's idle return does: it may come before the tick sees midnight
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert header(app).startswith("Yesterday")
        await pilot.pause(1.5)  # the once-a-second tick notices the new day
        assert header(app).startswith("Yesterday"), header(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        day = (clock.now() - timedelta(days=2)).strftime("%A %-d %B")
        assert day in header(app), header(app)
