"""Kiosk mode: the laptop stays on family-tui, and only a parent with the PIN gets out or edits."""

from __future__ import annotations

import string
from datetime import date

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from family_tui.app import FamilyApp
from family_tui.domain.kiosk import KioskNeedsPinError
from family_tui.domain.pin import hash_pin
from family_tui.screens.caregiver_picker import CaregiverPicker
from family_tui.screens.help import HelpScreen
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.today import TodayScreen
from family_tui.storage.this_computer import last_caregiver
from tests import screen_text
from tests.screen_text import all_text, static_text
from tests.waits import wait_until

PIN = "2468"
WRONG = "1357"
SIZE = (100, 32)
THURSDAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def kiosk_app(make_app, store, pin_hash):
    store.update_settings(pin_hash=pin_hash)
    return make_app(kiosk=True)


def still_running(app: FamilyApp) -> bool:
    return app.return_code is None and not app._exit and app.is_running


def footer_keys(app: FamilyApp) -> dict[str, str]:
    return dict(screen_text.footer_keys(app))


async def type_pin(pilot, pin: str) -> None:
    await pilot.press(*pin, "enter")
    await pilot.pause()


# -- getting in ---------------------------------------------------------------------------


def test_the_app_refuses_kiosk_mode_without_a_pin(data_dir, clock, store):
    from family_tui.app import make_app

    with pytest.raises(KioskNeedsPinError, match="family-tui set-pin"):
        make_app(data_dir, kiosk=True, clock=clock)
    # Outside kiosk mode no PIN is needed.
    assert make_app(data_dir, clock=clock).kiosk is False


async def test_kiosk_starts_on_today_with_who_is_practising_in_the_header(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(kiosk_app.screen, TodayScreen)
        assert "Mom practising" in static_text(kiosk_app, "#day-header")
        assert "Parent mode" not in static_text(kiosk_app, "#day-header")
        assert kiosk_app.sub_title == "Kiosk"


async def test_kiosk_asks_who_is_practising_at_start_when_nobody_is_chosen(store, kiosk_app):
    store.update_settings(caregiver=None)
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(kiosk_app.screen, CaregiverPicker)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, TodayScreen)
        assert kiosk_app.practising.chosen == "dad" and last_caregiver(store.data_dir) == "dad"


# -- no way out without the PIN -------------------------------------------------------------


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c", "ctrl+z", "ctrl+p", "escape", "q"])
async def test_forbidden_keys_leave_the_app_running(kiosk_app, monkeypatch, key):
    suspended: list[bool] = []
    monkeypatch.setattr(kiosk_app, "action_suspend_process", lambda: suspended.append(True))
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert still_running(kiosk_app)
        assert not suspended
        assert not CommandPalette.is_open(kiosk_app)
        assert not kiosk_app.parent_mode
        if key in ("q", "ctrl+q"):
            assert isinstance(kiosk_app.screen, PinPrompt)
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(kiosk_app.screen, TodayScreen)
        assert still_running(kiosk_app)


KEY_SWEEP = (
    [f"ctrl+{c}" for c in string.ascii_lowercase]
    + [f"f{n}" for n in range(1, 13)]
    + list(string.ascii_lowercase)
    + [
        "escape",
        "tab",
        "shift+tab",
        "enter",
        "space",
        "backspace",
        "delete",
        "ctrl+backslash",
        "question_mark",
        "left_square_bracket",
        "right_square_bracket",
        "home",
        "end",
        "pageup",
        "pagedown",
    ]
)


async def test_no_key_anywhere_quits_or_suspends(kiosk_app, monkeypatch):
    """Every key, on Today and in whatever it opens, leaves the app running."""
    suspended: list[bool] = []
    monkeypatch.setattr(kiosk_app, "action_suspend_process", lambda: suspended.append(True))
    async with kiosk_app.run_test(size=SIZE) as pilot:
        for first in KEY_SWEEP:
            kiosk_app.return_to_today()
            await pilot.pause()
            # The key on Today, then the same key in whatever it opened.
            await pilot.press(first, first)
            await pilot.pause()
            assert still_running(kiosk_app), first
            assert not CommandPalette.is_open(kiosk_app), first
        assert not suspended


