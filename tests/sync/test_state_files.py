"""The folded state in the local folder: what the logs say, brought up to date by reading only what is new.

Every test compares with :func:`fold` of all the logs read from scratch: the state kept
on disk must never say anything else, whatever order the operations arrived in.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
from datetime import datetime
from pathlib import Path

import pytest

from family_tui.domain.sync import ops as ops_module
from family_tui.domain.sync.fold import fold
from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op, encode_line
from family_tui.domain.sync.records import PRACTICE, practice_id, rank_ops
from family_tui.storage.devices.oplog import append, append_batch, read_logs
from family_tui.storage.devices.state import FoldedState, month_of
from tests.sync.helpers import at

START = datetime(2026, 12, 7, 14, 0)
WALL = int((START - datetime(1970, 1, 1)).total_seconds() * 1000)


def note(stamp: Stamp, record: str = "n1", base=None, **fields) -> Op:
    return Op(stamp, "set", "notes", record, fields, base or {})


def check_in(stamp: Stamp, day: str = "2026-12-07", strategy: str = "straw", **fields) -> Op:
    doc = {"date": day, "child": "maya", "strategy": strategy, "routine": "lunch", "minutes": 3, **fields}
    return Op(stamp, "set", PRACTICE, practice_id(doc), doc)


def expected(data: Path, table: str) -> dict[str, dict]:
    return fold(read_logs(data).ops).tables.get(table, {})


def state_notes(state: FoldedState) -> dict[str, dict]:
    return {doc["id"]: doc for doc in state.table("notes")}


def with_ids(table: dict[str, dict]) -> dict[str, dict]:
    return {rid: {"id": rid, **fields} for rid, fields in table.items()}


def test_the_state_is_the_fold_of_every_devices_log(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="Straw at lunch", answer="")])
    append(tmp_path, "dad", [note(at(WALL + 5, "dad"), id="n1", text="Straw at dinner")])
    append(tmp_path, "dad", [check_in(at(WALL + 6, "dad"))])

    state = FoldedState(tmp_path)
    assert state.catch_up()

    assert state_notes(state) == {"n1": {"id": "n1", "text": "Straw at dinner", "answer": ""}}
    assert state.month("2026-12") == list(expected(tmp_path, PRACTICE).values())
    assert state.latest == at(WALL + 6, "dad")


def test_the_folded_state_is_read_back_from_its_files_after_a_restart(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="Straw"), check_in(at(WALL + 1))])
    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()

    again = FoldedState(tmp_path)
    assert not again.catch_up()
    assert again.table("notes") == [{"id": "n1", "text": "Straw"}]
    assert [doc["strategy"] for doc in again.month("2026-12")] == ["straw"]
    assert again.base_for("notes", "n1", ["text"]) == {"text": (at(WALL),)}


def test_a_new_start_reads_only_what_the_logs_gained(tmp_path, monkeypatch):
    append(tmp_path, "kitchen", [note(at(WALL + i), record=f"n{i}", id=f"n{i}", text=str(i)) for i in range(50)])
    first = FoldedState(tmp_path)
    first.catch_up()
    first.flush()
    append(tmp_path, "dad", [note(at(WALL + 100, "dad"), record="n7", id="n7", text="changed")])

    decoded: list[bytes] = []
    real = ops_module.decode_line
    monkeypatch.setattr("family_tui.storage.devices.state.decode_line", lambda line: decoded.append(line) or real(line))
    again = FoldedState(tmp_path)
    assert again.catch_up()

    assert len(decoded) == 1
    assert state_notes(again) == with_ids(expected(tmp_path, "notes"))
    assert state_notes(again)["n7"]["text"] == "changed"


def test_nothing_new_reads_nothing(tmp_path, monkeypatch):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="a")])
    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()
    monkeypatch.setattr("family_tui.storage.devices.state.decode_line", lambda line: pytest.fail("read again"))
    assert not FoldedState(tmp_path).catch_up()


def test_a_write_from_the_other_home_made_long_ago_still_merges_field_by_field(tmp_path):
    """The other home was offline a month: its older writes arrive after ours were folded and flushed."""
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="Straw", answer="")])
    state = FoldedState(tmp_path)
    state.catch_up()
    base = state.base_for("notes", "n1", ["text"])
    append(tmp_path, "kitchen", [note(at(WALL + 50), base=base, text="Straw at lunch")])
    state.catch_up()
    state.flush()
    append(tmp_path, "dad", [note(at(WALL + 10, "dad"), base=base, answer="Yes, with a cup")])
    append(tmp_path, "dad", [note(at(WALL + 20, "dad"), base=base, text="Straw at dinner")])

    again = FoldedState(tmp_path)
    again.catch_up()

    assert state_notes(again)["n1"] == {"id": "n1", "text": "Straw at lunch", "answer": "Yes, with a cup"}
    [conflict] = list(again.conflicts())
    assert conflict.field == "text" and [o.value for o in conflict.others] == ["Straw at dinner"]


def test_a_log_replaced_by_other_bytes_is_folded_again_from_the_start(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one"), note(at(WALL + 1), record="n2", id="n2")])
    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()
    log = next((tmp_path / "devices" / "kitchen").iterdir())
    log.unlink()
    append(tmp_path, "kitchen", [note(at(WALL + 2), id="n1", text="two")])

    again = FoldedState(tmp_path)
    again.catch_up()

    assert state_notes(again) == {"n1": {"id": "n1", "text": "two"}}


def test_a_log_that_went_away_leaves_the_state(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one")])
    append(tmp_path, "dad", [note(at(WALL + 1, "dad"), record="n2", id="n2", text="two")])
    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()
    for log in (tmp_path / "devices" / "dad").iterdir():
        log.unlink()

    again = FoldedState(tmp_path)
    again.catch_up()

    assert set(state_notes(again)) == {"n1"}


def test_a_torn_last_line_waits_until_it_is_whole(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one")])
    log = next((tmp_path / "devices" / "kitchen").iterdir())
    whole = log.read_bytes()
    append(tmp_path, "kitchen", [note(at(WALL + 1), record="n2", id="n2", text="two")])
    second = log.read_bytes()[len(whole) :]
    log.write_bytes(whole + second[:20])

    state = FoldedState(tmp_path)
    state.catch_up()
    assert set(state_notes(state)) == {"n1"}

    log.write_bytes(whole + second)
    state.catch_up()
    assert set(state_notes(state)) == {"n1", "n2"}


def test_a_damaged_line_is_named_and_kept_named_after_a_restart(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one"), note(at(WALL + 1), record="n2", id="n2")])
    log = next((tmp_path / "devices" / "kitchen").iterdir())
    log.write_bytes(log.read_bytes().replace(b'"one"', b'"ONE"'))

    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()

    assert set(state_notes(state)) == {"n2"}
    [damage] = FoldedState(tmp_path).damaged
    assert damage.path == log and damage.line == 1 and "checksum" in damage.reason


def test_a_batch_folds_all_at_once_and_reorders_a_table(tmp_path):
    stamps = iter(at(WALL + i) for i in range(100))
    children = [Op(next(stamps), "set", "children", c, {"id": c, "name": c.title()}) for c in ("maya", "leo", "ada")]
    append_batch(tmp_path, "kitchen", children)
    state = FoldedState(tmp_path)
    state.catch_up()
    assert [c["id"] for c in state.table("children")] == ["maya", "leo", "ada"]

    append(tmp_path, "kitchen", rank_ops(lambda: next(stamps), "children", ["ada", "maya"]))
    state.catch_up()
    assert [c["id"] for c in state.table("children")] == ["ada", "maya", "leo"]
    assert all("_rank" not in c for c in state.table("children"))


def test_a_check_in_made_twice_in_two_homes_is_one_entry(tmp_path):
    append(tmp_path, "kitchen", [check_in(at(WALL), minutes=3)])
    append(tmp_path, "dad", [check_in(at(WALL + 9, "dad"), minutes=5)])
    state = FoldedState(tmp_path)
    state.catch_up()
    [entry] = state.month("2026-12")
    assert entry["minutes"] == 5


def test_a_catch_up_says_which_records_changed_for_the_state_files_to_take_in(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one"), note(at(WALL + 1), record="n2", id="n2")])
    state = FoldedState(tmp_path)
    state.catch_up()
    append(
        tmp_path,
        "dad",
        [note(at(WALL + 5, "dad"), id="n1", text="two"), Op(at(WALL + 6, "dad"), "delete", "notes", "n2")],
    )
    append(tmp_path, "dad", [note(at(WALL + 7, "dad"), record="n3", id="n3")])

    changes = state.catch_up()

    assert changes.records == {
        ("notes", "n1"): {"id": "n1", "text": "two"},
        ("notes", "n2"): None,
        ("notes", "n3"): {"id": "n3"},
    }
    assert not changes.rebuilt


def test_a_write_that_changes_no_value_changes_nothing_to_take_in(tmp_path):
    state = FoldedState(tmp_path)
    assert state.apply([note(at(WALL), id="n1", text="one")])
    assert not state.apply([note(at(WALL), id="n1", text="one")])  # the same op again
    assert not state.apply([note(at(WALL + 1, "dad"), id="n1", text="one")])


def test_a_log_replaced_says_the_state_was_folded_anew(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one")])
    state = FoldedState(tmp_path)
    state.catch_up()
    log = next((tmp_path / "devices" / "kitchen").iterdir())
    log.write_bytes(b"")

    assert state.catch_up().rebuilt
    assert state.table("notes") == []


def test_a_conflict_copy_of_a_log_is_folded_in_once(tmp_path):
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="one")])
    log = next((tmp_path / "devices" / "kitchen").iterdir())
    extra = encode_line(note(at(WALL + 1), record="n2", id="n2", text="two"))
    log.with_name("2026-12.sync-conflict-20261207-140000-ABCDEFG.log").write_bytes(log.read_bytes() + extra)

    state = FoldedState(tmp_path)
    state.catch_up()

    assert state_notes(state) == {"n1": {"id": "n1", "text": "one"}, "n2": {"id": "n2", "text": "two"}}


def test_a_value_only_another_programs_line_can_hold_is_kept_in_the_state_files(tmp_path):
    """NaN: JSON's reader takes it, our writer refuses it. A line holding it (another program's,
    its checksum right) is folded as read, and the state files keep it as the line did."""
    op = note(at(WALL), id="n1", text="Straw", minutes=float("nan"))
    raw = json.dumps(op.document(), sort_keys=True, separators=(",", ":")).encode("ascii")
    line = raw[:-1] + b',"sum":"' + hashlib.sha256(raw).hexdigest()[:16].encode("ascii") + b'"}\n'
    log = tmp_path / "devices" / "kitchen" / "2026-12.log"
    log.parent.mkdir(parents=True)
    log.write_bytes(line)
    state = FoldedState(tmp_path)
    state.catch_up()
    state.flush()

    again = FoldedState(tmp_path)
    assert not again.catch_up()
    [kept] = again.table("notes")
    assert kept["text"] == "Straw" and math.isnan(kept["minutes"])


@pytest.mark.parametrize(
    "rid, month",
    [
        ('["2026-11-26","maya","straw","breakfast"]', "2026-11"),
        ('["2026-11-26","a\\"b","c","d"]', "2026-11"),  # an escape: read as JSON
        ('["2026-11-26", "x"]', "2026-11"),
        ('["2026-11-26","é"]', "2026-11"),
        ('["2026-1","x"]', "unknown"),
        ('["2026-11-26","a\x01"]', "unknown"),  # a control character: not JSON
        ('["2026-11-26","a"]x', "unknown"),
        ("[]", "unknown"),
        ("garbage", "unknown"),
    ],
)
def test_a_check_in_lives_in_the_month_file_of_its_day(rid, month):
    assert month_of((PRACTICE, rid)) == month


def test_folding_every_log_from_the_start_runs_without_collections(tmp_path, monkeypatch):
    """Years of logs make hundreds of thousands of objects that all stay: collections would walk them again and again."""
    append(tmp_path, "kitchen", [note(at(WALL), id="n1", text="Straw"), check_in(at(WALL + 1))])
    seen: list[bool] = []
    original = FoldedState.apply
    monkeypatch.setattr(
        FoldedState, "apply", lambda self, ops, **options: seen.append(gc.isenabled()) or original(self, ops, **options)
    )
    state = FoldedState(tmp_path)
    assert state.rebuild()
    assert seen == [False]
    assert gc.isenabled()
    assert state.table("notes") == [{"id": "n1", "text": "Straw"}]


def test_the_state_files_of_a_first_opening_are_made_without_collections(tmp_path, monkeypatch):
    from family_tui.storage import FamilyStore
    from family_tui.storage.practice import PracticeMonths

    append(tmp_path, "kitchen", [check_in(at(WALL))])
    seen: list[bool] = []
    original = PracticeMonths.replace_month
    monkeypatch.setattr(
        PracticeMonths,
        "replace_month",
        lambda self, *args, **options: seen.append(gc.isenabled()) or original(self, *args, **options),
    )
    FamilyStore(tmp_path)
    assert seen == [False]  # the month of the one check-in, made again
    assert gc.isenabled()
