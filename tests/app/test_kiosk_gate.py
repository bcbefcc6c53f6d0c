"""Kiosk gate: every key and click the app has either follows the kiosk rule or asks for the PIN.

The list of actions is read from the app (every BINDINGS of its screens and widgets, the
app's own keys, the button and click handlers), so a new key is covered at once: the
test fails until the table below says what it is.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, timedelta

import pytest
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList

import family_tui
from family_tui.app import FamilyApp
from family_tui.domain.models import Note, NoteKind, SkipDay, SkipReason, Win
from family_tui.domain.permissions import Write
from family_tui.domain.pin import hash_pin
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.skip_day import SkipDayForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.notes_pane import NOTE_PREFIX, NoteList, NotesPane
from family_tui.widgets.wins_log import WinsLog
from tests.screen_text import static_text

PIN = "2468"
SIZE = (100, 32)

LOOK = "look"
"""Moves, filters, opens a view: writes nothing."""
DIALOG = "dialog"
"""A dialog's own key or button: it hands its answer to the flow that opened it, which was gated."""
PARENT_SCREEN = "parent screen"
"""A key of a screen only a parent reaches (the editor, settings, the first-run screens)."""

EXPECTED: dict[str, Write | str] = {
    # The app, from any screen.
    "FamilyApp.add_win": Write.ADD_WIN,
    "FamilyApp.help": LOOK,
    "FamilyApp.quit": Write.QUIT,
    "FamilyApp.help_quit": LOOK,  # refused in kiosk mode
    "FamilyApp.lock": LOOK,
    "FamilyApp.command_palette": LOOK,  # refused in kiosk mode
    "Screen.app.focus_next": LOOK,
    "Screen.app.focus_previous": LOOK,
    "Screen.screen.copy_text": LOOK,
    # Today.
    "TodayScreen.toggle": Write.CHECK_IN,
    "TodayScreen.details": Write.CHECK_IN,
    "TodayScreen.undo": Write.UNDO,
    "TodayScreen.previous_day": LOOK,
    "TodayScreen.next_day": LOOK,
    "TodayScreen.today": LOOK,
    "TodayScreen.skip_day": Write.SKIP_DAY,
    "TodayScreen.caregiver": Write.CHOOSE_CAREGIVER,
    "TodayScreen.edit_program": Write.EDIT_PROGRAM,
    # e shown while no child is set up: refused once there is one (as here); else edit_program, PIN and all.
    "TodayScreen.set_up_program": LOOK,
    "TodayScreen.short_day": LOOK,
    "TodayScreen.settings": Write.CHANGE_SETTINGS,
    "TodayScreen.notes": LOOK,
    "TodayScreen.add_note": Write.ADD_NOTE,
    "TodayScreen.wins_log": LOOK,
    "TodayScreen.progress": LOOK,
    "TodayScreen.mark_nth": Write.CHECK_IN,
    "PracticeChecklist.select": Write.CHECK_IN,
    "PracticeChecklist.cursor_down": LOOK,
    "PracticeChecklist.cursor_up": LOOK,
    "PracticeChecklist._on_option_list_option_selected": Write.CHECK_IN,
    # The notes pane (the therapist's update is under the cursor; "answer": an answered question).
    "NotesPane.edit": Write.CHANGE_NOTE,
    "NotesPane.delete": Write.DELETE_NOTE,
    "NotesPane.answer": Write.CHANGE_ANSWER,
    "NotesPane.not_a_question": LOOK,  # says that only a question gets an answer
    "NotesPane.no_note": LOOK,  # e or x on an empty list: says there is no note
    "NotesPane.add": Write.ADD_NOTE,
    "NotesPane.leave": LOOK,
    "NoteList.cursor_down": LOOK,
    "NoteList.cursor_up": LOOK,
    "NotesPane.filter_child": LOOK,
    "NotesPane.filter_kind": LOOK,
    "NotesPane.search": LOOK,
    "NotesPane.clear_filter": LOOK,
    "NotesPane._selected": Write.CHANGE_NOTE,  # enter on a note, or a click
    "SearchBox.cancel": LOOK,
    # Wins.
    "WinsScreen.back": LOOK,
    "WinsScreen.add_win": Write.ADD_WIN,
    "WinsLog.edit": Write.CHANGE_WIN,
    "WinsLog.delete": Write.DELETE_WIN,
    "WinsLog.filter_child": LOOK,
    "WinsLog.filter_goal": LOOK,
    "WinsLog.clear_filter": LOOK,
    "WinsLog._selected": Write.CHANGE_WIN,  # enter on a win, or a click
    # Progress and help.
    "ProgressScreen.back": LOOK,
    "ProgressScreen.next_child": LOOK,
    "ProgressScreen.previous_child": LOOK,
    "ProgressScreen.report": Write.WRITE_REPORT,
    "ProgressScreen.cue_cards": Write.WRITE_CARDS,
    "ProgressScreen.scroll_details": LOOK,
    "ProgressScreen.select_child": LOOK,
    "CalendarHeatmap.on_click": LOOK,
    "StrategyCard.on_click": LOOK,  # opens the "show me how" link, in parent mode only (tests/app/test_media_on_card.py)
    "HelpScreen.dismiss_help": LOOK,
    "Dialog.app.help": LOOK,  # ? (or f1) in any dialog: its keys, over it
    # Dialogs: what they return is written by the flow that opened them.
    "FormScreen.cancel": DIALOG,
    # A field of a dialog: changes what the dialog will hand back, nothing on disk.
    "ChoiceField.move": DIALOG,
    "ChoiceField.cycle": DIALOG,
    "ChoiceField.first": DIALOG,
    "ChoiceField.last": DIALOG,
    "ChoiceField.on_click": DIALOG,
    "FormScreen.save": DIALOG,
    "FormScreen.on_button_pressed": DIALOG,
    "FormScreen.start_afresh": DIALOG,  # puts the form's own values back in its fields
    "SkipDayForm.on_button_pressed": DIALOG,
    "ConfirmScreen.confirm": DIALOG,
    "ConfirmScreen.cancel": DIALOG,
    "ConfirmScreen.switch": DIALOG,
    "ConfirmScreen.on_button_pressed": DIALOG,
    "CaregiverPicker.cancel": DIALOG,
    "CaregiverPicker.on_option_list_option_selected": DIALOG,
    "ReportAudiencePicker.cancel": DIALOG,
    "ReportAudiencePicker.on_option_list_option_selected": DIALOG,
    "ChoiceList.select": DIALOG,  # enter in a picker: what the picker hands back
    "PinPrompt.cancel": DIALOG,
    # Behind the PIN already.
    "EditorScreen.back": PARENT_SCREEN,
    "ReportView.back": PARENT_SCREEN,  # opened only once Progress's r was allowed (WRITE_REPORT)
    "ReportView.save": PARENT_SCREEN,
    "EditorScreen.add": PARENT_SCREEN,
    "EditorScreen.edit": PARENT_SCREEN,
    "EditorScreen.archive": PARENT_SCREEN,
    "EditorScreen.delete": PARENT_SCREEN,
    "EditorScreen.move": PARENT_SCREEN,
    "EditorScreen.library": PARENT_SCREEN,
    "EditorScreen.settings": PARENT_SCREEN,
    "EditorScreen.switch_tab": PARENT_SCREEN,
    "EditorScreen._selected": PARENT_SCREEN,
    "TabStrip.on_click": LOOK,  # shows another tab of the editor
    "LibraryPicker.cancel": PARENT_SCREEN,
    "LibraryPicker.on_option_list_option_selected": PARENT_SCREEN,
    "ConfirmDelete.cancel": PARENT_SCREEN,
    "ConfirmDelete.on_button_pressed": PARENT_SCREEN,
    "GuidedSetupScreen.back": PARENT_SCREEN,
    "GuidedSetupScreen.next": PARENT_SCREEN,
    "GuidedSetupScreen.on_button_pressed": PARENT_SCREEN,
    "GuidedSetupScreen.start_afresh": PARENT_SCREEN,
    # The first-run screen (never shown in kiosk mode; each way in is set-up all the same).
    "WelcomeScreen.not_now": LOOK,
    "WelcomeScreen.on_button_pressed": Write.SET_UP,
}

