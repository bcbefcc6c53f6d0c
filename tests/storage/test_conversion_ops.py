"""Today's folder becomes operations with nothing lost: folded, they give back every record the app showed.

Compared, record by record, with what :class:`FamilyStore` reads from the old files: the
demo family, a folder with check-ins still in journals (and an undo), and years of the
benchmark's reference history.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from benchmarks.reference_history import generate_reference_history
from family_tui.clock import FixedClock
from family_tui.domain.models import Settings
from family_tui.domain.sync.hlc import HybridClock
from family_tui.storage import FamilyStore
from family_tui.storage.devices.convert import UnreadableOldFile, conversion_batches, left_behind
from family_tui.storage.devices.oplog import append_batch
from family_tui.storage.devices.state import FoldedState
from family_tui.usecases.demo import create_demo_data_dir
from tests.storage.old_format import old_format_copy
from tests.storage.storage_helpers import DAY, NOON, entry, note, win

TABLES = ("children", "caregivers", "therapists", "routines", "goals", "strategies", "notes", "wins", "skip_days")


def convert(folder: Path, clock: FixedClock) -> FoldedState:
    """``folder``'s family (written by today's store) as version 2 wrote it, converted on its own.

    The old folder has no logs: everything the state shows comes from the conversion.
    """
    return convert_old(old_format_copy(folder), clock)


def convert_old(folder: Path, clock: FixedClock) -> FoldedState:
    assert not (folder / "devices").exists()
    hlc = HybridClock("kitchen", clock)
    for batch in conversion_batches(folder, hlc.now):
        append_batch(folder, "kitchen", batch)
    state = FoldedState(folder)
    state.catch_up()
    state.flush()
    return FoldedState(folder)  # read back from the state files, as the next start would


def assert_same_as_the_app_showed(store: FamilyStore, state: FoldedState) -> None:
    program = store.program()
    shown = {
        **{name: getattr(program, name) for name in TABLES[:6]},
        "notes": store.notes(),
        "wins": store.wins(),
        "skip_days": store.skip_days(),
    }
    for table in TABLES:
        assert state.table(table) == [r.model_dump(mode="json") for r in shown[table]], table
    assert Settings.model_validate(state.settings()) == store.settings()

    def order(doc: dict) -> tuple:
        return (doc["date"], doc["created_at"], doc["id"])

    practice = sorted((doc for key in state.months() for doc in state.month(key)), key=order)
    assert practice == sorted((e.model_dump(mode="json") for e in store.all_practice()), key=order)


def test_the_demo_family_converts_whole(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    clock = FixedClock(NOON)
    folder = create_demo_data_dir(clock)
    store = FamilyStore(folder, clock=clock)
    assert store.all_practice() and store.notes()

    old = old_format_copy(folder)
    assert_same_as_the_app_showed(store, convert_old(old, clock))
    assert left_behind(old) == 0


def test_check_ins_still_in_journals_and_an_undo_convert(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save_many([note("Straw at lunch."), win("Drank from a cup")])
    store.update_settings(daily_minutes_target=25, theme="textual-light")
    store.record_many([entry("cup", DAY - timedelta(days=40)), entry("cup", DAY - timedelta(days=39))])
    store.record_practice(entry("straw"))
    store.record_practice(entry("blow"))
    store.remove_practice(DAY, "maya", "blow", "breakfast")  # an undo, still in the journal
    store.record_practice(entry("straw", minutes=7))  # a second check-in replaces the first

    state = convert(data_dir, clock)

    assert_same_as_the_app_showed(FamilyStore(data_dir, clock=clock), state)
    assert [d["minutes"] for d in state.month("2026-11") if d["strategy"] == "straw"] == [7]
    assert state.settings()["daily_minutes_target"] == 25


def test_a_converted_folder_merges_nothing_as_a_conflict(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Straw at lunch."))
    store.record_practice(entry())

    state = convert(data_dir, clock)

    assert list(state.conflicts()) == []


def test_a_record_that_fails_the_checks_is_carried_over_as_it_is(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Straw at lunch."))
    old = old_format_copy(data_dir)
    raw = (old / "family.json").read_text(encoding="utf-8").replace('"Mom"', "42")
    (old / "family.json").write_text(raw, encoding="utf-8")

    state = convert_old(old, clock)

    assert [n["author"] for n in state.table("notes")] == [42]


def test_an_unreadable_old_file_is_named_and_nothing_is_converted(data_dir, clock):
    FamilyStore(data_dir, clock=clock).record_practice(entry())
    old = old_format_copy(data_dir)
    (old / "practice" / "2026-11.journal").write_bytes(b'{"op":"put"}\n')

    with pytest.raises(UnreadableOldFile) as caught:
        conversion_batches(old, HybridClock("kitchen", clock).now)
    assert caught.value.path.name == "2026-11.journal"


@pytest.mark.slow
def test_five_years_of_the_reference_history_convert_whole(tmp_path):
    folder = tmp_path / "five-years"
    last = date(2026, 12, 6)
    generate_reference_history(folder, years=5, children=3, items_per_day=30, last_day=last, seed=7)
    clock = FixedClock(datetime(2026, 12, 7, 9, 0))
    store = FamilyStore(folder, clock=clock)

    state = convert(folder, clock)

    assert_same_as_the_app_showed(store, state)
    assert len(list(itertools.chain.from_iterable(state.month(k) for k in state.months()))) > 50_000
    shutil.rmtree(folder)
