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
    store.save(Note(kind=NoteKind.QUESTION, child="leo", text="Is it fine to practise on weekends?",
                    author="Mom", created_at=now, updated_at=now))
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
