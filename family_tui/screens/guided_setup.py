"""Start from scratch: four short steps, each explained in a sentence, ending on Today.

Each step is checked with the models before the next one opens, and the problem is
shown under the field it is about. Nothing is saved until the last step, then all of
it in one write (see :func:`family_tui.domain.first_run.starter_records`).
"""

from __future__ import annotations

from datetime import time

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Button, Input, Select, SelectionList, Static

from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.marks import MarkedCheckbox, MarkedSelectionList
from family_tui.widgets.settled_layout import SettlesLayout

from ..domain.field_errors import field_messages, normalise_time
from ..domain.first_run import DEFAULT_ROUTINES, SUGGESTED_ROUTINES, SetupAnswers
from ..domain.library import LibraryError, LibraryStrategy, load_library, routine_kind
from ..domain.models import Caregiver, Child, Routine
from ..storage import StorageError
from ..usecases.first_run import save_setup
from . import DIALOGS_CSS
from .dialog import StyledOnceOnFirstShowing
from .drafts import KeepsDraft, Values, read_form
from .editor.forms import CHILD_COLOURS, colour_options
from .family import UsesFamily
from .form_base import draft_notice, error_line, field_row

HELPER_ROWS = 4
EXTRA_ROUTINE_ROWS = 1
"""Empty rows below the suggested routines; "Another routine" adds more."""
HELPER_EXAMPLES = ("Mom", "Dad", "Grandpa Joe", "the sitter")

STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "child",
        "Your child",
        "Whose home program is this? Start with one child; brothers and sisters can be added "
        "later in the editor (press e on Today).",
    ),
    (
        "caregivers",
        "Who helps",
        "Who practises with {child}? Each practice can note who helped, so the therapist knows. Leave the rest empty.",
    ),
    (
        "routines",
        "Your routines",
        "Routines are moments that already happen every day; practice goes into them instead of on top. "
        "Tick the ones your family has, change names and times to fit your day, and add any others.",
    ),
    (
        "strategies",
        "First things to practise",
        "Pick two or three ideas (space to tick). They are general examples: your therapist's advice "
        "comes first, and every word can be changed later in the editor.",
    ),
)


