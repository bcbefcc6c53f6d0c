"""Every dialog the app has, every one of its buttons: by keyboard, by mouse, twice in a burst.

The dialogs are found, not listed: every modal screen class under ``family_tui.screens``
must have a way to open it in ``OPENERS`` below, so a new dialog fails here until it does.
Each button does what it says (Cancel saves nothing, Save saves), the dialog closes once,
and the app is still running whatever arrives after.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, TextArea

import family_tui.screens
from family_tui.domain.models import Note, NoteKind, SkipDay, SkipReason
from family_tui.domain.pin import hash_pin
from family_tui.screens.dialog import Dialog
from family_tui.screens.editor import EditorScreen
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.storage.this_computer import last_caregiver
from tests.key_burst import burst

THURSDAY = date(2026, 11, 26)
WRITTEN = datetime(2026, 11, 25, 19, 0)
PIN = "2468"
SIZE = (100, 32)


def modal_screen_classes() -> set[type]:
    """Every ModalScreen subclass the app defines that is opened itself (not only a base)."""
    for module in pkgutil.walk_packages(family_tui.screens.__path__, "family_tui.screens."):
        importlib.import_module(module.name)
    found: set[type] = set()
    todo = [ModalScreen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("family_tui."):
                found.add(sub)
    return {cls for cls in found if not any(other is not cls and issubclass(other, cls) for other in found)}


def state(data_dir) -> dict:
    """Everything a dialog could save, read by a fresh store as another process would."""
    store = FamilyStore(data_dir)
    return {
        "program": store.program().model_dump(),
        "practice": [e.model_dump() for e in store.practice_on(THURSDAY)],
        "skips": [s.model_dump() for s in store.skip_days()],
        "notes": [n.model_dump() for n in store.notes()],
        "wins": [w.model_dump() for w in store.wins()],
        "settings": store.settings().model_dump(),
    }


# -- how each dialog is opened ------------------------------------------------------------


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def open_editor_tab(pilot, steps: int, key: str = "enter") -> None:
    await press(pilot, "e")
    assert isinstance(pilot.app.screen, EditorScreen)
    for _ in range(steps):
        await press(pilot, "right")
    await press(pilot, key)


async def open_note(pilot, key: str) -> None:
    await press(pilot, "n")
    await press(pilot, key)


async def type_text(pilot, text: str) -> None:
    """Type into the dialog's text area, so that Save has something to save."""
    area = pilot.app.screen.query(TextArea).first()
    area.focus()
    await pilot.pause()
    await pilot.press(*text)


@dataclass
class Opener:
    open: Callable[..., Awaitable[None]]
    outcomes: dict[str, Callable[[dict, dict], bool]]
    """Button id -> does the store after (second) against before (first) show what it says?"""
    fill: Callable[..., Awaitable[None]] | None = None
    kiosk: bool = False
    setup: Callable[[FamilyStore], None] | None = None
    choose: list[str] = field(default_factory=list)
    """Pickers without buttons: what choosing an option by enter or click does."""


def unchanged(before: dict, after: dict) -> bool:
    return before == after


def changed(key: str) -> Callable[[dict, dict], bool]:
    return lambda before, after: (
        after[key] != before[key]
        and {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}
    )


def same_or_changed(key: str) -> Callable[[dict, dict], bool]:
    """A record saved as it was: the only part that may differ is ``key``'s."""
    return lambda before, after: (
        {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}
    )


def family_skip(store: FamilyStore) -> None:
    store.save(SkipDay(date=THURSDAY, child=None, reason=SkipReason.HOLIDAY))


def a_note(store: FamilyStore) -> None:
    store.save(
        Note(
            kind=NoteKind.OBSERVATION,
            child="leo",
            text="Keep or go?",
            author="Mom",
            created_at=WRITTEN,
            updated_at=WRITTEN,
        )
    )


def a_question(store: FamilyStore) -> None:
    store.save(
        Note(
            kind=NoteKind.QUESTION,
            child="leo",
            text="Lisp or not?",
            author="Mom",
            created_at=WRITTEN,
            updated_at=WRITTEN,
        )
    )


def skip_reason(reason: str) -> Callable[[dict, dict], bool]:
    return lambda before, after: [s["reason"] for s in after["skips"]] == [reason]


def no_skips(before: dict, after: dict) -> bool:
    return after["skips"] == [] and before["skips"] != []


def one_entry(before: dict, after: dict) -> bool:
    return len(after["practice"]) == 1 and before["practice"] == []


def editor_record(steps: int) -> Opener:
    # Saved unchanged: the program stays as it was, and the form closes.
    return Opener(lambda pilot: open_editor_tab(pilot, steps), {"save": unchanged, "cancel": unchanged})


