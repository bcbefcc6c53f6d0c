"""Who's practising? Chosen at this screen; every check-in, note and win made here records it.

Each running copy of the app has its own answer (two screens, two caregivers); the
next start on this computer offers the last one chosen here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from family_tui.widgets.choice_list import ChoiceList
from family_tui.widgets.footer import KeyFooter

from ..domain.models import Caregiver
from ..usecases.practising import where_remembered
from . import DIALOGS_CSS
from .dialog import Dialog


class CaregiverPicker(Dialog[str | None]):
    AUTO_FOCUS = "#caregivers"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, caregivers: list[Caregiver], current: str | None) -> None:
        super().__init__()
        self.caregivers = caregivers
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box picker-box") as box:
            box.border_title = "Who's practising?"
            yield Label(
                "Pick your name: it counts at this screen only, and the next start on this computer"
                f" offers it again (kept in {where_remembered()}, not in the family's data).",
                classes="form-title",
                markup=False,
            )
            options = [
                Option(Content.assemble(("● " if c.id == self.current else "  ", "bold $success"), c.name), id=c.id)
                for c in self.caregivers
            ]
            yield ChoiceList(*options, id="caregivers", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [c.id for c in self.caregivers]
        if self.current in ids:
            options.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
