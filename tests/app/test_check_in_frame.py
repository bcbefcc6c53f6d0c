"""A check-in reaches the screen in one drawing of what changed: no layout of the whole screen.

The ✓ must be on screen within a frame of the check-in being on disk. Laying Today out
again took longer than that, and a check-in changes no widget's height: the header's
counts and the card's last line change their words, not their number of lines. A change
of height (a note under the check-in) still lays the screen out.
"""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from family_tui.widgets.settled_layout import SettledLayout


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry for each layout of Today (or another settled screen)."""
    done: list[int] = []
    real = SettledLayout._refresh_layout

    def counting(screen, *args, **kwargs):
        done.append(1)
        return real(screen, *args, **kwargs)

    monkeypatch.setattr(SettledLayout, "_refresh_layout", counting)
    return done


def _rows(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]  # Textual private: as drawn


async def _as_laid_out_anew(app, pilot) -> list[str]:
    app.screen.refresh(layout=True)
    await pilot.pause()
    await pilot.pause()
    return _rows(app)


@pytest.mark.parametrize("size", [(160, 40), (100, 50)])
async def test_a_check_in_and_its_undo_draw_without_laying_today_out_again(make_app, layouts, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ("space", "down", "space", "u", "space"):
            layouts.clear()
            await pilot.press(key)
            await pilot.pause()
            if key != "down":  # another item's card: its own lines, laid out
                assert layouts == [], key
            drawn = _rows(app)
            assert drawn == await _as_laid_out_anew(app, pilot), key
        assert sum("✓" in row for row in _rows(app)) >= 2  # the list and the card say so


async def test_a_check_in_that_changes_the_cards_height_lays_it_out(make_app, layouts):
    # At 80 columns "Not yet today. Space marks it practised." takes two lines of the card, the ✓ line one.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("space", "down", "space", "u"):
            await pilot.press(key)
            await pilot.pause()
            drawn = _rows(app)
            assert drawn == await _as_laid_out_anew(app, pilot), key


async def test_a_note_under_a_check_in_still_lays_the_card_out_for_its_line(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#note", TextArea).text = "Said it twice\nand then a third time"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        drawn = _rows(app)
        assert any("Said it twice" in row for row in drawn)
        assert drawn == await _as_laid_out_anew(app, pilot)


async def test_space_marks_the_item_without_the_key_travelling_to_the_list_and_back(make_app, monkeypatch):
    """The list's space is a priority key: Textual runs it when the key reaches the app, instead of
    sending the key down to the list and waiting for it to come back up (a millisecond of every check-in)."""
    from textual import events
    from textual.widget import Widget

    from family_tui.widgets.checklist import PracticeChecklist

    sent: list[str] = []
    real = Widget._forward_event

    def forward(widget, event):
        if isinstance(event, events.Key) and isinstance(widget, PracticeChecklist):
            sent.append(event.key)
        return real(widget, event)

    monkeypatch.setattr(Widget, "_forward_event", forward)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("space", "down")
        await pilot.pause()
        assert sent == ["down"]
        assert sum("✓" in row for row in _rows(app)) >= 1
