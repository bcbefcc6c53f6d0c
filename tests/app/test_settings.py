"""Settings: saved with update_settings, applied at once (family day, theme, levels of help)."""

from __future__ import annotations

from datetime import date, time

import pytest
from textual.widgets import Checkbox, Input, Label, Select, Static

from family_tui.domain.models import Assistance
from family_tui.screens.settings import SettingsScreen
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.choice_field import ChoiceField
from tests.screen_text import static_text


async def open_settings(app, pilot) -> SettingsScreen:
    await pilot.press("S")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def set_input(screen, name: str, value: str) -> None:
    screen.query_one(f"#f-{name}", Input).value = value


def error_text(screen, name: str) -> str:
    return str(screen.query_one(f"#{name}-error", Static).content)


async def test_settings_are_saved_and_applied(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.family_today() == date(2026, 11, 26)
        screen = await open_settings(app, pilot)
        set_input(screen, "daily_minutes_target", "15")
        set_input(screen, "day_start", "8:00")  # 07:20 now: still yesterday's family day
        set_input(screen, "parent_idle_minutes", "20")
        set_input(screen, "kiosk_idle_minutes", "3")
        screen.query_one("#f-theme", Select).value = "textual-light"
        screen.query_one("#level-full_physical", Checkbox).value = False
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        saved = FamilyStore(data_dir).settings()
        assert saved.daily_minutes_target == 15
        assert saved.day_start == time(8, 0)
        assert (saved.parent_idle_minutes, saved.kiosk_idle_minutes) == (20, 3)
        assert saved.theme == "textual-light" and app.theme == "textual-light"
        assert Assistance.FULL_PHYSICAL not in saved.assistance_levels
        assert len(saved.assistance_levels) == len(Assistance) - 1
        assert saved.caregiver == "mom"  # untouched
        # The family day follows the new day start, and Today follows the family day.
        assert app.family_today() == date(2026, 11, 25)
        assert app.screen.day == date(2026, 11, 25)
        header = static_text(app, "#day-header")
        assert "Wednesday 25 November" in header and "of 15 min" in header


async def test_the_practice_form_offers_only_the_levels_kept(make_app):
    from family_tui.screens.practice_form import PracticeForm

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_settings(app, pilot)
        for level in ("model", "partial_physical", "full_physical"):
            screen.query_one(f"#level-{level}", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeForm)
        values = form.query_one("#assistance", ChoiceField).values
        assert values == [None, Assistance.INDEPENDENT, Assistance.VERBAL, Assistance.VISUAL]


async def test_theme_is_tried_at_once_and_put_back_on_cancel(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.theme == "textual-dark"
        screen = await open_settings(app, pilot)
        screen.query_one("#f-theme", Select).value = "textual-light"
        await pilot.pause()
        assert app.theme == "textual-light"
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert FamilyStore(data_dir).settings().theme == "textual-dark"


async def test_saved_theme_is_used_at_the_next_start(make_app, store):
    store.update_settings(theme="textual-light")
    app = make_app()
    async with app.run_test(size=(100, 32)):
        assert app.theme == "textual-light"


async def test_bad_values_are_explained_next_to_their_field_and_nothing_is_saved(make_app, store, data_dir):
    before = store.settings()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_settings(app, pilot)
        set_input(screen, "daily_minutes_target", "0")
        set_input(screen, "day_start", "25:99")
        set_input(screen, "parent_idle_minutes", "")
        set_input(screen, "kiosk_idle_minutes", "999")
        for level in Assistance:
            screen.query_one(f"#level-{level.value}", Checkbox).value = False
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert error_text(screen, "daily_minutes_target") == "Daily target should be at least 1."
        assert error_text(screen, "day_start") == "Day starts: use HH:MM on a 24-hour clock, like 07:30 or 18:45."
        assert error_text(screen, "parent_idle_minutes") == "Parent lock should be a whole number."
        assert error_text(screen, "kiosk_idle_minutes") == "Kiosk return should be at most 240."
        assert error_text(screen, "assistance_levels") == "Keep at least one level of help."
        assert app.focused is screen.query_one("#f-daily_minutes_target", Input)
    assert FamilyStore(data_dir).settings() == before


async def test_a_change_made_meanwhile_in_another_copy_is_kept(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_settings(app, pilot)
        FamilyStore(data_dir).update_settings(caregiver="dad")
        set_input(screen, "daily_minutes_target", "20")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = FamilyStore(data_dir).settings()
    assert (saved.daily_minutes_target, saved.caregiver) == (20, "dad")


async def test_settings_open_from_the_editor_too(make_app):
    from family_tui.screens.editor import EditorScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await open_settings(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_settings_fit_at_80x24(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        set_input(screen, "daily_minutes_target", "12")
        screen.query_one("#save").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert FamilyStore(data_dir).settings().daily_minutes_target == 12


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_each_settings_row_shows_its_whole_label_and_field_on_one_line(make_app, size):
    """The rows are one line tall (form_base.field_row): a label that wrapped would lose its end."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(app, pilot)
        rows = list(screen.query(".field-row"))
        assert len(rows) == 7
        for row in rows:
            assert row.has_class("one-line")
            label = row.query_one(Label)
            shown = [strip.text.strip() for strip in label.render_lines(label.size.region)]
            assert shown == [str(label.content)], shown
            field = row.children[1]
            assert field.outer_size.height == 1 and field.region.width >= 20


async def test_the_short_day_hour_is_set_checked_and_cleared(make_app, data_dir):
    """Issue 26.2: the hour after which Today offers the short day; empty means never."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#f-short_day_from", Input).value == ""  # off until the family sets it
        set_input(screen, "short_day_from", "25:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Short day" in error_text(screen, "short_day_from")
        assert FamilyStore(data_dir).settings().short_day_from is None
        set_input(screen, "short_day_from", "17.30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert FamilyStore(data_dir).settings().short_day_from == time(17, 30)
        screen = await open_settings(app, pilot)
        assert screen.query_one("#f-short_day_from", Input).value == "17:30"
        set_input(screen, "short_day_from", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert FamilyStore(data_dir).settings().short_day_from is None
