"""Progress: how practice is going, per child and per goal or strategy.

Every number comes from :mod:`family_tui.domain.progress` (what the screen shows, from
:mod:`family_tui.domain.progress.view`); this module only gathers them (off the UI
thread: years of history take a moment) and lays them out. The words
say what was done and what it means, never what was not.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.types import NoActiveAppError
from textual.widgets import Select, Static
from textual.worker import get_current_worker

from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.heatmap import CalendarHeatmap
from family_tui.widgets.independence import HelpByWeek, week_short_label
from family_tui.widgets.minutes_chart import MinutesChart
from family_tui.widgets.settled_layout import SettledLayout

from ..domain.history import PracticeFact
from ..domain.models import Child, Program
from ..domain.progress import ProgressIndex, Scope, Trials, streak_text, week_text
from ..domain.progress.view import RECENT_WEEKS, ProgressView, build_progress_view, detail_from
from ..storage import StorageError
from ..ui_support.early_css import read_css_early
from .dialog import StyledOnceOnFirstShowing
from .family import UsesFamily
from .kept_screen import RestyledWhenStylesChanged

LOADING_DELAY = 0.25
"""Seconds before a slow calculation shows the loading indicator (no flicker when quick)."""

IndexKey = tuple[tuple[object, ...], date, str]
"""What a child's grouped history is kept under: the store's history token, the first detailed day, the child."""


def minutes_rows(height: int) -> int:
    """Rows of minutes bars: the left column has room to spare on a tall terminal, the bars take it.

    Given to the chart when the screen is made (the terminal's height), so the first
    layout is the last one; on_resize follows later changes.
    """
    return max(2, min(10, height - 28))


def trials_bar(trials: Trials, width: int = 10) -> Content:
    if trials.percent is None:
        return Content.styled("╌" * width, "dim")
    filled = round(width * trials.percent / 100)
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "dim"))


# -- the screen ------------------------------------------------------------------------


def _read_css_early(screen: Screen[Any]) -> None:
    """The screen's CSS read before ``push_screen`` does (see :func:`read_css_early`): made just
    before it is pushed, the screen and its widgets are styled with it when registered."""
    try:
        stylesheet = screen.app.stylesheet
    except NoActiveAppError:  # made outside an app: push_screen reads it
        return
    read_css_early(stylesheet, screen.css_path)


class ProgressScreen(UsesFamily, RestyledWhenStylesChanged, StyledOnceOnFirstShowing, SettledLayout):
    """Per child, and per goal or strategy: the calendar, the habit score, help levels."""

    CSS_PATH = "progress.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="progress_back"),
        Binding("right", "next_child", "Next child", id="next_child"),
        Binding("r", "report", "Report", id="report"),
        Binding("c", "cue_cards", "Cue cards", id="cue_cards"),
        # Described once in HELP_KEYS rather than line by line on the ? screen.
        Binding("left", "previous_child", show=False, id="previous_child"),
        Binding("tab", "next_child", show=False, id="next_child_tab"),
        Binding("shift+tab", "previous_child", show=False, id="previous_child_tab"),
        Binding("pagedown", "scroll_details(1)", show=False, id="scroll_details_down"),
        Binding("pageup", "scroll_details(-1)", show=False, id="scroll_details_up"),
        *[Binding(str(n), f"select_child({n})", f"Child #{n}", show=False) for n in range(1, 10)],
    ]

    HELP_KEYS = [
        ("← →  tab", "Switch child"),
        ("1-9", "Show the n-th child"),
        ("↓ / enter", "Choose a goal or strategy to look at"),
        ("pgup / pgdn", "Scroll the numbers on the right"),
        ("mouse over a day", "What happened that day"),
    ]
    """Keys the ? screen lists before the bindings."""

    def __init__(self, child_id: str | None = None) -> None:
        super().__init__()
        self.children_shown: list[Child] = []
        self.child_id = child_id
        self.scope: Scope | None = None
        self.scope_labels: dict[Scope, Content] = {}
        self.view: ProgressView | None = None
        self._loading_timer: Timer | None = None
        _read_css_early(self)  # so the first showing needs only the screen node restyled

    def compose(self) -> ComposeResult:
        program = self.family_app.store.program()
        self.children_shown = [c for c in program.children if not c.archived]
        ids = [c.id for c in self.children_shown]
        if ids and self.child_id not in ids:
            self.child_id = ids[0]
        yield Static(id="progress-header", markup=False)
        with Horizontal(id="progress-scope-row"):
            yield Static("Showing", id="progress-scope-label", markup=False)
            child = self.child
            if child is None:
                yield Select[Scope]([], id="progress-scope", compact=True, prompt="No children yet", disabled=True)
            else:
                yield Select[Scope](
                    self.scope_options(child, program),
                    id="progress-scope",
                    allow_blank=False,
                    value=Scope(child.id),
                    compact=True,
                )
        with Horizontal(id="progress-body"):
            with Vertical(id="progress-left"):
                yield CalendarHeatmap(id="progress-heatmap")
                yield Static(id="progress-week", markup=False)
                yield MinutesChart(id="progress-minutes", rows=minutes_rows(self.app.size.height))
            with VerticalScroll(id="progress-details", can_focus=False):
                yield Static(id="progress-consistency", markup=False)
                yield Static(id="progress-streak", markup=False)
                yield Static("Help needed, by week", classes="progress-heading", markup=False)
                yield HelpByWeek(id="progress-help")
                yield Static(id="progress-trials", markup=False)
                yield Static(id="progress-measures", markup=False)
                yield Static(id="progress-places", markup=False)
                yield Static(id="progress-mastery", markup=False)
                yield Static(id="progress-cues", markup=False)
        yield KeyFooter()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(MinutesChart).set_rows(minutes_rows(event.size.height))

    def on_mount(self) -> None:
        if self.child is None:
            self.query_one("#progress-header", Static).update(
                Content("Progress · no children yet: add one with the program editor.")
            )
            return
        self.update_header()
        self.show_scope(Scope(self.child.id))
        self.query_one("#progress-scope", Select).focus()

    # -- opened again (kept between openings: kept_screen.py) ----------------------------

    def showed_figures(self) -> bool:
        """Whether it shows figures: one that could not read the history, or was closed before
        they came, is not shown again (a new one tries again, and says what went wrong)."""
        return self.view is not None

    def from_the_start(self) -> None:
        """Shown again: as a new one opens, on the first child's practice, the numbers at the top."""
        if not self.is_mounted or not self.children_shown:
            return  # a new screen: composed so
        first = self.children_shown[0].id
        if self.scope != Scope(first):
            self.show_child(first)
        self.query_one("#progress-details", VerticalScroll).scroll_home(animate=False, immediate=True)

    # -- choosing what to show ---------------------------------------------------------

    @property
    def child(self) -> Child | None:
        return next((c for c in self.children_shown if c.id == self.child_id), None)

    def show_child(self, child_id: str) -> None:
        self.child_id = child_id
        child = self.child
        assert child is not None
        self.update_header()
        select = self.query_one("#progress-scope", Select)
        scope = Scope(child.id)
        with select.prevent(Select.Changed):
            select.set_options(self.scope_options(child))
            select.value = scope
        self.show_scope(scope)

    def scope_options(self, child: Child, program: Program | None = None) -> list[tuple[Content, Scope]]:
        """The child, each of their goals, and each goal's strategies indented under it.

        Also fills :attr:`scope_labels`: what the closed selector says for each choice
        (a strategy without the indent, with its goal after it).
        """
        program = program or self.family_app.store.program()
        everything = Content.assemble("All of ", (child.name, "bold"), "'s practice")
        options: list[tuple[Content, Scope]] = [(everything, Scope(child.id))]
        self.scope_labels = {Scope(child.id): everything}
        for goal in program.goals:
            if goal.child != child.id:
                continue
            label = Content.assemble((f"{goal.discipline.value}: ", "dim"), goal.title)
            if goal.status_text:
                label += Content.styled(f" ({goal.status_text})", "dim italic")
            options.append((label, Scope(child.id, goal.id)))
            self.scope_labels[Scope(child.id, goal.id)] = label
            for strategy in program.strategies:
                if strategy.goal != goal.id:
                    continue
                label = Content.assemble(("   · ", "dim"), strategy.title)
                if strategy.archived:
                    label += Content.styled(" (archived)", "dim italic")
                scope = Scope(child.id, goal.id, strategy.id)
                options.append((label, scope))
                self.scope_labels[scope] = Content.assemble(strategy.title, (" · ", "dim"), (goal.title, "dim"))
        return options

    def _label_current(self, scope: Scope) -> None:
        """Show the closed selector's choice without the list's indent."""
        label = self.scope_labels.get(scope)
        if label is None:
            return
        try:
            current = self.query_one("#progress-scope").query_one("SelectCurrent")
            current.update(label)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - only cosmetic; Select keeps its own label
            pass

    def show_scope(self, scope: Scope) -> None:
        self.scope = scope
        self._label_current(scope)
        token = self._index_key(scope.child)  # the store's token: a stat of every month file
        if self._quick(token):
            # The history is summarised: the figures come sooner than the empty frames a
            # worker thread would draw (and slow down) while they come.
            try:
                view = self._view(scope, token)
            except (StorageError, OSError) as error:
                self._failed(str(error))
                return
            if view is not None:
                self.show_view(view)
            return
        self._start_loading_timer()
        self.compute(scope)

    def _quick(self, token: IndexKey) -> bool:
        """Whether the figures can be worked out right here, without a worker."""
        if self.family_app.progress_memo.holds_index(token):
            return True
        # bool(): the store's @_serialised is untyped, so mypy sees Any there.
        return bool(self.family_app.store.history_summarised())

    def _index_key(self, child: str) -> IndexKey:
        return (self.family_app.store.history_token(), detail_from(self.family_app.family_today()), child)

    @on(Select.Changed, "#progress-scope")
    def _scope_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, Scope) and event.value != self.scope:
            self.show_scope(event.value)

    def action_next_child(self) -> None:
        self._step_child(1)

    def action_previous_child(self) -> None:
        self._step_child(-1)

    def _step_child(self, step: int) -> None:
        if len(self.children_shown) < 2:
            return
        ids = [c.id for c in self.children_shown]
        at = ids.index(self.child_id) if self.child_id in ids else 0
        self.show_child(ids[(at + step) % len(ids)])

    def action_select_child(self, n: int) -> None:
        if 1 <= n <= len(self.children_shown):
            child = self.children_shown[n - 1]
            if child.id != self.child_id or (self.scope and self.scope != Scope(child.id)):
                self.show_child(child.id)

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_details(self, direction: int) -> None:
        details = self.query_one("#progress-details", VerticalScroll)
        if direction > 0:
            details.scroll_page_down()
        else:
            details.scroll_page_up()

    # -- working out the numbers ------------------------------------------------------

    def _start_loading_timer(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
        body = self.query_one("#progress-body")
        self._loading_timer = self.set_timer(LOADING_DELAY, lambda: setattr(body, "loading", True))

    def _progress_index(self, child: str, token: IndexKey | None = None) -> ProgressIndex[PracticeFact]:
        """The child's history grouped once; rebuilt only when the data folder changed.

        Every month comes in outline (enough for the habit score, streaks and where a
        goal was practised); entries in full only from the first day the calendar and
        the weekly views show (see :func:`detail_from`), and only the child's. Kept on
        the app between openings of Progress (:mod:`..ui_support.progress_memo`).
        """
        store = self.family_app.store
        key = token or self._index_key(child)

        def build() -> ProgressIndex[PracticeFact]:
            settings = store.settings()
            return ProgressIndex.from_history(
                store.program(),
                store.practice_history(detail_from=key[1], children=[child]),
                store.skip_days(),
                store.wins(),
                day_start=settings.day_start,
            )

        index: ProgressIndex[PracticeFact] = self.family_app.progress_memo.index(key, build)
        return index

    def _view(self, scope: Scope, token: IndexKey | None = None) -> ProgressView | None:
        app = self.family_app
        token = token or self._index_key(scope.child)
        index = self._progress_index(scope.child, token)
        child = index.program.child(scope.child)
        if child is None:
            return None
        today = app.family_today()
        target = app.store.settings().daily_minutes_target
        view: ProgressView = app.progress_memo.view(
            (token, scope, today, target),
            lambda: build_progress_view(index, child, scope, today, target),
        )
        return view

    @work(thread=True, exclusive=True, group="progress")
    def compute(self, scope: Scope) -> None:
        worker = get_current_worker()
        app = self.app
        try:
            view = self._view(scope)
            if view is None:
                return
        except (StorageError, OSError) as error:
            if not worker.is_cancelled:
                app.call_from_thread(self._failed, str(error))
            return
        if not worker.is_cancelled:
            app.call_from_thread(self.show_view, view)

    def _failed(self, message: str) -> None:
        self._stop_loading()
        self.notify(message, title="Could not read the history", severity="error", markup=False)

    def _stop_loading(self) -> None:
        if self._loading_timer is not None:
            self._loading_timer.stop()
            self._loading_timer = None
        self.query_one("#progress-body").loading = False

    # -- drawing ------------------------------------------------------------------

    def update_header(self) -> None:
        parts: list[str | tuple[str, str] | Content] = [("Progress", "bold"), "  "]
        for n, child in enumerate(self.children_shown, start=1):
            colour = child.color or "cyan"
            if child.id == self.child_id:
                parts += [
                    (f" {n} ", f"bold reverse {colour}"),
                    ("● ", f"bold {colour}"),
                    (child.name, f"bold {colour}"),
                ]
            else:
                parts += [(f" {n} ", "dim"), (child.name, "dim")]
            parts.append("  ")
        if len(self.children_shown) > 1:
            parts.append(("←/→ switch", "dim"))
        self.query_one("#progress-header", Static).update(Content.assemble(*parts))

    def show_view(self, view: ProgressView) -> None:
        if view.scope != self.scope:
            return
        self.view = view
        self._stop_loading()
        colour = view.child.color or "cyan"
        self.query_one(CalendarHeatmap).show(view.cells)
        self.query_one("#progress-week", Static).update(
            Content.assemble((week_text(view.week, view.streaks.today_open), "bold"))
        )
        self.query_one(MinutesChart).show(view.minutes, view.target, view.target_word)

        score = view.consistency
        self.query_one("#progress-consistency", Static).update(
            Content.assemble(
                ("Consistency ", "bold"),
                (f"{score.percent}%", f"bold {colour}"),
                ("  " + score.label, "bold"),
                "\n",
                (score.explanation, ""),
            )
        )
        self.query_one("#progress-streak", Static).update(
            Content.assemble(("Streak ", "bold"), streak_text(view.streaks))
        )
        self.query_one(HelpByWeek).show(view.independence)
        self.query_one("#progress-trials", Static).update(self.trials_content(view))
        self.query_one("#progress-trials").display = bool(view.trials)
        measures = self.query_one("#progress-measures", Static)
        measures.update(self.measures_content(view))
        measures.display = bool(view.measures)
        self.query_one("#progress-places", Static).update(self.places_content(view))
        mastery = self.query_one("#progress-mastery", Static)
        mastery.update(Content.assemble(("Mastery\n", "bold"), view.mastery) if view.mastery else Content(""))
        mastery.display = bool(view.mastery)
        cues = self.query_one("#progress-cues", Static)
        cues.update(Content("\n").join([Content.styled("Cue changes", "bold"), *map(Content, view.cue_changes)]))
        cues.display = bool(view.cue_changes)

    @staticmethod
    def trials_content(view: ProgressView) -> Content:
        lines: list[Content] = [Content.styled("Correct tries, by week", "bold")]
        for row in view.trials:
            lines.append(Content.styled(row.title, "italic"))
            for week, trials in row.weeks:
                line = Content.assemble((f"{week_short_label(week)} ", "dim"), trials_bar(trials), " ")
                if trials.percent is None:
                    line += Content.styled("no tries logged", "dim")
                else:
                    line += Content(f"{trials.percent:.0f}% ({trials.correct} of {trials.total})")
                lines.append(line)
        return Content("\n").join(lines)

    @staticmethod
    def measures_content(view: ProgressView) -> Content:
        """Seconds, steps and counts of the last weeks, in words (see ``domain/measures.py``)."""
        lines: list[Content] = [Content.styled(f"Measured, last {RECENT_WEEKS} weeks", "bold")]
        lines += [Content.assemble((title, "italic"), ": ", said) for title, said in view.measures]
        return Content("\n").join(lines)

    @staticmethod
    def places_content(view: ProgressView) -> Content:
        lines: list[Content] = [Content.styled("Where it happens", "bold")]
        if not view.places:
            lines.append(Content.styled("No goals yet.", "dim"))
        for place in view.places:
            lines.append(Content.assemble((place.title, "italic"), ": ", place.phrase))
        return Content("\n").join(lines)

    # -- the cue cards and the weekly update --------------------------------------

    def action_cue_cards(self) -> None:
        """The cue cards of the child shown, for the teacher, the daycare or a sitter."""
        from .cue_cards import offer_cue_cards

        offer_cue_cards(self, self.child)

    def action_report(self) -> None:
        from ..domain.permissions import Write

        self.family_app.permit(Write.WRITE_REPORT, self.ask_whom)

    def ask_whom(self) -> None:
        """Update for whom? Then the update on screen, where ``s`` saves it."""
        from .report_view import WHOLE_FAMILY, ReportAudiencePicker, ReportView

        therapists = [t for t in self.family_app.store.program().therapists if not t.archived]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.app.push_screen(ReportView(None if choice == WHOLE_FAMILY else choice, picker.written(choice)))

        picker = ReportAudiencePicker(therapists)
        self.app.push_screen(picker, chosen)
