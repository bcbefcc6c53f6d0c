"""Every screen and dialog a key opens, and its plain-Textual twin.

The benchmark (``child.py openings``) presses each opening's key on the five-year history
and times the key to the first frame with the screen on top (painted) and to the last
frame before the app goes quiet (settled), counting the frames drawn on the way. Then it
opens the twin the same way, from the same place: a plain Textual screen of stock widgets
built from what the real screen showed (``twin_of``): the same text, fields and buttons,
no app logic. A screen that opens in more than 1.5x its twin's time, or draws more than
one frame, misses its target.

``tests/test_benchmark_twins.py`` fails when a screen class has no row here and is not
in ``NOT_OPENED_BY_A_KEY``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    OptionList,
    RadioButton,
    Select,
    Static,
    Switch,
    TextArea,
)


@dataclass(frozen=True)
class Opening:
    name: str
    screen: str
    """Class name of the screen the key opens."""
    key: str
    before: tuple[str, ...] = ()
    """Keys from Today to where the key is pressed (pressed again before each opening)."""
    after: tuple[str, ...] = ("escape",)
    """Keys from the opened screen back to Today."""
    start: str = "today"
    """``today``: the five-year history; ``welcome``: an empty data folder (first run)."""


OPENINGS: tuple[Opening, ...] = (
    Opening("details", "PracticeForm", "d"),
    Opening("skip", "SkipDayForm", "s"),
    Opening("note", "NoteForm", "a"),
    # The notes pane: n moves into it; v steps its kind filter through all, updates,
    # observations, questions and open questions (domain/notes.py KIND_STEPS), so three steps
    # put a question under the cursor and two more bring back all notes; n moves out again.
    Opening("answer", "AnswerForm", "r", before=("n", "v", "v", "v"), after=("escape", "v", "v", "n")),
    Opening("delete note", "ConfirmScreen", "x", before=("n",), after=("escape", "n")),
    Opening("win", "WinForm", "w"),
    Opening("who's practising", "CaregiverPicker", "c"),
    Opening("settings", "SettingsScreen", "S"),
    Opening("wins log", "WinsScreen", "W"),
    Opening("help", "HelpScreen", "question_mark"),
    Opening("progress", "ProgressScreen", "p"),
    Opening("update picker", "ReportAudiencePicker", "r", before=("p",), after=("escape", "escape")),
    Opening("update view", "ReportView", "enter", before=("p", "r"), after=("escape", "escape")),
    Opening("editor", "EditorScreen", "e"),
    Opening("editor: child", "ChildForm", "enter", before=("e",), after=("escape", "escape")),
    Opening("editor: caregiver", "CaregiverForm", "enter", before=("e", "right"), after=("escape", "escape")),
    Opening("editor: therapist", "TherapistForm", "enter", before=("e", "right", "right"), after=("escape", "escape")),
    Opening("editor: routine", "RoutineForm", "enter", before=("e",) + ("right",) * 3, after=("escape", "escape")),
    Opening("editor: goal", "GoalForm", "enter", before=("e",) + ("right",) * 4, after=("escape", "escape")),
    Opening("editor: strategy", "StrategyForm", "enter", before=("e",) + ("right",) * 5, after=("escape", "escape")),
    Opening("editor: delete", "ConfirmDelete", "delete", before=("e",), after=("escape", "escape")),
    Opening("editor: library", "LibraryPicker", "L", before=("e",), after=("escape", "escape")),
    # From the first button of the welcome screen, three tabs reach "Start from scratch" (child.py
    # puts the focus back where it was at start-up before each opening from the welcome screen).
    Opening(
        "guided setup",
        "GuidedSetupScreen",
        "enter",
        before=("tab", "tab", "tab"),
        after=("escape",),
        start="welcome",
    ),
)

NOT_OPENED_BY_A_KEY: dict[str, str] = {
    # Bases: never shown themselves; each subclass has its own row.
    "Dialog": "base of the dialogs",
    "FormScreen": "base of the forms",
    "RecordForm": "base of the editor's forms",
    "SettledLayout": "base of Today and Progress",
    # Shown by the app, not by a key: measured by the start-up figures instead.
    "TodayScreen": "the start-up screen (start-up against the bare app)",
    "WelcomeScreen": "shown at start-up on an empty data folder (no key opens it)",
    # Shown when the window shrinks below 80x24, not by a key.
    "TooSmallScreen": "opened by a resize",
    "Backdrop": "drawn under the too-small screen on a resize",
    # Asks only when a parent PIN is set; the reference history has none, and the prompt is a
    # one-field dialog of the same build as the ones measured.
    "PinPrompt": "needs a PIN set; not in the reference history",
}


# ---------------------------------------------------------------------------- twins

STOCK_FIELDS = (Button, Input, TextArea, Select, OptionList, Checkbox, Switch, RadioButton)


@dataclass(frozen=True)
class Part:
    kind: str
    text: str
    width: int
    height: int


def _shown_text(widget: Widget) -> str:
    """What a leaf widget shows, as plain lines (its own render, cropped to its size)."""
    try:
        strips = widget.render_lines(widget.size.region)
    except Exception:  # noqa: BLE001 - a widget that cannot render alone shows its content instead
        return str(getattr(widget, "content", ""))
    return "\n".join(strip.text.rstrip() for strip in strips)


def parts_of(screen: Screen) -> tuple[list[Part], tuple[int, int] | None, bool]:
    """The visible leaves of a screen after it opened, in order: the stock fields by kind,
    everything else as the text it shows. Also the size of the box a modal draws in."""
    parts: list[Part] = []
    footer = False

    def walk(node: Widget) -> None:
        nonlocal footer
        for child in node.children:
            if not isinstance(child, Widget) or not child.display or not child.visible:
                continue
            if "Footer" in type(child).__name__:
                footer = True
                continue
            width, height = child.outer_size
            stock = next((t for t in STOCK_FIELDS if isinstance(child, t)), None)
            if stock is Button:
                parts.append(Part("Button", str(child.label), width, height))
            elif stock is Input:
                parts.append(Part("Input", child.value or "", width, height))  # type: ignore[attr-defined]
            elif stock is TextArea:
                parts.append(Part("TextArea", child.text, width, height))  # type: ignore[attr-defined]
            elif stock is Select:
                parts.append(Part("Select", _shown_text(child), width, height))
            elif stock is OptionList:
                prompts = [
                    str(child.get_option_at_index(i).prompt)  # type: ignore[attr-defined]
                    for i in range(child.option_count)  # type: ignore[attr-defined]
                ]
                parts.append(Part("OptionList", "\n".join(prompts), width, height))
            elif stock is not None:
                parts.append(Part(stock.__name__, str(getattr(child, "label", "")), width, height))
            elif child.children:
                walk(child)
            elif width and height:
                parts.append(Part("Static", _shown_text(child), width, height))

    walk(screen)
    box = None
    if isinstance(screen, ModalScreen) and screen.children:
        first = next((c for c in screen.children if isinstance(c, Widget) and "Footer" not in type(c).__name__), None)
        if first is not None:
            box = first.outer_size.width, first.outer_size.height
    return parts, box, footer


def _stock(part: Part) -> Widget:
    if part.kind == "Button":
        return Button(part.text)
    if part.kind == "Input":
        return Input(part.text)
    if part.kind == "TextArea":
        widget: Widget = TextArea(part.text)
    elif part.kind == "Select":
        first = part.text.strip() or "-"
        return Select([(first, first)], value=first, allow_blank=False)
    elif part.kind == "OptionList":
        widget = OptionList(*[Content(line) for line in part.text.splitlines() or [""]])
    elif part.kind == "Checkbox":
        return Checkbox(part.text)
    elif part.kind == "Switch":
        return Switch()
    elif part.kind == "RadioButton":
        return RadioButton(part.text)
    else:
        widget = Static(Content(part.text))
        widget.styles.width = part.width
    widget.styles.height = part.height
    return widget


def twin_of(screen: Screen) -> Screen:
    """A plain Textual screen with stock widgets painting what ``screen`` painted."""
    parts, box, footer = parts_of(screen)
    modal = isinstance(screen, ModalScreen)
    return (TwinModal if modal else TwinScreen)(parts, box, footer)


class _Twin:
    def __init__(self, parts: list[Part], box: tuple[int, int] | None, footer: bool) -> None:
        super().__init__()  # type: ignore[call-arg]
        self.parts, self.box, self.footer = parts, box, footer

    def compose(self) -> ComposeResult:
        fields = [p for p in self.parts if p.kind != "Button"]
        buttons = [p for p in self.parts if p.kind == "Button"]
        box = Vertical(id="twin-box")
        if self.box is not None:
            box.styles.width, box.styles.max_height = self.box[0], self.box[1]
        with box:
            with VerticalScroll(id="twin-fields"):
                for part in fields:
                    yield _stock(part)
            with Horizontal(id="twin-buttons"):
                for part in buttons:
                    yield _stock(part)
        if self.footer:
            yield Footer()


class TwinModal(_Twin, ModalScreen[None]):
    DEFAULT_CSS = """
    TwinModal { align: center middle; }
    TwinModal #twin-box { height: auto; border: round $accent; background: $surface; padding: 0 1; }
    TwinModal #twin-fields { height: auto; max-height: 100%; }
    TwinModal #twin-buttons { height: auto; dock: bottom; }
    """
    BINDINGS = [("escape", "dismiss", "Close")]


class TwinScreen(_Twin, Screen[None]):
    DEFAULT_CSS = """
    TwinScreen #twin-box { height: 1fr; }
    TwinScreen #twin-buttons { height: auto; }
    """
    BINDINGS = [("escape", "dismiss", "Close")]
