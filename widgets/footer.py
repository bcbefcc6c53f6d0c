"""The screen's keys on one line, drawn by one widget.

Textual's :class:`~textual.widgets.Footer` is a container with a widget for every key:
eight widgets on Today, each styled, laid out and mounted on its own, rebuilt whenever
the screen says its bindings changed (four times before Today's first frame), and
their mounting finished after the first frame, which laid the screen out and drew it
again. This footer reads the screen's bindings when it draws and draws them as one
line of text, styled like Textual's footer: the same keys in the same order, dimmed
when disabled, highlighted under the mouse, and a click on a key presses it.

What it leaves out: Textual's binding groups (no screen here uses them), the
command palette key (no screen here shows it), and keys that do not fit the line:
the last ones go first, never ``? Help``, whose screen lists every key.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from family_tui.domain.light_dataclass import light_dataclass


@light_dataclass(frozen=True)
class ShownKey:
    """One key as the footer shows it."""

    key: str
    """The key pressed when it is clicked (``binding.key``)."""
    display: str
    """How the key is written (``App.get_key_display``: ``space``, ``?``, ``^l``)."""
    description: str
    enabled: bool
    tooltip: str = ""
    action: str = ""


HELP_ACTIONS = frozenset({"help", "app.help"})


def _cells(key: ShownKey) -> int:
    """Columns a key takes on the line: `` key description ``."""
    return cell_len(f" {key.display} ") + (cell_len(f"{key.description} ") if key.description else 0)


class KeyFooter(Widget, can_focus=False):
    """One line listing the screen's shown bindings; a click presses the key under it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--hover"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    hovered: reactive[int | None] = reactive(None)
    """Which of the shown keys is under the mouse (an index into the last drawing's keys)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int]] = []
        """Where each shown key starts and ends on the line, as last drawn."""
        self._keys: tuple[ShownKey, ...] = ()
        """The keys the screen offered, as last drawn."""
        self._shown: tuple[ShownKey, ...] = ()
        """Those of them that fitted the line."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self.keys() != self._keys:
            self.refresh()

    def keys(self) -> tuple[ShownKey, ...]:
        """The keys the screen shows now, one per action, in the order Textual's footer shows them."""
        seen: set[str] = set()
        shown: list[ShownKey] = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append(
                ShownKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip,
                    binding.action,
                )
            )
        return tuple(shown)

    def fitted(self, keys: tuple[ShownKey, ...], width: int) -> tuple[ShownKey, ...]:
        """The keys that fit ``width``: the last ones go first, never ? Help (which lists them all)."""
        kept = list(keys)
        while sum(_cells(k) for k in kept) > width:
            droppable = [n for n, k in enumerate(kept) if k.action not in HELP_ACTIONS]
            if not droppable:
                break
            del kept[droppable[-1]]
        return tuple(kept)

    def render(self) -> Text:
        width = self.content_region.width or self.app.size.width
        self._keys = self.keys()
        self._shown = self.fitted(self._keys, width)
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        hover_style = self.get_component_rich_style("footer--hover")
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for index, shown in enumerate(self._shown):
            start = line.cell_len
            hovered = index == self.hovered
            key = f" {shown.display} "
            description = f"{shown.description} " if shown.description else ""
            line.append(key, hover_style if hovered else key_style)
            line.append(description, hover_style if hovered else description_style)
            if not shown.enabled:
                line.stylize(dim, start)
            self._spans.append((start, line.cell_len))
        return line

    def _index_at(self, x: int) -> int | None:
        """Which shown key column ``x`` falls on, as last drawn."""
        return next((n for n, (start, end) in enumerate(self._spans) if start <= x < end), None)

    def watch_hovered(self, hovered: int | None) -> None:
        tooltip = self._shown[hovered].tooltip if hovered is not None and hovered < len(self._shown) else ""
        self.tooltip = tooltip or None
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._index_at(event.x)

    def on_leave(self, _event: events.Leave) -> None:
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._index_at(event.x)
        if index is None:
            return
        shown = self._shown[index]
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
