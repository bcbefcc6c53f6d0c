"""A list to pick one from, whose footer says how: ``enter Choose``."""

from __future__ import annotations

from textual.binding import Binding

from .counted_option_list import CountedOptionList


class ChoiceList(CountedOptionList):
    """An :class:`OptionList` in a picker. Textual's own binds enter out of sight (``show=False``),
    so a picker's footer offered only ``esc Cancel``: a new user could not tell how to choose.

    Its lines are counted before the first frame (:class:`CountedOptionList`), so a picker
    draws once instead of again when its caches are cleared on the first resize."""

    BINDINGS = [Binding("enter", "select", "Choose", key_display="enter", id="choose")]

    HELP_KEYS = [
        ("↑ ↓", "Move between the choices"),
        ("enter / click", "Choose"),
    ]
    """What the ? screen lists first while the list has the focus."""
