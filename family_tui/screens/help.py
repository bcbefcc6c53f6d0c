"""The ? screen: every key of the screen underneath, with what it does."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from family_tui.widgets.footer import KeyFooter

from . import DIALOGS_CSS
from .dialog import Dialog

KEY_NAMES = {
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "space": "space",
    "enter": "enter",
    "escape": "esc",
    "slash": "/",
}

HelpKeys = list[tuple[str, str]]
"""``(key, what it does)``: keys that bindings cannot describe (arrows, clicks), in a ``HELP_KEYS``."""


# Textual's own movement and focus keys: the lines above describe them in the family's words.
GENERIC_ACTIONS = {
    "cursor_up",
    "cursor_down",
    "cursor_left",
    "cursor_right",
    "scroll_up",
    "scroll_down",
    "scroll_left",
    "scroll_right",
    "scroll_home",
    "scroll_end",
    "first",
    "last",
    "page_up",
    "page_down",
    "page_left",
    "page_right",
    "select",
    "focus_next",
    "focus_previous",
    "app.focus_next",
    "app.focus_previous",
    "copy_text",
    "screen.copy_text",
    "app.copy_text",
    "maximize",
    "screen.maximize",
    "minimize",
    "screen.minimize",
}


def key_label(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


class DescribedKey(NamedTuple):
    node: DOMNode
    """Where the binding is defined: its action runs there."""
    binding: Binding
    label: str
    enabled: bool
    keys: str = ""
    """Every key that does it, the footer's first ("q, ctrl+q"); empty: the binding's own."""


def help_keys(screen: Screen[object]) -> HelpKeys:
    """The ``HELP_KEYS`` of the part of the screen in use: the focused widget's nearest, else the screen's.

    The notes pane on Today has keys of its own; Today's ("1-9 Mark the n-th item") are not for it.
    A screen with none lists only its bindings.
    """
    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else ():
        keys: HelpKeys | None = getattr(node, "HELP_KEYS", None)
        if keys is not None:
            return keys
        if node is screen:
            break
    return list(getattr(screen, "HELP_KEYS", []))


def described_keys(screen: Screen[object]) -> list[DescribedKey]:
    """The screen's keys in the family's words, each once: what help lists and the palette offers.

    Keys that ``check_action`` turns off are not among them; the ones it dims are, not enabled.
    """
    keys: dict[str, DescribedKey] = {}
    for node, binding, enabled, _ in screen.active_bindings.values():
        # The footer's word is short ("Edit"); the tooltip, where there is one, says it whole.
        label = binding.tooltip or binding.description
        if not label or binding.key.isdigit() or binding.system or binding.action in GENERIC_ACTIONS:
            continue
        found = keys.get(label)
        if found is None:
            keys[label] = DescribedKey(node, binding, label, enabled, key_label(binding.key))
        elif found.binding.action == binding.action:
            # Two keys for one thing (ctrl+q, q): the one the footer shows first, as the footer says it.
            first, second = (
                (binding, found.binding) if binding.show and not found.binding.show else (found.binding, binding)
            )
            both = f"{key_label(first.key)}, {key_label(second.key)}"
            keys[label] = (
                DescribedKey(node, first, label, enabled, both) if first is binding else found._replace(keys=both)
            )
    return list(keys.values())


def textuals_own(key: DescribedKey) -> bool:
    """A key Textual's own widget defines (a text field's home, ctrl+a...): not the screen's keys."""
    for cls in type(key.node).__mro__:
        for defined in cls.__dict__.get("BINDINGS", []):
            if isinstance(defined, Binding) and (defined.action, defined.description) == (
                key.binding.action,
                key.binding.description,
            ):
                return cls.__module__.startswith("textual.")
    return False


class HelpScreen(Dialog[None]):
    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "dismiss_help", "Close", id="close_help"),
        Binding("question_mark", "dismiss_help", "Close", show=False),
        Binding("q", "dismiss_help", "Close", show=False),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        # First, where the notification of them ("Press ? to see the list") sends a parent.
        problems = getattr(self.app, "data_problems", None)
        if problems is not None and problems.help_lines():
            lines += [Content.styled("Problems found in the data", "bold"), Content("")]
            lines += [Content(line) for line in problems.help_lines()] + [Content("")]
        lines += [Content.styled("Keys", "bold"), Content("")]
        # A screen may list its own keys that bindings cannot describe (arrows, clicks).
        for shown, text in help_keys(self.under):
            lines.append(Content.assemble((f"{shown:>22}  ", "bold $accent"), text))
        described = described_keys(self.under)
        # The screen's and the dialog's keys first; a text field's editing keys after them.
        fields = [key for key in described if textuals_own(key)]
        for key in [key for key in described if key not in fields] + fields:
            keys = key.keys or key_label(key.binding.key)
            lines.append(Content.assemble((f"{keys:>22}  ", "bold $accent"), key.label))
        lines += [Content(""), Content.styled("Press esc or ? to close.", "dim")]
        with VerticalScroll(classes="form-box help-box") as box:
            box.border_title = "Help"
            yield Static(Content("\n").join(lines))
        yield KeyFooter()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
