"""The calendar heatmap, the minutes chart and the help bars on their own, in a bare app."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.app import App, ComposeResult

from family_tui.domain.models import Assistance, SkipDay, SkipReason
from family_tui.domain.progress import AssistanceMix, HeatCell, HeatState
from family_tui.widgets.heatmap import PLANNED, PRACTISED, SKIPPED, CalendarHeatmap, day_text, weeks_that_fit
from family_tui.widgets.independence import HelpByWeek, split_width
from family_tui.widgets.minutes_chart import MinutesChart, bar_eighths

SUNDAY = date(2026, 11, 29)


def year_of_cells(last: date = SUNDAY) -> list[HeatCell]:
    """52 weeks ending on a Sunday: practised on even days, a sick day on 17 November."""
    first = last - timedelta(weeks=52) + timedelta(days=1)
    cells = []
    day = first
    while day <= last:
        if day == date(2026, 11, 17):
            cells.append(HeatCell(day, HeatState.SKIPPED, skip=SkipDay(date=day, reason=SkipReason.SICK)))
        elif day.toordinal() % 2:
            cells.append(HeatCell(day, HeatState.NOT_PRACTISED, planned_items=2))
        else:
            cells.append(HeatCell(day, HeatState.PRACTISED, level=3, planned_items=2, done_items=1, minutes=6))
        day += timedelta(days=1)
    return cells


class Host(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.messages: list = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_calendar_heatmap_day_selected(self, message: CalendarHeatmap.DaySelected) -> None:
        self.messages.append(message)


@pytest.mark.parametrize(("width", "weeks"), [(28, 12), (30, 13), (108, 52), (400, 52), (3, 1)])
def test_weeks_that_fit(width, weeks):
    assert weeks_that_fit(width) == weeks


def test_fewer_weeks_of_data_than_fit():
    assert weeks_that_fit(108, available=3) == 3


async def test_heatmap_draws_the_latest_weeks_that_fit_with_months_and_legend():
    heatmap = CalendarHeatmap(year_of_cells())
    app = Host(heatmap)
    async with app.run_test(size=(28, 12)) as pilot:
        await pilot.pause()
        assert heatmap.visible_weeks == 12
        lines = heatmap.render_content(28).plain.split("\n")
        assert lines[0].split() == ["Sep", "Oct", "Nov"]
        assert lines[0].index("Nov") == 4 + 2 * 7  # the week of Mon 26 Oct holds 1 November
        tuesday = lines[2]
        assert tuesday[4::2][-2] == SKIPPED
        assert set("".join(lines[1:8])[4:]) <= {
            PRACTISED,
            PLANNED,
            SKIPPED,
            " ",
            "M",
            "o",
            "n",
            "W",
            "e",
            "d",
            "F",
            "r",
            "i",
            "S",
            "u",
        }
        assert "skipped" in "\n".join(lines[8:])


async def test_heatmap_hover_says_what_happened_and_click_posts_the_day():
    heatmap = CalendarHeatmap(year_of_cells())
    app = Host(heatmap)
    async with app.run_test(size=(28, 12)) as pilot:
        await pilot.pause()
        # Row 2 is Tuesday; the second-to-last column is the week of 16 November.
        offset = (4 + 2 * 10, 2)
        await pilot.hover(CalendarHeatmap, offset=offset)
        await pilot.pause()
        assert heatmap.tooltip == "Tue 17 Nov: sick day"
        await pilot.click(CalendarHeatmap, offset=offset)
        await pilot.pause()
        assert [m.cell.day for m in app.messages] == [date(2026, 11, 17)]


def test_day_text_is_plain_and_kind():
    practised = HeatCell(date(2026, 11, 24), HeatState.PRACTISED, level=2, planned_items=4, done_items=2, minutes=7)
    assert day_text(practised) == "Tue 24 Nov: practised (2 of 4 planned, 7 min)"
    planned = HeatCell(date(2026, 11, 24), HeatState.NOT_PRACTISED, planned_items=4)
    assert day_text(planned) == "Tue 24 Nov: planned, not practised"


async def test_minutes_chart_full_bar_is_the_aim_and_today_sits_at_the_right():
    days = [(SUNDAY - timedelta(days=n), m) for n, m in zip(range(4, -1, -1), [0, 5, 10, 20, 1])]
    chart = MinutesChart()
    app = Host(chart)
    async with app.run_test(size=(20, 5)) as pilot:
        chart.show(days, 10)
        await pilot.pause()
        lines = chart.render_content(20).plain.split("\n")
        assert [len(line) for line in lines] == [20, 20, 20]
        assert lines[0][-5:] == "  ██ "  # top row: only days at or over the aim are full
        assert lines[1][-5:] == " ███▂"
        assert lines[2].endswith("29 Nov")
        assert chart.border_title == "Minutes a day · aim 10"
        assert chart.border_subtitle == "reached 2 of 5 days"


def test_bar_heights():
    assert bar_eighths(0, 10, 2) == 0
    assert bar_eighths(1, 10, 2) == 2
    assert bar_eighths(10, 10, 2) == 16
    assert bar_eighths(99, 10, 2) == 16
    assert bar_eighths(1, 1000, 2) == 1  # any practice shows


@pytest.mark.parametrize(
    "shares",
    [[0.5, 0.5], [0.01, 0.99], [1 / 3, 1 / 3, 1 / 3], [0.0, 0.2, 0.0, 0.8], [0.9, 0.02, 0.02, 0.02, 0.02, 0.02]],
)
def test_stacked_bar_widths_add_up_and_keep_every_level_that_happened(shares):
    columns = split_width(shares, 14)
    assert sum(columns) == 14
    assert all(n >= 1 for n, s in zip(columns, shares) if s > 0)
    assert all(n == 0 for n, s in zip(columns, shares) if s == 0)


def test_help_row_in_words():
    mix = AssistanceMix(
        tuple(
            (level, 3 if level is Assistance.VERBAL else 1 if level is Assistance.MODEL else 0) for level in Assistance
        )
    )
    assert HelpByWeek.words(mix) == "mostly verbal cue"
    assert HelpByWeek.bar(mix).cell_length == 14
    assert (
        HelpByWeek.words(AssistanceMix(tuple((level, 0) for level in Assistance), unrecorded=2))
        == "help level not noted"
    )


async def test_the_current_month_is_named_though_it_began_this_week():
    """3 December: the last column holds 1 December, and "Dec" is written over it."""
    heatmap = CalendarHeatmap(year_of_cells(last=date(2026, 12, 6)))
    app = Host(heatmap)
    async with app.run_test(size=(28, 12)) as pilot:
        await pilot.pause()
        months = heatmap.render_content(28).plain.split("\n")[0].split()
        assert months[-3:] == ["Oct", "Nov", "Dec"]


async def test_a_few_weeks_on_a_wide_terminal_get_larger_squares():
    """Eight weeks in 66 columns: each day four cells and a gap, not a 20-column strip in an empty box."""
    heatmap = CalendarHeatmap(year_of_cells(last=date(2026, 12, 6))[-56:])
    app = Host(heatmap)
    async with app.run_test(size=(66, 12)) as pilot:
        await pilot.pause()
        lines = heatmap.render_content(66).plain.split("\n")
        drawn = max(len(line.rstrip()) for line in lines[1:8])
        assert drawn > 28
        assert PRACTISED * 4 in lines[1] + lines[2] and PLANNED * 4 in lines[1] + lines[2]
        assert lines[0].split() == ["Oct", "Nov", "Dec"]
        # The mouse still finds its day: Tuesday 17 November, in the sixth week of eight.
        offset = (4 + 5 * 5 + 1, 2)
        await pilot.hover(CalendarHeatmap, offset=offset)
        await pilot.pause()
        assert heatmap.tooltip == "Tue 17 Nov: sick day"
