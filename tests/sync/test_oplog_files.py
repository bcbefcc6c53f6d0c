"""Each device's log on disk: appended durably, a torn last line left out, a flipped byte named by file
and line, conflict copies from sync tools never read and listed, two devices with skewed clocks merged."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from family_tui.clock import FixedClock
from family_tui.domain.sync.fold import fold, unique
from family_tui.domain.sync.hlc import HybridClock, Stamp
from family_tui.domain.sync.ops import Op, encode_line
from family_tui.storage.devices import oplog
from family_tui.storage.devices.oplog import append, append_batch, conflict_copies, log_files, read_log, read_logs
from tests.sync.helpers import at, set_op

START = datetime(2026, 12, 7, 14, 0)
WALL = int((START - datetime(1970, 1, 1)).total_seconds() * 1000)


def kitchen_log(data: Path) -> Path:
    return data / "devices" / "kitchen" / "2026-12.log"


def test_operations_are_appended_to_the_devices_month_file_and_read_back(tmp_path):
    first, second = set_op(at(WALL), text="Straw"), set_op(at(WALL + 1), record="n2", text="Cup")
    append(tmp_path, "kitchen", [first])
    append(tmp_path, "kitchen", [second])
    assert log_files(tmp_path) == [kitchen_log(tmp_path)]
    assert kitchen_log(tmp_path).read_bytes().count(b"\n") == 2
    assert read_logs(tmp_path).ops == [first, second]
    assert oct(kitchen_log(tmp_path).stat().st_mode & 0o777) == "0o600"


def test_an_operation_goes_in_the_month_of_its_stamp(tmp_path):
    january = int((datetime(2027, 1, 1, 0, 0) - datetime(1970, 1, 1)).total_seconds() * 1000)
    append(tmp_path, "kitchen", [set_op(at(january - 1), text="a"), set_op(at(january), text="b")])
    assert [p.name for p in log_files(tmp_path)] == ["2026-12.log", "2027-01.log"]


def test_a_device_cannot_write_another_devices_operation(tmp_path):
    with pytest.raises(ValueError, match="cannot write"):
        append(tmp_path, "kitchen", [set_op(at(WALL, "dad"), text="a")])
    assert not (tmp_path / "devices").exists()


def test_a_line_cut_by_a_crash_is_not_there_and_the_next_append_is_whole(tmp_path):
    kept = set_op(at(WALL), text="Straw")
    append(tmp_path, "kitchen", [kept, set_op(at(WALL + 1), text="Cut short")])
    path = kitchen_log(tmp_path)
    path.write_bytes(path.read_bytes()[:-20])  # the second line's end never reached the disk
    assert read_log(path).ops == [kept] and read_log(path).damaged == []
    after = set_op(at(WALL + 2), text="Next")
    append(tmp_path, "kitchen", [after])
    found = read_logs(tmp_path)
    assert (found.ops, found.damaged) == ([kept, after], [])


def test_a_batch_cut_by_a_crash_at_any_byte_is_all_there_or_not_at_all(tmp_path):
    """A restore written as a batch: cut anywhere, the family sees the data before it or after it, never a mix."""
    before = set_op(at(WALL), record="n1", text="current")
    append(tmp_path, "kitchen", [before])
    restore = [set_op(at(WALL + 1 + n), record=f"n{n}", text=f"from backup {n}") for n in range(1, 4)]
    append_batch(tmp_path, "kitchen", restore)
    path = kitchen_log(tmp_path)
    whole = path.read_bytes()
    start = len(whole) - len(whole.split(b"\n")[-2]) - 1
    for cut in range(start, len(whole) + 1):
        path.write_bytes(whole[:cut])
        found = read_logs(tmp_path)
        assert found.damaged == []
        assert found.ops == ([before, *restore] if cut == len(whole) else [before]), cut


def test_a_flipped_byte_costs_only_its_line_and_is_named_by_file_and_line(tmp_path):
    ops = [set_op(at(WALL + n), record=f"n{n}", text=f"note {n}") for n in range(3)]
    append(tmp_path, "kitchen", ops)
    path = kitchen_log(tmp_path)
    data = bytearray(path.read_bytes())
    data[data.index(b"note 1")] ^= 0x02  # "note 1" becomes "lote 1" on disk
    path.write_bytes(bytes(data))
    found = read_logs(tmp_path)
    assert found.ops == [ops[0], ops[2]]
    [damage] = found.damaged
    assert (damage.path, damage.line) == (path, 2) and "checksum" in damage.reason
    assert str(damage).endswith("2026-12.log, line 2: its checksum does not match: the line was changed or damaged")


@pytest.mark.parametrize(
    "name",
    [
        "2026-12.sync-conflict-20261207-140000-ABCDEFG.log",
        "2026-12 (conflicted copy 2026-12-07).log",
        "2026-12 (Dad's laptop's conflicted copy).log",
        "2026-12.log.conflict1",
        "2026-12.conflict.log",
    ],
)
def test_a_sync_tools_conflict_copy_is_never_a_log_of_its_own_and_is_listed(tmp_path, name):
    append(tmp_path, "kitchen", [set_op(at(WALL), text="Straw")])
    copy = kitchen_log(tmp_path).with_name(name)
    copy.write_bytes(kitchen_log(tmp_path).read_bytes())
    (tmp_path / "family.sync-conflict-20261207-140000-ABCDEFG.json").write_text("{}")
    assert log_files(tmp_path) == [kitchen_log(tmp_path)]
    assert len(unique(read_logs(tmp_path).ops)) == 1  # a copy's operations count once
    assert conflict_copies(tmp_path) == sorted([copy, tmp_path / "family.sync-conflict-20261207-140000-ABCDEFG.json"])


def test_what_only_a_conflict_copy_of_a_log_holds_is_taken_in(tmp_path):
    """Two computers that shared a device id (a folder copied with its local folder) each wrote the log."""
    append(tmp_path, "kitchen", [set_op(at(WALL), text="Straw")])
    copy = kitchen_log(tmp_path).with_name("2026-12.sync-conflict-20261207-140000-ABCDEFG.log")
    copy.write_bytes(kitchen_log(tmp_path).read_bytes() + encode_line(set_op(at(WALL + 2), record="n3", text="Cup")))

    assert set(fold(read_logs(tmp_path).ops).tables["notes"]) == {"n1", "n3"}


def test_the_local_folder_and_syncthings_old_versions_are_not_named_as_conflicts(tmp_path):
    for folder in (".family-tui-local", ".stversions"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.sync-conflict-1.json").write_text("{}")
    assert conflict_copies(tmp_path) == []


def test_an_unreadable_log_is_reported_and_the_others_still_read(tmp_path, monkeypatch):
    append(tmp_path, "kitchen", [set_op(at(WALL), text="Straw")])
    append(tmp_path, "dad", [set_op(at(WALL, "dad"), record="n2", text="Cup")])
    bad = tmp_path / "devices" / "dad" / "2026-12.log"
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == bad:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    found = read_logs(tmp_path)
    assert [op.id for op in found.ops] == ["n1"]
    assert [str(d) for d in found.damaged] == [f"{bad}, line 0: it cannot be read (Input/output error)"]


def test_two_devices_with_skewed_clocks_both_keep_their_changes_and_the_fast_one_stops_winning(tmp_path):
    """Dad's laptop runs 40 minutes fast. Apart, both edit the same note: dad's value shows and the
    kitchen's is kept beside it. Once the kitchen has read dad's log, its next edit wins."""
    kitchen_clock, dad_clock = FixedClock(START), FixedClock(START + timedelta(minutes=40))
    kitchen, dad = HybridClock("kitchen", kitchen_clock), HybridClock("dad", dad_clock)

    def write(hlc: HybridClock, **fields) -> Op:
        state = fold(read_logs(tmp_path).ops)
        if state.latest is not None:
            hlc.observe(state.latest)
        op = Op(hlc.now(), "set", "notes", "n1", fields, state.base_for("notes", "n1", fields))
        append(tmp_path, hlc.device, [op])
        return op

    write(kitchen, text="Straw", answer="")
    dad.observe(fold(read_logs(tmp_path).ops).latest)  # dad's copy arrives; then the homes go apart
    # Apart: each home writes from the state both last saw, without reading the other's new line.
    base = fold(read_logs(tmp_path).ops)
    kitchen_edit = Op(
        kitchen.now(), "set", "notes", "n1", {"text": "Straw at lunch"}, base.base_for("notes", "n1", ["text"])
    )
    dads_edit = Op(
        dad.now(),
        "set",
        "notes",
        "n1",
        {"text": "Straw at dinner", "answer": "Thinner"},
        base.base_for("notes", "n1", ["text", "answer"]),
    )
    append(tmp_path, "kitchen", [kitchen_edit])
    append(tmp_path, "dad", [dads_edit])
    state = fold(read_logs(tmp_path).ops)
    assert state.tables["notes"]["n1"] == {"text": "Straw at dinner", "answer": "Thinner"}
    [conflict] = state.conflicts
    assert [o.value for o in conflict.others] == ["Straw at lunch"]
    # Back in touch: the kitchen (its clock still 40 minutes behind) edits again, having seen both.
    kitchen_clock.advance(minutes=1)
    write(kitchen, text="Straw at lunch and dinner")
    state = fold(read_logs(tmp_path).ops)
    assert state.tables["notes"]["n1"]["text"] == "Straw at lunch and dinner"
    assert state.conflicts == []


_devices = st.sampled_from(["kitchen", "dad", "granny"])
_file_ops = st.builds(
    lambda wall, counter, device, record, text: set_op(Stamp(wall, counter, device), record=record, text=text),
    st.sampled_from([WALL, WALL + 1, WALL + 40 * 86_400_000]),  # two months
    st.integers(0, 3),
    _devices,
    st.sampled_from(["n1", "n2"]),
    st.sampled_from(["a", "b", "c"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_file_ops, max_size=12), st.randoms(use_true_random=False))
def test_operations_split_across_files_batches_and_copies_fold_to_the_same_state(ops, rnd):
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        pending = list(unique(ops).values())
        rnd.shuffle(pending)
        while pending:
            take = [pending.pop(0)]
            while pending and pending[0].device == take[0].device and rnd.random() < 0.5:
                take.append(pending.pop(0))
            (append_batch if rnd.random() < 0.5 else append)(data, take[0].device, take)
        files = log_files(data)
        if files:  # a log copied into another folder by hand: its lines count once
            copy = data / "devices" / "copied" / files[0].name
            copy.parent.mkdir()
            shutil.copyfile(rnd.choice(files), copy)
        assert fold(read_logs(data).ops) == fold(ops)


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_line_that_did_not_reach_the_disk_is_taken_back(tmp_path, monkeypatch, failing):
    """Never acknowledged, so it must never be read: a later reader would take it for a saved change."""
    append(tmp_path, "kitchen", [set_op(at(WALL), text="Straw")])
    before = kitchen_log(tmp_path).read_bytes()

    class Failing:
        def __getattr__(self, name):
            return getattr(os, name)

    broken = Failing()

    def fail(*args):
        if failing == "write":
            os.write(args[0], args[1][:10])  # part of the line got out before the disk filled
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    setattr(broken, failing, fail)
    monkeypatch.setattr(oplog, "os", broken)
    with pytest.raises(OSError):
        append(tmp_path, "kitchen", [set_op(at(WALL + 1), record="n2", text="Cup")])
    monkeypatch.setattr(oplog, "os", os)

    assert kitchen_log(tmp_path).read_bytes() == before
    assert len(read_logs(tmp_path).ops) == 1