class GuidedSetupScreen(UsesFamily, KeepsDraft, StyledOnceOnFirstShowing, SettlesLayout, Screen[None]):
    """Left before the end (esc on the first step), what was typed comes back the next time."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "back", "Back", id="setup_back"),
        Binding("ctrl+n", "next", "Next", id="setup_next"),
        Binding("ctrl+r", "start_afresh", "Start afresh", id="start_afresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self._built = {"child"}
        self._showing: AwaitComplete | None = None
        """The step being shown, while it may still be being built."""
        self.answers = SetupAnswers(child_name="")
        self._library: list[LibraryStrategy] | None = None
        self.library_problem = ""

    @property
    def library(self) -> list[LibraryStrategy]:
        """The starter library's ideas, read when the last step first needs them (not at opening)."""
        if self._library is None:
            self._library = []
            try:
                self._library = load_library().strategies
            except LibraryError as error:
                self.library_problem = str(error)
        return self._library

    # -- building ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="setup-box"):
            yield Static(id="setup-step", markup=False)
            yield Static(id="setup-explain", classes="welcome-text", markup=False)
            yield draft_notice()
            with Vertical(id="step-child", classes="setup-step"):
                yield field_row("Name", Input(id="child-name", compact=True, placeholder="e.g. Leo"))
                yield error_line("child-name-error")
                yield field_row(
                    "Colour",
                    Select(
                        colour_options(CHILD_COLOURS[0]),
                        value=CHILD_COLOURS[0],
                        allow_blank=False,
                        id="child-color",
                        compact=True,
                    ),
                )
            # The later steps are made when first shown (see build_step), each one shown at a time.
            with Horizontal(classes="form-buttons"):
                yield Button("Back", id="back")
                yield Button("Next", id="next", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_step(0)

    def step_fields(self, key: str) -> list[Widget]:
        """What a step after the first holds.

        Built when the step is first shown, not with the screen: the four helpers, ten
        routine rows and the ideas were two thirds of the widgets, all hidden behind the
        first step, and building them made the setup take four times as long as a plain
        screen of the same first step to open.
        """
        if key == "caregivers":
            fields: list[Widget] = []
            for index in range(HELPER_ROWS):
                fields.append(
                    field_row(
                        f"Helper {index + 1}",
                        Input(id=f"caregiver-{index}", compact=True, placeholder=f"e.g. {HELPER_EXAMPLES[index]}"),
                    )
                )
                fields.append(error_line(f"caregiver-{index}-error"))
            return fields
        if key == "routines":
            rows: list[Widget] = [
                self.routine_row(index, name, when, (name, when) in DEFAULT_ROUTINES)
                for index, (name, when) in enumerate(SUGGESTED_ROUTINES)
            ]
            rows += [
                self.routine_row(index, "", "", False)
                for index in range(len(SUGGESTED_ROUTINES), len(SUGGESTED_ROUTINES) + EXTRA_ROUTINE_ROWS)
            ]
            return [*rows, Button("+ Another routine", id="add-routine", compact=True)]
        if key == "strategies":
            return [
                MarkedSelectionList[str](id="setup-strategies", compact=True),
                Static("", id="strategies-note", classes="welcome-text", markup=False),
            ]
        return []

    def build_step(self, key: str) -> AwaitMount | None:
        """Make a step the first time it is needed (None when it already is); awaited, its fields are there.

        The steps are the setup box's own children, one displayed at a time, not in a
        ContentSwitcher, and a step is made only when first needed: the switcher and the three
        empty steps were a fifth of the widgets mounted, styled and drawn before the first step.
        """
        if key in self._built:
            return None
        self._built.add(key)
        holder = VerticalScroll if key == "routines" else Vertical
        step = holder(*self.step_fields(key), id=f"step-{key}", classes="setup-step")
        step.display = key == STEPS[self.step][0]  # a draft makes every step, and shows the one it is on
        box = self.query_one("#setup-box")
        return box.mount(step, before=box.query_one(".form-buttons"))

    @staticmethod
    def routine_row(index: int, name: str, when: str, on: bool) -> Vertical:
        """A tick box (whether the family has this routine), its name and time, and its error line."""
        return Vertical(
            Horizontal(
                MarkedCheckbox("", on, id=f"routine-on-{index}", compact=True, classes="routine-on"),
                Input(name, id=f"routine-name-{index}", compact=True, placeholder="name"),
                Input(when, id=f"routine-time-{index}", compact=True, placeholder="HH:MM", classes="time-input"),
                classes="field-row",
            ),
            error_line(f"routine-{index}-error"),
            classes="routine-row",
        )

    async def make_room_for(self, draft: Values) -> None:
        """Every step, the routine rows the draft had, and its ideas ticked for when their step is filled."""
        await self._shown()
        for key, _title, _explain in STEPS:
            mounted = self.build_step(key)
            if mounted is not None:
                await mounted
                if self._draft_start is not None:
                    self._draft_start.update(read_form(self.query_one(f"#step-{key}")))
        indexes = [
            int(name.rsplit("-", 1)[1])
            for name in draft
            if name.startswith(("routine-on-", "routine-name-", "routine-time-"))
        ]
        while indexes and self.routine_rows <= max(indexes):
            index = self.routine_rows
            await self.query_one("#step-routines").mount(self.routine_row(index, "", "", False), before="#add-routine")
        chosen = draft.get("setup-strategies") or frozenset()
        self.answers.strategies = [idea for idea in self.library if idea.id in chosen]

    @property
    def routine_rows(self) -> int:
        return len(self.query(".routine-row"))

    async def add_routine_row(self) -> None:
        """One more empty, ticked row, its name focused: a family has as many routines as it has."""
        index = self.routine_rows
        row = self.routine_row(index, "", "", True)
        await self.query_one("#step-routines").mount(row, before="#add-routine")
        self.query_one(f"#routine-name-{index}", Input).focus()
        row.scroll_visible()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing a routine's name or time ticks its row; emptying both unticks it."""
        field = event.input.id or ""
        if not event.input.has_focus or not field.startswith(("routine-name-", "routine-time-")):
            return
        index = field.rsplit("-", 1)[1]
        name = self.query_one(f"#routine-name-{index}", Input).value.strip()
        when = self.query_one(f"#routine-time-{index}", Input).value.strip()
        self.query_one(f"#routine-on-{index}", MarkedCheckbox).value = bool(name or when)

    def show_step(self, step: int) -> AwaitComplete:
        """Show a step; a step shown for the first time is built first (awaitable, runs either way)."""
        self.step = step
        key, title, explain = STEPS[step]
        mounted = self.build_step(key)
        self.query_one("#setup-step", Static).update(
            Content.assemble((f"Step {step + 1} of {len(STEPS)} · ", "dim"), (title, "bold"))
        )
        self.query_one("#setup-explain", Static).update(
            Content(explain.replace("{child}", self.answers.child_name or "your child"))
        )
        for shown in self.query(".setup-step"):
            shown.display = shown.id == f"step-{key}"
        self.query_one("#next", Button).label = "Finish" if step == len(STEPS) - 1 else "Next"
        if mounted is None:  # at once, as before the step was built on demand: focus is in the first frame
            self._step_shown(key)
            showing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]  # Textual leaves it untyped
        else:
            showing = AwaitComplete(self._built_then_shown(key, mounted))
        self._showing = showing
        return showing

    async def _shown(self) -> None:
        if self._showing is not None:
            await self._showing

    async def _built_then_shown(self, key: str, mounted: AwaitMount | None) -> None:
        if mounted is not None:
            await mounted
            if self._draft_start is not None:
                # What the step opens with joins what the form opened with (a draft keeps only changes).
                self._draft_start.update(read_form(self.query_one(f"#step-{key}")))
        self._step_shown(key)

    def _step_shown(self, key: str) -> None:
        if key == "strategies":
            self.fill_strategies()
        first = self.query_one(f"#step-{key}").query("Input, SelectionList").first()
        self.set_focus(first)  # now, not on the next turn (Widget.focus): the first frame shows it

    def fill_strategies(self) -> None:
        """Library ideas that fit the family's routines first, each saying where it will go."""
        options = self.query_one("#setup-strategies", SelectionList)
        chosen = {s.id for s in self.answers.strategies}
        routines = self.answers.routines
        kinds = {routine_kind(name): name for name, _ in reversed(routines)}
        rows = []
        for idea in self.library:
            fits = [kinds[k] for k in idea.routine_kinds if k in kinds]
            where = ", ".join(dict.fromkeys(fits)) if fits else f"{routines[0][0]} for now" if routines else ""
            label = Content.assemble((f"{idea.discipline.value:<4}", "bold"), idea.title, (f"  · {where}", "dim"))
            rows.append((not fits, label, idea.id))
        rows.sort(key=lambda row: row[0])
        options.clear_options()
        options.add_options([(label, idea_id, idea_id in chosen) for _, label, idea_id in rows])
        if rows:
            options.highlighted = 0
        note = self.query_one("#strategies-note", Static)
        note.update(Content(self.library_problem or "You can also finish with none and add them later."))

    # -- moving through the steps ----------------------------------------------------

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next":
            await self.action_next()
        elif event.button.id == "add-routine":
            self.run_worker(self.add_routine_row())
        elif event.button.id == "back":
            await self.action_back()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field, and from the step's last field to the next step."""
        event.stop()
        await self._shown()
        inputs = list(self.query_one(f"#step-{STEPS[self.step][0]}").query(Input))
        if event.input is inputs[-1]:
            await self.action_next()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    async def action_back(self) -> None:
        await self._shown()  # a key typed ahead acts on the step as it will be shown
        if self.step == 0:
            self.dismiss(None)
        else:
            self.show_step(self.step - 1)

    async def action_next(self) -> None:
        await self._shown()  # a key typed ahead acts on the step as it will be shown
        check = (self.check_child, self.check_caregivers, self.check_routines, self.check_strategies)[self.step]
        if not check():
            return
        if self.step == len(STEPS) - 1:
            self.finish()
        else:
            await self.show_step(self.step + 1)

    def _error(self, error_id: str, message: str) -> None:
        line = self.query_one(f"#{error_id}", Static)
        line.update(Content(message))

    def check_child(self) -> bool:
        name = self.query_one("#child-name", Input).value.strip()
        colour = str(self.query_one("#child-color", Select).value)
        try:
            Child.model_validate({"id": "child", "name": name, "color": colour})
        except ValidationError as error:
            messages = field_messages(error, {"name": "The name", "color": "The colour"})
            self._error("child-name-error", " ".join(messages.values()))
            self.query_one("#child-name", Input).focus()
            return False
        self._error("child-name-error", "")
        self.answers.child_name, self.answers.child_color = name, colour
        return True

    def check_caregivers(self) -> bool:
        names: list[str] = []
        ok = True
        for index in range(HELPER_ROWS):
            name = self.query_one(f"#caregiver-{index}", Input).value.strip()
            self._error(f"caregiver-{index}-error", "")
            if not name:
                continue
            try:
                Caregiver.model_validate({"id": "helper", "name": name})
            except ValidationError as error:
                self._error(f"caregiver-{index}-error", " ".join(field_messages(error, {"name": "The name"}).values()))
                if ok:
                    self.query_one(f"#caregiver-{index}", Input).focus()
                ok = False
                continue
            names.append(name)
        if ok:
            self.answers.caregivers = names
        return ok

    def check_routines(self) -> bool:
        routines: list[tuple[str, time]] = []
        ok = True
        for index in range(self.routine_rows):
            name = self.query_one(f"#routine-name-{index}", Input).value.strip()
            when = normalise_time(self.query_one(f"#routine-time-{index}", Input).value)
            self._error(f"routine-{index}-error", "")
            if not self.query_one(f"#routine-on-{index}", MarkedCheckbox).value or (not name and not when):
                continue
            try:
                routine = Routine.model_validate({"id": "routine", "name": name, "time": when})
            except ValidationError as error:
                messages = field_messages(error, {"name": "The name", "time": "The time"})
                self._error(f"routine-{index}-error", " ".join(messages.values()))
                if ok:
                    field = "time" if "time" in messages and "name" not in messages else "name"
                    self.query_one(f"#routine-{field}-{index}", Input).focus()
                ok = False
                continue
            routines.append((routine.name, routine.time))
        if ok and not routines:
            self._error("routine-0-error", "Add at least one routine: practice lives in routines.")
            self.query_one("#routine-name-0", Input).focus()
            return False
        if ok:
            self.answers.routines = routines
        return ok

    def check_strategies(self) -> bool:
        chosen = set(self.query_one("#setup-strategies", SelectionList).selected)
        self.answers.strategies = [idea for idea in self.library if idea.id in chosen]
        return True

    def finish(self) -> None:
        app = self.family_app
        try:
            records = save_setup(app.store, self.answers, app.family_today())
        except (StorageError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return
        first_helper = next((r for r in records if isinstance(r, Caregiver)), None)
        if first_helper is not None and app.practising.caregiver() is None:
            app.choose_caregiver(first_helper.id)  # the first helper named practises here
        self.drop_draft()  # all of it saved: Today is opened by closing this screen
        app.open_family()
        self.app.notify(
            f"{self.answers.child_name}'s program is ready. Press e on Today whenever you want to change it.",
            title="All set",
            markup=False,
            timeout=8,
        )
