"""The editor's two small dialogs: pick an idea from the starter library, confirm a delete."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

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

    AUTO_FOCUS = "#library-list"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, library: StarterLibrary) -> None:
        super().__init__()
        self.library = library
        self._detailed: str | None = None
        """The id of the strategy the details show."""

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
            first: LibraryStrategy | None = None
            for discipline in Discipline:
                found = self.library.for_discipline(discipline)
                if not found:
                    continue
                first = first or found[0]
                options.append(Option(Content.styled(discipline.label, "bold $accent"), disabled=True))
                options += [Option(Content(f"  {s.title}"), id=s.id) for s in found]
            # The list highlights its first idea itself; its details are written here, so that they
            # are in the first frame, where the highlight's message arrives only after it.
            yield ChoiceList(*options, id="library-list", markup=False)
            self._detailed = first.id if first else None
            yield Static(library_details(first) if first else "", id="library-details", markup=False)
        yield KeyFooter()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        strategy = self.library.get(event.option.id or "")
        if strategy is not None and strategy.id != self._detailed:
            self._detailed = strategy.id
            self.query_one("#library-details", Static).update(library_details(strategy))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.library.get(event.option.id or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDelete(Dialog[str | None]):
    """Says what a delete takes with it. Returns "delete", "archive" or None."""

    AUTO_FOCUS = "#cancel"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, deletion: Deletion, count: Callable[[], Deletion] | None = None) -> None:
        """``count``: the whole plan, when ``deletion`` is still counting (run in a thread once shown)."""
        super().__init__()
        self.deletion = deletion
        self.count = count

    def _text(self) -> Content:
        deletion = self.deletion
        lines = [Content.styled(deletion.headline, "bold")] + [Content(line) for line in deletion.lines]
        if deletion.has_history and not is_archived(deletion.record):
            lines.append(Content("Archive instead to take it off the checklist and keep its history."))
        lines.append(Content.styled("Deleting cannot be undone.", "italic"))
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        archived = is_archived(self.deletion.record)
        with Vertical(classes="form-box confirm-box") as box:
            box.border_title = "Delete"
            yield Static(self._text(), id="confirm-text")
            with Horizontal(classes="form-buttons"):
                if not archived:
                    yield Button("Archive instead", id="archive", variant="primary")
                yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.deletion.counting and self.count is not None:
            self._count(self.count)

    @work(thread=True, exclusive=True, group="deletion-count", exit_on_error=False)
    def _count(self, count: Callable[[], Deletion]) -> None:
        worker = get_current_worker()
        try:
            counted = count()
        except Exception as error:  # noqa: BLE001 - said in the dialog; the delete itself reads nothing more
            if not worker.is_cancelled:
                self.app.call_from_thread(self._not_counted, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._counted, counted)

    def _counted(self, counted: Deletion) -> None:
        if self.is_attached:
            self.deletion = counted
            self.query_one("#confirm-text", Static).update(self._text())

    def _not_counted(self, reason: str) -> None:
        if self.is_attached:
            lines = [line for line in self.deletion.lines if not line.startswith("Counting ")]
            self.deletion.lines = [*lines, f"Could not count the practice entries that name them: {reason}"]
            self.deletion.counting = False
            self.query_one("#confirm-text", Static).update(self._text())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
