"""Progress: how practice is going, per child and per goal or strategy.

Every number comes from :mod:`family_tui.domain.progress`; this module only gathers them
(off the UI thread: years of history take a moment) and lays them out. The words
say what was done and what it means, never what was not.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import ClassVar

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

from ..domain.mastery import describe_mastery, mastery_sentence, mastery_since
from ..domain.models import Child, Program
from ..domain.progress import (
    Consistency,
    Generalization,
    HeatCell,
    PracticeSummary,
    ProgressIndex,
    Scope,
    Streaks,
    Trials,
    WeekIndependence,
    consistency,
    generalization,
    heatmap,
    independence_by_week,
    minutes_per_day,
    monday_of,
    practice_summary,
    streaks,
)
from ..storage import StorageError
from .dialog import StyledOnceOnFirstShowing
from .family import UsesFamily

HEATMAP_WEEKS = 52
MIN_HEATMAP_WEEKS = 12
"""What fits at 80 columns: a calendar never shows less, even for a family that just began."""
MINUTES_DAYS = 120
"""Days of minutes handed to the chart; it shows as many as fit."""
RECENT_WEEKS = 6
"""Weeks of help levels and percent correct shown."""
LOADING_DELAY = 0.25
"""Seconds before a slow calculation shows the loading indicator (no flicker when quick)."""


# -- what the screen shows, gathered without Textual ------------------------------------


@dataclass(frozen=True)
class TrialsRow:
    strategy: str
    title: str
    weeks: tuple[tuple[str, Trials], ...]


@dataclass(frozen=True)
class ProgressView:
    """Everything on the screen for one child and scope, computed in one go."""

    child: Child
    scope: Scope
    today: date
    cells: list[HeatCell]
    week: PracticeSummary
    minutes: list[tuple[date, int]]
    target: int
    target_word: str
    consistency: Consistency
    streaks: Streaks
    independence: list[WeekIndependence]
    trials: list[TrialsRow] = field(default_factory=list)
    places: list[Generalization] = field(default_factory=list)
    mastery: str = ""
    """For a goal (or one of its strategies) with a mastery criterion: the criterion, and whether practice meets it."""


def scope_target(program: Program, scope: Scope, daily_target: int) -> tuple[int, str]:
    """Minutes a day to compare with: the family's aim for a child, the usual dose for a goal."""
    if scope.goal is None and scope.strategy is None:
        return daily_target, "aim"
    routines = {r.id for r in program.routines if not r.archived}
    usual = sum(
        s.minutes * sum(1 for r in s.routines if r in routines)
        for s in program.strategies
        if not s.archived and (s.id == scope.strategy if scope.strategy else s.goal == scope.goal)
    )
    return max(1, usual), "usual"


def build_progress_view(
    index: ProgressIndex, child: Child, scope: Scope, today: date, daily_target: int
) -> ProgressView:
    program = index.program
    this_monday = monday_of(today)
    target, word = scope_target(program, scope, daily_target)
    start = max(today - timedelta(days=MINUTES_DAYS - 1), index.history_start(scope, today))
    recent = this_monday - timedelta(weeks=RECENT_WEEKS - 1)
    # On a wide terminal the calendar starts with the family's first goal or practice:
    # months of empty squares before they began say nothing and push the real weeks aside.
    calendar_start = min(
        this_monday - timedelta(weeks=MIN_HEATMAP_WEEKS - 1),
        max(this_monday - timedelta(weeks=HEATMAP_WEEKS - 1), monday_of(index.history_start(scope, today))),
    )

    trials: list[TrialsRow] = []
    for strategy in program.strategies:
        goal = program.goal(strategy.goal)
        if goal is None or goal.child != child.id:
            continue
        if (scope.goal and strategy.goal != scope.goal) or (scope.strategy and strategy.id != scope.strategy):
            continue
        by_week = independence_by_week(index, Scope(child.id, goal.id, strategy.id), recent, today)
        if strategy.uses_trials or any(w.trials.total for w in by_week):
            if strategy.archived and not any(w.trials.total for w in by_week):
                continue
            trials.append(TrialsRow(strategy.id, strategy.title, tuple((w.week, w.trials) for w in by_week)))

    goal_id = scope.goal
    places = [g for g in generalization(index, child.id) if goal_id is None or g.goal == goal_id]
    mastery = mastery_text(index, program, child, goal_id, today)

    return ProgressView(
        child=child,
        scope=scope,
        today=today,
        cells=heatmap(
            index,
            scope,
            calendar_start,
            this_monday + timedelta(days=6),
            target_minutes=daily_target,
            today=today,
        ),
        week=practice_summary(
            index, scope, this_monday, this_monday + timedelta(days=6), target_minutes=target, today=today
        ),
        minutes=list(zip(_days(start, today), minutes_per_day(index, scope, start, today))),
        target=target,
        target_word=word,
        consistency=consistency(index, scope, today),
        streaks=streaks(index, scope, today),
        independence=independence_by_week(index, scope, recent, today),
        trials=trials,
        places=places,
        mastery=mastery,
    )


def mastery_text(index: ProgressIndex, program: Program, child: Child, goal_id: str | None, today: date) -> str:
    """The goal's mastery criterion and, when practice meets it, since when: never a decision."""
    goal = program.goal(goal_id) if goal_id else None
    if goal is None or goal.mastery is None:
        return ""
    text = f"Mastered when: {describe_mastery(goal.mastery)}."
    if not goal.active:
        return text
    history = index.entries_by_day(Scope(child.id, goal.id))
    uses_trials = any(s.uses_trials for s in program.strategies if s.goal == goal.id)
    since = mastery_since(
        goal.mastery, (e for found in history.values() for e in found), today, uses_trials=uses_trials
    )
    return f"{text}\n{mastery_sentence(since)}" if since is not None else text


