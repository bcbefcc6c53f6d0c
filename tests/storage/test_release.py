"""The main file's parsed contents leave memory once every table is held validated."""

from __future__ import annotations

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import NOON, note, raw_ids, state, win


def read_everything(store: FamilyStore) -> None:
    store.program()
    store.notes()
    store.wins()
    store.skip_days()
    store.settings()


def test_released_after_every_table_is_read_and_nothing_is_lost_on_the_next_write(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    first, second = note("One."), note("Two.")
    store.save_many([first, second, win("A win.")])
    reader = FamilyStore(data_dir, clock=clock, maintain=False)
    read_everything(reader)
    assert reader._main.storage._data is None  # released

    # Reading again uses what is held; writing reads the file again and keeps everything.
    assert {n.id for n in reader.notes()} == {first.id, second.id}
    third = note("Three.")
    reader.save(third)
    assert raw_ids(state(data_dir) / "family.json", "notes") == {first.id, second.id, third.id}
    assert len(raw_ids(state(data_dir) / "family.json", "wins")) == 1
    assert {n.id for n in reader.notes()} == {first.id, second.id, third.id}
    reader.update_settings(daily_minutes_target=25)
    assert FamilyStore(data_dir, clock=clock).settings().daily_minutes_target == 25


def test_a_released_store_still_sees_another_copys_changes(data_dir, clock):
    kitchen = FamilyStore(data_dir, clock=clock)
    bedroom = FamilyStore(data_dir, clock=FixedClock(NOON), maintain=False)
    read_everything(bedroom)
    assert bedroom._main.storage._data is None

    added = note("From the kitchen.")
    kitchen.save(added)
    kitchen.update_settings(kiosk_idle_minutes=7)
    assert [n.id for n in bedroom.notes()] == [added.id]
    assert bedroom.settings().kiosk_idle_minutes == 7
