"""Shared pieces of the small modal forms: a labelled row, an error line, save and cancel."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from family_tui.widgets.footer import KeyFooter

from . import DIALOGS_CSS
from .dialog import Dialog
from .drafts import KeepsDraft

LABEL_COLUMNS = 13
"""What a label shows on one line: ``.field-label`` is 14 columns with one of padding."""

ONE_LINE_FIELDS = (Input, Select, Checkbox)
"""Fields one line tall when compact."""


def field_row(label: str, field: Widget, error_id: str | None = None) -> Horizontal:
    """A label beside its field, with room under it for the field's own error message.

    A short label beside a compact one-line field makes a row of class ``one-line``, one
    line tall in the CSS: the form's height is then known without measuring the row's
    label and field, which halved the arranging done to open Settings.
    """
    row = Horizontal(Label(label, classes="field-label", markup=False), field, classes="field-row")
    if cell_len(label) <= LABEL_COLUMNS and isinstance(field, ONE_LINE_FIELDS) and field.compact:
        row.add_class("one-line")
    return row


def error_line(error_id: str) -> Static:
    return Static("", id=error_id, classes="field-error", markup=False)


def form_error_line() -> Static:
    """The line for an error about the whole form: hidden until there is one (the field lines show blank)."""
    line = error_line("form-error")
    line.add_class("form-error")
    line.display = False
    return line


def draft_notice() -> Static:
    """Says that the values shown are a draft from last time (see :mod:`.drafts`); hidden until then."""
    notice = Static("", id="draft-notice", classes="draft-notice", markup=False)
    notice.display = False
    return notice


class FormScreen(KeepsDraft, Dialog[Any]):  # each form dismisses with its own kind of result
    """A modal form: ctrl+s saves, escape cancels, errors appear next to their field.

    Every form is built here: its fields in a box that scrolls, and its buttons under
    that box, outside it. Textual's focus order follows the screen from top to bottom,
    so the buttons come after every field however tall the fields are (docked inside the
    scrolling box, they came before the fields scrolled below them), and each field
    Tab reaches is scrolled into view above them. Left unsaved, the form keeps a draft.
    """

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+r", "start_afresh", "Start afresh", id="start_afresh"),
    ]

    BOX_TITLE: ClassVar[str] = ""
    BOX_CLASSES: ClassVar[str] = ""

    def box_title(self) -> str | Content:
        return self.BOX_TITLE

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"form-box {self.BOX_CLASSES}".strip()) as box:
            box.border_title = self.box_title()
            with VerticalScroll(classes="form-fields", can_focus=False):
                yield draft_notice()
                yield from self.intro()
                yield from self.fields()
            yield from self.buttons()
        yield KeyFooter()

    def intro(self) -> ComposeResult:
        """What sits above the fields (an introduction, a line for errors about the whole form)."""
        yield from ()

    def fields(self) -> ComposeResult:  # pragma: no cover - each form defines it
        raise NotImplementedError

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
