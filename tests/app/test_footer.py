"""The footer: the screen's keys on one line; clicking a key presses it."""

from __future__ import annotations

from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.notes_pane import NotesPane
from tests.screen_text import footer_keys, footer_line


async def test_the_footer_shows_today_s_keys_in_order_and_follows_the_focus(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert footer_keys(app)[:2] == [("space", "Done"), ("d", "Details")]  # the list's key first
        assert footer_line(app).startswith(" space Done  d Details  u Undo  n Notes ")
        assert footer_line(app).rstrip().endswith(" q Quit")
        await pilot.press("n")
        await pilot.pause()
        assert " a Add " in footer_line(app) and "Details" not in footer_line(app)


async def test_clicking_a_key_in_the_footer_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert not pane.display  # at 80 columns the notes pane waits for n
        column = footer_line(app).index(" n Notes") + 1
        assert await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert pane.display and pane.has_focus_within
