"""What the store finds wrong in the data, and another copy holding the folder, reach the screen.

Records left out as invalid were only in ``store.problems`` and the lock's "waiting for
another copy" went to standard error, which Textual keeps to itself while it runs.
"""

from __future__ import annotations

from datetime import date

from family_tui.app import MAINTENANCE_DELAY
from family_tui.domain.sync.records import record_id
from family_tui.screens.help import HelpScreen
from tests.log_lines import another_home_sets
from tests.screen_text import all_text
from tests.storage.storage_helpers import entry

DAY = date(2026, 11, 26)  # today: Today reads it at start


def spoil_one_entry(data_dir, store) -> None:
    """A practice record another computer wrote with minutes out of range, in its log."""
    store.record_practice(entry("straw-drinking", DAY, child="maya", routine="breakfast"))
    bad = entry("lip-closure", DAY).model_dump(mode="json") | {"id": "bad-record", "minutes": 9999}
    another_home_sets(data_dir, "practice", record_id("practice", bad), bad)


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_record_left_out_is_told_on_screen_and_listed_in_help(make_app, data_dir, store):
    spoil_one_entry(data_dir, store)
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause(MAINTENANCE_DELAY + 0.5)  # the check of what start-up read
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = [m for m in notifications(app) if "could not be read" in m]
        assert len(told) == 1
        assert "bad-record" in told[0] and "minutes" in told[0]
        assert "family-tui restore" in told[0] and "Press ? to see the list" in told[0]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = all_text(app)
        assert "Problems found in the data" in text and "bad-record" in text
        assert text.index("bad-record") < text.index("Keys")  # on top, where ? sends a parent


async def test_sound_data_says_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause(MAINTENANCE_DELAY + 0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [m for m in notifications(app) if "could not be read" in m]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Problems found in the data" not in all_text(app)


async def test_waiting_for_another_copy_is_told_on_screen(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        # What the lock's timer says after a moment of waiting (storage/lock.py), from its thread.
        import threading

        said = threading.Thread(
            target=app.store.lock.on_wait, args=("Waiting for another copy of family-tui (pid 4242)",)
        )
        said.start()
        said.join()
        await pilot.pause()
        assert any("pid 4242" in m for m in notifications(app))
        await pilot.press("question_mark")
        await pilot.pause()
        assert "pid 4242" in all_text(app)
