"""At 80x24 every key the footer offers is on screen: none is cut off at the right edge."""

from __future__ import annotations

from family_tui.domain.models import Note, NoteKind
from tests.screen_text import footer_line


def assert_all_visible(app, *expected: str) -> None:
    line = footer_line(app).rstrip()
    assert line and len(line) <= 80, line
    for words in expected:
        assert words in line, line


async def test_every_screen_s_footer_fits_80_columns(make_app, store, clock):
    now = clock.now()
    store.save(
        Note(
            kind=NoteKind.QUESTION,
            child="leo",
            text="Is it fine to practise on weekends?",
            author="Mom",
            created_at=now,
            updated_at=now,
        )
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert_all_visible(app, "Done", "Undo", "Notes", "Quit")

        await pilot.press("n")  # the notes pane, focused: its own keys first
        await pilot.pause()
        assert_all_visible(app, "Edit", "Delete", "Answer", "Quit")
        assert "Details" not in footer_line(app)

        await pilot.press("n", "W")  # the wins log
        await pilot.pause()
        assert_all_visible(app, "Edit", "Delete", "Child", "Goal", "Back", "Quit")

        await pilot.press("escape", "p")  # Progress
        await pilot.pause()
        assert_all_visible(app, "Back", "Report", "Quit")


# -- the editor, parent mode on a kiosk, and every dialog ------------------------------------


def assert_help_fits(app) -> None:
    line = footer_line(app).rstrip()
    assert len(line) <= 80, line
    assert " ? Help" in line, line


async def test_the_editor_s_footer_keeps_help_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"
        assert_all_visible(app, "Back", "Add", "Archive", "Delete", "Library", "Quit")
        assert_help_fits(app)


async def test_parent_mode_on_a_kiosk_keeps_help_at_80_columns(make_app, store, clock):
    from family_tui.domain.pin import hash_pin

    store.update_settings(pin_hash=hash_pin("2468"), caregiver="mom")
    app = make_app(kiosk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *"2468", "enter")  # the editor, after the PIN
        await pilot.pause()
        assert app.parent_unlocked and type(app.screen).__name__ == "EditorScreen"
        assert_help_fits(app)
        await pilot.press("escape")
        await pilot.pause()
        assert_help_fits(app)
        assert_all_visible(app, "Done", "Details", "Undo", "Quit")
        await pilot.press("n")  # the notes pane's keys too
        await pilot.pause()
        assert_help_fits(app)
        await pilot.press("n", "W")
        await pilot.pause()
        assert_help_fits(app)
        await pilot.press("escape", "p")
        await pilot.pause()
        assert_help_fits(app)


async def test_today_s_help_tells_where_the_weekly_update_is(make_app):
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one(Static).content)
        assert "Update for a therapist" in text and "p, then r" in text
