"""Note a win: what happened, which child, and optionally the goal and where it happened."""

from __future__ import annotations

from collections.abc import Hashable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Label, Select, TextArea

from ..domain.models import SETTING_LABELS, Program, Setting, Win
from ..domain.notes import goals_for_win, text_problem
from .form_base import FormScreen, error_line, field_row


class WinForm(FormScreen):
    """Returns ``{"child", "goal", "setting", "text"}`` (goal may be None), or None when cancelled."""

    DEFAULT_CSS = """
    WinForm #win-text { height: 5; margin-bottom: 1; }
    WinForm .text-label { width: 100%; text-style: bold; }
    """

    def __init__(
        self,
        program: Program,
        *,
        win: Win | None = None,
        child: str | None = None,
        goal: str | None = None,
    ) -> None:
        super().__init__()
        self.program = program
        self.win = win
        keep = win.child if win is not None else child
        self.child_choices = [c for c in program.children if not c.archived or c.id == keep]
        ids = [c.id for c in self.child_choices]
        self.child: str | None
        self.goal: str | None
        if win is not None:
            self.child, self.goal, self.setting, self.text = win.child, win.goal, win.setting, win.text
        else:
            self.child = child if child in ids else (ids[0] if ids else None)
            self.goal = goal if child == self.child else None
            self.setting, self.text = Setting.HOME, ""
        self._goals_child = self.child

    def _goal_options(self, child: str | None) -> list[tuple[Content, str]]:
        keep = self.win.goal if self.win is not None else None
        return [(Content(g.title), g.id) for g in goals_for_win(self.program, child, keep)]

    def box_title(self) -> str:
        return "Change the win" if self.win else "🎉 A win!"

    @property
    def draft_key(self) -> Hashable:
        # A new win's draft comes back wherever w is pressed next: its child is in the draft.
        return ("win", self.win.id) if self.win is not None else ("win", None)

    def fields(self) -> ComposeResult:
        yield Label("What happened?", classes="text-label", id="win-text-label")
        yield TextArea(self.text, id="win-text")
        yield error_line("text-error")
        yield field_row(
            "Child",
            Select(
                [(Content(c.name), c.id) for c in self.child_choices],
                value=self.child if self.child is not None else Select.NULL,
                allow_blank=self.child is None,
                id="child",
                compact=True,
            ),
        )
        yield error_line("child-error")
        goals = self._goal_options(self.child)
        yield field_row(
            "Goal",
            Select(
                goals,
                value=self.goal if any(v == self.goal for _, v in goals) else Select.NULL,
                prompt="No particular goal",
                id="goal",
                compact=True,
            ),
        )
        yield field_row(
            "Where",
            Select(
                [(Content(SETTING_LABELS[s]), s) for s in Setting],
                value=self.setting,
                allow_blank=False,
                id="setting",
                compact=True,
            ),
        )

    def on_mount(self) -> None:
        self.clear_errors()
        self.query_one("#win-text", TextArea).focus()

    @on(Select.Changed, "#child")
    def _child_changed(self, event: Select.Changed) -> None:
        """A different child has different goals."""
        child = None if event.value is Select.NULL else str(event.value)
        if child == self._goals_child:
            return
        self._goals_child = child
        self.query_one("#goal", Select).set_options(self._goal_options(child))

    def action_save(self) -> None:
        self.clear_errors()
        text = self.query_one("#win-text", TextArea).text
        ok = True
        problem = text_problem(text, "The win")
        if problem:
            self.show_error("text-error", problem)
            ok = False
        child = self.query_one("#child", Select).value
        if child is Select.NULL:
            self.show_error("child-error", "Pick the child this win is for.")
            ok = False
        if not ok:
            return
        goal = self.query_one("#goal", Select).value
        self.dismiss(
            {
                "child": str(child),
                "goal": None if goal is Select.NULL else str(goal),
                "setting": Setting(self.query_one("#setting", Select).value),
                "text": text,
            }
        )
