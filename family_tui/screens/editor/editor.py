"""The program editor: children, caregivers, therapists, routines, goals and strategies.

One tab per kind, each a list with the same keys. Every change is written to the
store at once (there is no "save all"), so another copy of the app sees it and a
crash loses nothing. Reached from Today through ``app.permit(Write.EDIT_PROGRAM)``.
Each change is written by :mod:`family_tui.usecases.program_edits` from the record as
this screen loaded it, so a change made meanwhile by another copy (``family-tui import``,
say) is kept, or the change is refused and the list shows the record as it is now.

The tabs are a :class:`~family_tui.widgets.tab_strip.TabStrip` over one pane per tab
shown so far: Textual's ``TabbedContent`` styled a tab bar of ten widgets and six panes
with the screen, which made the editor take twice as long to open as a plain screen of
what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from family_tui.widgets.colour import safe_colour
from family_tui.widgets.counted_option_list import CountedOptionList
from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.settled_layout import SettlesLayout
from family_tui.widgets.tab_strip import TabStrip

from ...domain.cue_words import differing_cue
from ...domain.library import LibraryError, LibraryStrategy, load_library
from ...domain.models import Caregiver, Child, Goal, Program, Routine, Strategy, Therapist, Weekday
from ...domain.permissions import Write
from ...domain.planned_minutes import minutes_lines
from ...domain.program_edit import (
    KIND_BY_KEY,
    KINDS,
    Kind,
    display_name,
    is_archived,
    plan_move,
    records,
)
from ...storage import ChangedElsewhere, StorageError
from ...usecases import program_edits
from ...usecases.deletion import carry_out, plan_deletion
from .. import DIALOGS_CSS
from ..family import UsesFamily
from .dialogs import ConfirmDelete, LibraryPicker
from .forms import FORMS, FormResult, StrategyForm

HINTS = {
    "children": "The children whose home programs you follow. Their order is the order on Today.",
    "caregivers": "Everyone who practises: each practice can note who helped.",
    "therapists": "The therapists behind the program; the weekly update is for them.",
    "routines": "Moments of your day, in time order. Practice is embedded in them.",
    "goals": "What each child is working towards. Met or paused goals leave the checklist; history stays.",
    "strategies": "Ways to practise a goal, each in one or more routines. L: pick from the starter library.",
}

MINUTES_TABS = ("goals", "strategies")
"""Tabs that say each child's planned minutes a day: where the minutes are made."""

WEEKDAYS = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]


def days_text(days: list[Weekday]) -> str:
    if len(days) == 7:
        return "every day"
    if days == WEEKDAYS:
        return "Mon–Fri"
    if days == [Weekday.SAT, Weekday.SUN]:
        return "weekends"
    return ", ".join(d.value.capitalize() for d in days)


def row_label(program: Program, record: Any, current_caregiver: str | None = None) -> Content:
    """One row of the editor's lists; every piece of user text is plain Content."""
    parts: list[str | tuple[str, str]] = []
    if isinstance(record, Child):
        parts += [("● ", safe_colour(record.color)), (record.name, "bold")]
    elif isinstance(record, Caregiver):
        parts.append((record.name, "bold"))
        if record.id == current_caregiver:
            parts.append(("  practising here", "dim"))
    elif isinstance(record, Therapist):
        names = [c.name for c in program.children if c.id in record.children]
        parts += [(record.name, "bold"), f"  {record.discipline.label}"]
        if names:
            parts.append((" · sees " + ", ".join(names), "dim"))
        if record.sessions:
            parts.append((" · sessions " + ", ".join(d.value.capitalize() for d in record.sessions), "dim"))
    elif isinstance(record, Routine):
        count = sum(1 for s in program.strategies if record.id in s.routines and not s.archived)
        parts += [(f"{record.time:%H:%M}  ", "bold"), (record.name, "bold"), f"  {days_text(record.days)}"]
        parts.append((f" · {count} {'strategy' if count == 1 else 'strategies'}", "dim"))
    elif isinstance(record, Goal):
        child = program.child(record.child)
        parts += [
            (child.name if child else record.child, f"bold {safe_colour(child.color) if child else ''}"),
            f"  {record.discipline.value}  ",
            (record.title, "bold"),
        ]
    elif isinstance(record, Strategy):
        goal = program.goal(record.goal)
        child = program.child(goal.child) if goal else None
        where = [
            r.name
            for r in sorted(program.routines, key=lambda r: (r.time, r.order))
            if r.id in record.routines and not r.archived
        ]
        if child is not None:
            parts.append((f"{child.name}  ", f"bold {safe_colour(child.color)}"))
        parts.append((record.title, "bold"))
        if where:
            parts.append((" · " + ", ".join(where), "dim"))
        else:  # never on Today until it is in a routine (schedule.strategies_not_on_a_routine)
            parts.append((" · not on any routine", "bold $warning"))
    if is_archived(record):
        parts.append((f"  {record.status_text if isinstance(record, Goal) else 'archived'}", "italic $text-muted"))
    content = Content.assemble(*parts)
    return content.stylize("dim") if is_archived(record) else content


