"""PageDown in a dropdown the terminal has squeezed to nothing leaves the app running.

Found by random kiosk keys and resizes: with the details form's "Level of help" dropdown
open, shrinking the terminal to a sliver left the dropdown no width, and Textual's
PageDown raised ``KeyError: 0`` (``widgets/option_list_paging.py`` guards it). The
details form has no dropdowns now (widgets/choice_field.py); the win form's "Where" has.
A sliver of a terminal now shows "Make the window bigger" instead of the form
(screens/too_small.py): the key goes nowhere, and the dropdown pages once it has room.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectOverlay

from family_tui.domain.pin import hash_pin
from family_tui.screens.too_small import TooSmallScreen
from family_tui.widgets.option_list_paging import guard_page_keys
from family_tui.widgets.textual_checked import TEXTUAL_CHECKED


@pytest.mark.parametrize("key", ["pagedown", "pageup"])
async def test_page_keys_in_a_dropdown_with_no_room(make_app, store, key):
    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("w")  # a win: anyone may add one in kiosk mode
        await pilot.pause()
        help_level = app.screen.query_one("#setting", Select)
        help_level.focus()
        await pilot.press("enter")
        await pilot.pause()
        dropdown = help_level.query_one(SelectOverlay)
        assert help_level.expanded and dropdown.has_focus
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.resize_terminal(20, 4)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        highlighted = dropdown.highlighted
        await pilot.press(key)
        await pilot.pause()
        assert app._exception is None and app.is_running
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert dropdown.has_focus and dropdown.highlighted == highlighted
        await pilot.press(key)
        await pilot.pause()
        last = len(dropdown.options) - 1
        assert dropdown.highlighted == (last if key == "pagedown" else 0)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running


def test_the_guard_was_checked_on_this_textual():
    """An upgrade must re-check the guard against Textual's own ``_move_page`` (then move the pin)."""
    assert version("textual") == TEXTUAL_CHECKED
    guard_page_keys()  # as the app does on import; once only, whichever test ran first
    assert "_index_to_line[self.highlighted or 0]" in inspect.getsource(OptionList._move_page.__wrapped__)
