"""Today before anything is set up ("Not now" on the welcome screen) offers the editor.

Its footer showed Done, Details, Undo and Progress, which do nothing without a child,
and left out e, the one key that sets the program up.
"""

from __future__ import annotations

from datetime import datetime

from family_tui.app import make_app
from family_tui.clock import FixedClock
from family_tui.screens.editor import EditorScreen
from family_tui.screens.today import TodayScreen
from family_tui.screens.welcome import WelcomeScreen
from tests.screen_text import footer_keys


async def test_an_empty_today_offers_the_editor_and_no_keys_that_do_nothing(tmp_path):
    clock = FixedClock(datetime(2026, 11, 26, 7, 20))
    app = make_app(tmp_path / "new-family", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")  # Not now
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        keys = dict(footer_keys(app))
        assert keys.get("e") == "Edit program"
        for key in ("space", "d", "u", "p", "w"):
            assert key not in keys, f"{key} ({keys.get(key)}) does nothing on an empty Today"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_once_there_is_a_program_e_leaves_the_footer_and_done_comes_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = dict(footer_keys(app))
        assert "e" not in keys
        assert keys.get("space") == "Done" and keys.get("d") == "Details" and keys.get("p") == "Progress"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)  # still the editor's key, only not shown
