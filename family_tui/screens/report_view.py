"""The weekly update on screen: choose whom it is for, read it, save it for the therapist.

Progress → ``r`` asks "Update for whom?" (each active therapist, or the whole family),
then shows the update rendered (Textual's Markdown widget: headings, lists, no ``#``
marks). What people typed is shown exactly as typed: escaped before rendering, so it is
never a heading, a table or HTML, and a link in it is shown but opens nothing (nor does
any other: a kiosk has no way out). ``s`` writes the Markdown file into ``reports/``.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from family_tui.widgets.choice_list import ChoiceList
from family_tui.widgets.footer import KeyFooter

from ..domain.models import Therapist
from . import DIALOGS_CSS
from .dialog import Dialog
from .family import UsesFamily

WHOLE_FAMILY = "*whole-family*"
"""The picker's choice for the whole family's update (never a therapist's id: ids have no ``*``)."""


def screenfuls(markdown: str, lines: int) -> list[str]:
    """The Markdown cut before headings into parts of at least ``lines`` lines, each whole blocks.

    A heading starts a block at the left edge; typed text never does (it is escaped and indented).
    """
    parts: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("#") and len(parts[-1]) >= lines:
            parts.append([])
        parts[-1].append(line)
    return ["\n".join(part) + "\n" for part in parts]


class ReportAudiencePicker(Dialog[str | None]):
    """Update for whom? One choice per active therapist, then the whole family.

    Dismisses with the therapist's id, :data:`WHOLE_FAMILY`, or None (escape).
    """

    CSS_PATH = DIALOGS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, therapists: list[Therapist]) -> None:
        super().__init__()
        self.therapists = therapists

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box picker-box report-picker") as box:
            box.border_title = "Update for whom?"
            yield Label(
                "Pick a therapist: their update covers the days since their last session.", classes="form-title"
            )
            options = [
                Option(Content.assemble(t.name, (f"  {t.discipline.label}", "dim")), id=t.id) for t in self.therapists
            ]
            options.append(Option(Content("The whole family"), id=WHOLE_FAMILY))
            yield ChoiceList(*options, id="report-audiences", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportView(UsesFamily, Screen[None]):
    """The update, scrollable; ``s`` saves it, ``escape`` goes back to Progress."""

    CSS_PATH = "report_view.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save", id="save_report"),
        Binding("escape", "back", "Back", id="report_back"),
    ]

    HELP_KEYS = [
        ("↑ ↓  pgup pgdn", "Scroll the update"),
        ("home / end", "Go to its start or end"),
    ]
    """Keys the ? screen lists before the bindings."""

    def __init__(self, therapist_id: str | None = None) -> None:
        super().__init__()
        self.therapist_id = therapist_id
        self.text: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report-scroll"):
            yield Static(Content("Writing the update…"), id="report-status", markup=False)
            yield Vertical(id="report-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        # Textual's Markdown (and markdown-it) load here, beside the update being written: imported
        # with this module, they made "Update for whom?" a tenth of a second slower to open.
        from textual.widgets import Markdown  # noqa: F401

        from ..usecases.report import update_texts

        try:
            texts = update_texts(self.family_app.store, self.therapist_id)
        except Exception as error:  # noqa: BLE001 - anything from the disk or the report: say it
            self.app.call_from_thread(self._show_problem, f"The update could not be written: {error}")
            return
        self.app.call_from_thread(self._show, texts.saved, texts.shown)

    def _show_problem(self, problem: str) -> None:
        self.query_one("#report-status", Static).update(Content(problem))

    def _show(self, saved: str, shown: str) -> AwaitComplete:
        """The update on screen; ``call_from_thread`` waits until all of it is (the tests' settle too)."""
        self.text = saved
        # A line of Markdown is a row or more on screen (a blank line between blocks, wrapped items).
        return AwaitComplete(self._show_in_parts(screenfuls(shown, self.size.height // 2)))

    async def _show_in_parts(self, parts: list[str]) -> None:
        """One Markdown widget a part, each after the one before was drawn.

        Textual lays a Markdown document out as a widget a block (a list item is three): a whole
        update took a second to appear where its first screenful alone takes a tenth.
        """
        from textual.widgets import Markdown

        box = self.query_one("#report-text")
        for number, part in enumerate(parts):
            if number:
                await self._next_frame()
            markdown = Markdown(open_links=False, classes="report-part")
            await box.mount(markdown)
            await markdown.update(part)
            if not number:
                self.query_one("#report-status", Static).display = False

    def _next_frame(self) -> asyncio.Future[None]:
        drawn: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not drawn.done():
                drawn.set_result(None)

        self.call_after_refresh(done)
        return drawn

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        if self.text is None:
            self.notify("The update is still being written.", markup=False)
            return
        self._save(self.text)

    @work(thread=True, exclusive=True, group="report-save")
    def _save(self, text: str) -> None:
        from ..usecases.report import save_report_text

        try:
            path = save_report_text(self.family_app.store, text, self.therapist_id)
        except Exception as error:  # noqa: BLE001 - anything from the disk: say it, keep the app
            self.app.call_from_thread(
                self.notify,
                f"The weekly update was not written: {error}",
                title="Not written",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.app.call_from_thread(
            self.notify, f"Weekly update saved to {path}", title="Report written", markup=False, timeout=10
        )
