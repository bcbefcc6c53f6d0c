"""Who's practising belongs to the screen in use: each running copy keeps its own choice.

Issue 21.2: the choice was kept in family.json, so Abuela picking herself in one copy
switched the other copy too, and Papa's next tick there was saved as Abuela's. Now each
copy keeps its choice, and this computer remembers the last one for the next start,
in a local state folder outside the family's data.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import TextArea

from family_tui.domain.locations import STATE_DIR_ENV, local_state_dir
from family_tui.screens.caregiver_picker import CaregiverPicker
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.storage.this_computer import last_caregiver, practising_file, remember_caregiver
from tests.screen_text import all_text, static_text
from tests.waits import wait_until

ROOT = Path(__file__).resolve().parents[2]
THURSDAY = date(2026, 11, 26)
SIZE = (80, 24)

OTHER_COPY = """
import asyncio, sys
from pathlib import Path
from family_tui.app import make_app

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "enter")  # from Mom (highlighted) to Dad
        await pilot.pause()
        print(app.practising.chosen)

asyncio.run(main())
"""


def pick_dad_in_another_copy(data_dir: Path) -> None:
    """A second, real process opens the same folder, picks Dad and quits."""
    result = subprocess.run(
        [sys.executable, "-c", OTHER_COPY, str(data_dir)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "dad"


async def test_another_copy_choosing_does_not_change_who_practises_here(make_app, data_dir, today_ticks):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Mom practising" in static_text(app, "#day-header")

        pick_dad_in_another_copy(data_dir)
        await today_ticks.next(pilot)  # Today's poll has looked at the folder again
        assert "Mom practising" in static_text(app, "#day-header")

        await pilot.press("space")  # a check-in here is Mom's
        await pilot.pause()
        [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
        assert entry.caregiver == "mom"

        await pilot.press("a")  # so is a note
        await pilot.pause()
        await pilot.press(*"Ate well")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = FamilyStore(data_dir).notes()
        assert note.author == "Mom"

        await pilot.press("w")  # and a win
        await pilot.pause()
        app.screen.query_one("#win-text", TextArea).insert("Said sun")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [win] = FamilyStore(data_dir).wins()
        assert win.who == "Mom"

    # Nothing of it went into the family's shared data; a new start here offers Dad, chosen last.
    assert FamilyStore(data_dir).settings().caregiver == "mom"
    assert last_caregiver(data_dir) == "dad"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Dad practising" in static_text(again, "#day-header")


async def test_the_picker_says_where_the_choice_is_kept(make_app, local_state):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaregiverPicker)
        words = " ".join(all_text(app).split())
        assert "this screen only" in words
        assert f"kept in {local_state}, not in the family's data" in words


async def test_a_damaged_local_file_means_ask(make_app, store, data_dir, local_state):
    from family_tui.domain.pin import hash_pin

    store.update_settings(pin_hash=hash_pin("2468"), caregiver=None)
    path = practising_file(data_dir)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00{not json")
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaregiverPicker)  # the kiosk asks, as with nothing kept
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert last_caregiver(data_dir) == "dad"  # the damaged file replaced whole


async def test_a_choice_that_cannot_be_remembered_still_holds_here(make_app, data_dir, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the state folder should be")
    monkeypatch.setenv(STATE_DIR_ENV, str(blocker))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "down", "enter")
        await pilot.pause()
        assert "Dad practising" in static_text(app, "#day-header")
        assert any("Not remembered for the next start" in str(n.message) for n in app._notifications)
        await pilot.press("space")
        await pilot.pause()
        [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
        assert entry.caregiver == "dad"


async def test_a_caregiver_deleted_elsewhere_is_not_recorded(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "down", "enter")  # Dad
        await pilot.pause()
        other = FamilyStore(data_dir)
        dad = other.program().caregiver("dad")
        other.update(dad, None)  # deleted in another copy (he practised nothing yet)
        await wait_until(
            pilot, lambda: "Who's practising? press c" in static_text(app, "#day-header"), "Dad's deletion to show"
        )
        await pilot.press("space")
        await pilot.pause()
        [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
        assert entry.caregiver is None


async def test_family_json_s_old_choice_serves_only_until_one_is_made_here(make_app, data_dir):
    """The migration: ``settings.caregiver`` ("mom" in the fixture) is the first default, nothing more."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Mom practising" in static_text(app, "#day-header")
    remember_caregiver(data_dir, "dad")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Dad practising" in static_text(app, "#day-header")


# -- the local file ------------------------------------------------------------------------


def test_the_local_file_is_per_data_folder_and_outside_it(tmp_path, local_state):
    first, second = tmp_path / "family", tmp_path / "other-family"
    assert last_caregiver(first) is None
    written = remember_caregiver(first, "abuela")
    remember_caregiver(second, "papa")
    assert written.is_relative_to(local_state) and not written.is_relative_to(first)
    assert (last_caregiver(first), last_caregiver(second)) == ("abuela", "papa")
    assert last_caregiver(tmp_path / "family" / ".." / "family") == "abuela"  # the same folder, resolved
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert all(not p.name.startswith(".") for p in written.parent.iterdir())  # no temporary file left


def test_damaged_or_foreign_contents_read_as_nothing_kept(tmp_path):
    folder = tmp_path / "family"
    path = remember_caregiver(folder, "mom")
    for damaged in (b"", b"[1, 2]", b'{"caregiver": "mom"}', b"\xff\xfe", path.read_bytes()[:-5]):
        path.write_bytes(damaged)
        assert last_caregiver(folder) is None, damaged
    text = remember_caregiver(folder, "mom").read_text().replace(str(folder.resolve()), "/elsewhere")
    path.write_text(text)  # a file of another folder (a hash clash) is not this folder's
    assert last_caregiver(folder) is None


def test_the_state_folder_follows_xdg_without_the_override(monkeypatch, tmp_path):
    monkeypatch.delenv(STATE_DIR_ENV)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    if sys.platform.startswith("linux"):
        assert local_state_dir() == tmp_path / "xdg-state" / "family-tui"
