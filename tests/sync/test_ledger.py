"""Two homes' ledgers, their device folders copied across as a sync tool would: the same state in both, nothing lost.

Each home writes only its own log; "syncing" here is copying the other home's device
folder, byte for byte, which is all Syncthing does with files only one device writes.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.domain.sync.records import PRACTICE, practice_id
from family_tui.storage.devices import state as state_module
from family_tui.storage.devices.ledger import Ledger
from family_tui.storage.devices.oplog import read_logs

NOON = datetime(2026, 12, 7, 12, 0)
NOTE = {"id": "n1", "kind": "observation", "child": "maya", "author": "Mom", "text": "Straw", "answer": ""}
CHECK_IN = {"id": "e1", "date": "2026-12-07", "child": "maya", "strategy": "straw", "routine": "lunch", "minutes": 3}


def home(tmp_path: Path, name: str, clock: FixedClock) -> Ledger:
    folder = tmp_path / name
    folder.mkdir()
    return Ledger(folder, clock, device=name)


def sync(*homes: Ledger) -> None:
    """Every home gets every other home's device folder."""
    for source in homes:
        for target in homes:
            if target is not source:
                mine = source.data_dir / "devices" / source.device
                if mine.is_dir():
                    shutil.copytree(mine, target.data_dir / "devices" / source.device, dirs_exist_ok=True)
    for ledger in homes:
        ledger.catch_up()


def notes(ledger: Ledger) -> list[dict]:
    return ledger.state.table("notes")