def record_archived(before: dict, after: dict) -> bool:
    return any(c.get("archived") for c in after["program"]["children"]) and not any(
        c.get("archived") for c in before["program"]["children"]
    )


def record_deleted(before: dict, after: dict) -> bool:
    return len(after["program"]["children"]) == len(before["program"]["children"]) - 1


async def open_pin(pilot) -> None:
    await press(pilot, "e")


async def type_pin(pilot) -> None:
    await pilot.press(*PIN)


OPENERS: dict[str, Opener] = {
    "PracticeForm": Opener(lambda p: press(p, "d"), {"save": one_entry, "cancel": unchanged}),
    "SkipDayForm": Opener(
        lambda p: press(p, "s"),
        {"save": skip_reason("holiday"), "clear": no_skips, "cancel": unchanged},  # opens on the day's skip
        setup=family_skip,
    ),
    "CaregiverPicker": Opener(lambda p: press(p, "c", "down"), {}, choose=["caregiver"]),
    "ReportAudiencePicker": Opener(lambda p: press(p, "p", "r"), {}, choose=["update"]),
    "ConfirmScreen": Opener(
        lambda p: open_note(p, "x"),
        {"confirm": lambda b, a: a["notes"] == [] and b["notes"] != [], "cancel": unchanged},
        setup=a_note,
    ),
    "NoteForm": Opener(
        lambda p: press(p, "a"), {"save": changed("notes"), "cancel": unchanged}, fill=lambda p: type_text(p, "Sock on")
    ),
    "AnswerForm": Opener(
        lambda p: open_note(p, "r"),
        {"save": changed("notes"), "cancel": unchanged},
        fill=lambda p: type_text(p, "Yes"),
        setup=a_question,
    ),
    "WinForm": Opener(
        lambda p: press(p, "w"), {"save": changed("wins"), "cancel": unchanged}, fill=lambda p: type_text(p, "Sock on!")
    ),
    "SettingsScreen": Opener(lambda p: press(p, "S"), {"save": same_or_changed("settings"), "cancel": unchanged}),
    "HelpScreen": Opener(lambda p: press(p, "question_mark"), {}),
    "PinPrompt": Opener(open_pin, {}, kiosk=True, fill=type_pin, choose=["unlock"]),
    "LibraryPicker": Opener(lambda p: open_editor_tab(p, 0, "L"), {}, choose=["form"]),
    "ConfirmDelete": Opener(
        lambda p: open_editor_tab(p, 0, "delete"),
        {"archive": record_archived, "delete": record_deleted, "cancel": unchanged},
    ),
    "ChildForm": editor_record(0),
    "CaregiverForm": editor_record(1),
    "TherapistForm": editor_record(2),
    "RoutineForm": editor_record(3),
    "GoalForm": editor_record(4),
    "StrategyForm": editor_record(5),
}

DIALOGS = sorted(modal_screen_classes(), key=lambda cls: cls.__name__)
BUTTONS = [(cls, button) for cls in DIALOGS for button in OPENERS.get(cls.__name__, Opener(press, {})).outcomes]


def test_every_dialog_is_found_has_an_opener_and_closes_once():
    names = {cls.__name__ for cls in DIALOGS}
    assert {"PracticeForm", "SkipDayForm", "ConfirmScreen", "PinPrompt", "ConfirmDelete"} <= names
    missing = names - set(OPENERS)
    assert not missing, f"no way to open {sorted(missing)} in OPENERS: add one"
    not_once = [cls.__name__ for cls in DIALOGS if not issubclass(cls, Dialog)]
    assert not not_once, f"{not_once} do not derive from Dialog (closed once)"


@pytest.fixture
def run(make_app, store, data_dir):
    """Open ``cls`` as a user does; returns the app, the pilot context and the state before."""

    def start(cls: type):
        opener = OPENERS[cls.__name__]
        if opener.setup is not None:
            opener.setup(store)
        if opener.kiosk:
            store.update_settings(pin_hash=hash_pin(PIN))
        return opener, make_app(kiosk=opener.kiosk)

    return start


async def opened(pilot, opener: Opener, cls: type) -> dict:
    await opener.open(pilot)
    await pilot.pause()
    assert type(pilot.app.screen) is cls, f"{cls.__name__} did not open (got {pilot.app.screen!r})"
    if opener.fill is not None:
        await opener.fill(pilot)
        await pilot.pause()
    return state(pilot.app.data_dir)


