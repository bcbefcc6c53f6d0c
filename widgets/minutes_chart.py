"""Minutes practised each day against the daily aim, one column a day.

Unlike a plain sparkline, which scales to its largest value, a full bar here always
means "the daily aim was reached", so a glance says how often that happened. Days
that reached the aim are drawn in the success colour, the others in a calm neutral
one: a short day is still practice. Shows as many of the latest days as fit.

Sets ``Widget._border_subtitle`` (Textual private, checked on Textual 8.2.8
(``widgets/textual_checked.py``)) to change the subtitle without a relayout.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

BLOCKS = " ▁▂▃▄▅▆▇█"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def bar_eighths(minutes: int, target: int, rows: int) -> int:
    """Height of a day's bar in eighths of a row: the aim fills every row."""
    if minutes <= 0:
        return 0
    full = rows * 8
    return max(1, min(full, round(full * minutes / max(1, target))))


def short_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


class MinutesChart(Widget):
    """Bars of minutes per day, a full bar meaning the daily aim, with a date axis."""

    COMPONENT_CLASSES = {
        "minutes-chart--reached",
        "minutes-chart--short",
        "minutes-chart--axis",
    }

    DEFAULT_CSS = """
    MinutesChart {
        height: auto;
        width: 1fr;
    }
    MinutesChart > .minutes-chart--reached { color: $success; }
    MinutesChart > .minutes-chart--short { color: $primary 70%; }
    MinutesChart > .minutes-chart--axis { color: $foreground 60%; }
    """

    def __init__(
        self,
        days: Sequence[tuple[date, int]] = (),
        target: int = 10,
        *,
        rows: int = 2,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.days = list(days)
        self.target = target
        self.target_word = "aim"
        self.rows = rows

    def set_rows(self, rows: int) -> None:
        """Taller bars where the screen has room (finer steps between 1 minute and the aim)."""
        rows = max(1, rows)
        if rows != self.rows:
            self.rows = rows
            self.refresh(layout=True)

    def show(self, days: Sequence[tuple[date, int]], target: int, target_word: str = "aim") -> None:
        """``(day, minutes)`` oldest first; ``target``: the daily aim in minutes.

        ``target_word`` names the target in the title: "aim" for the family's daily
        aim, "usual" for a strategy's usual minutes.
        """
        self.days = list(days)
        self.target = max(1, target)
        self.target_word = target_word
        self._update_title()
        self.refresh(layout=True)

    def shown_days(self, width: int | None = None) -> list[tuple[date, int]]:
        width = self.content_size.width if width is None else width
        return self.days[-max(1, width) :] if self.days else []

    @property
    def days_on_target(self) -> int:
        return sum(1 for _, m in self.shown_days() if m >= self.target)

    def on_resize(self, event: events.Resize) -> None:
        self._update_title()

    def _update_title(self, width: int | None = None) -> None:
        """Titles for the days shown at ``width`` (the content width); set only when they change,
        as setting one repaints the widget. Given a width, the chart is being laid out at it."""
        shown = self.shown_days(width)
        title = f"Minutes a day · {self.target_word} {self.target}"
        reached = sum(1 for _, m in shown if m >= self.target)
        # Only what was reached is counted out loud; no "0 of 28".
        subtitle = f"reached {reached} of {len(shown)} days" if reached else ""
        if title != self.border_title:
            self.border_title = title  # changes with show(), not with the width
        if subtitle == self.border_subtitle:
            return
        if width is None:
            self.border_subtitle = subtitle
        else:
            # Textual private: ``_border_subtitle`` is where the ``border_subtitle`` descriptor
            # keeps it (as Content). Set without the descriptor's refresh: in the middle of a
            # layout that refresh has the compositor arrange the whole screen again to find
            # this widget. It changes here only with the width, and a widget laid out at a
            # new size is drawn again.
            self._border_subtitle = Content(subtitle)

    def render_content(self, width: int) -> Content:
        shown = self.shown_days(width)
        if not shown:
            return Content.styled("No days to show yet.", ".minutes-chart--axis")
        # Right-aligned: the latest day always sits at the right edge.
        pad = " " * max(0, width - len(shown))
        lines = []
        for row in reversed(range(self.rows)):
            parts: list[tuple[str, str] | str] = [pad]
            for _, minutes in shown:
                height = bar_eighths(minutes, self.target, self.rows) - row * 8
                glyph = BLOCKS[max(0, min(8, height))]
                style = ".minutes-chart--reached" if minutes >= self.target else ".minutes-chart--short"
                parts.append((glyph, style))
            lines.append(Content.assemble(*parts).simplify())  # a span a run of days, not a span a day
        left, right = short_day(shown[0][0]), short_day(shown[-1][0])
        gap = len(shown) - len(left) - len(right)
        axis = pad + f"{left}{' ' * gap}{right}" if gap >= 1 else right.rjust(width)
        lines.append(Content.styled(axis[-width:] if width > 0 else axis, ".minutes-chart--axis"))
        return Content("\n").join(lines)

    def render(self) -> Content:
        return self.render_content(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Laying out is when the width becomes known: the titles follow it here, so they
        # are right in the first frame drawn at this width (on_resize comes after that frame).
        self._update_title(width)
        return self.rows + 1 if self.days else 1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        shown = self.shown_days()
        column = None if offset is None else offset.x - max(0, self.content_size.width - len(shown))
        if offset is None or column is None or offset.y >= self.rows or not 0 <= column < len(shown):
            self.tooltip = None
            return
        day, minutes = shown[column]
        self.tooltip = f"{day:%a} {short_day(day)}: {minutes} min"
