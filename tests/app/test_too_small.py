"""A window too small to use says "Make the window bigger" and carries on when it grows.

Random kiosk keys with resizes to a few cells found Textual's text wrapping given a width
of nought (``ValueError`` in ``rich.cells``): the "Who's practising?" list laid out in a
2x2 terminal ended the app with a traceback.
"""

from __future__ import annotations

import pytest

from family_tui.domain.pin import hash_pin
from family_tui.screens.caregiver_picker import CaregiverPicker
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.today import TodayScreen
from family_tui.screens.too_small import TooSmallScreen
from family_tui.widgets.checklist import PracticeChecklist

PIN = "2468"
TINY = [(1, 1), (2, 2), (10, 3)]


def drawn(app) -> list[str]:
    """The screen as painted, row by row (Textual's compositor)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def says_make_it_bigger(app) -> bool:
    rows = drawn(app)
    width, height = app.size
    if (width, height) == (1, 1):
        return rows == ["M"]  # the message's first letter: all that fits
    words = " ".join(" ".join(rows).split())
    if width * height >= 40:
        return words.startswith("Make the window bigger")
    return words.startswith("Ma")


@pytest.mark.parametrize("size", TINY)
async def test_a_tiny_window_keeps_today_and_an_open_dialog_until_it_grows(make_app, size):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        today = app.screen
        checklist = today.query_one(PracticeChecklist)
        await pilot.press("j", "j")
        row = checklist.highlighted
        await pilot.press("c")  # "Who's practising?": a list that wraps its lines
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CaregiverPicker)

        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert says_make_it_bigger(app)
        await pilot.press("w", "question_mark", "escape", "enter")  # nothing opens or closes
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is picker
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is today and checklist.highlighted == row
        assert app.is_running


async def test_the_message_gives_the_size_it_needs(make_app):
    app = make_app()
    async with app.run_test(size=(39, 11)) as pilot:
        await pilot.pause()
        words = " ".join(" ".join(drawn(app)).split())
        assert words == "Make the window bigger (at least 40x12, now 39x11)"
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and isinstance(app.screen, TodayScreen)
        assert "Today, Thursday 26 November" in drawn(app)[0]


@pytest.mark.parametrize("size", TINY)
async def test_starting_in_a_tiny_window_then_growing_shows_today(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert says_make_it_bigger(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_q_still_quits_in_a_tiny_window(make_app):
    app = make_app()
    async with app.run_test(size=(2, 2)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


@pytest.mark.parametrize("size", TINY)
async def test_kiosk_in_a_tiny_window_asks_who_is_practising_once_it_grows(make_app, store, size):
    store.update_settings(pin_hash=hash_pin(PIN), caregiver=None)
    app = make_app(kiosk=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("q", "ctrl+q", "ctrl+c", "ctrl+p")  # no PIN prompt in a sliver, no way out
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen) and app.is_running
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, CaregiverPicker)
        await pilot.resize_terminal(*size)  # the list that once raised, in the sliver
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, CaregiverPicker) and app.is_running
    assert not app.error_logged


async def test_parent_mode_that_runs_out_in_a_tiny_window_locks_and_goes_home(make_app, store, clock):
    store.update_settings(pin_hash=hash_pin(PIN), parent_idle_minutes=10)
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        today = app.screen
        await pilot.press("e")  # the program editor, after the PIN
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        editor = app.screen
        assert app.parent_mode and editor is not today
        await pilot.resize_terminal(2, 2)
        await pilot.pause()
        clock.advance(minutes=11)
        app.kiosk_tick()
        assert not app.parent_mode  # locked at once, window or no window
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is today and editor not in app.screen_stack
