"""Progress: the calendar, this week's count, streaks and help levels, per child and goal."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from textual.widgets import Select

from family_tui.domain.models import Assistance, Child, Goal, PracticeEntry, Setting, SkipDay, SkipReason, Strategy
from family_tui.domain.progress import ProgressIndex, Scope, consistency
from family_tui.screens.progress import ProgressScreen
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.heatmap import PLANNED, PRACTISED, SKIPPED, CalendarHeatmap
from family_tui.widgets.independence import HelpByWeek
from family_tui.widgets.minutes_chart import MinutesChart
from tests.screen_text import static_text

THURSDAY = date(2026, 11, 26)
GAP = date(2026, 11, 10)
SICK = date(2026, 11, 17)
LEO_FROM = date(2026, 10, 1)
SCHOOL_DAYS = {date(2026, 11, 19), date(2026, 11, 20)}
NASTY = "O'Brien [Jr] [/x] [@click=app.quit]x[/]"

# Leo's plan in the small family: S-words at breakfast and in the bath every day,
# buttons when getting dressed on weekdays.
LEO_ITEMS = [("snack-s", "breakfast"), ("bath-s", "bath"), ("buttons", "dressing")]


def entry(day: date, child: str, strategy: str, routine: str, **fields) -> PracticeEntry:
    stamp = datetime.combine(day, time(8, 0))
    return PracticeEntry(
        date=day, child=child, strategy=strategy, routine=routine, created_at=stamp, updated_at=stamp, **fields
    )


def leo_history() -> list[PracticeEntry]:
    """Every planned item from 1 October to yesterday, except one quiet day and a sick day.

    Best run: 1 Oct - 9 Nov (40 days). Current run: 11-25 Nov without the sick day (14).
    """
    entries = []
    day = LEO_FROM
    while day < THURSDAY:
        if day not in (GAP, SICK):
            for strategy, routine in LEO_ITEMS:
                if routine == "dressing" and day.weekday() >= 5:
                    continue
                trials = {"trials_correct": 4, "trials_total": 5} if strategy != "buttons" else {}
                setting = Setting.SCHOOL if strategy == "buttons" and day in SCHOOL_DAYS else Setting.HOME
                entries.append(
                    entry(
                        day,
                        "leo",
                        strategy,
                        routine,
                        minutes=3,
                        assistance=Assistance.VERBAL,
                        setting=setting,
                        **trials,
                    )
                )
        day += timedelta(days=1)
    return entries


@pytest.fixture
def history(store: FamilyStore) -> FamilyStore:
    store.record_many(leo_history())
    # Maya: Tuesday and Wednesday this week (Monday was planned too).
    store.record_many(
        entry(day, "maya", "straw", "breakfast", minutes=2, assistance=Assistance.MODEL)
        for day in (date(2026, 11, 24), date(2026, 11, 25))
    )
    store.save(SkipDay(date=SICK, child="leo", reason=SkipReason.SICK))
    return store


async def open_progress(app, pilot) -> ProgressScreen:
    await pilot.pause()
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, ProgressScreen)
    return app.screen


async def settle(app, pilot) -> None:
    """Let the calculation worker finish and its results reach the screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def heatmap_rows(app) -> list[str]:
    heatmap = app.screen.query_one(CalendarHeatmap)
    return heatmap.render_content(heatmap.content_size.width).plain.split("\n")


def week_columns(row: str) -> list[str]:
    """The glyphs of one weekday row, one per week."""
    return list(row[4::2])


# -- opening and the calendar ------------------------------------------------------------


