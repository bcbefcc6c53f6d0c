"""r on Progress: update for whom? Then the update on screen; s saves it into reports/ and says where."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from family_tui.domain.models import Assistance, PracticeEntry
from family_tui.domain.pin import hash_pin
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.progress import ProgressScreen
from family_tui.screens.report_view import ReportAudiencePicker, ReportView

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


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def press_report(app, pilot) -> None:
    """Progress, r, the whole family (the last choice), then s: the whole family's update saved."""
    await pilot.pause()
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, ProgressScreen)
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, ReportAudiencePicker)
    await pilot.press("end", "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, ReportView)
    await pilot.press("s")
    await settle(app, pilot)


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
        await settle(app, pilot)
        assert isinstance(app.screen, ReportAudiencePicker)
        await pilot.press("end", "enter")
        await settle(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert (data_dir / "reports" / REPORT_NAME).is_file()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


# -- for whom, on screen, saved ------------------------------------------------------------


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static"))


def headings(app, level: int) -> list[str]:
    """The update's headings of that level, as rendered (Textual's MarkdownH1, MarkdownH2...)."""
    return [str(h.render()) for h in app.screen.query(f"MarkdownH{level}")]


async def open_picker(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("p")
    await settle(app, pilot)
    await pilot.press("r")
    await pilot.pause()


async def test_the_picker_lists_each_therapist_with_the_discipline_and_the_whole_family(make_app, week):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_picker(app, pilot)
        assert isinstance(app.screen, ReportAudiencePicker)
        options = app.screen.query_one("OptionList")
        shown = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert shown == ["Ms. Rivera  Speech therapy", "The whole family"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_a_therapists_update_on_screen_and_s_saves_it_under_their_id(make_app, week, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_picker(app, pilot)
        await pilot.press("enter")  # Ms. Rivera, the first choice
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        text = screen_text(app)
        assert "Weekly practice update for Ms. Rivera, Speech therapy" in headings(app, 1)
        assert "At a glance" in headings(app, 2)
        assert "Button his own shirt" not in text  # OT: not Ms. Rivera's
        assert not (data_dir / "reports").exists()  # nothing written until s
        await pilot.press("s")
        await settle(app, pilot)
        path = data_dir / "reports" / "weekly-update-2026-11-26-rivera.md"
        assert path.read_text(encoding="utf-8").startswith("# Weekly practice update for Ms. Rivera")
        assert any(str(path) in m for m in messages(app)), messages(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_clicking_a_choice_opens_that_update(make_app, week):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_picker(app, pilot)
        options = app.screen.query_one("OptionList")
        await pilot.click(options, offset=(4, options.region.height - 2))  # the last line: the whole family
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        assert headings(app, 1) == ["Weekly practice update"]
        assert "for Ms. Rivera" not in screen_text(app)


async def test_keys_sent_at_once_choose_once_and_close_the_picker(make_app, week):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_picker(app, pilot)
        await pilot.press("enter", "enter")  # a second enter must not choose again or pop Progress
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        assert len([s for s in app.screen_stack if isinstance(s, ReportView)]) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_typed_text_in_the_update_is_shown_as_typed_never_as_markup(make_app, store):
    from family_tui.domain.models import Note, NoteKind

    hostile = "O'Brien [Jr] [/x] [@click=app.quit]x[/]"
    stamp = datetime(2026, 11, 25, 20, 0)
    store.save(
        Note(kind=NoteKind.QUESTION, child="leo", author="Mom", text=hostile, created_at=stamp, updated_at=stamp)
    )
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_picker(app, pilot)
        await pilot.press("end", "enter")
        await settle(app, pilot)
        assert hostile in screen_text(app)
        assert app.is_running


def test_the_footer_of_the_update_fits_80_columns():
    from family_tui.screens.report_view import ReportView

    words = "  ".join(f"{b.key} {b.description}" for b in ReportView.BINDINGS)  # type: ignore[union-attr]
    assert len(words) < 80