def test_edits_of_different_fields_of_one_note_in_two_homes_both_stay(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    kitchen.change("notes", [(None, NOTE)])
    sync(kitchen, dad)

    clock.advance(minutes=5)
    kitchen.change("notes", [(NOTE, {**NOTE, "text": "Straw at lunch"})])
    dad.change("notes", [(NOTE, {**NOTE, "answer": "Try a thicker straw"})])
    sync(kitchen, dad)

    both = {**NOTE, "text": "Straw at lunch", "answer": "Try a thicker straw"}
    assert notes(kitchen) == notes(dad) == [both]
    assert list(kitchen.state.conflicts()) == []


def test_the_same_field_written_in_both_homes_keeps_the_other_value_beside_it(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    kitchen.change("notes", [(None, NOTE)])
    sync(kitchen, dad)

    clock.advance(minutes=5)
    kitchen.change("notes", [(NOTE, {**NOTE, "text": "Straw at lunch"})])
    dad.change("notes", [(NOTE, {**NOTE, "text": "Straw at dinner"})])
    sync(kitchen, dad)

    assert notes(kitchen) == notes(dad)
    [conflict] = list(kitchen.state.conflicts())
    assert {conflict.value, *(o.value for o in conflict.others)} == {"Straw at lunch", "Straw at dinner"}

    # Writing the text again, having seen both, settles it in both homes.
    clock.advance(minutes=1)
    shown = notes(kitchen)[0]
    kitchen.change("notes", [(shown, {**shown, "text": "Straw at lunch and dinner"})])
    sync(kitchen, dad)
    assert list(kitchen.state.conflicts()) == list(dad.state.conflicts()) == []
    assert notes(dad)[0]["text"] == "Straw at lunch and dinner"


def test_check_ins_in_both_homes_on_one_day_all_stay(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    dad.change(PRACTICE, [(None, {**CHECK_IN, "id": "e2", "strategy": "cup"})])
    sync(kitchen, dad)

    assert {d["strategy"] for d in kitchen.state.month("2026-12")} == {"straw", "cup"}
    assert kitchen.state.month("2026-12") == dad.state.month("2026-12")


def test_an_undo_in_one_home_is_carried_to_the_other(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    sync(kitchen, dad)
    clock.advance(seconds=30)

    changes = kitchen.change(PRACTICE, [(CHECK_IN, None)])
    assert changes.records == {(PRACTICE, practice_id(CHECK_IN)): None}
    sync(kitchen, dad)

    assert dad.state.month("2026-12") == []


def test_a_clock_running_ahead_stops_winning_once_its_writes_are_seen(tmp_path):
    fast, slow = FixedClock(NOON.replace(hour=13)), FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", fast), home(tmp_path, "dad", slow)
    kitchen.change("notes", [(None, NOTE)])
    sync(kitchen, dad)

    dad.change("notes", [(NOTE, {**NOTE, "text": "Dad's words"})])  # written after seeing the kitchen's
    sync(kitchen, dad)

    assert notes(kitchen)[0]["text"] == notes(dad)[0]["text"] == "Dad's words"


def test_this_devices_own_write_is_not_read_back_from_its_log(tmp_path, monkeypatch):
    kitchen = home(tmp_path, "kitchen", FixedClock(NOON))
    kitchen.change("notes", [(None, NOTE)])
    read: list[bytes] = []
    real = state_module.decode_line
    monkeypatch.setattr(state_module, "decode_line", lambda line: read.append(line) or real(line))

    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    kitchen.catch_up()

    assert read == []
    assert len(read_logs(kitchen.data_dir).ops) == 2


def test_a_restart_stamps_after_everything_it_wrote_before(tmp_path):
    clock = FixedClock(NOON)
    kitchen = home(tmp_path, "kitchen", clock)
    kitchen.change("notes", [(None, NOTE)])
    kitchen.flush()
    clock.set(NOON.replace(hour=11))  # the computer's clock was set back

    again = Ledger(kitchen.data_dir, clock, device="kitchen")
    again.change("notes", [(NOTE, {**NOTE, "text": "After the restart"})])

    assert notes(again)[0]["text"] == "After the restart"


def test_a_change_that_changes_nothing_writes_nothing(tmp_path):
    kitchen = home(tmp_path, "kitchen", FixedClock(NOON))
    kitchen.change("notes", [(None, NOTE)])
    assert not kitchen.change("notes", [(NOTE, dict(NOTE))])
    assert len(read_logs(kitchen.data_dir).ops) == 1


def test_settings_changed_in_two_homes_both_stay(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    settings = {"theme": "textual-dark", "daily_minutes_target": 10}
    kitchen.change("settings", [(None, settings)])
    sync(kitchen, dad)
    clock.advance(minutes=1)

    kitchen.change("settings", [(settings, {**settings, "theme": "textual-light"})])
    dad.change("settings", [(settings, {**settings, "daily_minutes_target": 20})])
    sync(kitchen, dad)

    assert kitchen.state.settings() == dad.state.settings() == {"theme": "textual-light", "daily_minutes_target": 20}


def test_a_full_disk_says_which_log_and_folds_nothing_in(tmp_path, monkeypatch):
    import errno
    import os

    from family_tui.storage.devices import oplog
    from family_tui.storage.errors import WriteFailedError

    kitchen = home(tmp_path, "kitchen", FixedClock(NOON))
    kitchen.change("notes", [(None, NOTE)])

    class Full:
        def __getattr__(self, name):
            return getattr(os, name)

        def fsync(self, fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(oplog, "os", Full())
    try:
        kitchen.change("notes", [(NOTE, {**NOTE, "text": "Never saved"})])
    except WriteFailedError as error:
        assert "devices/kitchen/2026-12.log" in str(error) and "Nothing was changed" in str(error)
    else:
        raise AssertionError("the failed write was not reported")
    monkeypatch.setattr(oplog, "os", os)

    assert notes(kitchen) == [NOTE]
    again = Ledger(kitchen.data_dir, FixedClock(NOON), device="kitchen")
    again.catch_up()
    assert notes(again) == [NOTE]


def _as_folded_from_the_logs(ledger: Ledger, rid: str) -> None:
    """The ledger's state of one check-in is what folding both logs from scratch says."""
    from family_tui.domain.sync.fold import fold

    folded = fold(op for op in read_logs(ledger.data_dir).ops if op.id == rid)
    fields = folded.tables.get(PRACTICE, {}).get(rid)
    assert ledger.state.month("2026-12") == ([{"id": CHECK_IN["id"], **fields}] if fields else [])
    assert list(ledger.state.conflicts()) == folded.conflicts
    names = sorted(CHECK_IN)
    assert ledger.state.base_for(PRACTICE, rid, names) == folded.base_for(PRACTICE, rid, names)


def test_a_check_in_marked_again_and_again_in_two_homes_is_always_the_fold_of_both_logs(tmp_path):
    # The kitchen marks and un-marks one item over and over while dad, whose clock runs
    # ahead, does too; some of what each home reads is newer than its own last write, some older.
    kitchen_clock, dad_clock = FixedClock(NOON), FixedClock(NOON.replace(minute=2))
    kitchen, dad = home(tmp_path, "kitchen", kitchen_clock), home(tmp_path, "dad", dad_clock)
    rid = practice_id(CHECK_IN)
    for turn in range(8):
        for ledger, clock in ((kitchen, kitchen_clock), (dad, dad_clock)):
            for minutes in range(3):
                clock.advance(seconds=1)
                before = ledger.state.record(PRACTICE, rid)
                ledger.change(PRACTICE, [(before, None if before else {**CHECK_IN, "minutes": turn * 3 + minutes})])
                _as_folded_from_the_logs(ledger, rid)
        if turn % 3:
            sync(kitchen, dad)
            _as_folded_from_the_logs(kitchen, rid)
            _as_folded_from_the_logs(dad, rid)


def test_a_check_in_marked_again_is_not_folded_again_from_all_its_operations(tmp_path, monkeypatch):
    clock = FixedClock(NOON)
    kitchen = home(tmp_path, "kitchen", clock)
    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    clock.advance(seconds=1)
    kitchen.change(PRACTICE, [(CHECK_IN, None)])
    folded: list[int] = []
    from family_tui.domain.sync import fold as fold_module  # the state imports it when it first folds

    real = fold_module.fold
    monkeypatch.setattr(fold_module, "fold", lambda ops: folded.append(len(ops := list(ops))) or real(ops))

    for _ in range(10):
        clock.advance(seconds=1)
        kitchen.change(PRACTICE, [(None, CHECK_IN)])
        clock.advance(seconds=1)
        kitchen.change(PRACTICE, [(CHECK_IN, None)])

    assert folded == []
    _as_folded_from_the_logs(kitchen, practice_id(CHECK_IN))


def _settled(*folders: Path) -> None:
    """As if the folders of logs had last changed an hour ago (a listing of them is then trusted)."""
    import os
    import time

    for folder in folders:
        for path in [folder / "devices", *(folder / "devices").iterdir()]:
            os.utime(path, ns=(time.time_ns() - 3600 * 10**9,) * 2)


def test_a_write_looks_only_at_each_devices_latest_log_while_no_folder_of_logs_changed(tmp_path, monkeypatch):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    dad.change("notes", [(None, {**NOTE, "id": "n0", "text": "Before"})])
    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    sync(kitchen, dad)
    _settled(kitchen.data_dir)
    kitchen.catch_up()  # a full look: the store's poll
    listed: list[Path] = []
    real = state_module.list_logs
    dad.change("notes", [(None, NOTE)])  # dad's latest log grows in place
    monkeypatch.setattr(state_module, "list_logs", lambda data: listed.append(data) or real(data))
    shutil.copy(dad.data_dir / "devices/dad/2026-12.log", kitchen.data_dir / "devices/dad/2026-12.log")

    clock.advance(seconds=1)
    kitchen.change(PRACTICE, [(CHECK_IN, None)])

    assert listed == []
    assert notes(kitchen) == notes(dad)


def test_a_log_a_sync_tool_brings_is_taken_in_by_the_next_write(tmp_path):
    clock = FixedClock(NOON)
    kitchen, dad = home(tmp_path, "kitchen", clock), home(tmp_path, "dad", clock)
    kitchen.change(PRACTICE, [(None, CHECK_IN)])
    _settled(kitchen.data_dir)
    kitchen.catch_up()
    dad.change("notes", [(None, NOTE)])
    shutil.copytree(dad.data_dir / "devices/dad", kitchen.data_dir / "devices/dad")  # a new device's folder

    clock.advance(seconds=1)
    changes = kitchen.change(PRACTICE, [(CHECK_IN, None)])

    assert notes(kitchen) == [NOTE]
    assert ("notes", "n1") in changes.records
