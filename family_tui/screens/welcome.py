"""First run: nothing is set up yet, so offer the three ways to begin.

Try the demo family (in a folder of its own: the family's data folder stays empty),
import the home-program file the therapist gave, or a short guided setup. Every
choice ends on Today. Shown by ``FamilyApp.on_mount`` when the program has no children.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static
from textual.widgets.button import ButtonVariant

from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.settled_layout import NotDrawnWhenHidden

from ..domain.permissions import Write
from ..storage import FamilyStore, StorageError
from . import DIALOGS_CSS
from .family import UsesFamily

INTRO = (
    "family-tui helps you carry your child's OT, PT and speech therapy home program into "
    "the moments you already have: breakfast, getting dressed, bath time. "
    "Nothing is set up yet. Choose how to begin:"
)


def leaving_button(label: str, *, id: str, variant: ButtonVariant = "default") -> Button:
    """A button whose press opens another screen over this one: that screen is what shows the press.

    Textual's press glow was drawn in a frame of its own, the welcome screen with the button lit,
    before the pressed message reached the screen and the guided setup (or the demo) was opened:
    a frame no one saw for long, and a tenth of the time from enter to the setup drawn.
    """
    button = Button(label, id=id, variant=variant, compact=True)
    button.active_effect_duration = 0
    return button


class WelcomeScreen(UsesFamily, NotDrawnWhenHidden, Screen[None]):
    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "not_now", "Not now", id="welcome_not_now"),
    ]

    HELP_KEYS = [
        ("tab / shift+tab", "Move between the choices"),
        ("enter / click", "Choose the one in focus"),
    ]
    """Keys the ? screen lists before the bindings."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Static(Content.styled("Welcome to family-tui", "bold"), id="welcome-title")
            yield Static(Content(INTRO), classes="welcome-text")
            with Vertical(classes="welcome-choice"):
                yield leaving_button("Try the demo family", id="demo", variant="primary")
                yield Static(
                    Content(
                        "Look around with a made-up family and eight weeks of practice. "
                        "Your own data folder stays empty; open family-tui again to start for real."
                    ),
                    classes="welcome-text",
                )
            with Vertical(classes="welcome-choice"):
                yield Static(Content.styled("Import a home program file", "bold"))
                yield Static(
                    Content("If your therapist gave you a family-tui program file (.toml), type where it is:"),
                    classes="welcome-text",
                )
                with Horizontal(classes="welcome-import"):
                    yield Input(placeholder="e.g. ~/Downloads/home-program.toml", id="import-path", compact=True)
                    yield Button("Import", id="import", compact=True)
                yield Static("", id="import-error", classes="field-error welcome-error", markup=False)
            with Vertical(classes="welcome-choice"):
                yield leaving_button("Start from scratch", id="scratch")
                yield Static(
                    Content(
                        "A short guided setup: your child, who helps, your daily routines and "
                        "a few first ideas to practise. Everything can be changed later."
                    ),
                    classes="welcome-text",
                )
        with Vertical(id="import-result"):
            yield Static(Content.styled("Program imported", "bold"), id="import-result-title")
            with VerticalScroll(id="import-lines"):
                yield Static("", id="import-lines-text", markup=False)
            yield Button("Open Today", id="to-today", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#import-error", Static).display = False
        self.query_one("#import-result").display = False
        self.query_one("#demo", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = {
            "demo": self.action_demo,
            "import": self.action_import,
            "scratch": self.action_scratch,
            "to-today": self.family_app.open_family,
        }
        action[event.button.id or ""]()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_import()

    # -- the three ways in -------------------------------------------------------

    def action_demo(self) -> None:
        self.family_app.permit(Write.SET_UP, self._open_demo, "try the demo family")

    def _open_demo(self) -> None:
        from ..usecases.demo import create_demo_data_dir

        app = self.family_app
        try:
            folder = create_demo_data_dir(app.clock)
            app.demo_folder = folder
            store = FamilyStore(folder, clock=app.clock)
        except (StorageError, OSError) as error:
            self.notify(f"The demo family could not be made: {error}", severity="error", markup=False, timeout=10)
            return
        app.open_family(store)
        self.app.notify(
            "This is the demo family, kept in a folder of its own. Open family-tui again for your own data.",
            title="Demo family",
            markup=False,
            timeout=8,
        )

    def action_import(self) -> None:
        self.family_app.permit(Write.SET_UP, self._import, "import a home program")

    def _show_import_error(self, message: str) -> None:
        line = self.query_one("#import-error", Static)
        line.update(Content(message))
        line.display = bool(message)

    def _import(self) -> None:
        from ..domain.program_file import ProgramFileError
        from ..usecases.program_import import import_program

        app = self.family_app
        text = self.query_one("#import-path", Input).value.strip()
        self._show_import_error("")
        if not text:
            self._show_import_error("Type the path of the program file first, then press Import.")
            self.query_one("#import-path", Input).focus()
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._show_import_error(f"There is no file at {path}. Check the folder and the file name.")
            self.query_one("#import-path", Input).focus()
            return
        try:
            plan = import_program(app.store, path)
        except ProgramFileError as error:
            self._show_import_error(str(error))
            self.query_one("#import-path", Input).focus()
            return
        except (StorageError, OSError) as error:
            self._show_import_error(f"The program could not be saved: {error}")
            return
        self._show_imported(plan.lines())

    def _show_imported(self, lines: list[str]) -> None:
        """What was imported, one change a line, in a panel of the screen: a list can be read, a toast not."""
        self.query_one("#welcome-box").display = False
        self.query_one("#import-lines-text", Static).update(Content("\n".join(lines)))
        self.query_one("#import-result").display = True
        self.query_one("#to-today", Button).focus()

    def action_scratch(self) -> None:
        from .guided_setup import GuidedSetupScreen

        self.family_app.permit(Write.SET_UP, lambda: self.app.push_screen(GuidedSetupScreen()))

    def action_not_now(self) -> None:
        """Go to the empty Today; the editor (e) can set everything up later (after an import: Today)."""
        if self.query_one("#import-result").display:
            self.family_app.open_family()
            return
        self.dismiss(None)
