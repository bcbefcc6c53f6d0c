"""The editor's two small dialogs: pick an idea from the starter library, confirm a delete."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from family_tui.widgets.choice_list import ChoiceList
from family_tui.widgets.footer import KeyFooter

from ...domain.library import LibraryStrategy, StarterLibrary
from ...domain.models import Discipline
from ...domain.program_edit import Deletion, is_archived
from .. import DIALOGS_CSS
from ..dialog import Dialog


def library_details(strategy: LibraryStrategy) -> Content:
    parts: list[Content] = [Content.styled(strategy.title, "bold")]
    if strategy.cue:
        parts.append(Content.assemble(("Cue: ", "bold"), strategy.cue))
    if strategy.how:
        parts.append(Content(strategy.how))
    facts = [f for f in (strategy.dose, f"{strategy.minutes} min", strategy.skill) if f]
    if strategy.routine_kinds:
        facts.append("fits " + ", ".join(strategy.routine_kinds))
    parts.append(Content.styled(" · ".join(facts), "dim"))
    return Content("\n").join(parts)


class LibraryPicker(Dialog[LibraryStrategy | None]):
    """Browse the starter library; enter picks one to copy into the program."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, library: StarterLibrary) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box library-box") as box:
            box.border_title = "Starter library"
            yield Static(
                Content(
                    "General ideas therapists often suggest. Your child's therapist comes first: "
                    "pick one, then change anything to fit their advice."
                ),
                classes="form-title",
            )
            options: list[Option | None] = []
            for discipline in Discipline:
                found = self.library.for_discipline(discipline)
                if not found:
                    continue
                options.append(Option(Content.styled(discipline.label, "bold $accent"), disabled=True))
                options += [Option(Content(f"  {s.title}"), id=s.id) for s in found]
            yield ChoiceList(*options, id="library-list", markup=False)
            yield Static(id="library-details", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.action_first()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        strategy = self.library.get(event.option.id or "")
        if strategy is not None:
            self.query_one("#library-details", Static).update(library_details(strategy))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.library.get(event.option.id or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDelete(Dialog[str | None]):
    """Says what a delete takes with it. Returns "delete", "archive" or None."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, deletion: Deletion) -> None:
        super().__init__()
        self.deletion = deletion

    def compose(self) -> ComposeResult:
        deletion = self.deletion
        archived = is_archived(deletion.record)
        lines = [Content.styled(deletion.headline, "bold")] + [Content(line) for line in deletion.lines]
        if deletion.has_history and not archived:
            lines.append(Content("Archive instead to take it off the checklist and keep its history."))
        lines.append(Content.styled("Deleting cannot be undone.", "italic"))
        with Vertical(classes="form-box confirm-box") as box:
            box.border_title = "Delete"
            yield Static(Content("\n").join(lines), id="confirm-text")
            with Horizontal(classes="form-buttons"):
                if not archived:
                    yield Button("Archive instead", id="archive", variant="primary")
                yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
