"""The parent PIN prompt of kiosk mode: masked, counted, and slow to guess."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from family_tui.widgets.footer import KeyFooter

from ..domain.kiosk import PinResult
from . import DIALOGS_CSS
from .dialog import Dialog
from .family import UsesFamily

MESSAGE_REFRESH_SECONDS = 1.0


class PinPrompt(UsesFamily, Dialog[bool]):
    """Dismissed with True once the right PIN is given (the app is then in parent mode).

    The app's :class:`~family_tui.domain.kiosk.PinGate` does the counting, so closing and
    reopening the prompt does not reset the wait after too many wrong PINs.
    """

    AUTO_FOCUS = "#pin"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box pin-box") as box:
            box.border_title = "Parent PIN"
            yield Label(Content(f"Enter the parent PIN to {self.reason}."), id="pin-reason", classes="form-title")
            yield Input(
                password=True,
                restrict=r"[0-9]*",
                max_length=12,
                placeholder="PIN",
                id="pin",
                compact=True,
            )
            yield Static("", id="pin-message", classes="field-error", markup=False)
            yield Static(Content.styled("enter: unlock  ·  esc: cancel", "dim"), classes="pin-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_message()
        self.set_interval(MESSAGE_REFRESH_SECONDS, self.show_message)

    def show_message(self) -> None:
        """The gate's word on tries and waiting; counts down while a wait is on."""
        message = self.family_app.pin_gate.message(self.family_app.clock.monotonic())
        widget = self.query_one("#pin-message", Static)
        widget.update(Content(message))
        widget.display = bool(message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pin_input = self.query_one("#pin", Input)
        pin = pin_input.value
        pin_input.value = ""
        if not pin and not self.family_app.pin_gate.locked(self.family_app.clock.monotonic()):
            return
        result = self.family_app.try_pin(pin)
        if result is PinResult.RIGHT:
            self.dismiss(True)
            return
        self.show_message()

    def action_cancel(self) -> None:
        self.dismiss(False)