CLICKS = (Button.Pressed, OptionList.OptionSelected, events.Click)
HANDLER_NAMES = {
    "on_button_pressed",
    "on_option_list_option_selected",
    "_on_option_list_option_selected",
    "on_click",
}


def _modules():
    for package in (family_tui,):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            yield importlib.import_module(info.name)


def _action_name(action: str) -> str:
    return action.split("(", 1)[0]


def _bindings(cls: type) -> list[str]:
    found = []
    for binding in cls.__dict__.get("BINDINGS", []):
        action = binding.action if isinstance(binding, Binding) else binding[1]
        found.append(_action_name(action))
    return found


def app_actions(data_dir) -> set[str]:
    """Every key and click of the app, as "Class.action" (or "Class.handler")."""
    found: set[str] = set()
    for module in _modules():
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, (DOMNode, App)):
                continue
            found |= {f"{cls.__name__}.{a}" for a in _bindings(cls)}
            handlers = cls.__dict__.get("_decorated_handlers") or {}
            for message, methods in handlers.items():
                if message in CLICKS:
                    found |= {f"{cls.__name__}.{method.__name__}" for method, _ in methods}
            found |= {f"{cls.__name__}.{name}" for name in HANDLER_NAMES if name in cls.__dict__}
    # The keys Textual gives every screen, and those the app adds when it is made (ctrl+p).
    found |= {f"Screen.{a}" for a in _bindings(Screen)}
    app = FamilyApp(data_dir)
    found |= {f"FamilyApp.{_action_name(b.action)}" for _, b in app._bindings}
    return found


