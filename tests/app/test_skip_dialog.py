"""The skip dialog shows the day's skips, opens on them, removes exactly what it says, takes a note."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Select

from family_tui.domain.models import SkipDay, SkipReason
from family_tui.screens.skip_day import FAMILY, SkipDayForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from tests.screen_text import static_text

THURSDAY = date(2026, 11, 26)


def skips(data_dir) -> list[SkipDay]:
    return FamilyStore(data_dir).skip_days()


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_skip(pilot) -> SkipDayForm:
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SkipDayForm)
    return pilot.app.screen


async def test_it_shows_the_day_s_skips_and_opens_on_them(make_app, store):
    store.save(SkipDay(date=THURSDAY, child="leo", reason=SkipReason.SICK, note="fever"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_skip(pilot)
        assert "Skipped: Leo (sick day: 'fever')" in static_text(app, "#skipped")
        assert dialog.query_one("#who", Select).value == "leo"
        assert dialog.query_one("#reason", Select).value == SkipReason.SICK
        assert dialog.query_one("#skip-note", Input).value == "fever"
        assert str(dialog.query_one("#clear", Button).label) == "Remove Leo's skip"


async def test_nothing_skipped_says_so(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_skip(pilot)
        assert "Nothing is skipped" in static_text(app, "#skipped")
        assert dialog.query_one("#who", Select).value == FAMILY
        assert dialog.query_one("#clear", Button).disabled


async def test_remove_takes_off_the_one_child_s_skip_and_says_so(make_app, store, data_dir):
    store.save_many(
        [
            SkipDay(date=THURSDAY, child="leo", reason=SkipReason.SICK, note="fever"),
            SkipDay(date=THURSDAY, child="maya", reason=SkipReason.HOLIDAY),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_skip(pilot)
        assert "Leo (sick day: 'fever'); Maya (holiday)" in static_text(app, "#skipped")
        clear = dialog.query_one("#clear", Button)
        clear.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert [(s.child, s.reason) for s in skips(data_dir)] == [("maya", SkipReason.HOLIDAY)]
        assert "Leo's skip removed (sick day)." in toasts(app)


async def test_remove_for_the_family_when_only_a_child_is_skipped_says_why(make_app, store, data_dir):
    store.save(SkipDay(date=THURSDAY, child="leo", reason=SkipReason.SICK))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_skip(pilot)
        dialog.query_one("#who", Select).value = FAMILY
        await pilot.pause()
        assert str(dialog.query_one("#clear", Button).label) == "Remove skip"
        assert await pilot.click("#clear")
        await pilot.pause()
        assert app.screen is dialog  # still open, saying why
        assert "The whole family is not skipped on this day (skipped: Leo)" in static_text(app, "#skip-error")
        assert len(skips(data_dir)) == 1


async def test_a_note_is_saved_on_disk_and_shown_next_time(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_skip(pilot)
        dialog.query_one("#skip-note", Input).focus()
        await pilot.press(*"fever")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [skip] = skips(data_dir)
        assert (skip.child, skip.reason, skip.note) == (None, SkipReason.SICK, "fever")
        await open_skip(pilot)
        assert "Skipped: The whole family (sick day: 'fever')" in static_text(app, "#skipped")
