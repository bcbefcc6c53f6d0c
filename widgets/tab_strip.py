"""A row of tab labels with the bar under it, drawn by one widget.

Textual's :class:`~textual.widgets.TabbedContent` is a tab bar of ten widgets (a
container, a scroller, a row, a widget for every tab and the underline) and a switcher
with a pane for every tab: each styled, laid out and mounted when the screen opens, so
the program editor took twice as long to open as a plain screen of what it shows, and
the underline was put under the tab shown only after the first frame (a second frame).

:class:`TabStrip` draws the same two lines, styled like Textual's tabs (dimmed labels,
the shown one bright, highlighted under the mouse, the bar under the shown one), from
the labels alone; a click on a label or under it shows that tab. It is not focusable:
the screen using it binds its own keys to move between tabs, and says which pane to show
when :class:`TabStrip.Activated` arrives.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget


class TabStrip(Widget, can_focus=False):
    """Tab labels on one line, the bar under the shown one on the next; a click shows a tab."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"tab-strip--tab", "tab-strip--active", "tab-strip--hover", "tab-strip--bar"}
    DEFAULT_CSS = """
    TabStrip {
        width: 1fr;
        height: 2;
        pointer: pointer;
        .tab-strip--tab {
            color: $foreground 50%;
        }
        .tab-strip--active, .tab-strip--hover {
            color: $foreground;
        }
        .tab-strip--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            .tab-strip--tab {
                text-style: dim;
            }
            .tab-strip--active {
                text-style: not dim bold;
            }
            .tab-strip--hover {
                text-style: dim;
            }
            .tab-strip--bar {
                color: $block-cursor-background;
                background: $border-blurred;
            }
        }
    }
    """

    active: reactive[str] = reactive("")
    """The key of the tab shown."""
    hovered: reactive[str | None] = reactive(None)
    """The key of the tab under the mouse."""

    class Activated(Message):
        """A tab was clicked (not sent when ``active`` is set in code)."""

        def __init__(self, strip: TabStrip, key: str) -> None:
            super().__init__()
            self.strip = strip
            self.key = key

        @property
        def control(self) -> TabStrip:
            return self.strip

    def __init__(self, tabs: list[tuple[str, str]], active: str, *, id: str | None = None) -> None:
        """``tabs``: each tab's key and label, in order; ``active``: the key of the tab shown."""
        super().__init__(id=id)
        self.tabs = list(tabs)
        self.set_reactive(TabStrip.active, active)
        self._spans: dict[str, tuple[int, int]] = {}
        """Where each tab's label starts and ends on the line (padding included)."""
        x = 0
        for key, label in self.tabs:
            width = Text(label).cell_len + 2
            self._spans[key] = (x, x + width)
            x += width

    def span(self, key: str) -> tuple[int, int]:
        """The columns a tab's label takes, its padding included (end excluded)."""
        return self._spans[key]

    def key_at(self, x: int) -> str | None:
        """The tab at column ``x``, if any."""
        return next((key for key, (start, end) in self._spans.items() if start <= x < end), None)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            line = Text(no_wrap=True, overflow="crop", end="")
            for key, label in self.tabs:
                if key == self.active:
                    style = self.get_component_rich_style("tab-strip--active")
                elif key == self.hovered:
                    style = self.get_component_rich_style("tab-strip--hover")
                else:
                    style = self.get_component_rich_style("tab-strip--tab")
                line.append(f" {label} ", style)
            segments = list(line.render(self.app.console))
        elif y == 1:
            bar_style = self.get_component_rich_style("tab-strip--bar")
            start, end = self._spans.get(self.active, (0, 0))
            bar = Bar(
                highlight_range=(start + 1, end - 1) if end else (0, 0),
                highlight_style=Style.from_color(bar_style.color),
                background_style=Style.from_color(bar_style.bgcolor),
            )
            segments = list(self.app.console.render(bar, self.app.console.options.update_width(width)))
        else:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        return Strip(segments).apply_style(base).adjust_cell_length(width, base).simplify()

    def watch_active(self) -> None:
        self.refresh()

    def watch_hovered(self) -> None:
        self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.key_at(event.x) if event.y == 0 else None

    def on_leave(self, _event: events.Leave) -> None:
        self.hovered = None

    def on_click(self, event: events.Click) -> None:
        event.stop()
        key = self.key_at(event.x)
        if key is not None and key != self.active:
            self.active = key
            self.post_message(self.Activated(self, key))
