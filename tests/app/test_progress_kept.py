"""Progress's figures are kept between its openings while nothing changed, and worked out
again after any change: a check-in here, or a write by another copy of the app."""

from __future__ import annotations

import weakref
from datetime import datetime

from family_tui.domain.models import Assistance
from family_tui.domain.progress import ProgressIndex
from family_tui.storage import FamilyStore, StorageError
from family_tui.widgets.heatmap import CalendarHeatmap
from tests.app.test_closed_screens_freed import freed
from tests.app.test_progress import THURSDAY, entry, history, open_progress  # noqa: F401  (history: fixture)
from tests.screen_text import static_text
from tests.waits import wait_until


def count_builds(monkeypatch) -> list[int]:
    built: list[int] = []
    original = ProgressIndex.from_history

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(ProgressIndex, "from_history", staticmethod(counting))
    return built


async def test_opening_progress_again_shows_the_same_figures_without_working_them_out(make_app, history, monkeypatch):
    built = count_builds(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        first = static_text(app, "#progress-week"), static_text(app, "#progress-streak")
        await pilot.press("escape")
        await open_progress(app, pilot)
        assert (static_text(app, "#progress-week"), static_text(app, "#progress-streak")) == first
        assert len(built) == 1


async def streak_after(make_app, monkeypatch, change) -> tuple[str, int]:
    """Progress's streak line after ``change`` (an async step, given the pilot) made between two
    openings, and how many times the figures were worked out."""
    built = count_builds(monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        assert "Practising today makes it 15." in static_text(app, "#progress-streak")
        await pilot.press("escape")
        await pilot.pause()
        await change(pilot)
        await open_progress(app, pilot)
        return static_text(app, "#progress-streak"), len(built)


async def test_a_check_in_between_openings_shows_in_the_figures(make_app, history, monkeypatch):
    async def check_in(pilot) -> None:
        await pilot.press("space")  # Leo's first item today, checked off
        await pilot.pause()

    streak, built = await streak_after(make_app, monkeypatch, check_in)
    assert "15 planned days in a row" in streak
    assert "Practising today makes it 15." not in streak
    assert built == 2


async def test_another_copys_check_in_between_openings_shows_in_the_figures(make_app, history, store, monkeypatch):
    async def other_copy_checks_in(pilot) -> None:
        store.record_practice(entry(THURSDAY, "leo", "snack-s", "breakfast", minutes=3, assistance=Assistance.VERBAL))

    streak, built = await streak_after(make_app, monkeypatch, other_copy_checks_in)
    assert "15 planned days in a row" in streak
    assert built == 2


# -- the screen itself is kept (screens/kept_screen.py) ------------------------------------


def shown(app) -> tuple[str, ...]:
    """What Progress shows of the figures and of whom they are."""
    return tuple(
        static_text(app, selector)
        for selector in ("#progress-header", "#progress-week", "#progress-streak", "#progress-consistency")
    ) + (str(app.screen.query_one("#progress-scope").query_one("SelectCurrent").query_one("#label").render()),)


async def what_a_new_copy_shows(make_app) -> tuple[str, ...]:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        return shown(app)


async def test_progress_opened_again_starts_on_the_first_child_at_the_top(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        first = await open_progress(app, pilot)
        opened = shown(app)
        await pilot.press("right")  # Maya
        await pilot.pause()
        await pilot.press("pagedown")  # the numbers on the right scrolled
        await pilot.pause()
        assert "Maya" in str(first.query_one("#progress-scope").query_one("SelectCurrent").query_one("#label").render())
        await pilot.press("escape")
        again = await open_progress(app, pilot)
        assert again is first  # kept, not built again
        assert shown(app) == opened
        assert again.query_one("#progress-details").scroll_y == 0


async def test_progress_opened_on_another_day_shows_that_day(make_app, history, clock):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        before = shown(app)
        await pilot.press("escape")
        clock.set(datetime(2026, 11, 27, 7, 5))  # Friday morning: nothing practised on Thursday
        await pilot.pause()
        await open_progress(app, pilot)
        after = shown(app)
    assert after != before
    assert after == await what_a_new_copy_shows(make_app)


async def header_background(app, pilot):
    await open_progress(app, pilot)
    await pilot.pause()
    return app.screen.query_one("#progress-header").rich_style.bgcolor


async def test_progress_opened_after_a_theme_change_is_drawn_in_that_theme(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        dark = await header_background(app, pilot)
        await pilot.press("escape")
        app.theme = "textual-light"
        await pilot.pause()
        kept = await header_background(app, pilot)
    new_copy = make_app()
    async with new_copy.run_test(size=(100, 32)) as pilot:
        new_copy.theme = "textual-light"
        await pilot.pause()
        light = await header_background(new_copy, pilot)
    assert light != dark
    assert kept == light


async def test_progress_that_could_not_read_the_history_tries_again_when_opened_again(make_app, history, monkeypatch):
    app = make_app()
    reads = {"failing": True}
    original = FamilyStore.practice_history

    def practice_history(self, *args, **kwargs):
        if reads["failing"]:
            raise StorageError("the practice log could not be read")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(FamilyStore, "practice_history", practice_history)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        assert any("could not be read" in n.message for n in app._notifications)
        assert static_text(app, "#progress-streak") == ""
        await pilot.press("escape")
        reads["failing"] = False
        await open_progress(app, pilot)
        assert "Practising today makes it 15." in static_text(app, "#progress-streak")


async def test_progress_built_again_after_a_check_in_leaves_the_old_one_to_be_freed(make_app, history):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        first = await open_progress(app, pilot)
        await pilot.press("escape")
        await pilot.press("space")  # a check-in: the figures shown are out of date
        await pilot.pause()
        again = await open_progress(app, pilot)
        assert again is not first
        old = weakref.ref(first)
        del first
        await wait_until(pilot, freed(old), "the Progress built before the check-in to be freed")


async def test_progress_opened_again_in_a_wider_window_uses_the_width(make_app, history):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(app, pilot)
        narrow = app.screen.query_one(CalendarHeatmap).visible_weeks
        await pilot.press("escape")
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        await open_progress(app, pilot)
        wide = app.screen.query_one(CalendarHeatmap).visible_weeks
        title = str(app.screen.query_one(CalendarHeatmap).border_title)
    new_copy = make_app()
    async with new_copy.run_test(size=(140, 40)) as pilot:
        await open_progress(new_copy, pilot)
        assert wide == new_copy.screen.query_one(CalendarHeatmap).visible_weeks > narrow
        assert title == str(new_copy.screen.query_one(CalendarHeatmap).border_title)
