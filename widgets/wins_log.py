"""The wins log: every win newest first, with the child's colour, the goal and the setting.

Handed the wins and the program (:meth:`WinsLog.show_wins`); posts
:class:`WinsLog.EditRequested` and :class:`WinsLog.DeleteRequested`. Filtering by child
and goal follows :mod:`family_tui.domain.notes`. The family's words are shown as
:class:`Content`, never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from family_tui.domain.models import SETTING_LABELS, Program, Win
from family_tui.domain.notes import (
    WinFilter,
    child_name,
    filter_wins,
    next_win_child_filter,
    next_win_goal_filter,
    when_words,
)

from .colour import safe_colour
from .counted_option_list import CountedOptionList
from .notes_pane import excerpt, indented
from .older_pages import more_row, pages_reaching

WIN_PREFIX = "win:"
MORE_ID = "more-wins"
WINS_PAGE = 50
"""Wins laid out at first; enter on "… older wins" lays out the next page. A family's years of
wins (a thousand labels, each wrapped) made the log three times as slow to open as a plain list."""


def win_label(win: Win, program: Program, today: date, day_start: time = time(0, 0)) -> Content:
    """``🎉 Leo  today 07:20 · Home · Mom`` then the goal and what happened."""
    child = program.child(win.child)
    colour = safe_colour(child.color if child else None, fallback="cyan")
    setting = SETTING_LABELS[win.setting].split(" (")[0]
    heading = Content.assemble(
        ("★ ", "bold $success"),
        (child_name(program, win.child), f"bold {colour}"),
        (f"  {when_words(win.when, today, day_start)} · {setting} · {win.who}", "dim"),
    )
    parts = [heading]
    if win.goal:
        goal = program.goal(win.goal)
        parts.append(Content.assemble(("  Goal: ", "italic"), (goal.title if goal else win.goal, "italic")))
    text, cut = excerpt(win.text)
    parts.append(indented(text))
    if cut:
        parts.append(Content.styled("  … e shows it all", "dim italic"))
    parts.append(Content(""))
    return Content("\n").join(parts)


class WinsLog(CountedOptionList):
    """Every win, newest first; f and g filter by child and goal."""

    DEFAULT_CSS = """
    WinsLog {
        height: 1fr;
        border: round $success 50%;
        padding: 0 1;
    }
    WinsLog:focus {
        border: round $success;
    }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Edit win", id="wins.edit"),
        Binding("x,delete", "delete", "Delete", tooltip="Delete win", id="wins.delete"),
        Binding("f", "filter_child", "Child", tooltip="Filter child", id="wins.filter_child"),
        Binding("g", "filter_goal", "Goal", tooltip="Filter goal", id="wins.filter_goal"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="wins.clear_filter"),
    ]

    win_filter: reactive[WinFilter] = reactive(WinFilter, init=False)

    @dataclass
    class _WinMessage(Message):
        log: WinsLog
        win: Win

        @property
        def control(self) -> WinsLog:
            return self.log

    class EditRequested(_WinMessage):
        """The user asked to change the win (e, enter or a click)."""

    class DeleteRequested(_WinMessage):
        """The user asked to delete the win (the screen asks to confirm)."""

    @dataclass
    class FilterChanged(Message):
        log: WinsLog
        win_filter: WinFilter

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.wins: list[Win] = []
        self.program = Program()
        self.today = date.today()
        self.day_start = time(0, 0)
        self.shown: list[Win] = []
        """The wins the filter lets through, newest first (the first ``_limit`` are laid out)."""
        self._limit = WINS_PAGE

    def show_wins(self, wins: list[Win], program: Program, today: date, day_start: time = time(0, 0)) -> None:
        self.wins = list(wins)
        self.program = program
        self.today = today
        self.day_start = day_start
        self._render_wins()

    def watch_win_filter(self) -> None:
        self._limit = WINS_PAGE
        self._render_wins(keep_cursor=False)
        self.post_message(self.FilterChanged(self, self.win_filter))

    def _render_wins(self, keep_cursor: bool = True) -> None:
        previous = self.highlighted_win if keep_cursor else None
        self.shown = filter_wins(self.wins, self.win_filter)
        target = self.index_of(previous.id) if previous is not None else None
        if target is not None and target >= self._limit:  # newer wins pushed it down: still laid out
            self._limit = pages_reaching(target, WINS_PAGE)
        options: list[Option] = [
            Option(win_label(w, self.program, self.today, self.day_start), id=WIN_PREFIX + w.id)
            for w in self.shown[: self._limit]
        ]
        more = more_row(len(self.shown) - self._limit, "win", MORE_ID)
        if more is not None:
            options.append(more)
        if not options:
            empty = (
                "No wins match. Press esc to show them all."
                if self.wins
                else "No wins yet. Press w whenever something goes well, however small."
            )
            options.append(Option(Content.styled(empty, "dim italic"), disabled=True))
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            if target is None and self.shown:
                target = 0
            self.highlighted = target
        self.refresh_bindings()

    def index_of(self, win_id: str) -> int | None:
        for index, win in enumerate(self.shown):
            if win.id == win_id:
                return index
        return None

    def select_win(self, win_id: str) -> bool:
        index = self.index_of(win_id)
        if index is None:
            return False
        if index >= self._limit:  # an older win: lay out the pages down to it
            self._limit = pages_reaching(index, WINS_PAGE)
            self._render_wins(keep_cursor=False)
        self.highlighted = index
        return True

    def show_more(self) -> None:
        """Lay out the next page of older wins, with the cursor on the first of them."""
        first_hidden = self._limit
        self._limit += WINS_PAGE
        self._render_wins(keep_cursor=False)
        if first_hidden < len(self.shown):
            self.highlighted = first_hidden

    @property
    def highlighted_win(self) -> Win | None:
        if self.highlighted is None or self.highlighted >= min(len(self.shown), self._limit):
            return None
        return self.shown[self.highlighted]

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self.show_more()
            return
        win = self.highlighted_win
        if win is not None:
            self.post_message(self.EditRequested(self, win))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return True if self.highlighted_win is not None else None
        if action == "clear_filter":
            return self.win_filter.is_active
        return True

    def action_edit(self) -> None:
        win = self.highlighted_win
        if win is not None:
            self.post_message(self.EditRequested(self, win))

    def action_delete(self) -> None:
        win = self.highlighted_win
        if win is not None:
            self.post_message(self.DeleteRequested(self, win))

    def action_filter_child(self) -> None:
        self.win_filter = next_win_child_filter(self.win_filter, self.program)

    def action_filter_goal(self) -> None:
        self.win_filter = next_win_goal_filter(self.win_filter, self.program, self.wins)

    def action_clear_filter(self) -> None:
        self.win_filter = WinFilter()
