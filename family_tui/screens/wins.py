"""The wins log: every small success, newest first, to enjoy and to tell the therapist about."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.settled_layout import SettlesLayout
from family_tui.widgets.wins_log import WinsLog

from ..domain.models import Win
from ..domain.notes import ANY, NO_GOAL, wins_this_week
from . import DIALOGS_CSS, note_actions
from .family import UsesFamily

HIGHLIGHT_SECONDS = 2.0


class WinsScreen(UsesFamily, SettlesLayout, Screen[None]):
    """Opened with W from Today; esc goes back. w (anywhere) adds a win."""

    CSS_PATH = DIALOGS_CSS

    DEFAULT_CSS = """
    WinsScreen #wins-header {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    WinsScreen #wins-header.-celebrate {
        background: $success 35%;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="wins.back"),
        Binding("a", "add_win", "Add win", show=False, id="wins.add"),
    ]

    HELP_KEYS = [
        ("↑ ↓", "Move between wins"),
        ("enter / click", "Change the win under the cursor"),
    ]
    """Keys the ? screen lists before the bindings."""

    def __init__(self) -> None:
        super().__init__()
        self._seen_token: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="wins-header", markup=False)
        yield WinsLog(id="wins-log")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_view()
        self.set_interval(1.0, self._tick)
        self.query_one(WinsLog).focus()

    def refresh_view(self) -> None:
        app = self.family_app
        store = app.store
        self._seen_token = store.change_token(app.family_today())
        wins = store.wins()
        log = self.query_one(WinsLog)
        log.show_wins(wins, store.program(), app.family_today(), store.settings().day_start)
        self._update_header()

    def _update_header(self) -> None:
        app = self.family_app
        store = app.store
        log = self.query_one(WinsLog)
        week = len(wins_this_week(log.wins, app.family_today(), store.settings().day_start))
        parts: list[str | tuple[str, str]] = [
            ("Wins", "bold"),
            "  ·  ",
            (f"{week} this week", "bold $success" if week else ""),
            "  ·  ",
            f"{len(log.wins)} in all",
            "  ·  ",
            ("Showing: ", "dim"),
            (log.win_filter.describe(log.program), "bold"),
        ]
        if log.win_filter.is_active:
            parts.append((f" ({len(log.shown)})", "dim"))
        self.query_one("#wins-header", Static).update(Content.assemble(*parts))

    def _tick(self) -> None:
        app = self.family_app
        if app.store.change_token(app.family_today()) != self._seen_token:
            self.refresh_view()

    @on(WinsLog.FilterChanged)
    def _filter_changed(self) -> None:
        self._update_header()

    # -- the w key and the celebration ---------------------------------------------

    def win_prefill(self) -> tuple[str | None, str | None]:
        """A new win is for the child (and goal) the log is filtered to."""
        log = self.query_one(WinsLog)
        flt = log.win_filter
        child = None if flt.child == ANY else flt.child
        goal = flt.goal if child and flt.goal not in (ANY, NO_GOAL) else None
        return child, goal

    def win_added(self, win: Win) -> None:
        self.refresh_view()
        log = self.query_one(WinsLog)
        log.select_win(win.id)
        header = self.query_one("#wins-header", Static)
        header.add_class("-celebrate")
        self.set_timer(HIGHLIGHT_SECONDS, lambda: header.remove_class("-celebrate"))

    # -- keys ----------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_add_win(self) -> None:
        note_actions.add_win(self.app)

    @on(WinsLog.EditRequested)
    def _edit(self, event: WinsLog.EditRequested) -> None:
        note_actions.edit_win(self.app, event.win, lambda win: self._changed(win.id))

    @on(WinsLog.DeleteRequested)
    def _delete(self, event: WinsLog.DeleteRequested) -> None:
        note_actions.delete_win(self.app, event.win, self.refresh_view)

    def _changed(self, win_id: str) -> None:
        self.refresh_view()
        self.query_one(WinsLog).select_win(win_id)
