"""A GitHub-style calendar of practice: one square a day, Monday at the top.

The widget is handed one :class:`~family_tui.domain.progress.HeatCell` per day and shows
as many of the latest weeks as fit its width (12 at 80 columns beside the numbers,
up to 52 on a wide terminal), recomputed on every resize. Practised days are shaded
by how much was done; planned days without practice are dim and neutral (never red:
the app encourages, it does not scold); skip days have their own glyph.

Hovering a square shows what happened that day; clicking one posts
:class:`CalendarHeatmap.DaySelected`. Colours come from component classes, so a
theme or an app stylesheet can change them.

Sets ``Widget._border_title`` (Textual private, checked on Textual 8.2.8
(``widgets/textual_checked.py``)) to change the title without a relayout; see ``_update_title``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from family_tui.domain.progress import HeatCell, HeatState, calendar_weeks
from family_tui.widgets.legend import wrap_legend

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
"""Columns taken by the weekday labels on the left."""
CELL_WIDTH = 2
"""Columns per week at the least: the square and a gap."""
MAX_CELL_WIDTH = 5
"""Columns per week at the most: with only a few weeks of history on a wide terminal the
squares grow (up to four cells and a gap) rather than leave most of the box empty: the
twelve weeks a new family has fill the calendar at 120 columns."""
MONTH_GAP = 2
"""Spaces at the least between two month names: "Sep Oct" read as one crowded label."""
MAX_WEEKS = 52

PRACTISED = "■"
PLANNED = "□"
SKIPPED = "·"
NOTHING = " "


def weeks_that_fit(width: int, available: int = MAX_WEEKS) -> int:
    """How many week columns fit in ``width`` columns (at least one)."""
    return max(1, min(available, MAX_WEEKS, (width - LABEL_WIDTH) // CELL_WIDTH))


def cell_width(width: int, weeks: int) -> int:
    """Columns per week when ``weeks`` are drawn in ``width`` columns."""
    if weeks <= 0:
        return CELL_WIDTH
    return max(CELL_WIDTH, min(MAX_CELL_WIDTH, (width - LABEL_WIDTH) // weeks))


def day_text(cell: HeatCell) -> str:
    """What a square means, in words: shown when the mouse rests on it."""
    when = f"{cell.day:%a} {cell.day.day} {MONTHS[cell.day.month - 1]}"
    if cell.state is HeatState.PRACTISED:
        parts = []
        if cell.planned_items:
            parts.append(f"{cell.done_items} of {cell.planned_items} planned")
        if cell.minutes:
            parts.append(f"{cell.minutes} min")
        detail = f" ({', '.join(parts)})" if parts else ""
        text = f"{when}: practised{detail}"
        if cell.skip is not None:
            text += f" on a {cell.skip.reason.label.lower()}"
        return text
    if cell.state is HeatState.SKIPPED and cell.skip is not None:
        return f"{when}: {cell.skip.reason.label.lower()}"
    return f"{when}: {cell.state.label.lower()}"


class CalendarHeatmap(Widget):
    """Days as squares in week columns, month names on top and a legend below."""

    COMPONENT_CLASSES = {
        "calendar-heatmap--label",
        "calendar-heatmap--planned",
        "calendar-heatmap--skipped",
        "calendar-heatmap--level-1",
        "calendar-heatmap--level-2",
        "calendar-heatmap--level-3",
        "calendar-heatmap--level-4",
    }

    DEFAULT_CSS = """
    CalendarHeatmap {
        height: auto;
        width: 1fr;
    }
    CalendarHeatmap > .calendar-heatmap--label { color: $foreground 60%; }
    CalendarHeatmap > .calendar-heatmap--planned { color: $foreground 35%; }
    CalendarHeatmap > .calendar-heatmap--skipped { color: $accent; text-style: bold; }
    CalendarHeatmap > .calendar-heatmap--level-1 { color: $success 40%; }
    CalendarHeatmap > .calendar-heatmap--level-2 { color: $success 55%; }
    CalendarHeatmap > .calendar-heatmap--level-3 { color: $success 78%; }
    CalendarHeatmap > .calendar-heatmap--level-4 { color: $success; }
    """

    @dataclass
    class DaySelected(Message):
        """A day's square was clicked."""

        heatmap: CalendarHeatmap
        cell: HeatCell

        @property
        def control(self) -> CalendarHeatmap:
            return self.heatmap

    def __init__(
        self,
        cells: Sequence[HeatCell] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._weeks: list[tuple[HeatCell | None, ...]] = calendar_weeks(list(cells))
        self._rendered: tuple[int, Content] | None = None
        """The last :meth:`render_content`: its width and what it drew."""

    # -- data in -----------------------------------------------------------------

    def show(self, cells: Sequence[HeatCell]) -> None:
        """Show these days (oldest first, consecutive); the latest weeks that fit are drawn."""
        self._weeks = calendar_weeks(list(cells))
        self._rendered = None
        self._update_title()
        self.refresh(layout=True)

    @property
    def visible_weeks(self) -> int:
        """Week columns drawn at the current width."""
        return len(self.shown_weeks())

    def shown_weeks(self) -> list[tuple[HeatCell | None, ...]]:
        return self._weeks_at(self.content_size.width)

    def _weeks_at(self, width: int) -> list[tuple[HeatCell | None, ...]]:
        """The latest weeks that fit ``width``, and room over the last one for its month's name.

        When a month began this week its name runs a cell past the squares; with no
        cell to spare, the oldest week makes way, so the current month is always named.
        """
        if not self._weeks:
            return []
        count = weeks_that_fit(width, len(self._weeks))
        weeks = self._weeks[-count:]
        if count > 1 and any(c is not None and c.day.day == 1 for c in weeks[-1]):
            cell = cell_width(width, count)
            if (count - 1) * cell + len("Dec") > width - LABEL_WIDTH:
                weeks = weeks[1:]
        return weeks

    def on_resize(self, event: events.Resize) -> None:
        self._update_title()

    def _update_title(self, width: int | None = None) -> None:
        """Name the weeks shown at ``width`` (the content width) in the border.

        Set only when it changes: setting a title repaints the widget. Given a width, it
        is being laid out at that width; see :meth:`get_content_height`.
        """
        count = len(self._weeks_at(self.content_size.width if width is None else width))
        if count:
            title = f"Last {count} weeks" if count > 1 else "This week"
            if title == self.border_title:
                return
            if width is None:
                self.border_title = title
            else:
                # Textual private: ``_border_title`` is where the ``border_title`` descriptor
                # keeps the title (as Content). Set without the descriptor's refresh: in the
                # middle of a layout, that refresh has the compositor arrange the whole
                # screen again to find this widget (3 ms on Progress). A title changes here
                # only with the width, and a widget laid out at a new size is drawn again.
                self._border_title = Content(title)

    # -- drawing -----------------------------------------------------------------

    def _cell_glyph(self, cell: HeatCell | None) -> tuple[str, str]:
        if cell is None or cell.state in (HeatState.NONE_PLANNED, HeatState.FUTURE):
            return NOTHING, ""
        if cell.state is HeatState.PRACTISED:
            level = min(4, max(1, cell.level))
            return PRACTISED, f".calendar-heatmap--level-{level}"
        if cell.state is HeatState.SKIPPED:
            return SKIPPED, ".calendar-heatmap--skipped"
        return PLANNED, ".calendar-heatmap--planned"

    def _month_line(self, weeks: list[tuple[HeatCell | None, ...]], cell: int = CELL_WIDTH, room: int = 0) -> Content:
        """Month names above the week holding each month's first day.

        The first column is named too (its month started off screen) when that name
        leaves :data:`MONTH_GAP` spaces before the next one. A name may run past the last week into the
        ``room`` left of the widget: the month that began this week is named too.
        """
        labels: list[tuple[int, str]] = []
        for column, week in enumerate(weeks):
            days = [c.day for c in week if c is not None]
            first = next((d for d in days if d.day == 1), None)
            if first is not None:
                labels.append((column * cell, MONTHS[first.month - 1]))
            elif column == 0 and days:
                labels.append((0, MONTHS[days[-1].month - 1]))
        width = max(len(weeks) * cell, min(room, len(weeks) * cell + len("Dec")))
        chars = [" "] * width
        for index, (start, label) in enumerate(labels):
            end = start + len(label)
            following = labels[index + 1][0] if index + 1 < len(labels) else width + MONTH_GAP
            if end + MONTH_GAP <= following and end <= width:
                chars[start:end] = label
        return Content.styled(" " * LABEL_WIDTH + "".join(chars).rstrip(), ".calendar-heatmap--label")

    def _legend(self, width: int) -> list[Content]:
        items = [
            Content.assemble(
                "practised ",
                ("less ", ".calendar-heatmap--label"),
                *((PRACTISED, f".calendar-heatmap--level-{n}") for n in range(1, 5)),
                (" more", ".calendar-heatmap--label"),
            ),
            Content.assemble((PLANNED, ".calendar-heatmap--planned"), " planned"),
            Content.assemble((SKIPPED, ".calendar-heatmap--skipped"), " skipped"),
        ]
        return wrap_legend(items, width, gap=3)

    def render_content(self, width: int) -> Content:
        """The calendar at ``width`` columns; kept, as a layout asks for it and the drawing again."""
        if self._rendered is not None and self._rendered[0] == width:
            return self._rendered[1]
        content = self._draw(width)
        self._rendered = (width, content)
        return content

    def _draw(self, width: int) -> Content:
        weeks = self._weeks_at(width)
        if not weeks:
            return Content.styled("No days to show yet.", ".calendar-heatmap--label")
        cell = cell_width(width, len(weeks))
        lines = [self._month_line(weeks, cell, width - LABEL_WIDTH)]
        for weekday in range(7):
            parts: list[str | tuple[str, str]] = [(f"{ROW_LABELS[weekday]:<{LABEL_WIDTH}}", ".calendar-heatmap--label")]
            for week in weeks:
                glyph, style = self._cell_glyph(week[weekday])
                square = glyph * (cell - 1) + " "  # the gap in the square's style: a run of alike days is one span
                parts.append((square, style) if style else square)
            lines.append(Content.assemble(*parts).simplify().rstrip())
        lines += self._legend(width)
        return Content("\n").join(lines)

    def render(self) -> Content:
        return self.render_content(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Laying out is when the width becomes known: the title follows it here, so it is
        # right in the first frame drawn at this width (on_resize comes after that frame).
        self._update_title(width)
        return len(self.render_content(width).split("\n"))

    # -- pointing ----------------------------------------------------------------

    def _cell_at(self, event: events.MouseEvent) -> HeatCell | None:
        offset = event.get_content_offset(self)
        if offset is None or not 1 <= offset.y <= 7 or offset.x < LABEL_WIDTH:
            return None
        weeks = self.shown_weeks()
        column = (offset.x - LABEL_WIDTH) // cell_width(self.content_size.width, len(weeks))
        if column >= len(weeks):
            return None
        return weeks[column][offset.y - 1]

    def on_mouse_move(self, event: events.MouseMove) -> None:
        cell = self._cell_at(event)
        self.tooltip = day_text(cell) if cell is not None else None

    def on_click(self, event: events.Click) -> None:
        cell = self._cell_at(event)
        if cell is not None:
            self.post_message(self.DaySelected(self, cell))
