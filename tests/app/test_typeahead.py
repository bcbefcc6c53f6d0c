"""Keys typed right after the key that opens a form go to that form, in order.

Every key here is sent in one burst (tests/key_burst.py), the way a fast typist or a
terminal sends them: ``pilot.press`` would wait for the app to settle after each key.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import pytest
from textual import events
from textual.app import App
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from family_tui.app import make_app as factory
from family_tui.domain.models import PracticeEntry
from family_tui.domain.pin import hash_pin
from family_tui.screens.guided_setup import GuidedSetupScreen
from family_tui.screens.practice_form import PracticeForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.ui_support.typeahead import KeyOrder
from tests.key_burst import SETTLE_SECONDS, burst, key_event

THURSDAY = date(2026, 11, 26)
SIZE = (100, 32)
PIN = "2468"


def entries(data_dir) -> list[PracticeEntry]:
    return FamilyStore(data_dir).practice_on(THURSDAY)


async def test_details_typed_straight_after_d_land_in_their_fields(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # Result, Help given, Where, Who, Minutes, then Correct: 3, Out of: 4, Note: fast.
        await burst(pilot, "d", *["tab"] * 5, "3", "tab", "4", "tab", *"fast", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        [entry] = entries(data_dir)
        assert (entry.strategy, entry.trials_correct, entry.trials_total, entry.note) == ("snack-s", 3, 4, "fast")


async def test_a_note_typed_straight_after_a(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "a", *"Ate peas!", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert [n.text for n in FamilyStore(data_dir).notes()] == ["Ate peas!"]


async def test_a_win_typed_straight_after_w(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "w", *"Sock on", "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        assert [w.text for w in FamilyStore(data_dir).wins()] == ["Sock on"]


async def test_guided_setup_routine_name_tab_time(tmp_path, clock):
    app = factory(tmp_path / "new-family", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, GuidedSetupScreen)
        # Step 1 (the child) and step 2 (who helps) typed in one go, then a routine.
        await burst(pilot, *"Sam", "enter", *"Mom", "enter", "enter", "enter", "enter")
        assert setup.step == 2
        assert app.focused is setup.query_one("#routine-name-0", Input)
        for field in ("#routine-name-0", "#routine-time-0"):
            setup.query_one(field, Input).value = ""
        await burst(pilot, *"Getting dressed", "tab", *"07:45")
        assert setup.query_one("#routine-name-0", Input).value == "Getting dressed"
        assert setup.query_one("#routine-time-0", Input).value == "07:45"


async def test_kiosk_quit_with_the_pin_typed_straight_after_q(make_app, store):
    store.update_settings(pin_hash=hash_pin(PIN))
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "q", *PIN, "enter")
        assert app._exit, "the app should be closing after q and the right PIN"


# -- the details form saved as it opens (issue 13.6) ----------------------------------------


@pytest.fixture
def counted_yesterday(store, clock):
    """Yesterday Leo's S-words were counted 4 of 5: today's form offers 5 as the total."""
    when = datetime(2026, 11, 25, 7, 30)
    store.record_practice(
        PracticeEntry(
            date=date(2026, 11, 25),
            child="leo",
            strategy="snack-s",
            routine="breakfast",
            trials_correct=4,
            trials_total=5,
            created_at=when,
            updated_at=when,
        )
    )


@pytest.mark.parametrize("keys", [["ctrl+s"], ["tab"] * 8 + ["enter"]], ids=["ctrl+s", "tab-to-save-enter"])
async def test_the_details_form_saved_unchanged_saves_and_closes(make_app, data_dir, counted_yesterday, keys):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeForm)
        assert form.query_one("#trials-total", Input).value == "5"
        assert form.query_one("#trials-correct", Input).value == ""
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen), "the form should close"
        [entry] = entries(data_dir)
        assert entry.strategy == "snack-s"
        assert (entry.trials_correct, entry.trials_total) == (None, None)


async def test_a_total_the_parent_typed_still_needs_its_correct_count(make_app, data_dir, counted_yesterday):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#trials-total", Input).value = "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PracticeForm)
        assert entries(data_dir) == []


class Busy(Message):
    """A message that takes a while to handle, as everything does on a machine under load."""


class Field(Widget, can_focus=True):
    def __init__(self, id: str) -> None:
        super().__init__(id=id)
        self.keys: list[str] = []

    async def on_busy(self) -> None:
        await asyncio.sleep(0.05)

    async def on_key(self, event: events.Key) -> None:
        self.keys.append(event.key)
        if event.key in ("enter", "ctrl+z"):
            self.app.query_one("#second").focus()
        if event.key == "ctrl+z":
            await self.app.stuck.wait()  # handles nothing more until the test lets it


class Typist(App):
    """The app's own way with keys (family_tui/app.py), around two fields."""

    def __init__(self) -> None:
        super().__init__()
        self.key_order = KeyOrder(self, super().on_event)
        self.stuck = asyncio.Event()

    def compose(self):
        yield Field("first")
        yield Field("second")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.key_order.arrived(event)
            return
        await super().on_event(event)


async def test_a_key_typed_after_enter_waits_for_a_busy_field_however_long_it_takes():
    """Enter moves the focus once the busy field gets to it (3 s); the x typed after it goes where Enter went.

    The app used to let the next key go two seconds after the last, slow or not: x went to
    the field Enter was leaving.
    """
    app = Typist()
    async with app.run_test() as pilot:
        first, second = app.query_one("#first", Field), app.query_one("#second", Field)
        first.focus()
        await pilot.pause()
        for _ in range(60):
            first.post_message(Busy())
        await burst(pilot, "enter", "x")
        assert (first.keys, second.keys) == (["enter"], ["x"])


async def test_a_key_stuck_in_a_field_that_handles_nothing_more_lets_the_next_key_go():
    """The one wait on time that stays: a field that has handled nothing for two seconds."""
    app = Typist()
    async with app.run_test() as pilot:
        first, second = app.query_one("#first", Field), app.query_one("#second", Field)
        first.focus()
        await pilot.pause()
        for key in ("ctrl+z", "x"):
            event = key_event(key)
            event.set_sender(app)
            app.post_message(event)
        try:
            await asyncio.wait_for(app.key_order.settled(), SETTLE_SECONDS)
        finally:
            app.stuck.set()
        assert (first.keys, second.keys) == (["ctrl+z"], ["x"])
