"""ctrl+p: the command palette offers what the screen it was opened on can do, and does it."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from family_tui.domain.pin import hash_pin
from family_tui.screens.progress import ProgressScreen
from family_tui.screens.today import TodayScreen
from family_tui.screens.wins import WinsScreen
from family_tui.widgets.notes_pane import NotesPane

SIZE = (80, 24)


async def open_palette(app, pilot, query: str = "") -> list[str]:
    """Press ctrl+p, type ``query``; the prompts the palette lists, top first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(app)
    if query:
        await pilot.press(*query)
    # The palette gathers its commands in a worker and shows them a moment later.
    for _ in range(50):
        await pilot.pause(0.02)
        options = app.screen.query_one(CommandList).options
        if options:
            break
    return [str(option.prompt).split("\n")[0] for option in app.screen.query_one(CommandList).options]


async def test_typing_part_of_a_name_and_enter_runs_the_screens_action(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TodayScreen)
        prompts = await open_palette(app, pilot, "wins lo")
        assert prompts[0] == "Wins log"
        await pilot.press("enter")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert isinstance(app.screen, WinsScreen)


async def test_a_form_offers_its_own_keys_not_the_text_fields_editing_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")  # the program editor, then the first child's form
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        prompts = await open_palette(app, pilot)
        assert {"Save", "Cancel"} <= set(prompts)
        assert not {"Go to start", "Move cursor left and select", "Paste text from the clipboard"} & set(prompts)
        assert "Open the command palette" not in prompts


async def test_the_palette_lists_the_keys_of_the_screen_it_was_opened_on(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        today = await open_palette(app, pilot)
        assert {"Progress", "Notes", "Wins log", "Skip day", "Settings", "Help", "Quit"} <= set(today)
        assert "Report" not in today
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        progress = await open_palette(app, pilot, "report")
        assert progress[0] == "Report"
        assert "Wins log" not in await open_palette_again(app, pilot)


async def open_palette_again(app, pilot) -> list[str]:
    await pilot.press("escape")
    await pilot.pause()
    return await open_palette(app, pilot)


async def test_what_check_action_turns_off_is_not_offered(make_app):
    """Details and undo are the checklist's keys: with the notes pane focused, neither is offered."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "Details" in await open_palette(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(NotesPane).has_focus_within
        prompts = await open_palette(app, pilot)
        assert "Details" not in prompts and "Undo" not in prompts
        assert "Lock" not in prompts  # the kiosk's parent-mode key, off outside kiosk mode


async def test_kiosk_mode_has_no_palette_even_in_parent_mode(make_app, store):
    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.try_pin("2468")
        assert app.parent_mode
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
