"""A form row (label beside field) is one line when it can be, and as tall as it needs otherwise."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from family_tui.screens import DIALOGS_CSS
from family_tui.screens.form_base import field_row


class Rows(App[None]):
    CSS_PATH = DIALOGS_CSS

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield field_row("Kiosk return", Input("5", compact=True))
            yield field_row("Minutes with the therapist", Input("30", compact=True))
            yield field_row("Bordered", Input("x"))


def label_lines(row) -> list[str]:
    label = row.query_one(Label)
    return [strip.text.strip() for strip in label.render_lines(label.size.region)]


async def test_rows_are_one_line_only_when_label_and_field_fit_on_one():
    app = Rows()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        short, long, bordered = app.query(".field-row")
        assert short.has_class("one-line") and short.outer_size.height == 1
        assert label_lines(short) == ["Kiosk return"]
        # A label wider than its 13 columns wraps, and its row grows to show all of it.
        assert not long.has_class("one-line")
        assert " ".join(label_lines(long)).split() == "Minutes with the therapist".split()
        assert long.outer_size.height >= 2
        # A bordered input is three lines: its row is as tall.
        assert not bordered.has_class("one-line") and bordered.outer_size.height == 3
