"""Are you sure? A small yes/no question before anything is deleted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from family_tui.widgets.footer import KeyFooter

from . import DIALOGS_CSS
from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismisses with True only when the user confirms; esc, n or "Keep it" give False.

    ``message`` is shown as :class:`Content` (plain strings are never parsed as markup),
    so it may quote what the family wrote. The safe button has the focus first.
    """

    AUTO_FOCUS = "#cancel"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("y", "confirm", "Yes", id="confirm.yes"),
        Binding("escape,n", "cancel", "No", id="confirm.no"),
        Binding("left,right", "switch", "Switch button", show=False, id="confirm.switch"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen .confirm-box {
        width: 60;
        max-width: 96%;
        height: auto;
        max-height: 90%;
    }
    ConfirmScreen #confirm-message {
        height: auto;
        max-height: 14;
        margin-bottom: 1;
    }
    """

    def __init__(
        self,
        message: str | Content,
        *,
        title: str = "Are you sure?",
        confirm_label: str = "Delete",
        cancel_label: str = "Keep it",
    ) -> None:
        super().__init__()
        self.message = message if isinstance(message, Content) else Content(message)
        self.box_title = title
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box confirm-box") as box:
            box.border_title = self.box_title
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="form-buttons"):
                yield Button(self.confirm_label, variant="warning", id="confirm")
                yield Button(self.cancel_label, variant="primary", id="cancel")
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_switch(self) -> None:
        target = "#confirm" if self.focused is self.query_one("#cancel") else "#cancel"
        self.query_one(target, Button).focus()
