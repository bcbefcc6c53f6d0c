"""Shared pieces of the small modal forms: a labelled row, an error line, save and cancel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from . import DIALOGS_CSS
from .dialog import Dialog


def field_row(label: str, field: Widget, error_id: str | None = None) -> Horizontal:
    """A label beside its field, with room under it for the field's own error message."""
    row = Horizontal(Label(label, classes="field-label", markup=False), field, classes="field-row")
    return row


def error_line(error_id: str) -> Static:
    return Static("", id=error_id, classes="field-error", markup=False)


class FormScreen(Dialog):
    """A modal form: ctrl+s saves, escape cancels, errors appear next to their field."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button("Save", variant="primary", id="save")
            yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # pragma: no cover - each form defines it
        raise NotImplementedError

    def show_error(self, error_id: str, message: str) -> None:
        widget = self.query_one(f"#{error_id}", Static)
        widget.update(Content(message))
        widget.display = bool(message)

    def clear_errors(self) -> None:
        for widget in self.query(".field-error").results(Static):
            widget.update(Content(""))
            widget.display = False