def detail_from(today: date) -> date:
    """The first day :func:`build_progress_view` reads entries of (the calendar's first Monday)."""
    return min(monday_of(today) - timedelta(weeks=HEATMAP_WEEKS - 1), today - timedelta(days=MINUTES_DAYS - 1))


def minutes_rows(height: int) -> int:
    """Rows of minutes bars: the left column has room to spare on a tall terminal, the bars take it.

    Given to the chart when the screen is made (the terminal's height), so the first
    layout is the last one; on_resize follows later changes.
    """
    return max(2, min(10, height - 28))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


# -- words ---------------------------------------------------------------------------


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def week_text(summary: PracticeSummary) -> str:
    """``Practised 3 of 4 planned days this week · 21 min``: what was done."""
    if summary.days_planned:
        text = (
            f"Practised {summary.days_practised} of {summary.days_planned} planned "
            f"{'day' if summary.days_planned == 1 else 'days'} this week"
        )
        if summary.extra_days:
            text += f", plus {_plural(summary.extra_days, 'extra day')}"
    elif summary.extra_days:
        text = f"Practised on {_plural(summary.extra_days, 'day')} this week, as a bonus"
    else:
        text = "Nothing planned this week"
    if summary.minutes:
        text += f" · {summary.minutes} min"
    return text


def streak_text(s: Streaks) -> str:
    if s.current:
        text = f"{_plural(s.current, 'planned day')} in a row · best {s.best}"
        if s.today_open:
            text += f"\nPractising today makes it {s.current + 1}."
        return text
    if s.best:
        text = f"Best so far: {_plural(s.best, 'planned day')} in a row."
        return text + (
            "\nPractising today starts a new run." if s.today_open else "\nThe next practice starts a new run."
        )
    return "No run yet: practising on a planned day starts one."


def trials_bar(trials: Trials, width: int = 10) -> Content:
    if trials.percent is None:
        return Content.styled("╌" * width, "dim")
    filled = round(width * trials.percent / 100)
    return Content.assemble(("█" * filled, "$success"), ("░" * (width - filled), "dim"))


# -- the screen ------------------------------------------------------------------------


def _read_css_early(screen: Screen) -> None:
    """Add the screen's CSS file to the app's stylesheet before ``push_screen`` does.

    ``push_screen`` (``App._load_screen_css``, Textual 8.2.8) reads a screen's CSS_PATH
    the first time the screen is shown, after it has styled the screen; then it parses
    every stylesheet of the app afresh and restyles every node of every screen: some
    15 ms of the time between p and the first frame, and a layout of Today under
    Progress. Read here (the screen is made just before it is pushed), the file is
    parsed alone (``parse`` keeps the parse cache that ``reparse`` starts without),
    the screen and its widgets are styled with it when registered, and push_screen
    finds it read. Its rules select this screen's ids only, so no other node needs
    restyling.
    """
    try:
        stylesheet = screen.app.stylesheet
    except NoActiveAppError:  # made outside an app: push_screen reads it
        return
    for path in screen.css_path:
        if not stylesheet.has_source(str(path)):
            stylesheet.read(path)
            stylesheet.parse()  # also forgets the rules map that read() leaves stale


class ProgressScreen(UsesFamily, StyledOnceOnFirstShowing, SettledLayout):
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
        self._index: ProgressIndex | None = None
        self._index_token: tuple | None = None
        self._index_lock = threading.Lock()
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
                yield Static(id="progress-places", markup=False)
                yield Static(id="progress-mastery", markup=False)
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
        if self._quick(scope.child):
            # The history is summarised: the figures come sooner than the empty frames a
            # worker thread would draw (and slow down) while they come.
            try:
                view = self._view(scope)
            except (StorageError, OSError) as error:
                self._failed(str(error))
                return
            if view is not None:
                self.show_view(view)
            return
        self._start_loading_timer()
        self.compute(scope)

    def _quick(self, child: str) -> bool:
        """Whether the figures can be worked out right here, without a worker."""
        if self._index is not None and self._index_token == self._index_key(child):
            return True
        return self.family_app.store.history_summarised()

    def _index_key(self, child: str) -> tuple:
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

    def _progress_index(self, child: str) -> ProgressIndex:
        """The child's history grouped once; rebuilt only when the data folder changed.

        Every month comes in outline (enough for the habit score, streaks and where a
        goal was practised); entries in full only from the first day the calendar and
        the weekly views show (see :func:`detail_from`), and only the child's.
        """
        store = self.family_app.store
        with self._index_lock:
            token = self._index_key(child)
            if self._index is None or token != self._index_token:
                settings = store.settings()
                self._index = ProgressIndex.from_history(
                    store.program(),
                    store.practice_history(detail_from=token[1], children=[child]),
                    store.skip_days(),
                    store.wins(),
                    day_start=settings.day_start,
                )
                self._index_token = token
            return self._index

    def _view(self, scope: Scope) -> ProgressView | None:
        app = self.family_app
        index = self._progress_index(scope.child)
        child = index.program.child(scope.child)
        if child is None:
            return None
        return build_progress_view(index, child, scope, app.family_today(), app.store.settings().daily_minutes_target)

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
        self.query_one("#progress-week", Static).update(Content.assemble((week_text(view.week), "bold")))
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
        self.query_one("#progress-places", Static).update(self.places_content(view))
        mastery = self.query_one("#progress-mastery", Static)
        mastery.update(Content.assemble(("Mastery\n", "bold"), view.mastery) if view.mastery else Content(""))
        mastery.display = bool(view.mastery)

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
                self.app.push_screen(ReportView(None if choice == WHOLE_FAMILY else choice))

        self.app.push_screen(ReportAudiencePicker(therapists), chosen)
