"""Waits on what the app does, never on the wall clock: a wait that runs out fails and says what it waited for.

Today looks at the clock and the folder once a second (``TodayScreen._tick``). A test that
sets the clock and then sleeps "a bit more than a second" passes on a quiet machine and
fails, or worse passes for the wrong reason, on a busy one. These helpers wait for the
thing itself: a condition on screen, or one more run of Today's tick.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

WAIT_SECONDS = 30.0
"""How long a wait may take before the test fails (a busy machine is slow, a broken app never gets there)."""


async def wait_until(pilot, condition: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}", pytrace=False)
        await pilot.pause(0.05)


class TickCounter:
    """Counts runs of Today's once-a-second tick, so a test can wait for the next one."""

    def __init__(self) -> None:
        self.count = 0

    async def next(self, pilot, runs: int = 1) -> None:
        """Wait until Today's tick has run ``runs`` more times from now (it has then seen the clock as set)."""
        target = self.count + runs
        await wait_until(pilot, lambda: self.count >= target, f"{runs} more run(s) of Today's tick")
        await pilot.pause()


@pytest.fixture
def today_ticks(monkeypatch: pytest.MonkeyPatch) -> TickCounter:
    """Count Today's ticks (patched before the app starts: the timer binds the method at mount)."""
    from family_tui.screens.today import TodayScreen

    counter = TickCounter()
    original = TodayScreen._tick

    def counted(self: TodayScreen) -> None:
        try:
            original(self)
        finally:
            counter.count += 1

    monkeypatch.setattr(TodayScreen, "_tick", counted)
    return counter