def still_running(app) -> bool:
    return app.is_running and app.return_code is None and not app._exit


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("how", ["keyboard", "mouse", "double enter"])
@pytest.mark.parametrize(("cls", "button_id"), BUTTONS, ids=[f"{c.__name__}-{b}" for c, b in BUTTONS])
async def test_every_button_does_what_it_says_and_closes_once(run, cls, button_id, how):
    opener, app = run(cls)
    async with app.run_test(size=SIZE) as pilot:
        before = await opened(pilot, opener, cls)
        dialog = app.screen
        ids = {b.id for b in dialog.query(Button)}
        assert ids <= set(opener.outcomes), f"{cls.__name__}: buttons {sorted(ids - set(opener.outcomes))} untested"
        assert button_id in ids
        button = dialog.query_one(f"#{button_id}", Button)
        if how == "mouse":
            button.scroll_visible(animate=False)  # as a person scrolls a long form to its buttons
            await pilot.pause()
            assert await pilot.click(button)
        else:
            button.focus()
            await pilot.pause()
            await burst(pilot, *(["enter"] if how == "keyboard" else ["enter", "enter"]))
        await settle(pilot)
        assert still_running(app)
        assert dialog not in app.screen_stack
        assert opener.outcomes[button_id](before, state(app.data_dir)), f"{cls.__name__} {button_id} ({how})"


@pytest.mark.parametrize("cls", DIALOGS, ids=[c.__name__ for c in DIALOGS])
async def test_escape_closes_every_dialog_and_saves_nothing(run, cls):
    opener, app = run(cls)
    async with app.run_test(size=SIZE) as pilot:
        before = await opened(pilot, opener, cls)
        dialog = app.screen
        await burst(pilot, "escape", "escape")
        await settle(pilot)
        assert still_running(app)
        assert dialog not in app.screen_stack
        assert state(app.data_dir) == before


PICKERS = [cls for cls in DIALOGS if OPENERS.get(cls.__name__, Opener(press, {})).choose]


@pytest.mark.parametrize("how", ["keyboard", "mouse", "double enter"])
@pytest.mark.parametrize("cls", PICKERS, ids=[c.__name__ for c in PICKERS])
async def test_choosing_in_a_picker_closes_it_once(run, cls, how):
    """Dialogs with no buttons: enter (or a click) on what is chosen, once or twice at once."""
    opener, app = run(cls)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, opener, cls)
        dialog = app.screen
        if how == "mouse" and dialog.query(OptionList):
            options = dialog.query_one(OptionList)
            y = options.gutter.top + (options.highlighted or 0) - round(options.scroll_offset.y)
            assert await pilot.click(options, offset=(3, y))
        else:
            await burst(pilot, *(["enter"] if how != "double enter" else ["enter", "enter"]))
        await settle(pilot)
        assert still_running(app)
        assert dialog not in app.screen_stack
        what = opener.choose[0]
        if what == "caregiver":
            assert app.practising.chosen == last_caregiver(app.data_dir) == "dad"
            assert isinstance(app.screen, TodayScreen)
        elif what == "unlock":
            assert app.parent_unlocked and isinstance(app.screen, EditorScreen)
        elif what == "form":
            assert type(app.screen).__name__ == "StrategyForm"
        elif what == "update":
            assert type(app.screen).__name__ == "ReportView"
            assert [type(s).__name__ for s in app.screen_stack].count("ReportView") == 1


async def test_the_skip_dialogs_buttons_no_longer_crash(make_app, data_dir):
    """Issue 13.1 as reported: Today, s, Tab to "Skip the day", enter."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "s", "tab", "tab", "tab", "enter")  # Who, Why, Note, "Skip the day"
        await settle(pilot)
        assert still_running(app) and isinstance(app.screen, TodayScreen)
        assert [s.reason for s in FamilyStore(data_dir).skip_days()] == [SkipReason.SICK]
        await press(pilot, "s", *["tab"] * 5, "enter")  # Cancel ("Remove skip" is between)
        await settle(pilot)
        assert still_running(app) and isinstance(app.screen, TodayScreen)
        assert len(FamilyStore(data_dir).skip_days()) == 1


async def test_kiosk_whos_practising_enter_enter_at_once(make_app, store, data_dir):
    """Issue 17.4 as reported: the kiosk asks "Who's practising?"; enter twice in one burst."""
    store.update_settings(pin_hash=hash_pin(PIN), caregiver=None)
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.screen
        assert type(picker).__name__ == "CaregiverPicker"
        await burst(pilot, "enter", "enter")
        await settle(pilot)
        assert still_running(app) and isinstance(app.screen, TodayScreen)
        assert app.practising.chosen == last_caregiver(data_dir) == "mom"


@pytest.mark.parametrize("cls", DIALOGS, ids=[c.__name__ for c in DIALOGS])
async def test_a_dialog_closed_twice_closes_once(run, cls):
    """Whatever asks a dialog to close a second time (a late message, a timer) changes nothing."""
    opener, app = run(cls)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, opener, cls)
        dialog = app.screen
        under = app.screen_stack[:-1]
        dialog.dismiss(None)
        dialog.dismiss(None)
        await settle(pilot)
        assert still_running(app)
        assert app.screen_stack == under