class EditorScreen(UsesFamily, SettlesLayout, Screen[None]):
    """Add, edit, archive, reorder and delete everything in the program."""

    CSS_PATH = DIALOGS_CSS
    AUTO_FOCUS = ".editor-list"
    """The list of the tab shown: focused as the screen opens, not the tab bar first (each focus restyles)."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="editor_back"),
        Binding("a", "add", "Add", id="editor_add"),
        Binding("enter", "edit", "Edit", id="editor_edit", show=False),
        Binding("x", "archive", "Archive", id="editor_archive"),
        Binding("delete", "delete", "Delete", id="editor_delete"),
        # In ? help, not the footer: with them ? Help did not fit 80 columns.
        Binding("ctrl+up,K", "move(-1)", "Move up", show=False, id="editor_move_up"),
        Binding("ctrl+down,J", "move(1)", "Move down", show=False, id="editor_move_down"),
        Binding("L", "library", "Library", id="editor_library"),
        Binding("S", "settings", "Settings", show=False, id="editor_settings"),
        Binding("left", "switch_tab(-1)", "Previous tab", show=False, id="editor_tab_previous"),
        Binding("right", "switch_tab(1)", "Next tab", show=False, id="editor_tab_next"),
    ]

    HELP_KEYS = [
        ("↑ ↓", "Move in the list"),
        ("enter / click", "Edit the one under the cursor"),
    ]
    """Keys the ? screen lists before the bindings (the list's enter hides the screen's from them)."""

    def __init__(self, initial: str = "children") -> None:
        super().__init__()
        self.initial = initial
        self.program = Program()
        self._built = {initial}
        """Tabs whose pane is in the screen (the others are made when first shown)."""
        self._shown = initial
        """The key of the tab whose pane is shown."""
        self._building: AwaitMount | None = None
        """The tab being filled in, while its list may still be being mounted."""

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Program editor", "bold"),
                "  ·  every change is saved at once  ·  ",
                ("← → tabs  ·  esc Today", "dim"),
            ),
            id="editor-header",
        )
        yield TabStrip([(kind.key, kind.title) for kind in KINDS], self.initial, id="editor-tabs")
        with Vertical(id="editor-panes"):
            yield Vertical(
                *self.tab_contents(KIND_BY_KEY[self.initial]), id=f"tab-{self.initial}", classes="editor-pane"
            )
        yield KeyFooter()

    @staticmethod
    def tab_contents(kind: Kind) -> list[Widget]:
        """A tab's hint, its planned minutes where they are made, and its list.

        Only the tab shown gets them with the screen; each other tab gets them when first
        shown (``show_tab``). Six tabs of lists made the editor take three times as long
        to open as a plain screen of what it shows.
        """
        widgets: list[Widget] = [Static(Content(HINTS[kind.key]), classes="editor-hint")]
        if kind.key in MINUTES_TABS:
            widgets.append(Static("", id=f"minutes-{kind.key}", classes="editor-minutes", markup=False))
        widgets.append(CountedOptionList(id=f"list-{kind.key}", classes="editor-list", markup=False))
        return widgets

    def build_tab(self, key: str, keep: str | None = None) -> AwaitMount | None:
        """Make a tab's pane the first time it is needed (None when it already is).

        Its widgets are in the screen at once, its list filled from the program as last
        read (``keep``: the record to put the cursor on), hidden until the tab is shown;
        awaited, they are mounted.
        """
        if key in self._built:
            return None
        self._built.add(key)
        kind = KIND_BY_KEY[key]
        widgets = self.tab_contents(kind)
        for widget in widgets:
            if isinstance(widget, OptionList):
                self._fill(widget, kind, keep)
            elif isinstance(widget, Static) and widget.id == f"minutes-{key}":
                widget.update(self._minutes())
        pane = Vertical(*widgets, id=f"tab-{key}", classes="editor-pane")
        pane.display = key == self._shown
        self._building = self.query_one("#editor-panes").mount(pane)
        return self._building

    async def switch_to(self, key: str) -> None:
        """Show the tab ``key`` and focus its list."""
        self.open_tab(key)
        await self.show_tab()

    def open_tab(self, key: str) -> None:
        """Show the tab ``key`` at once, its pane made if it is shown for the first time;
        :meth:`show_tab` then waits for its list and focuses it."""
        if key == self._shown:
            return
        self._shown = key
        self.query_one(TabStrip).active = key
        self.build_tab(key)
        for pane in self.query_one("#editor-panes").children:
            pane.display = pane.id == f"tab-{key}"

    async def show_tab(self) -> None:
        """Focus the list of the tab shown, filled in first if it is shown for the first time."""
        self.build_tab(self.kind.key)
        if self._building is not None:
            await self._building  # shown by a click and a key at once: both wait for the list
            self._building = None
            self.current_list().scroll_to_highlight()
        shown = self.current_list()
        if self.focused is not shown:  # focusing it again would draw the editor once more
            shown.focus()

    def on_mount(self) -> None:
        self.reload()

    # -- what is on screen -------------------------------------------------------

    @property
    def kind(self) -> Kind:
        return KIND_BY_KEY[self._shown]

    def current_list(self) -> OptionList:
        return self.query_one(f"#list-{self.kind.key}", OptionList)

    def _minutes(self) -> str:
        return "\n".join(minutes_lines(self.program))

    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Re-read the program and redraw every list filled in, keeping each cursor on its record."""
        self.program = self.family_app.store.program()
        if select is not None:
            self.build_tab(*select)  # a record saved on a tab not shown yet (the library's strategy)
        shown = [key for key in MINUTES_TABS if key in self._built]
        minutes = self._minutes() if shown else ""
        for key in shown:
            self.query_one(f"#minutes-{key}", Static).update(minutes)
        for kind in KINDS:
            if kind.key not in self._built:
                continue  # filled from the program as it is then, when first shown
            options = self.query_one(f"#list-{kind.key}", OptionList)
            keep = None
            if options.highlighted is not None and options.option_count:
                keep = options.get_option_at_index(options.highlighted).id
            if select is not None and select[0] == kind.key:
                keep = select[1]
            self._fill(options, kind, keep)

    def _fill(self, options: OptionList, kind: Kind, keep: str | None) -> None:
        caregiver = self.family_app.practising.chosen
        rows = records(self.program, kind)
        options.set_options(Option(row_label(self.program, r, caregiver), id=r.id) for r in rows)
        if not rows:
            options.add_option(
                Option(Content.styled(f"No {kind.title.lower()} yet: press a to add one.", "italic"), disabled=True)
            )
            return
        ids = [r.id for r in rows]
        options.highlighted = ids.index(keep) if keep in ids else 0

    def highlighted_record(self) -> Any | None:
        options = self.current_list()
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((r for r in getattr(self.program, self.kind.key) if r.id == option_id), None)

    @on(TabStrip.Activated)
    async def _tab_clicked(self, event: TabStrip.Activated) -> None:
        await self.switch_to(event.key)

    async def action_switch_tab(self, step: int) -> None:
        keys = [k.key for k in KINDS]
        index = (keys.index(self.kind.key) + step) % len(keys)
        await self.switch_to(keys[index])

    # -- saving ------------------------------------------------------------------

    def _write(self, change: Callable[[], None], done: str = "") -> bool:
        """Run a store change; on failure nothing is shown as changed and the message says why."""
        if not self.family_app.may(Write.EDIT_PROGRAM):
            self.notify("Parent mode locked: the PIN is needed to edit the program.", title="Not saved", markup=False)
            return False
        try:
            change()
        except ChangedElsewhere as error:  # its message starts with what was not done
            self.notify(str(error), severity="warning", markup=False, timeout=12)
            self.reload()
            return False
        except (StorageError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            self.reload()
            return False
        if done:
            self.notify(done, markup=False, timeout=3)
        return True

    def _saved_form(self, kind: Kind, before: Any | None = None) -> Callable[[FormResult | None], None]:
        """Write what a form returns; ``before``: the record it was opened on (None: adding)."""

        def saved(result: FormResult | None) -> None:
            if result is None:
                return
            record = result.record
            verb = "Added" if before is None else "Saved"
            if self._write(
                lambda: program_edits.save_from_form(self.family_app.store, before, record, result.extras),
                f"{verb} '{display_name(record)}'.",
            ):
                self.reload(select=(kind.key, record.id))  # type: ignore[attr-defined]  # a program's records all have an id
                if isinstance(record, Strategy):
                    self._warn_cue(record)

        return saved

    def _warn_cue(self, strategy: Strategy) -> None:
        """Saved, but another strategy of the goal says other cue words: one set of words helps the child."""
        other = differing_cue(self.family_app.store.program(), strategy)
        if other is not None:
            self.notify(
                f'"{strategy.title}" says "{strategy.cue}" but "{other.title}" of the same goal says "{other.cue}". '
                "Everyone saying the same words helps the child learn the cue.",
                title="Different cue words",
                severity="warning",
                markup=False,
                timeout=12,
            )

    # -- actions -----------------------------------------------------------------

    def action_add(self) -> None:
        kind = self.kind
        program = self.program
        preset: dict[str, Any] = {}
        if kind.key == "goals":
            if not any(not c.archived for c in program.children):
                self.notify("Add a child first (Children tab): every goal belongs to a child.", markup=False)
                return
            preset["created"] = self.family_app.family_today()
        if kind.key == "strategies" and not any(g.active for g in program.goals):
            self.notify(
                "Add a goal first (Goals tab), or press L to pick a strategy from the starter library.",
                markup=False,
            )
            return
        self.app.push_screen(FORMS[kind.key](program, preset=preset), self._saved_form(kind))

    def action_edit(self) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        kind = self.kind
        self.app.push_screen(FORMS[kind.key](self.program, record), self._saved_form(kind, record))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_archive(self) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        archived = not is_archived(record)
        name = display_name(record)
        if archived:
            done = "Paused" if isinstance(record, Goal) else "Archived"
            message = f"{done} '{name}': it leaves the checklist and keeps its history. Press x to bring it back."
        else:
            message = f"'{name}' is back in the program."
        if self._write(lambda: program_edits.set_archived(self.family_app.store, record, archived), message):
            self.reload(select=(self.kind.key, record.id))

    def action_delete(self) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        try:
            deletion = plan_deletion(self.family_app.store, record, count_caregiver=False)
        except (StorageError, OSError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        kind = self.kind

        def answered(answer: str | None) -> None:
            if answer == "archive":
                if self._write(
                    lambda: program_edits.set_archived(self.family_app.store, record, True),
                    f"Archived '{display_name(record)}'; its history is kept.",
                ):
                    self.reload(select=(kind.key, record.id))
            elif answer == "delete":
                if self._write(
                    lambda: carry_out(self.family_app.store, deletion), f"Deleted '{display_name(record)}'."
                ):
                    self.reload()

        store = self.family_app.store
        self.app.push_screen(ConfirmDelete(deletion, count=lambda: plan_deletion(store, record)), answered)

    def action_move(self, step: int) -> None:
        record = self.highlighted_record()
        if record is None:
            return
        kind = self.kind
        move = plan_move(self.program, kind, record.id, step)
        if move.refused:
            self.notify(move.refused, markup=False, timeout=5)
            return
        program = self.program
        if self._write(lambda: program_edits.move(self.family_app.store, program, kind, move)):
            self.reload(select=(kind.key, record.id))

    def action_library(self) -> None:
        # The list stays on its tab while the picker is open: switching first laid out and drew
        # the other tab under the picker, and slid the tab underline along for 0.3 s (nine more
        # frames). It moves to the strategies once one is picked, where the new one will be.
        if not any(not c.archived for c in self.program.children):
            self.notify("Add a child first (Children tab): library strategies go into a child's goal.", markup=False)
            return
        try:
            library = load_library()
        except LibraryError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return

        def picked(strategy: LibraryStrategy | None) -> None:
            if strategy is not None:
                self.open_tab("strategies")
                self.call_later(self.show_tab)  # its list focused under the form, for when it closes
                self.add_from_library(strategy)

        self.app.push_screen(LibraryPicker(library), picked)

    def add_from_library(self, strategy: LibraryStrategy) -> None:
        """Open the strategy form filled in from the library, embedded where it fits."""
        program = self.program
        kind = KIND_BY_KEY["strategies"]
        preset = strategy.strategy_fields(strategy.suggested_routines(program.routines))
        form = StrategyForm(
            program,
            preset=preset,
            library=strategy,
            today=self.family_app.family_today(),
            heading=f"Add from the library: {strategy.title}",
            intro="Choose the goal it is for and the routines to practise it in. Change any words to fit your therapist's advice.",
        )
        self.app.push_screen(form, self._saved_form(kind))

    def action_settings(self) -> None:
        from ..settings import SettingsScreen

        self.family_app.permit(Write.CHANGE_SETTINGS, lambda: self.app.push_screen(SettingsScreen()))

    def action_back(self) -> None:
        self.dismiss(None)