async def test_there_is_no_command_palette_in_kiosk_mode(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert kiosk_app.use_command_palette is False
        assert "ctrl+p" not in kiosk_app.screen.active_bindings
        assert "palette" not in footer_keys(kiosk_app).values()
        await kiosk_app.run_action("app.command_palette")
        await pilot.pause()
        assert not CommandPalette.is_open(kiosk_app)


async def test_actions_a_link_could_run_are_refused_or_need_the_pin(kiosk_app):
    """What `[@click=app.quit]` text would run: the quit asks for the PIN, suspend is refused."""
    async with kiosk_app.run_test(size=SIZE) as pilot:
        assert await kiosk_app.run_action("app.suspend_process") is False
        assert await kiosk_app.run_action("app.help_quit") is False
        await kiosk_app.run_action("app.quit")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, PinPrompt)
        assert still_running(kiosk_app)


# -- the PIN prompt ----------------------------------------------------------------------


async def test_q_asks_for_the_pin_with_a_masked_field(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, PinPrompt)
        assert static_text(kiosk_app, "#pin-reason") == "Enter the parent PIN to quit."
        field = kiosk_app.screen.query_one("#pin", Input)
        assert field.password is True
        await pilot.press(*PIN)
        assert field.value == PIN
        assert PIN not in all_text(kiosk_app)


