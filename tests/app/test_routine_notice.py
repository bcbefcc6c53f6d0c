"""A routine's time comes while the app runs: a notice, the checklist moves if nobody types, never over a dialog.

The clock is the test's FixedClock; Today's once-a-second tick is called directly, so
no test waits on the wall clock. It is Thursday 26 November, 07:20: breakfast (07:15) is
on, getting dressed (07:45, Leo's buttons) is next.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from textual.widgets import Checkbox

from family_tui.domain.pin import hash_pin
from family_tui.screens.dialog import Dialog
from family_tui.screens.settings import SettingsScreen
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.checklist import PracticeChecklist

SIZE = (100, 32)
DRESSING = "Getting dressed, 07:45"


def notices(app) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]


def cursor(app) -> tuple[str, str] | None:
    item = app.screen.query_one(PracticeChecklist).highlighted_item
    return None if item is None else (item.routine.id, item.strategy.id)


def tick(app) -> None:
    """What Today does once a second."""
    today = next(s for s in app.screen_stack if isinstance(s, TodayScreen))
    today._tick()


@pytest.fixture
def bells(monkeypatch):
    rung: list[int] = []
    monkeypatch.setattr("family_tui.app.FamilyApp.bell", lambda self: rung.append(1))
    return rung


async def test_at_the_routines_time_a_notice_names_it_and_the_checklist_moves_to_it(make_app, clock, bells):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert cursor(app) == ("breakfast", "snack-s")
        clock.set(datetime(2026, 11, 26, 7, 44, 59))
        tick(app)
        await pilot.pause()
        assert notices(app) == [] and cursor(app) == ("breakfast", "snack-s")
        clock.advance(seconds=1)  # 07:45
        tick(app)
        await pilot.pause()
        assert notices(app) == [(DRESSING, "Leo: Buttons from the bottom up\n  say: Pinch, push, pull")]
        assert cursor(app) == ("dressing", "buttons")
        assert "◀ now" in str(app.screen.query_one(PracticeChecklist).get_option("routine:dressing").prompt)
        clock.advance(seconds=1)
        tick(app)  # the next second: not again
        await pilot.pause()
        assert len(notices(app)) == 1
        assert bells == []  # the bell is off unless the family turns it on


async def test_a_key_just_pressed_keeps_the_cursor_where_it_is(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.set(datetime(2026, 11, 26, 7, 44, 50))
        await pilot.press("j")  # someone is at the keyboard, on Maya's straw
        assert cursor(app) == ("breakfast", "straw")
        clock.advance(seconds=10)
        tick(app)
        await pilot.pause()
        assert [title for title, _ in notices(app)] == [DRESSING]
        assert cursor(app) == ("breakfast", "straw")


async def test_over_a_dialog_the_notice_waits_until_it_closes(make_app, clock, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")  # a note being written
        assert isinstance(app.screen, Dialog)
        clock.set(datetime(2026, 11, 26, 7, 46))
        tick(app)
        await pilot.pause()
        assert notices(app) == [] and isinstance(app.screen, Dialog)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        tick(app)
        await pilot.pause()
        assert [title for title, _ in notices(app)] == [DRESSING]
        assert cursor(app) == ("breakfast", "snack-s")  # a key was just pressed (escape)


async def test_an_item_marked_in_the_dialog_is_not_named_after_it_closes(make_app, clock, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.set(datetime(2026, 11, 26, 7, 44))
        await pilot.press("j", "j")  # the cursor on Leo's buttons (getting dressed is next)
        assert cursor(app) == ("dressing", "buttons")
        await pilot.press("d")
        assert isinstance(app.screen, Dialog)
        clock.advance(minutes=2)  # 07:46: getting dressed started under the form
        tick(app)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert len(FamilyStore(data_dir).practice_on(clock.now().date())) == 1
        tick(app)
        await pilot.pause()
        assert notices(app) == []  # nothing left to practise in it


async def test_the_bell_rings_with_the_notice_when_the_setting_is_on(make_app, store, clock, bells):
    store.update_settings(routine_bell=True)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.set(datetime(2026, 11, 26, 7, 45))
        tick(app)
        await pilot.pause()
        assert len(notices(app)) == 1 and bells == [1]
        clock.advance(seconds=1)
        tick(app)
        assert bells == [1]


async def test_the_bell_is_a_setting_off_by_default(make_app, data_dir):
    assert FamilyStore(data_dir).settings().routine_bell is False
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        box = screen.query_one("#f-routine_bell", Checkbox)
        assert box.value is False and "Bell at a routine's time" in str(box.label)
        box.value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert FamilyStore(data_dir).settings().routine_bell is True


async def test_cue_words_are_shown_as_typed_never_as_markup(make_app, store, clock):
    buttons = store.program().strategy("buttons")
    assert buttons is not None
    store.save(buttons.model_copy(update={"cue": "[bold]Pinch[/bold], push"}))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.set(datetime(2026, 11, 26, 7, 45))
        tick(app)
        await pilot.pause()
        [(_, message)] = notices(app)
        assert "say: [bold]Pinch[/bold], push" in message
        assert all(n.markup is False for n in app._notifications)


async def test_past_midnight_the_late_routine_comes_on_the_day_it_belongs_to(make_app, store, clock):
    """A 00:30 routine with the day starting at 03:00 is Thursday's, announced on Friday's calendar date."""
    from family_tui.domain.models import Routine

    store.update_settings(day_start=time(3, 0))
    store.save(Routine(id="late", name="Late story", time=time(0, 30)))
    straw = store.program().strategy("straw")
    assert straw is not None
    store.save(straw.model_copy(update={"routines": [*straw.routines, "late"]}))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        clock.set(datetime(2026, 11, 27, 0, 29))
        tick(app)
        clock.advance(minutes=1)
        tick(app)
        await pilot.pause()
        assert [title for title, _ in notices(app)] == ["Late story, 00:30"]
        assert cursor(app) == ("late", "straw")
        assert "Thursday 26" in str(app.screen.query_one("#day-header").content)


async def test_the_kiosk_announces_the_same_way(make_app, store, clock):
    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):  # "Who's practising?" (a dialog) first
            await pilot.press("escape")
        clock.set(datetime(2026, 11, 26, 7, 46))
        tick(app)
        await pilot.pause()
        assert [title for title, _ in notices(app)] == [DRESSING]


async def test_left_on_another_day_the_checklist_comes_back_to_today_for_the_routine(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("left_square_bracket")  # yesterday, then left alone
        assert "Wednesday 25" in str(app.screen.query_one("#day-header").content)
        clock.set(datetime(2026, 11, 26, 7, 45))
        tick(app)
        await pilot.pause()
        assert "Thursday 26" in str(app.screen.query_one("#day-header").content)
        assert cursor(app) == ("dressing", "buttons")
