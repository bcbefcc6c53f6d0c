"""A form left with typed changes (Cancel, esc, the kiosk going back to Today) keeps them as a draft.

Issue 21.1: leaving a form dropped what was typed without a word. Now the next opening
of the same form puts it back and says so; ctrl+r starts afresh; saving drops the draft.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static, TextArea

from family_tui.domain.pin import hash_pin
from family_tui.screens.drafts import field_widgets, read_value
from family_tui.screens.editor.forms import RecordForm
from family_tui.screens.form_base import FormScreen
from family_tui.screens.guided_setup import GuidedSetupScreen
from family_tui.screens.note_form import AnswerForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from tests.app.test_every_dialog import DIALOGS, OPENERS, opened, state

SMALL = (80, 24)
THURSDAY = date(2026, 11, 26)
FORMS = [cls for cls in DIALOGS if issubclass(cls, FormScreen)]


async def settle(pilot, times: int = 4) -> None:
    for _ in range(times):
        await pilot.pause()


def notice(screen) -> str:
    widget = screen.query_one("#draft-notice", Static)
    return str(widget.content) if widget.display else ""


def notifications(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def first_text_field(screen):
    return next(w for w in field_widgets(screen) if isinstance(w, (Input, TextArea)) and not w.disabled)


async def type_into(pilot, widget) -> object:
    widget.focus()
    await pilot.pause()
    await pilot.press(*("7" if isinstance(widget, Input) and widget.type == "integer" else "zz"))
    await pilot.pause()
    return read_value(widget)


async def reopen(pilot, opener, cls) -> None:
    """Open the same form again from where leaving it went (the editor, the notes pane, Today)."""
    if issubclass(cls, RecordForm):
        await pilot.press("enter")  # the same record, still highlighted
    elif cls is AnswerForm:
        await pilot.press("r")  # the same question, the notes pane still open
    else:
        await opener.open(pilot)
    await settle(pilot)


@pytest.mark.parametrize("leave", ["escape", "cancel"])
@pytest.mark.parametrize("cls", FORMS, ids=[c.__name__ for c in FORMS])
async def test_leaving_a_form_with_typed_changes_keeps_them_for_the_next_opening(make_app, store, cls, leave):
    opener = OPENERS[cls.__name__]
    if opener.setup is not None:
        opener.setup(store)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        before = await opened(pilot, opener, cls)
        form = app.screen
        field = first_text_field(form)
        original = read_value(field)
        typed = await type_into(pilot, field)
        assert typed != original
        if leave == "escape":
            await pilot.press("escape")
        else:
            form.query_one("#cancel").focus()
            await pilot.pause()
            await pilot.press("enter")
        await settle(pilot)
        assert form not in app.screen_stack
        assert state(app.data_dir) == before, "leaving saved something"
        assert "What you typed is kept" in notifications(app)
        await reopen(pilot, opener, cls)
        again = app.screen
        assert type(again) is cls and again is not form
        assert read_value(again.query_one(f"#{field.id}")) == typed
        assert "Not saved yet" in notice(again)


async def test_a_form_left_unchanged_keeps_no_draft_and_says_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "kept" not in notifications(app)
        await pilot.press("d")
        await settle(pilot)
        assert notice(app.screen) == ""


async def test_the_draft_is_saved_with_ctrl_s_and_then_forgotten(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"sock", "escape")
        await settle(pilot)
        assert FamilyStore(data_dir).practice_on(THURSDAY) == []
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one("#note", TextArea).text == "sock"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
        assert entry.note == "sock"
        await pilot.press("d")
        await settle(pilot)
        assert notice(app.screen) == ""


async def test_ctrl_r_starts_afresh_and_forgets_the_draft(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"sock", "escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert ("ctrl+r", "Start afresh") in [(k.key, k.description) for k in app.screen.query_one("KeyFooter").keys()]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.query_one("#note", TextArea).text == ""
        assert notice(app.screen) == ""
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one("#note", TextArea).text == ""


async def test_a_draft_belongs_to_its_own_form(make_app):
    """Another item's details open as they are, not with the draft of the first."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"sock", "escape")
        await settle(pilot)
        await pilot.press("down", "d")
        await settle(pilot)
        assert app.screen.query_one("#note", TextArea).text == ""
        assert notice(app.screen) == ""


