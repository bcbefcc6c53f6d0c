"""The Textual app: one store, one clock, the Today screen first."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import App
from textual.binding import Binding

from .clock import Clock, SystemClock, family_day
from .storage import FamilyStore


class FamilyApp(App[int]):
    """family-tui. Built by :func:`make_app` for the program, the tests and the benchmarks."""

    CSS_PATH = "app.tcss"
    TITLE = "family-tui"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        kiosk: bool = False,
        clock: Clock | None = None,
        store: FamilyStore | None = None,
    ) -> None:
        super().__init__()
        self.clock: Clock = clock or SystemClock()
        self.kiosk = kiosk
        self.data_dir = Path(data_dir)
        self.store = store or FamilyStore(self.data_dir, clock=self.clock)

    def family_today(self):
        return family_day(self.clock.now(), self.store.settings().day_start)

    def on_mount(self) -> None:
        from .screens.today import TodayScreen

        settings = self.store.settings()
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.push_screen(TodayScreen())

    # -- integration points shared by the screens -----------------------------------

    @property
    def parent_mode(self) -> bool:
        """Outside kiosk mode a parent is always in charge; in kiosk mode after the PIN."""
        return not self.kiosk or self._parent_unlocked

    _parent_unlocked = False

    def require_parent(self, then: Callable[[], None], reason: str) -> None:
        """Run ``then`` now if a parent is in charge, else ask for the PIN first.

        ``reason`` completes "Enter the parent PIN to ..." on the PIN prompt.
        """
        if self.parent_mode:
            then()
            return
        self.ask_for_pin(then, reason)

    def ask_for_pin(self, then: Callable[[], None], reason: str) -> None:
        """Kiosk mode: show the PIN prompt; replaced by the kiosk module."""
        self.notify("Ask a parent: this needs the parent PIN.", markup=False)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(data_dir: Path, *, kiosk: bool = False, clock: Clock | None = None) -> FamilyApp:
    """The one factory: the CLI, the tests, the snapshots and the benchmarks build the app here."""
    return FamilyApp(data_dir, kiosk=kiosk, clock=clock)
