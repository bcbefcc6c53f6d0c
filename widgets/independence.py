"""How much help practice needed, week by week, as small stacked bars.

One row a week: ``W46 ███████▓▓▓▒▒ mostly verbal cue``. Each level of help has its
own colour and its own mark, least help (independent) first, solid and greenest, so a
bar turning green from the left over the weeks is the child doing more on their own.
The marks tell the levels apart without colour; the colours stay six different ones in
a 16-colour terminal too (they were four of one grey there). No level is red: more
help is not a failure, it is where the child is today.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from family_tui.domain.models import Assistance
from family_tui.domain.progress import AssistanceMix, WeekIndependence
from family_tui.widgets.legend import wrap_legend

SHORT = {
    Assistance.INDEPENDENT: "independent",
    Assistance.VERBAL: "verbal cue",
    Assistance.VISUAL: "visual cue",
    Assistance.MODEL: "model",
    Assistance.PARTIAL_PHYSICAL: "some physical help",
    Assistance.FULL_PHYSICAL: "hand over hand",
}
MARKS = {
    Assistance.INDEPENDENT: "█",
    Assistance.VERBAL: "▓",
    Assistance.VISUAL: "▒",
    Assistance.MODEL: "░",
    Assistance.PARTIAL_PHYSICAL: "▄",
    Assistance.FULL_PHYSICAL: "▀",
}
"""Solid for no help, thinning as the help grows: in the Linux console's font too."""
BAR_WIDTH = 14


def split_width(shares: Sequence[float], width: int) -> list[int]:
    """Whole columns per share summing to ``width`` (largest remainder), none lost to rounding."""
    total = sum(shares)
    if total <= 0:
        return [0] * len(shares)
    exact = [width * s / total for s in shares]
    columns = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: exact[i] - columns[i], reverse=True)
    for i in order[: width - sum(columns)]:
        columns[i] += 1
    # A level that happened at all keeps at least one column, taken from the widest.
    for i, share in enumerate(shares):
        if share > 0 and columns[i] == 0:
            widest = max(range(len(columns)), key=columns.__getitem__)
            if columns[widest] > 1:
                columns[widest] -= 1
                columns[i] = 1
    return columns


def week_short_label(week: str) -> str:
    """``2026-W46`` -> ``W46``."""
    return week.split("-", 1)[-1]


class HelpByWeek(Widget):
    """Rows of stacked bars, one per week, with the most usual level in words."""

    COMPONENT_CLASSES = {
        "help-by-week--label",
        "help-by-week--none",
        *(f"help-by-week--{level.value}" for level in Assistance),
    }

    DEFAULT_CSS = """
    HelpByWeek {
        height: auto;
        width: 1fr;
    }
    HelpByWeek > .help-by-week--label { color: $foreground 60%; }
    HelpByWeek > .help-by-week--none { color: $foreground 25%; }
    /* Opaque colours, each a different one of a 16-colour terminal's (see the module). */
    HelpByWeek > .help-by-week--independent { color: $success; }
    HelpByWeek > .help-by-week--verbal { color: $success-darken-2; }
    HelpByWeek > .help-by-week--visual { color: $primary; }
    HelpByWeek > .help-by-week--model { color: $primary-lighten-2; }
    HelpByWeek > .help-by-week--partial_physical { color: $accent-darken-1; }
    HelpByWeek > .help-by-week--full_physical { color: $foreground-darken-3; }
    """

    def __init__(
        self,
        weeks: Sequence[WeekIndependence] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.weeks = list(weeks)
        self._rendered: tuple[int, Content] | None = None
        """The last :meth:`render_content`: its width and what it drew."""

    def show(self, weeks: Sequence[WeekIndependence]) -> None:
        self.weeks = list(weeks)
        self._rendered = None
        self.refresh(layout=True)

    @staticmethod
    def bar(mix: AssistanceMix, width: int = BAR_WIDTH) -> Content:
        if not mix.recorded:
            return Content.styled("╌" * width, ".help-by-week--none")
        columns = split_width([share for _, share in mix.shares], width)
        return Content.assemble(
            *((MARKS[level] * n, f".help-by-week--{level.value}") for (level, _), n in zip(mix.shares, columns) if n)
        )

    @staticmethod
    def words(mix: AssistanceMix) -> str:
        if mix.mostly is None:
            return "no practice logged" if not mix.unrecorded else "help level not noted"
        return f"mostly {SHORT[mix.mostly]}"

    def row(self, week: WeekIndependence) -> Content:
        return Content.assemble(
            (f"{week_short_label(week.week)} ", ".help-by-week--label"),
            self.bar(week.assistance),
            " ",
            self.words(week.assistance),
        )

    def legend(self, width: int) -> list[Content]:
        items = [
            Content.assemble((MARKS[level], f".help-by-week--{level.value}"), " ", SHORT[level]) for level in Assistance
        ]
        return wrap_legend(items, width, gap=2)

    def render_content(self, width: int) -> Content:
        """The rows at ``width`` columns; kept, as a layout asks for them and the drawing again."""
        if self._rendered is not None and self._rendered[0] == width:
            return self._rendered[1]
        content = self._draw(width)
        self._rendered = (width, content)
        return content

    def _draw(self, width: int) -> Content:
        if not self.weeks:
            return Content.styled("No practice logged yet.", ".help-by-week--label")
        lines = [self.row(week) for week in self.weeks]
        lines += self.legend(max(20, width))
        return Content("\n").join(lines)

    def render(self) -> Content:
        return self.render_content(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.render_content(width).split("\n"))
