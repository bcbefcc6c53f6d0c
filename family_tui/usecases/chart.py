"""The fridge chart behind ``family-tui chart``: which child, which week, and the page.

Turns what a person typed (``--child Leo``, ``--week 2026-W50``) into the chart of
:mod:`family_tui.domain.chart`, with messages that say how to fix a mistake. The week
is the family's current one (by the store's clock) unless ``--week`` names another.

No Textual here.
"""

from __future__ import annotations

from datetime import timedelta

from ..domain.chart import ChildChart, build_chart, render_chart_html, week_monday
from ..domain.names import find_child
from ..domain.report.period import parse_iso_week
from ..storage import FamilyStore
from .report import store_today


class ChartError(ValueError):
    """What the person asked for cannot be charted; the message says how to fix it."""


def run_chart(store: FamilyStore, child: str | None = None, week: str | None = None) -> str:
    """The chart as one printable HTML page (see :func:`chart_of` for what is asked)."""
    return render_chart_html(chart_of(store, child, week), made_on=store_today(store))


def chart_of(store: FamilyStore, child: str | None = None, week: str | None = None) -> ChildChart:
    """One child's chart for one week.

    ``child`` is an id, a name or a first name only one child has; it may be left out
    when the family has one child. ``week`` is an ISO week such as ``2026-W50``
    (default: this week).
    """
    program = store.program()
    present = [c for c in program.children if not c.archived]
    if child is None:
        if len(present) != 1:
            names = " or ".join(f"--child {c.name}" for c in present) or "--child NAME"
            what = (
                "Whose chart? Say"
                if present
                else "There are no children in the home program yet; import it first, then say"
            )
            raise ChartError(f"{what} {names}.")
        found = present[0]
    else:
        try:
            found = find_child(program, child)
        except ValueError as error:
            raise ChartError(str(error)) from None
    if week is not None:
        try:
            monday, _sunday = parse_iso_week(week)
        except ValueError as error:
            raise ChartError(str(error)) from None
    else:
        monday = week_monday(store_today(store))
    sunday = monday + timedelta(days=6)
    entries = store.practice_between(monday, sunday)
    return build_chart(program, found, monday, entries, store.skip_days())