def test_every_action_of_the_app_is_in_the_table(data_dir, store):
    actions = app_actions(data_dir)
    missing = sorted(actions - EXPECTED.keys())
    assert not missing, f"say in EXPECTED what these need in kiosk mode: {missing}"
    stale = sorted(EXPECTED.keys() - actions)
    assert not stale, f"no longer in the app: {stale}"


# -- every reachable action, run in kiosk mode without the PIN --------------------------------


@pytest.fixture
def kiosk(make_app, store, clock):
    store.update_settings(pin_hash=hash_pin(PIN))
    now = clock.now()
    update = Note(
        kind=NoteKind.UPDATE,
        child="leo",
        text="Ms. Rivera: practise /s/ at breakfast.",
        author="Ms. Rivera",
        created_at=now,
        updated_at=now,
    )
    answered = Note(
        kind=NoteKind.QUESTION,
        child="leo",
        text="Is lisping fine?",
        author="Mom",
        created_at=now - timedelta(days=2),
        updated_at=now,
        answer="Yes, for now.",
        answered_at=now,
    )
    win = Win(child="leo", goal="leo-s", text="Said 'sun' all by himself", when=now, who="Dad")
    store.save_many([update, answered, win])
    return make_app(kiosk=True), update, answered, win


def snapshot(data_dir) -> bytes:
    return (data_dir / "family.json").read_bytes()


async def open_context(pilot, app: FamilyApp, where: str, action: str, notes: dict[str, str]):
    """Today with the right thing under the cursor; returns the node the action runs on."""
    today = app.return_to_today()
    assert today is not None
    from family_tui.widgets.checklist import PracticeChecklist

    today.remove_class("-notes-open")
    today.query_one(NotesPane).action_clear_filter()
    today.query_one(PracticeChecklist).focus()
    await pilot.pause()
    if where == "FamilyApp":
        return app
    if where == "TodayScreen":
        return today
    if where == "PracticeChecklist":
        return today.query_one(PracticeChecklist)
    if where == "NotesPane":
        await pilot.press("n")
        await pilot.pause()
        pane = today.query_one(NotesPane)
        pane.select_note(notes["answer" if action == "answer" else "edit"])
        return pane
    if where in ("WinsScreen", "WinsLog"):
        await pilot.press("W")
        await pilot.pause()
        return app.screen if where == "WinsScreen" else app.screen.query_one(WinsLog)
    if where == "ProgressScreen":
        await pilot.press("p")
        await pilot.pause()
        return app.screen
    if where == "HelpScreen":
        await pilot.press("question_mark")
        await pilot.pause()
        return app.screen
    return None


RUN_IN_KIOSK = (
    "FamilyApp",
    "TodayScreen",
    "PracticeChecklist",
    "NotesPane",
    "WinsScreen",
    "WinsLog",
    "ProgressScreen",
    "HelpScreen",
)
PARAMETERS = {"mark_nth": "mark_nth(1)", "scroll_details": "scroll_details(1)", "select_child": "select_child(1)"}


async def test_in_kiosk_mode_every_action_follows_the_rule_or_asks_for_the_pin(kiosk, data_dir):
    app, update, answered, _win = kiosk
    notes = {"edit": update.id, "answer": answered.id}
    checked: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):  # "Who's practising?" at start
            await pilot.press("escape")
        for name, expected in sorted(EXPECTED.items()):
            where, _, action = name.partition(".")
            if where not in RUN_IN_KIOSK:
                continue
            node = await open_context(pilot, app, where, action, notes)
            before = snapshot(data_dir)
            if action.startswith("_on") or action in ("_selected",):
                chooser = node.query_one(NoteList) if isinstance(node, NotesPane) else node
                chooser.action_select()
            else:
                await node.run_action(PARAMETERS.get(action, action))
            await pilot.pause()
            asked = isinstance(app.screen, PinPrompt)
            parent_only = isinstance(expected, Write) and expected.parent_only
            assert asked is parent_only, f"{name}: {'asked' if asked else 'did not ask'} for the PIN"
            if asked:
                assert static_text(app, "#pin-reason") == f"Enter the parent PIN to {expected.reason}."
                await pilot.press("escape")
                await pilot.pause()
                assert snapshot(data_dir) == before, f"{name} wrote without the PIN"
            assert app.return_code is None, f"{name} closed the kiosk"
            checked.append(name)
    assert {"NotesPane.edit", "NotesPane._selected", "WinsLog.edit", "WinsLog._selected", "FamilyApp.quit"} <= set(
        checked
    )


