"""A list to pick one from, whose footer says how: ``enter Choose``."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """An :class:`OptionList` in a picker. Textual's own binds enter out of sight (``show=False``),
    so a picker's footer offered only ``esc Cancel``: a new user could not tell how to choose."""

    BINDINGS = [Binding("enter", "select", "Choose", key_display="enter", id="choose")]

    HELP_KEYS = [
        ("↑ ↓", "Move between the choices"),
        ("enter / click", "Choose"),
    ]
    """What the ? screen lists first while the list has the focus."""
