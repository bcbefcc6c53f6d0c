"""Kiosk mode after a crash: the error is logged, the kiosk comes back locked, the PIN's
wrong tries are not reset, and only the parent's PIN-approved quit ends it."""

from __future__ import annotations

import pytest

from family_tui.app import FamilyApp
from family_tui.domain.pin import hash_pin
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.today import TodayScreen
from family_tui.usecases.kiosk_restart import ERROR_LOG, LONGEST_WAIT, RESTART_MESSAGE, keep_kiosk_running
from tests.screen_text import static_text

PIN = "2468"
WRONG = "1357"
SIZE = (100, 32)


class Injected(RuntimeError):
    """The error a test makes the app raise."""


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def kiosk(make_app, store, pin_hash):
    store.update_settings(pin_hash=pin_hash)
    return lambda: make_app(kiosk=True)


async def type_pin(pilot, pin: str) -> None:
    await pilot.press(*pin, "enter")
    await pilot.pause()


# -- the PIN's wrong tries survive a restart ---------------------------------------------


async def test_five_wrong_pins_and_a_restart_still_mean_the_wait(kiosk, clock):
    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        for _ in range(5):
            await type_pin(pilot, WRONG)
        assert "Try again in 30 seconds" in static_text(app, "#pin-message")
    clock.advance(seconds=5)
    again = kiosk()  # the process died and was started again
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(again.screen, PinPrompt)
        assert "Too many tries. Try again in 25 seconds." in static_text(again, "#pin-message")
        await type_pin(pilot, PIN)
        assert isinstance(again.screen, PinPrompt) and again.is_running
        assert not again.parent_unlocked


async def test_four_wrong_pins_and_a_restart_leave_one_try(kiosk):
    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        for _ in range(4):
            await type_pin(pilot, WRONG)
    again = kiosk()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await type_pin(pilot, WRONG)
        assert "Try again in 30 seconds" in static_text(again, "#pin-message")


# -- an error inside the app -------------------------------------------------------------


@pytest.fixture
def notes_key_raises(monkeypatch):
    def broken(self) -> None:
        secret = "1234"  # a local a traceback with locals would show  # noqa: F841
        raise Injected("the notes key broke")

    monkeypatch.setattr(TodayScreen, "action_notes", broken)


async def test_an_error_is_logged_with_its_traceback_and_ends_the_run(kiosk, data_dir, notes_key_raises):
    app = kiosk()
    with pytest.raises(Injected):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
    log = (data_dir / ERROR_LOG).read_text()
    assert "Traceback (most recent call last)" in log
    assert "Injected: the notes key broke" in log
    assert "action_notes" in log or "broken" in log
    assert "secret" not in log.split("Traceback")[0] and "'1234'" not in log
    assert (data_dir / ERROR_LOG).stat().st_mode & 0o777 == 0o600
    assert app.error_logged and not app.parent_quit and app.return_code == 1


async def test_outside_kiosk_mode_nothing_is_logged(make_app, data_dir, notes_key_raises):
    app = make_app()
    with pytest.raises(Injected):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
    assert not (data_dir / ERROR_LOG).exists()


async def test_the_right_pin_and_q_is_a_parent_quit(kiosk):
    app = kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await type_pin(pilot, PIN)
    assert app.parent_quit and app.return_code == 0 and not app.error_logged


# -- the launcher's loop (the apps stand in for runs in a terminal) ----------------------


class Run:
    """A stand-in app whose run ends the way a test says."""

    def __init__(self, ends: str) -> None:
        self.ends = ends
        self.parent_quit = False
        self.error_logged = False
        self.return_code: int | None = None
        self.ran = False

    def run(self) -> None:
        self.ran = True
        if self.ends == "raises":
            raise Injected("escaped the app")
        if self.ends == "parent quit":
            self.parent_quit, self.return_code = True, 0
        elif self.ends == "exit 0":  # ended without the PIN, whatever the status says
            self.return_code = 0
        elif self.ends == "crash":  # the app logged its own error
            self.error_logged, self.return_code = True, 1


def loop(data_dir, clock, endings: list[str]):
    runs = [Run(e) for e in endings]
    made = iter(runs[1:])
    waits: list[float] = []
    said: list[str] = []
    status = keep_kiosk_running(runs[0], lambda: next(made), data_dir, clock, sleep=waits.append, say=said.append)
    return status, runs, waits, said


def test_only_a_parent_quit_ends_the_loop(data_dir, clock, store):
    status, runs, waits, said = loop(data_dir, clock, ["crash", "raises", "exit 0", "parent quit"])
    assert status == 0
    assert all(r.ran for r in runs)
    assert said == [RESTART_MESSAGE] * 3
    log = (data_dir / ERROR_LOG).read_text()
    assert "Injected: escaped the app" in log
    assert "stopped without the PIN (exit status 0)" in log


def test_an_error_that_keeps_coming_back_is_retried_ever_more_slowly(data_dir, clock, store):
    status, runs, waits, said = loop(data_dir, clock, ["crash"] * 12 + ["parent quit"])
    assert status == 0
    assert waits[0] == 0  # the first restart is at once
    assert waits == sorted(waits) and waits[1] > 0
    assert max(waits) == LONGEST_WAIT


def test_a_run_that_lasted_starts_the_count_again(data_dir, clock, store):
    class LongRun(Run):
        def run(self) -> None:
            clock.advance(minutes=10)  # it worked for ten minutes before it failed
            super().run()

    runs = [Run("crash"), Run("crash"), Run("crash"), LongRun("crash"), Run("crash"), Run("parent quit")]
    made = iter(runs[1:])
    waits: list[float] = []
    keep_kiosk_running(runs[0], lambda: next(made), data_dir, clock, sleep=waits.append, say=lambda _: None)
    assert waits == [0, 1, 2, 0, 1]


def test_an_app_that_cannot_start_is_logged_and_tried_again(data_dir, clock, store):
    attempts = iter([OSError("the disk went away"), Run("parent quit")])
    waits: list[float] = []

    def make():
        made = next(attempts)
        if isinstance(made, Exception):
            raise made
        return made

    status = keep_kiosk_running(Run("crash"), make, data_dir, clock, sleep=waits.append, say=lambda _: None)
    assert status == 0 and len(waits) == 2
    assert "OSError: the disk went away" in (data_dir / ERROR_LOG).read_text()


def test_a_real_kiosk_app_comes_back_locked(kiosk, clock):
    """What the loop makes after a crash is a fresh kiosk: Today, parent mode off."""
    app = kiosk()
    assert isinstance(app, FamilyApp) and app.kiosk and not app.parent_unlocked and not app.parent_quit
