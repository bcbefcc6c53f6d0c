"""Progress's figures are kept between its openings while nothing changed, and worked out
again after any change: a check-in here, or a write by another copy of the app."""

from __future__ import annotations

from family_tui.domain.models import Assistance
from family_tui.domain.progress import ProgressIndex
from tests.app.test_progress import THURSDAY, entry, history, open_progress  # noqa: F401  (history: fixture)
from tests.screen_text import static_text


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
