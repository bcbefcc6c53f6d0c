"""Progress at 120x40: the calendar uses the width, its months do not crowd, the open list is framed (issue 27)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from family_tui.app import make_app
from family_tui.domain.progress import HeatCell, HeatState
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from family_tui.widgets.heatmap import LABEL_WIDTH, CalendarHeatmap
from tests.app.test_progress import history, open_progress  # noqa: F401 - history is a fixture
from tests.app.test_progress_widgets import Host

THREE = Path(__file__).parent.parent / "fixtures" / "three_children_no_colours.toml"

WIDE = (120, 40)


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it, every layer drawn (Textual private: the compositor)."""
    update = app.screen._compositor.render_full_update()
    return ["".join(segment.text for segment in strip) for strip in update.strips]


async def test_a_new_familys_twelve_weeks_use_the_width_of_the_calendar(tmp_path, clock):
    """A family that has just begun sees twelve weeks: at 120 columns they fill the box."""
    data = tmp_path / "data"
    store = FamilyStore(data, clock=clock)
    import_program(store, THREE, today=clock.local_now().date())
    store.update_settings(caregiver="mom")
    app = make_app(data, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await open_progress(app, pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        width = heatmap.content_size.width
        lines = heatmap.render_content(width).plain.split("\n")
        drawn = max(len(line.rstrip()) for line in lines[1:8])  # the seven days' rows
        assert heatmap.visible_weeks == 12
        assert drawn >= 0.85 * width, (drawn, width)


@pytest.mark.parametrize("width", range(28, 72, 3))
async def test_month_names_leave_two_spaces_between_them(width):
    """12 weeks from Monday 21 September: "Sep" over the first week, "Oct" over the next."""
    first = date(2026, 9, 21)
    cells = [HeatCell(first + timedelta(days=n), HeatState.NOT_PRACTISED, planned_items=1) for n in range(84)]
    heatmap = CalendarHeatmap(cells)
    app = Host(heatmap)
    async with app.run_test(size=(width, 12)) as pilot:
        await pilot.pause()
        months = heatmap.render_content(width).plain.split("\n")[0][LABEL_WIDTH:]
    names = list(re.finditer(r"\S+", months))
    assert [name.group() for name in names][-3:] == ["Oct", "Nov", "Dec"]
    for name, following in zip(names, names[1:]):
        assert following.start() - name.end() >= 2, months


async def test_the_open_list_is_framed_and_drawn_over_the_charts(data_dir, clock, history):  # noqa: F811
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=WIDE) as pilot:
        await open_progress(app, pilot)
        assert app.focused is app.screen.query_one("#progress-scope", Select)
        await pilot.press("enter")
        await pilot.pause()
        overlay = app.screen.query_one(SelectOverlay)
        charts = app.screen.query_one(CalendarHeatmap).region
        shared = overlay.region.intersection(charts)
        assert shared.area > 0
        # On top of the calendar where they meet, and framed by a border of its own.
        assert app.screen.get_widget_at(shared.x + 2, shared.y + 2)[0] is overlay
        screen = screen_lines(app)
        box = overlay.region
        top, bottom = screen[box.y][box.x : box.right], screen[box.bottom - 1][box.x : box.right]
        assert top.startswith("╭") and top.endswith("╮") and bottom.startswith("╰"), (top, bottom)
