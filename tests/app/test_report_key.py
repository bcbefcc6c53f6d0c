"""r on Progress: the weekly update lands in the data folder's reports/ and the app says where."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from family_tui.domain.models import Assistance, PracticeEntry
from family_tui.domain.pin import hash_pin
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.progress import ProgressScreen

PIN = "2468"
REPORT_NAME = "weekly-update-2026-11-26.md"


def practised(day: date, child: str, strategy: str, routine: str) -> PracticeEntry:
    stamp = datetime.combine(day, time(8, 0))
    return PracticeEntry(
        date=day,
        child=child,
        strategy=strategy,
        routine=routine,
        minutes=3,
        assistance=Assistance.VERBAL,
        created_at=stamp,
        updated_at=stamp,
    )


@pytest.fixture
def week(store):
    store.record_many(
        [
            practised(date(2026, 11, 24), "leo", "snack-s", "breakfast"),
            practised(date(2026, 11, 25), "leo", "snack-s", "breakfast"),
            practised(date(2026, 11, 25), "maya", "straw", "play"),
            # Outside the last seven days: not in this update.
            practised(date(2026, 11, 10), "leo", "bath-s", "bath"),
        ]
    )
    return store


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def press_report(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    await app.workers.wait_for_complete()
    assert isinstance(app.screen, ProgressScreen)
    await pilot.press("r")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_r_writes_the_weekly_update_and_says_where(make_app, week, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await press_report(app, pilot)
        path = data_dir / "reports" / REPORT_NAME
        assert path.is_file()
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Weekly practice update")
        assert "20–26 November 2026" in text
        assert "## Leo" in text and "## Maya" in text
        assert "S-words at breakfast: practised 2 of" in text
        assert any(str(path) in m for m in messages(app)), messages(app)


async def test_the_file_is_the_same_as_the_report_command_writes(make_app, week, data_dir, store):
    from family_tui.usecases.report import run_report

    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await press_report(app, pilot)
    assert (data_dir / "reports" / REPORT_NAME).read_text(encoding="utf-8") == run_report(store)


async def test_writing_again_replaces_the_days_file(make_app, week, data_dir):
    folder = data_dir / "reports"
    folder.mkdir()
    (folder / REPORT_NAME).write_text("old", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await press_report(app, pilot)
    assert (folder / REPORT_NAME).read_text(encoding="utf-8").startswith("# Weekly practice update")
    assert [p.name for p in folder.iterdir()] == [REPORT_NAME]  # no temporary files left


async def test_a_failed_write_is_reported_not_a_crash(make_app, week, data_dir):
    (data_dir / "reports").write_text("a file where the folder should be", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await press_report(app, pilot)
        assert app.is_running
        assert any(m.startswith("The weekly update was not written") for m in messages(app))


async def test_kiosk_asks_for_the_parent_pin_before_writing(make_app, week, store, data_dir):
    store.update_settings(pin_hash=hash_pin(PIN))
    app = make_app(kiosk=True)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        assert not (data_dir / "reports" / REPORT_NAME).exists()
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (data_dir / "reports" / REPORT_NAME).is_file()
        assert isinstance(app.screen, ProgressScreen)
