"""Mark a day as a sick day, holiday or cancelled, for one child or the whole family."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Select

from widgets.footer import Footer

from ..models import Child, SkipDay, SkipReason
from .form_base import FormScreen, field_row

FAMILY = "__family__"


class SkipDayForm(FormScreen):
    """Returns ("set", child-id-or-None, reason), ("clear", child-id-or-None, None) or None."""

    def __init__(self, day: date, children: list[Child], skips: list[SkipDay]) -> None:
        super().__init__()
        self.day = day
        self.family_children = children
        self.skips = skips

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = "Skip a day"
            yield Label(
                f"{self.day:%A} {self.day.day} {self.day:%B}: skipped days count as neither practised nor missed.",
                classes="form-title",
                markup=False,
            )
            who = [(Content("The whole family"), FAMILY)] + [(Content(c.name), c.id) for c in self.family_children]
            yield field_row("Who", Select(who, value=FAMILY, allow_blank=False, id="who", compact=True))
            yield field_row(
                "Why",
                Select([(Content(r.label), r) for r in SkipReason], value=SkipReason.SICK, allow_blank=False, id="reason", compact=True),
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Skip the day", variant="primary", id="save")
                yield Button("Remove skip", id="clear", disabled=not self.skips)
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#who", Select).focus()

    def _child(self) -> str | None:
        who = self.query_one("#who", Select).value
        return None if who == FAMILY else str(who)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Save and Cancel are FormScreen's: Textual calls its handler too, after this one.
        if event.button.id == "clear":
            self.dismiss(("clear", self._child(), None))

    def action_save(self) -> None:
        reason = self.query_one("#reason", Select).value
        self.dismiss(("set", self._child(), SkipReason(reason).value))
