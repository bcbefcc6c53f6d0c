"""Every dialog at 80x24: its own keys in its own footer, and its buttons on screen and reachable."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from family_tui.domain.pin import hash_pin
from family_tui.screens.form_base import FormScreen
from family_tui.widgets.footer import KeyFooter
from tests.app.test_every_dialog import DIALOGS, OPENERS, PIN, opened
from tests.screen_text import footer_keys, footer_line

SMALL = (80, 24)


@pytest.fixture
def open_small(make_app, store):
    def start(cls: type):
        opener = OPENERS[cls.__name__]
        if opener.setup is not None:
            opener.setup(store)
        if opener.kiosk:
            store.update_settings(pin_hash=hash_pin(PIN))
        return opener, make_app(kiosk=opener.kiosk)

    return start


def own_keys(dialog) -> set[str]:
    """What the dialog's own shown keys do now ("Save", "Cancel", "Yes", "No"; "Start afresh" with a draft)."""
    return {
        binding.description
        for _, binding in dialog._bindings
        if binding.show and binding.description and dialog.check_action(binding.action, ()) is not False
    }


@pytest.mark.parametrize("cls", DIALOGS, ids=[c.__name__ for c in DIALOGS])
async def test_every_dialog_shows_its_own_keys_and_its_buttons_at_80x24(open_small, cls):
    opener, app = open_small(cls)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, opener, cls)
        dialog = app.screen
        footer = dialog.query_one(KeyFooter)
        shown = set(footer_keys(app))
        assert own_keys(dialog) <= {words for _, words in shown}, (own_keys(dialog), shown)
        assert not {"Done", "Details", "Notes", "Progress"} & {words for _, words in shown}, shown
        if isinstance(dialog, FormScreen):
            assert ("ctrl+s", "Save") in shown and " ^s Save " in footer_line(app)
        assert len(footer_line(app).rstrip()) <= SMALL[0], footer_line(app)
        assert footer.region.bottom == SMALL[1]
        for button in dialog.query(Button):
            assert dialog.region.contains_region(button.region), (button.id, button.region)
            assert button.region.bottom <= footer.region.y, (button.id, button.region)
            for _ in range(40):  # tab reaches it, and it is still in view when it has the focus
                if dialog.focused is button:
                    break
                await pilot.press("tab")
            await pilot.pause()
            assert dialog.focused is button, button.id
            assert dialog.region.contains_region(button.region) and button.region.bottom <= footer.region.y
