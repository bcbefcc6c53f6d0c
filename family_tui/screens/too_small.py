"""Below a usable size the app shows "Make the window bigger" and waits, its screens kept.

Laid out in a terminal a few cells wide, Textual's text wrapping was handed a width of
nought and raised (``ValueError`` in ``rich.cells``, a dialog's option list at 1x1 or
2x2): the app ended with a traceback. While the terminal is too small this screen is
shown instead; the family's screens (Today, an open dialog) are neither laid out nor
drawn, and they come back as they were when the window grows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 40
MIN_HEIGHT = 12
"""The smallest terminal the screens are laid out in: Today's list and footer still read."""


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def message(size: Size) -> Content:
    return Content(f"Make the window bigger\n(at least {MIN_WIDTH}x{MIN_HEIGHT}, now {size.width}x{size.height})")


class TooSmallScreen(Screen[None]):
    """Only the message: nothing to focus, no keys of its own (the app refuses its keys)."""

    CSS_PATH = Path(__file__).with_name("too_small.tcss")

    def compose(self) -> ComposeResult:
        yield Static(message(self.app.size), id="too-small")

    def on_resize(self, event: events.Resize) -> None:
        text = message(event.size)
        self.query_one("#too-small", Static).update(text)
        self.set_class(text.get_height({}, max(1, event.size.width)) > event.size.height, "-cramped")

    def on_screen_resume(self) -> None:
        guard = getattr(self.app, "size_guard", None)
        if isinstance(guard, SizeGuard):  # uncovered by something that opened over it
            guard.check(self.app.size)


class Backdrop(Screen[None]):
    """Blank and opaque, just under :class:`TooSmallScreen`.

    Textual lays out the screen just under the one on top as well, in case it shows
    through (``App._background_screens``): without this one, that would be the family's
    dialog, laid out in the sliver all the same.
    """


class SizeGuard:
    """Shows :class:`TooSmallScreen` over the family's screens while the terminal is too small."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.screen: TooSmallScreen | None = None
        self._when_bigger: list[Callable[[], object]] = []

    @property
    def covering(self) -> bool:
        return self.screen is not None

    def check(self, size: Size) -> None:
        """Call with the terminal's new size before Textual hands it to the screen on top."""
        if too_small(size):
            if self.screen is None:
                self.screen = TooSmallScreen()
                self.app.push_screen(Backdrop())
                self.app.push_screen(self.screen)
        elif self.screen is not None:
            # Once Textual has taken the new size: the family's screen is laid out at that.
            self.app.call_later(self._uncover)

    def _uncover(self) -> None:
        if self.screen is None or too_small(self.app.size):
            return
        if self.app.screen is not self.screen:
            return  # something opened over it; the window is checked again when that closes
        self.screen = None
        self.app.pop_screen()
        self.app.pop_screen()  # the backdrop
        waiting, self._when_bigger = self._when_bigger, []
        for then in waiting:
            then()

    def when_bigger(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the window is big enough again (at once if it is now)."""
        if self.screen is None:
            then()
        elif then not in self._when_bigger:
            self._when_bigger.append(then)
