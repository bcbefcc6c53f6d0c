"""A one-line choice among a few answers: ← and → (or space, a letter, a click) move through them.

Why not Textual's :class:`~textual.widgets.Select`: a Select composes a row for the
current value and an overlay list, each with its own component styles, about two dozen
styled nodes in all. The practice details form had four of them, and most of the time
between the ``d`` key and the form on screen went into styling and laying those out (and
random keys in a Select's dropdown once crashed Textual, issue 17). A family picks among
two to seven answers there (Done or Tried, a level of help, a place, a person), which one
line shows as well: ``◂ Verbal cue ▸  3/6``.

The widget holds its answers as data and posts :class:`ChoiceField.Changed`; it knows
nothing of what the answers mean.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceField(Widget, can_focus=True):
    """One of a few answers, shown with its arrows and its place among them."""

    DEFAULT_CSS = """
    ChoiceField {
        height: 1;
        width: 1fr;
        background: $boost;
        padding: 0 1;
    }
    ChoiceField:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    BINDINGS = [
        # Shown once for both arrows: the footer of a form then says how an answer changes.
        Binding("right", "move(1)", "Change", key_display="← →", tooltip="Next answer (← the one before)"),
        Binding("space", "cycle", "Next answer, round again after the last", show=False),
        Binding("left", "move(-1)", "Previous answer", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    index: reactive[int] = reactive(0, layout=False)

    class Changed(Message):
        """The answer shown changed (by key or click)."""

        def __init__(self, field: ChoiceField, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(
        self,
        options: Sequence[tuple[str, Hashable | None]],
        value: Hashable | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        if not options:
            raise ValueError("A choice needs at least one answer.")
        super().__init__(id=id, classes=classes)
        self._labels = [label for label, _ in options]
        self._values = [v for _, v in options]
        self.set_reactive(ChoiceField.index, self._index_of(value))

    def _index_of(self, value: Any) -> int:
        for position, candidate in enumerate(self._values):
            if candidate == value:
                return position
        return 0

    @property
    def values(self) -> list[Any]:
        """Every answer's value, in order."""
        return list(self._values)

    @property
    def value(self) -> Any:
        return self._values[self.index]

    @value.setter
    def value(self, value: Any) -> None:
        if value not in self._values:
            raise ValueError(f"{value!r} is not one of this field's answers.")
        self.index = self._index_of(value)

    def set_options(self, options: Sequence[tuple[str, Hashable | None]], value: Hashable | None = None) -> None:
        """Other answers (another child's therapists), showing ``value``; Changed is posted when it moves."""
        if not options:
            raise ValueError("A choice needs at least one answer.")
        before = self.value
        self._labels = [label for label, _ in options]
        self._values = [v for _, v in options]
        index = self._index_of(value)
        if index == self.index:
            self.refresh()
            if self._values[index] != before:
                self.post_message(self.Changed(self, self.value))
        else:
            self.index = index

    @property
    def label(self) -> str:
        return self._labels[self.index]

    def render(self) -> Content:
        last = len(self._labels) - 1
        before = "◂ " if self.index > 0 else "  "
        after = " ▸" if self.index < last else "  "
        place = f"{self.index + 1}/{last + 1}"
        text = f"{before}{self.label}{after}"
        gap = max(2, self.content_size.width - cell_len(text) - cell_len(place))
        return Content.assemble(text, " " * gap, (place, "dim"))

    def watch_index(self, old: int, new: int) -> None:
        if old != new:
            self.post_message(self.Changed(self, self.value))

    def action_move(self, step: int) -> None:
        """Move along the answers, stopping at either end."""
        self.index = max(0, min(len(self._values) - 1, self.index + step))

    def action_cycle(self) -> None:
        """The next answer, and from the last back to the first: one key goes through them all."""
        self.index = (self.index + 1) % len(self._values)

    def action_first(self) -> None:
        self.index = 0

    def action_last(self) -> None:
        self.index = len(self._values) - 1

    def on_key(self, event: events.Key) -> None:
        """A letter moves to the next answer that starts with it (``v`` for Verbal cue)."""
        char = event.character
        if not char or not char.isalnum() or len(char) != 1:
            return
        count = len(self._labels)
        for offset in range(1, count + 1):
            position = (self.index + offset) % count
            if self._labels[position].lower().startswith(char.lower()):
                event.stop()
                event.prevent_default()
                self.index = position
                return

    def on_click(self, event: events.Click) -> None:
        """A click on the left half goes back, on the right half forward."""
        event.stop()
        self.focus()
        self.action_move(-1 if event.x < self.size.width // 2 else 1)
