"""Mark a day as a sick day, holiday or cancelled, for one child or the whole family."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from ..domain.models import Child, SkipDay, SkipReason
from ..domain.text import LINE_MAX, find_control_character
from .form_base import FormScreen, error_line, field_row

FAMILY = "__family__"


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


class SkipDayForm(FormScreen):
    """Returns ("set", child-id-or-None, reason, note), ("clear", child-id-or-None, None, None) or None.

    It lists the day's skips and opens on the first of them, so that what it shows is
    what Save changes and what "Remove" removes; "Remove" for someone not skipped says so
    and closes nothing.
    """

    AUTO_FOCUS = "#who"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    BOX_TITLE = "Skip a day"

    def __init__(self, day: date, children: list[Child], skips: list[SkipDay]) -> None:
        super().__init__()
        self.day = day
        self.family_children = children
        self.skips = skips

    @property
    def draft_key(self) -> tuple[str, date]:
        return ("skip", self.day)

    def _who_name(self, child: str | None) -> str:
        if child is None:
            return "The whole family"
        return next((c.name for c in self.family_children if c.id == child), child)

    def _skip_of(self, child: str | None) -> SkipDay | None:
        return next((s for s in self.skips if s.child == child), None)

    def _skipped_line(self) -> Content:
        if not self.skips:
            return Content.styled("Nothing is skipped on this day yet.", "dim")
        parts = []
        for skip in self.skips:
            why = skip.reason.label.lower()
            parts.append(
                f"{self._who_name(skip.child)} ({why}: '{skip.note}')"
                if skip.note
                else f"{self._who_name(skip.child)} ({why})"
            )
        return Content.assemble(("Skipped: ", "bold"), "; ".join(parts))

    def fields(self) -> ComposeResult:
        first = self.skips[0] if self.skips else None
        yield Label(
            f"{self.day:%A} {self.day.day} {self.day:%B}: skipped days count as neither practised nor missed.",
            classes="form-title",
            markup=False,
        )
        yield Static(self._skipped_line(), id="skipped", classes="form-title")
        who = [(Content("The whole family"), FAMILY)] + [(Content(c.name), c.id) for c in self.family_children]
        shown = FAMILY if first is None or first.child is None else first.child
        if not any(value == shown for _, value in who):  # a skip of a child no longer listed
            who.append((Content(self._who_name(shown)), shown))
        yield field_row("Who", Select(who, value=shown, allow_blank=False, id="who", compact=True))
        yield field_row(
            "Why",
            Select(
                [(Content(r.label), r) for r in SkipReason],
                value=first.reason if first is not None else SkipReason.SICK,
                allow_blank=False,
                id="reason",
                compact=True,
            ),
        )
        yield field_row(
            "Note",
            Input(first.note if first is not None else "", id="skip-note", compact=True, placeholder="e.g. fever"),
        )
        yield error_line("skip-error")

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button("Skip the day", variant="primary", id="save")
            yield Button("Remove skip", id="clear", disabled=not self.skips)
            yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.clear_errors()
        self._label_buttons()

    def _child(self) -> str | None:
        who = self.query_one("#who", Select).value
        return None if who == FAMILY else str(who)

    def _label_buttons(self) -> None:
        """The buttons say whose skip they set or remove."""
        child = self._child()
        whose = "the family's" if child is None else _possessive(self._who_name(child))
        skipped = self._skip_of(child) is not None
        self.query_one("#save", Button).label = f"Change {whose} skip" if skipped else "Skip the day"
        self.query_one("#clear", Button).label = f"Remove {whose} skip" if skipped else "Remove skip"

    @on(Select.Changed, "#who")
    def _who_changed(self, _event: Select.Changed) -> None:
        """Someone already skipped: show their reason and note, which Save would change."""
        self.clear_errors()
        skip = self._skip_of(self._child())
        if skip is not None:
            self.query_one("#reason", Select).value = skip.reason
            self.query_one("#skip-note", Input).value = skip.note
        self._label_buttons()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Save and Cancel are FormScreen's: Textual calls its handler too, after this one.
        if event.button.id == "clear":
            self.remove_skip()

    def remove_skip(self) -> None:
        child = self._child()
        if self._skip_of(child) is None:
            skipped = ", ".join(self._who_name(s.child) for s in self.skips)
            self.show_error(
                "skip-error",
                f"{self._who_name(child)} is not skipped on this day (skipped: {skipped}). Choose who to remove in Who.",
            )
            return
        self.dismiss(("clear", child, None, None))

    def action_save(self) -> None:
        self.clear_errors()
        note = self.query_one("#skip-note", Input).value.strip()
        bad = find_control_character(note, multiline=False)
        if bad is not None:
            self.show_error("skip-error", f"The note has a control character (U+{ord(bad):04X}); please remove it.")
            return
        if len(note) > LINE_MAX:
            self.show_error("skip-error", f"The note is {len(note)} characters; please keep it under {LINE_MAX}.")
            return
        reason = self.query_one("#reason", Select).value
        self.dismiss(("set", self._child(), SkipReason(reason).value, note))
