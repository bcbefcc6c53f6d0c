"""Driving an app headless for the benchmark children: frames, quiet, the bare app.

Each measurement runs in a child process of its own (``child.py``) so that start-up,
first opening of Progress and peak memory are what a family would get from a fresh
start. Times are ``time.monotonic()``, which every process on the machine shares, so
the parent can subtract its own "process started" moment from a child's "ready".
"""

from __future__ import annotations

import asyncio
import time

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

SIZE = (120, 40)
"""Terminal size for every run: wide enough for Today's notes pane beside the checklist."""
QUIET = 0.15
"""Seconds without a new frame after which the app counts as settled (idle, ready for keys)."""


class FrameClock:
    """Remembers when each frame was rendered (headless apps render, they just don't print)."""

    def __init__(self) -> None:
        self.frames: list[float] = []
        original = App._display

        def _display(app, screen, renderable):
            if renderable is not None:
                self.frames.append(time.monotonic())
            return original(app, screen, renderable)

        App._display = _display  # type: ignore[method-assign]

    @property
    def last(self) -> float | None:
        return self.frames[-1] if self.frames else None

    async def settle(self, pilot, *, quiet: float = QUIET, timeout: float = 10.0) -> float:
        """Wait until no frame has come for ``quiet`` seconds; returns the last frame's time."""
        await pilot._wait_for_screen()
        deadline = time.monotonic() + timeout
        seen = len(self.frames)
        calm_since = time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(0.005)
            if len(self.frames) != seen:
                seen = len(self.frames)
                calm_since = time.monotonic()
            elif time.monotonic() - calm_since >= quiet:
                break
        return self.last or time.monotonic()


class BareApp(App):
    """The baseline: a bare Textual app with a header, one line of text and a footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello from a bare Textual app.")
        yield Footer()