async def test_a_win_draft_comes_back_with_its_child_and_that_childs_goal(make_app):
    """A choice that changes the choices after it (another child's goals) is put back first."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        form.query_one("#child", Select).value = "maya"
        await settle(pilot)
        form.query_one("#goal", Select).value = "maya-straw"
        form.query_one("#win-text", TextArea).focus()
        await pilot.press(*"sips", "escape")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot, 8)
        again = app.screen
        assert again.query_one("#child", Select).value == "maya"
        assert again.query_one("#goal", Select).value == "maya-straw"
        assert again.query_one("#win-text", TextArea).text == "sips"


async def test_the_kiosk_going_back_to_today_keeps_what_was_typed(make_app, store, clock, data_dir):
    store.update_settings(pin_hash=hash_pin("2468"), kiosk_idle_minutes=5)
    app = make_app(kiosk=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        today = app.screen
        assert isinstance(today, TodayScreen)
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press(*"half a cup")
        clock.advance(minutes=6)
        app.kiosk_tick()
        await settle(pilot)
        assert app.screen is today
        assert FamilyStore(data_dir).practice_on(THURSDAY) == []
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one("#note", TextArea).text == "half a cup"
        assert "Not saved yet" in notice(app.screen)


async def test_the_guided_setup_left_early_keeps_what_was_typed(tmp_path, clock):
    from family_tui.app import make_app

    app = make_app(tmp_path / "empty", clock=clock)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        welcome = app.screen
        app.push_screen(GuidedSetupScreen())
        await settle(pilot)
        await pilot.press(*"Leo", "ctrl+n")
        await settle(pilot)
        await pilot.press(*"Grandpa Joe", "escape", "escape")
        await settle(pilot)
        assert app.screen is welcome
        assert "What you typed is kept" in notifications(app)
        app.push_screen(GuidedSetupScreen())
        await settle(pilot, 8)
        setup = app.screen
        assert setup.query_one("#child-name", Input).value == "Leo"
        assert setup.query_one("#caregiver-0", Input).value == "Grandpa Joe"
        assert "Not saved yet" in str(setup.query_one("#draft-notice", Static).content)


async def test_the_guided_setups_draft_brings_back_the_routine_rows_it_added(tmp_path, clock):
    from family_tui.app import make_app

    app = make_app(tmp_path / "empty", clock=clock)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.push_screen(GuidedSetupScreen())
        await settle(pilot)
        setup = app.screen
        await pilot.press(*"Leo", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert setup.step == 2
        rows = setup.routine_rows  # the routines step is built when first shown
        await setup.add_routine_row()
        await setup.add_routine_row()
        await settle(pilot)
        await pilot.press(*"Swim class")
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
        assert app.screen is not setup
        app.push_screen(GuidedSetupScreen())
        await settle(pilot, 8)
        again = app.screen
        assert again.routine_rows == rows + 2
        assert again.query_one(f"#routine-name-{rows + 1}", Input).value == "Swim class"
        await pilot.press("ctrl+r")
        await settle(pilot, 8)
        assert again.query_one(f"#routine-name-{rows + 1}", Input).value == ""
        assert again.query_one("#child-name", Input).value == ""


async def test_a_draft_brings_back_only_what_was_changed_not_stale_values_of_the_rest(make_app, store, data_dir):
    """Changed elsewhere meanwhile (another copy of the app): the draft does not put the old value back."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("S")
        await settle(pilot)
        app.screen.query_one("#f-daily_minutes_target", Input).focus()
        await pilot.press("2", "5", "escape")
        await settle(pilot)
        store.update_settings(kiosk_idle_minutes=9)  # the kitchen laptop, meanwhile
        await pilot.press("S")
        await settle(pilot, 8)
        form = app.screen
        assert form.query_one("#f-daily_minutes_target", Input).value == "25"
        assert form.query_one("#f-kiosk_idle_minutes", Input).value == "9"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = FamilyStore(data_dir).settings()
    assert (saved.daily_minutes_target, saved.kiosk_idle_minutes) == (25, 9)