# -- the therapist's words, in kiosk mode ----------------------------------------------------


def stored_notes(data_dir) -> dict[str, Note]:
    return {n.id: n for n in FamilyStore(data_dir).notes()}


async def test_e_on_a_therapist_update_asks_for_the_pin_and_esc_keeps_it(kiosk, data_dir):
    app, update, _answered, _win = kiosk
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):
            await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(NotesPane).select_note(update.id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        assert static_text(app, "#pin-reason") == "Enter the parent PIN to change a note."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert stored_notes(data_dir)[update.id] == update


async def test_clicking_a_note_or_a_win_asks_for_the_pin(kiosk, data_dir):
    app, update, _answered, win = kiosk
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):
            await pilot.press("escape")
        notes = app.screen.query_one(NoteList)
        index = next(i for i in range(notes.option_count) if notes.get_option_at_index(i).id == NOTE_PREFIX + update.id)
        assert index == 1  # under "This week's focus", one line each
        await pilot.click(NoteList, offset=(3, index))
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt), "a click on the therapist's update opened it without the PIN"
        await pilot.press("escape")
        await pilot.pause()
        assert stored_notes(data_dir)[update.id] == update

        await pilot.press("W")
        await pilot.pause()
        log = app.screen.query_one(WinsLog)
        top = log.content_region.y - log.region.y  # below its border
        await pilot.click(WinsLog, offset=(3, top))
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt), "a click on a win opened it without the PIN"
        await pilot.press("escape")
        await pilot.pause()
        assert FamilyStore(data_dir).wins() == [win]


async def test_adding_a_note_and_a_win_and_a_first_answer_need_no_pin(kiosk, data_dir, store, clock):
    app, _update, _answered, _win = kiosk
    question = Note(
        kind=NoteKind.QUESTION,
        child="maya",
        text="Straw or cup?",
        author="Mom",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    store.save(question)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):
            await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, PinPrompt)
        await pilot.press(*"Leo said sun")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.text == "Leo said sun" for n in stored_notes(data_dir).values())

        await pilot.press("w")
        await pilot.pause()
        assert not isinstance(app.screen, PinPrompt)
        await pilot.press(*"Drank a whole cup")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(w.text == "Drank a whole cup" for w in FamilyStore(data_dir).wins())

        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(NotesPane).select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, PinPrompt)
        await pilot.press(*"Cup first")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_notes(data_dir)[question.id].answer == "Cup first"
        assert stored_notes(data_dir)[question.id].answered_by == "Ms. Rivera"  # Maya's therapist
        # Rewording that answer is changing it: the PIN.
        app.screen.query_one(NotesPane).select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        assert static_text(app, "#pin-reason") == "Enter the parent PIN to change an answer."


# -- skipped days, in kiosk mode (issue 21.6) --------------------------------------------------


async def test_a_skip_that_exists_is_changed_or_removed_only_with_the_pin(kiosk, store, data_dir):
    app, _update, _answered, _win = kiosk
    sick = SkipDay(date=date(2026, 11, 26), child="leo", reason=SkipReason.SICK, note="fever, said Mom")
    store.save(sick)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):
            await pilot.press("escape")

        async def ask(then_keys) -> None:
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, SkipDayForm)
            await then_keys(app.screen)
            await pilot.pause()

        async def remove(form) -> None:
            assert await pilot.click("#clear")  # "Remove Leo's skip"

        async def reword(form) -> None:
            form.query_one("#skip-note", Input).value = "just tired"
            await pilot.press("ctrl+s")

        for keys, words in ((remove, "remove a skipped day"), (reword, "change a skipped day")):
            await ask(keys)
            assert isinstance(app.screen, PinPrompt), words
            assert static_text(app, "#pin-reason") == f"Enter the parent PIN to {words}."
            await pilot.press("escape")
            await pilot.pause()
            assert FamilyStore(data_dir).skip_days() == [sick], f"{words} without the PIN"

        await ask(remove)  # with the PIN it goes
        await pilot.press(*PIN, "enter")
        await pilot.pause()
        assert FamilyStore(data_dir).skip_days() == []


async def test_adding_a_skip_needs_no_pin(kiosk, data_dir):
    app, _update, _answered, _win = kiosk
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, TodayScreen):
            await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the whole family, sick day
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [skip] = FamilyStore(data_dir).skip_days()
        assert skip.child is None