async def test_a_family_that_just_began_sees_its_own_weeks_not_a_year_of_blanks(make_app, store):
    program = store.program()
    store.save_many([g.model_copy(update={"created": date(2026, 11, 18)}) for g in program.goals])
    store.record_many([entry(date(2026, 11, 24), "leo", "snack-s", "breakfast", minutes=3)])
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await open_progress(app, pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.visible_weeks == 12  # what 80 columns show; not 52 weeks, 49 of them blank
        assert heatmap.border_title == "Last 12 weeks"
        assert "Sep" in heatmap_rows(app)[0] and "Jan" not in heatmap_rows(app)[0]


async def test_p_on_today_opens_progress_and_escape_returns(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_progress(app, pilot)
        assert "Leo" in static_text(app, "#progress-header")
        assert screen.query_one(CalendarHeatmap).region.height > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_the_heatmap_shows_12_weeks_at_80_columns(make_app, history):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(app, pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        assert heatmap.visible_weeks == 12
        assert heatmap.border_title == "Last 12 weeks"
        rows = heatmap_rows(app)
        months, days, legend = rows[0], rows[1:8], rows[8:]
        assert [r[:3] for r in days] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"]
        assert all(len(week_columns(r)) <= 12 for r in days)
        assert len(week_columns(days[0])) == 12
        assert "Nov" in months and "Oct" in months
        assert "skipped" in " ".join(legend) and "planned" in " ".join(legend)
        # Nothing outside the heatmap's box is cut off at 80x24.
        assert heatmap.region.right <= 80


async def test_the_heatmap_grows_to_more_weeks_on_a_wide_terminal(make_app, history):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await open_progress(app, pilot)
        heatmap = app.screen.query_one(CalendarHeatmap)
        # Every week since the goals were set on 1 January 2026 (a Thursday), none before.
        assert heatmap.visible_weeks == 48
        first_week = [cell.day for cell in heatmap.shown_weeks()[0] if cell is not None]
        assert date(2026, 1, 1) in first_week and first_week[0] == date(2025, 12, 29)
        chart = app.screen.query_one(MinutesChart)
        assert chart.rows == 10 and chart.region.height == 10 + 1 + 2  # tall bars fill the spare rows
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert heatmap.visible_weeks == 12
        assert heatmap.border_title == "Last 12 weeks"
        assert chart.rows == 2 and chart.region.bottom <= 24 - 1


async def test_practised_planned_and_skipped_days_look_different(make_app, history):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(app, pilot)
        rows = heatmap_rows(app)[1:8]
        # The last column is this week (23-29 Nov); the one before it 16-22 Nov.
        this_week = [week_columns(r)[-1] if len(week_columns(r)) == 12 else " " for r in rows]
        assert this_week[:3] == [PRACTISED] * 3  # Mon-Wed practised
        assert this_week[3] == PLANNED  # today, not yet: neutral, not a mark against
        assert this_week[4:] == [" ", " ", " "]  # still to come
        last_week = [week_columns(r)[-2] for r in rows]
        assert last_week[1] == SKIPPED  # Tuesday 17 November, a sick day
        gap_week = [week_columns(r)[-3] for r in rows]
        assert gap_week[1] == PLANNED  # Tuesday 10 November: planned, not practised
        heatmap = app.screen.query_one(CalendarHeatmap)
        cell = heatmap.shown_weeks()[-2][1]
        assert cell is not None and cell.day == SICK


# -- the numbers in words --------------------------------------------------------------


async def test_this_week_streak_and_consistency_in_words(make_app, history, store):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        assert static_text(app, "#progress-week").startswith("Practised 3 of 3 planned days this week")
        streak = static_text(app, "#progress-streak")
        assert "14 planned days in a row · best 40" in streak
        assert "Practising today makes it 15." in streak
        index = ProgressIndex(store.program(), store.all_practice(), store.skip_days(), store.wins())
        expected = consistency(index, Scope("leo"), THURSDAY)
        text = static_text(app, "#progress-consistency")
        assert f"Consistency {expected.percent}%" in text
        assert expected.label in text and expected.explanation in text


async def test_help_levels_percent_correct_and_where_it_happens(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_progress(app, pilot)
        help_rows = app.screen.query_one(HelpByWeek).render_content(44).plain.split("\n")
        assert "independent" in help_rows[-3] + help_rows[-2] + help_rows[-1]  # the legend comes last
        assert any(r.startswith("W48 ") and r.endswith("mostly verbal cue") for r in help_rows)
        trials = static_text(app, "#progress-trials")
        assert "S-words at breakfast" in trials and "S-toys in the bath" in trials
        assert "W48 " in trials and "80% (12 of 15)" in trials
        places = static_text(app, "#progress-places")
        assert "Say /s/ at the start of words: Only at home so far" in places
        assert "Button his own shirt: Home and school" in places


async def test_minutes_chart_is_labelled_with_the_daily_aim(make_app, history, store):
    store.update_settings(daily_minutes_target=9)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        chart = app.screen.query_one(MinutesChart)
        assert chart.border_title == "Minutes a day · aim 9"
        assert chart.days[-1] == (THURSDAY, 0)
        assert chart.days[-2] == (date(2026, 11, 25), 9)
        assert chart.border_subtitle.startswith("reached ")


async def test_a_new_family_sees_no_subtitle_counting_zero(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        assert app.screen.query_one(MinutesChart).border_subtitle == ""
        assert "No run yet" in static_text(app, "#progress-streak")


# -- switching child and scope ------------------------------------------------------------


async def test_switching_child_with_arrows_numbers_and_tab(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_progress(app, pilot)
        await pilot.press("right")
        await settle(app, pilot)
        assert screen.child_id == "maya"
        assert "● Maya" in static_text(app, "#progress-header")
        assert static_text(app, "#progress-week").startswith("Practised 2 of 3 planned days this week")
        assert "2 planned days in a row · best 2" in static_text(app, "#progress-streak")
        assert screen.query_one(Select).value == Scope("maya")
        await pilot.press("1")
        await settle(app, pilot)
        assert screen.child_id == "leo"
        assert static_text(app, "#progress-week").startswith("Practised 3 of 3")
        await pilot.press("tab")
        await settle(app, pilot)
        assert screen.child_id == "maya"
        await pilot.press("left")
        await settle(app, pilot)
        assert screen.child_id == "leo"


async def test_choosing_a_goal_or_strategy_narrows_everything(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_progress(app, pilot)
        select = screen.query_one(Select)
        select.value = Scope("leo", "leo-buttons")
        await settle(app, pilot)
        assert screen.view is not None and screen.view.scope == Scope("leo", "leo-buttons")
        # Buttons are planned on weekdays only: no Sunday squares.
        sunday = heatmap_rows(app)[7]
        assert set(week_columns(sunday)) <= {" "}
        assert not app.screen.query_one("#progress-trials").display
        assert static_text(app, "#progress-places") == "Where it happens\nButton his own shirt: Home and school"
        chart = screen.query_one(MinutesChart)
        assert chart.border_title == "Minutes a day · usual 4"

        select.value = Scope("leo", "leo-s", "snack-s")
        await settle(app, pilot)
        trials = static_text(app, "#progress-trials")
        assert "S-words at breakfast" in trials and "S-toys in the bath" not in trials
        assert "S-words at breakfast" in str(screen.query_one("SelectCurrent").query_one("#label").content)


async def test_the_scope_menu_opens_with_goals_and_strategies(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_progress(app, pilot)
        await pilot.press("down")  # opens the menu
        await pilot.pause()
        await pilot.press("down", "enter")  # the first goal
        await settle(app, pilot)
        assert screen.scope == Scope("leo", "leo-s")


async def test_text_people_typed_is_never_markup(make_app, store, history):
    store.save_many(
        [
            Child(id="leo", name=NASTY, color="cyan"),
            Goal(id="leo-s", child="leo", discipline="SLP", title=NASTY, created=date(2026, 1, 1)),
            Strategy(id="snack-s", goal="leo-s", title=NASTY, routines=["breakfast"], uses_trials=True),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_progress(app, pilot)
        assert NASTY in static_text(app, "#progress-header")
        assert NASTY in static_text(app, "#progress-trials")
        assert f"{NASTY}: Only at home so far" in static_text(app, "#progress-places")
        screen.query_one(Select).value = Scope("leo", "leo-s", "snack-s")
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, ProgressScreen)


async def test_no_children_yet(data_dir, clock):
    from family_tui.app import make_app

    FamilyStore(data_dir, clock=clock)
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # A family with no children starts on the welcome screen; Progress still copes.
        await app.push_screen(ProgressScreen())
        await settle(app, pilot)
        assert "no children yet" in static_text(app, "#progress-header")
        assert app.screen.query_one(Select).disabled


async def test_page_down_scrolls_the_numbers_at_80x24(make_app, history):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        details = screen.query_one("#progress-details")
        assert details.max_scroll_y > 0  # more than fits: help levels, tries, places
        await pilot.press("pagedown")
        await pilot.pause()
        assert details.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert details.scroll_y == 0


async def test_at_120x40_the_calendar_uses_its_box_and_names_every_month(tmp_path, monkeypatch):
    """The demo family on Thursday 3 December: eight weeks of practice fill the box, December is named."""
    import tempfile

    from family_tui.app import make_app as factory
    from family_tui.clock import FixedClock
    from family_tui.usecases.demo import create_demo_data_dir

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    clock = FixedClock(datetime(2026, 12, 3, 18, 0))
    app = factory(create_demo_data_dir(clock), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        heatmap = app.screen.query_one(CalendarHeatmap)
        lines = [heatmap.render_line(y).text.strip("│ ") for y in range(heatmap.size.height)]
        months = next(line for line in lines if line.startswith(("Sep", "Oct")))
        days = [line for line in lines if line.startswith(("Mon", "Wed", "Fri", "Sun"))]
        assert min(len(line) for line in days) > 28
        months = months.split()
        assert months[-3:] == ["Oct", "Nov", "Dec"]


async def test_on_a_monday_morning_the_week_starts_today_rather_than_having_nothing_planned(make_app, clock):
    clock.set(datetime(2026, 11, 23, 7, 20))  # Monday, nothing practised yet, breakfast still to come
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert static_text(app, "#progress-week") == "The week starts today"