async def test_the_right_pin_quits(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await type_pin(pilot, PIN)
        assert kiosk_app.return_code == 0
        assert not still_running(kiosk_app)


async def test_ctrl_q_with_the_right_pin_quits_too(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await type_pin(pilot, PIN)
        assert kiosk_app.return_code == 0


async def test_a_wrong_pin_does_not_quit(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await type_pin(pilot, WRONG)
        assert still_running(kiosk_app)
        assert isinstance(kiosk_app.screen, PinPrompt)
        assert "That PIN is not right" in static_text(kiosk_app, "#pin-message")
        assert kiosk_app.screen.query_one("#pin", Input).value == ""
        assert not kiosk_app.parent_mode


async def test_letters_cannot_be_typed_into_the_pin(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.press("q", "x", "1", "2")
        assert kiosk_app.screen.query_one("#pin", Input).value == "12"
        assert still_running(kiosk_app)


async def test_five_wrong_pins_mean_a_wait_even_for_the_right_one(kiosk_app, clock):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        for _ in range(5):
            await type_pin(pilot, WRONG)
        assert static_text(kiosk_app, "#pin-message") == "Too many tries. Try again in 30 seconds."
        await type_pin(pilot, PIN)
        assert still_running(kiosk_app)
        assert not kiosk_app.parent_mode
        # Closing and reopening the prompt does not reset the wait.
        await pilot.press("escape", "q")
        await pilot.pause()
        assert "Too many tries" in static_text(kiosk_app, "#pin-message")
        clock.advance(seconds=29)
        await type_pin(pilot, PIN)
        assert still_running(kiosk_app)
        clock.advance(seconds=1)
        await type_pin(pilot, PIN)
        assert kiosk_app.return_code == 0


async def test_a_parent_action_runs_after_the_pin_and_not_after_cancel(kiosk_app):
    ran: list[str] = []
    async with kiosk_app.run_test(size=SIZE) as pilot:
        kiosk_app.require_parent(lambda: ran.append("edit"), "edit the program")
        await pilot.pause()
        assert static_text(kiosk_app, "#pin-reason") == "Enter the parent PIN to edit the program."
        await pilot.press("escape")
        await pilot.pause()
        assert ran == [] and isinstance(kiosk_app.screen, TodayScreen)
        kiosk_app.require_parent(lambda: ran.append("edit"), "edit the program")
        await pilot.pause()
        await type_pin(pilot, PIN)
        assert ran == ["edit"]
        assert kiosk_app.parent_mode
        # Now a parent is in charge: no second prompt.
        kiosk_app.require_parent(lambda: ran.append("delete"), "delete a strategy")
        assert ran == ["edit", "delete"]


# -- parent mode --------------------------------------------------------------------------


async def unlock(pilot, app: FamilyApp) -> None:
    app.require_parent(lambda: None, "unlock")
    await pilot.pause()
    await type_pin(pilot, PIN)
    assert app.parent_mode


async def test_parent_mode_is_shown_and_ctrl_l_locks_it(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        assert "ctrl+l" not in kiosk_app.screen.active_bindings
        await unlock(pilot, kiosk_app)
        await pilot.pause()
        assert "Parent mode" in static_text(kiosk_app, "#day-header")
        assert kiosk_app.sub_title == "Parent mode"
        assert "ctrl+l" in kiosk_app.screen.active_bindings
        assert footer_keys(kiosk_app).get("ctrl+l") == "Lock"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not kiosk_app.parent_mode
        assert "Parent mode" not in static_text(kiosk_app, "#day-header")
        assert "ctrl+l" not in footer_keys(kiosk_app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, PinPrompt)


async def test_in_parent_mode_q_quits_without_asking_again(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await unlock(pilot, kiosk_app)
        await pilot.press("q")
        await pilot.pause()
        assert kiosk_app.return_code == 0


async def test_parent_mode_locks_after_the_idle_minutes(kiosk_app, clock, store):
    store.update_settings(parent_idle_minutes=10)
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await unlock(pilot, kiosk_app)
        clock.advance(minutes=9)
        kiosk_app.kiosk_tick()  # what the once-a-second tick does
        await pilot.pause()
        assert kiosk_app.parent_mode
        clock.advance(minutes=2)
        await wait_until(pilot, lambda: not kiosk_app.parent_mode, "parent mode to lock after 11 idle minutes")
        assert "Parent mode" not in static_text(kiosk_app, "#day-header")


async def test_key_presses_anywhere_keep_parent_mode_on(kiosk_app, clock):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await unlock(pilot, kiosk_app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, HelpScreen)
        clock.advance(minutes=9)
        await pilot.press("down")  # a key inside the modal counts
        clock.advance(minutes=9)
        kiosk_app.kiosk_tick()
        assert kiosk_app.parent_mode
        assert isinstance(kiosk_app.screen, HelpScreen)  # nothing closed under the parent
        clock.advance(minutes=2)
        kiosk_app.kiosk_tick()
        await pilot.pause()
        assert not kiosk_app.parent_mode
        # Locking closes whatever a parent had open.
        assert isinstance(kiosk_app.screen, TodayScreen)


async def test_locking_closes_the_program_editor(kiosk_app):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert static_text(kiosk_app, "#pin-reason") == "Enter the parent PIN to edit the program."
        await type_pin(pilot, PIN)
        editor = kiosk_app.screen
        assert not isinstance(editor, (TodayScreen, PinPrompt))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, TodayScreen)
        assert editor not in kiosk_app.screen_stack
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, PinPrompt)


# -- idle kiosk goes back to Today -----------------------------------------------------------


async def test_idle_kiosk_returns_to_the_routine_due_now(kiosk_app, clock, store):
    store.update_settings(kiosk_idle_minutes=5)
    async with kiosk_app.run_test(size=SIZE) as pilot:
        today_screen = kiosk_app.screen
        assert isinstance(today_screen, TodayScreen)
        await pilot.press("left_square_bracket", "left_square_bracket", "question_mark")
        await pilot.pause()
        assert today_screen.day == date(2026, 11, 24)
        assert isinstance(kiosk_app.screen, HelpScreen)
        clock.advance(minutes=4)
        kiosk_app.kiosk_tick()
        assert isinstance(kiosk_app.screen, HelpScreen)
        clock.advance(minutes=1)
        await wait_until(pilot, lambda: kiosk_app.screen is today_screen, "the idle kiosk to return to Today")
        assert today_screen.day == THURSDAY
        assert still_running(kiosk_app)


async def test_idle_kiosk_closes_a_pin_prompt_left_open(kiosk_app, clock):
    async with kiosk_app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "1", "2")
        await pilot.pause()
        assert isinstance(kiosk_app.screen, PinPrompt)
        clock.advance(minutes=6)
        kiosk_app.kiosk_tick()
        await pilot.pause()
        assert isinstance(kiosk_app.screen, TodayScreen)
        assert still_running(kiosk_app)


# -- outside kiosk mode -----------------------------------------------------------------------


async def test_outside_kiosk_mode_q_quits_at_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.parent_mode
        assert "ctrl+l" not in app.screen.active_bindings
        assert app.use_command_palette is True
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_outside_kiosk_mode_ctrl_q_quits_and_nothing_asks_for_a_pin(make_app):
    app = make_app()
    ran: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.require_parent(lambda: ran.append("edit"), "edit the program")
        await pilot.pause()
        assert ran == ["edit"] and isinstance(app.screen, TodayScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
